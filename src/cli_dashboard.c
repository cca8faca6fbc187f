/* cli_dashboard.c — the dashboard and the overdue list outside the terminal. */
#include "cli_dashboard.h"

#include <stdlib.h>
#include <string.h>

#include "dashboard.h"
#include "i18n.h"
#include "ledger.h"
#include "overdue.h"
#include "textout.h"

#define MAXCOLS 9

/* One panel: a title, typed columns, rows of text cells (kept in a textout table). */
typedef struct panel {
	const char *title;
	int ncols;
	const char *header[MAXCOLS];
	ledger_type type[MAXCOLS];
	textout_table t;
} panel;

static void panel_init(panel *p, const char *title, int ncols, const char *const *header, const ledger_type *type)
{
	memset(p, 0, sizeof *p);
	p->title = title;
	p->ncols = ncols;
	for (int i = 0; i < ncols; i++) {
		p->header[i] = header[i];
		p->type[i] = type[i];
	}
	textout_init(&p->t, ncols, p->header);
}

static lz_status panel_add(panel *p, const char *const *cells, lz_err *err)
{
	return textout_add(&p->t, cells) ? LZ_OK : lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
}

/* Writes the panels to path, one sheet each, print-ready (ledger.c: landscape, fit to width, header repeated and frozen). */
static lz_status panels_xlsx(panel *ps, int n, const char *path, lz_err *err)
{
	ledger_format fmt;
	lz_status st = ledger_format_from_path(path, &fmt, err);
	if (!st && fmt != LEDGER_FMT_XLSX)
		st = lz_fail(err, LZ_USAGE, _("%s: this report is written as .xlsx (use --format csv for CSV)"), path);
	ledger_book *b = NULL;
	if (!st)
		st = ledger_open(&b, path, fmt, ENC_UTF8, 0, err);
	for (int i = 0; !st && i < n; i++) {
		ledger_col cols[MAXCOLS];
		for (int c = 0; c < ps[i].ncols; c++)
			cols[c] = (ledger_col){ ps[i].header[c], ps[i].type[c] };
		st = ledger_sheet(b, ps[i].title, ps[i].title, cols, ps[i].ncols, err);
		for (int r = 0; !st && r < ps[i].t.nrows; r++)
			st = ledger_row(b, (const char *const *)ps[i].t.rows[r], err);
	}
	if (st) {
		ledger_abort(b);
		return st;
	}
	return ledger_close(b, err);
}

static void panels_free(panel *ps, int n)
{
	for (int i = 0; i < n; i++)
		textout_clear(&ps[i].t);
}

/* The options both reports share. */
typedef struct opts {
	const char *year, *unit, *category, *out;
	bool csv;
} opts;

static lz_status read_opts(const cli_cmd *c, opts *o, lz_err *err)
{
	const char *fmt = cli_opt(c, "--format");
	o->year = cli_opt(c, "--year");
	o->unit = cli_opt(c, "--unit");
	o->category = cli_opt(c, "--category");
	o->out = cli_opt(c, "-o");
	if (fmt && strcmp(fmt, "csv") && strcmp(fmt, "text"))
		return lz_fail(err, LZ_USAGE, _("--format takes text or csv, not '%s'"), fmt);
	o->csv = fmt && strcmp(fmt, "csv") == 0;
	if (o->out && fmt)
		return lz_fail(err, LZ_USAGE, "%s", _("-o writes a workbook; leave out --format"));
	if (o->year && (strlen(o->year) != 4 || strspn(o->year, "0123456789") != 4))
		return lz_fail(err, LZ_USAGE, _("--year takes a year like 2026, not '%s'"), o->year);
	if (o->category) {
		/* The unit descriptor's own list of categories. */
		const kind_field *cf = kind_field_named(kind_find("unit"), "category");
		const char *const *ch = cf ? cf->choices : NULL;
		while (ch && *ch && strcmp(*ch, o->category) != 0)
			ch++;
		if (!ch || !*ch)
			return lz_fail(err, LZ_USAGE, _("--category takes a unit category such as 乡镇 or 区级部门, not '%s'"),
				       o->category);
	}
	return LZ_OK;
}

static const ledger_type T3[] = { LEDGER_TEXT, LEDGER_TEXT, LEDGER_TEXT };

static lz_status dashboard_panels(const dashboard *d, panel ps[3], lz_err *err)
{
	/* "closed" counts records; "done" is a task's state (dash_color_word). */
	const char *mh[] = { _("mechanism"), _("name"), _("closed"), _("open"), _("overdue") };
	const ledger_type mt[] = { LEDGER_TEXT, LEDGER_TEXT, LEDGER_INT, LEDGER_INT, LEDGER_INT };
	const char *th[] = { _("task"), _("state"), _("records"), _("closed"), _("open"), _("overdue"), _("due soon"),
			     _("task title"), _("lead unit") };
	const ledger_type tt[] = { LEDGER_INT, LEDGER_TEXT, LEDGER_INT, LEDGER_INT, LEDGER_INT, LEDGER_INT, LEDGER_INT,
				   LEDGER_TEXT, LEDGER_TEXT };
	const char *wh[] = { _("warning"), _("records"), _("ledger") };
	const ledger_type wt[] = { LEDGER_TEXT, LEDGER_INT, LEDGER_TEXT };
	(void)T3;
	panel_init(&ps[0], _("Work mechanisms"), 5, mh, mt);
	panel_init(&ps[1], _("The 23 tasks"), 9, th, tt);
	panel_init(&ps[2], _("Warnings"), 3, wh, wt);
	lz_status st = LZ_OK;
	char a[32], b[32], c[32], n[32], e[32], g[32];
	for (int m = 0; !st && m < CATALOG_MECHANISMS; m++) {
		const dash_mech *dm = &d->mech[m];
		snprintf(a, sizeof a, "%lld", (long long)dm->closed);
		snprintf(b, sizeof b, "%lld", (long long)dm->open);
		snprintf(c, sizeof c, "%lld", (long long)dm->late);
		const char *row[] = { dm->ch, dm->title, a, b, c };
		st = panel_add(&ps[0], row, err);
	}
	for (int i = 0; !st && i < CATALOG_TASKS; i++) {
		const dash_task *t = &d->task[i];
		snprintf(n, sizeof n, "%d", t->num);
		snprintf(a, sizeof a, "%lld", (long long)t->records);
		snprintf(e, sizeof e, "%lld", (long long)t->closed);
		snprintf(g, sizeof g, "%lld", (long long)t->open);
		snprintf(b, sizeof b, "%lld", (long long)t->late);
		snprintf(c, sizeof c, "%lld", (long long)t->soon);
		const char *row[] = { n, dash_color_word(t->color), a, e, g, b, c, t->title, t->lead };
		st = panel_add(&ps[1], row, err);
	}
	for (int i = 0; !st && i < d->nwarn; i++) {
		char label[256];
		dash_warning_label(d, i, label, sizeof label);
		snprintf(a, sizeof a, "%lld", (long long)d->warn[i].count);
		const char *row[] = { label, a, kind_title(d->warn[i].k) };
		st = panel_add(&ps[2], row, err);
	}
	return st;
}

static void dashboard_csv(const dashboard *d)
{
	/* The text's columns: a mechanism's and a task's closed, open, overdue
	 * and due-soon records; count is a task's records and a warning's. */
	printf("section,item,label,lead,state,closed,open,overdue,due_soon,count\n");
	for (int m = 0; m < CATALOG_MECHANISMS; m++) {
		const dash_mech *dm = &d->mech[m];
		printf("mechanism,%s,", dm->ch);
		textout_csv_field(stdout, dm->title);
		printf(",,,%lld,%lld,%lld,,\n", (long long)dm->closed, (long long)dm->open, (long long)dm->late);
	}
	for (int i = 0; i < CATALOG_TASKS; i++) {
		const dash_task *t = &d->task[i];
		printf("task,%d,", t->num);
		textout_csv_field(stdout, t->title);
		putchar(',');
		textout_csv_field(stdout, t->lead);
		printf(",%s,%lld,%lld,%lld,%lld,%lld\n", dash_color_name(t->color), (long long)t->closed, (long long)t->open,
		       (long long)t->late, (long long)t->soon, (long long)t->records);
	}
	for (int i = 0; i < d->nwarn; i++) {
		printf("warning,%s,", d->warn[i].name);
		textout_csv_field(stdout, d->warn[i].k->name);
		printf(",,,,,,,%lld\n", (long long)d->warn[i].count);
	}
}

lz_status cli_report_dashboard(const cli_cmd *c, lz_err *err)
{
	opts o;
	lz_status st = read_opts(c, &o, err);
	if (st)
		return st;
	session s;
	if ((st = cli_session(c, &s, false, NULL, err)))
		return st;
	dash_filter f;
	memset(&f, 0, sizeof f);
	if (o.year)
		snprintf(f.year, sizeof f.year, "%s", o.year);
	if (o.category)
		snprintf(f.category, sizeof f.category, "%s", o.category);
	if (o.unit)
		st = cli_unit(&s, o.unit, &f.unit, err);
	dashboard *d = calloc(1, sizeof *d);
	if (!st && !d)
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	if (!st)
		st = dashboard_load(&s, &f, d, err);
	panel ps[3];
	memset(ps, 0, sizeof ps);
	if (!st && o.csv) {
		dashboard_csv(d);
	} else if (!st) {
		st = dashboard_panels(d, ps, err);
		if (!st && o.out) {
			st = panels_xlsx(ps, 3, o.out, err);
			if (!st)
				printf(_("wrote %s\n"), o.out);
		} else if (!st) {
			char scope[256];
			dash_scope_words(d, scope, sizeof scope);
			printf(_("Dashboard — year %s, today %s, scope: %s"), d->filter.year, d->today, scope);
			if (o.unit)
				printf(_(", unit %s"), o.unit);
			if (o.category)
				printf(_(", category %s"), o.category);
			printf("\n");
			for (int i = 0; i < 3; i++) {
				printf("\n%s\n", ps[i].title);
				ps[i].t.max_width = 60;
				textout_print(&ps[i].t, stdout, 0);
			}
		}
	}
	panels_free(ps, 3);
	free(d);
	session_close(&s);
	return st;
}

lz_status cli_report_overdue(const cli_cmd *c, lz_err *err)
{
	opts o;
	lz_status st = read_opts(c, &o, err);
	if (st)
		return st;
	if (o.category)
		return lz_fail(err, LZ_USAGE, "%s", _("report overdue takes --unit and --year, not --category"));
	session s;
	if ((st = cli_session(c, &s, false, NULL, err)))
		return st;
	int64_t unit = 0;
	if (o.unit)
		st = cli_unit(&s, o.unit, &unit, err);
	overdue_list l = { 0 };
	if (!st)
		st = overdue_collect(&s, o.year, unit, &l, err);
	static const char *const names[] = { "kind", "id", "unit_code", "unit_name", "person", "due", "days_overdue" };
	const char *labels[] = { _("kind"), _("id"), _("unit code"), _("unit"), _("person"), _("due"), _("days overdue") };
	const ledger_type types[] = { LEDGER_TEXT, LEDGER_INT, LEDGER_TEXT, LEDGER_TEXT, LEDGER_TEXT, LEDGER_DATE, LEDGER_INT };
	panel p;
	panel_init(&p, _("Overdue"), 7, o.csv ? (const char **)names : labels, types);
	for (int i = 0; !st && i < l.n; i++) {
		const overdue_row *r = &l.rows[i];
		char id[32], days[32];
		snprintf(id, sizeof id, "%lld", (long long)r->id);
		snprintf(days, sizeof days, "%ld", r->days);
		const char *row[] = { o.csv ? r->k->name : kind_title(r->k), id, r->unit_code, r->unit_name, r->person,
				      r->due, days };
		st = panel_add(&p, row, err);
	}
	if (!st && o.out) {
		st = panels_xlsx(&p, 1, o.out, err);
		if (!st)
			printf(_("wrote %s\n"), o.out);
	} else if (!st) {
		if (!o.csv)
			p.t.max_width = 40;
		textout_print(&p.t, stdout, o.csv);
	}
	textout_clear(&p.t);
	overdue_free(&l);
	session_close(&s);
	return st;
}
