/* case_view.c — one case as the commission follows it: its facts, its stages
 * from clue to closure as a timeline with both report dates of each (双报告;
 * a stage whose report is late in red, by the core's own dual_report flag),
 * and the three lines of inquiry of 一案三查: the person investigated (the
 * case itself) and the accountability items of the unit's principal and
 * supervisory holders, which the yian_sancha rule opens. Read whole when
 * shown or refreshed; no read stays open while the screen is up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_stage.h"
#include "date.h"
#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"
#include "settings.h"
#include "text.h"
#include "ui.h"

/* One accountability item of the case. */
typedef struct cv_item {
	int64_t id;
	char person[128], state[32], measure[32];
	char *reason;
} cv_item;

typedef struct case_view {
	ui_screen sc;
	int64_t id;
	record *r;              /* NULL when the case could not be read */
	char subject[128], unit[256];
	char holder[2][128];    /* the unit's principal and supervisory holders, "" when not recorded */
	cv_item item[2];        /* by holder; id 0 when the rule has not opened one */
	long days;              /* dual_report_days */
	int scroll, lines, page;
} case_view;

static const char *const roles[2] = { "主体责任人", "监督责任人" };

static const ui_key cv_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?' }, "F1 ?", N_("Help"), true },
	{ REQ_EDIT, { UI_K(KEY_F(4)), 'e' }, "F4 e", N_("Edit the case"), true },
	{ REQ_REFRESH, { UI_K(KEY_F(5)), UI_CTRL('r'), 'r' }, "F5 Ctrl-R r", N_("Refresh"), true },
	{ REQ_HISTORY, { UI_K(KEY_F(11)), 'h' }, "F11 h", N_("History"), true },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Back"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k' }, "↑ k", N_("Scroll up"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j' }, "↓ j", N_("Scroll down"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), 'b' }, "PgUp b", N_("Page up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ' }, "PgDn Space", N_("Page down"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g' }, "Home g", N_("Top"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

/* ---- loading ------------------------------------------------------------- */

static void free_items(case_view *v)
{
	for (int h = 0; h < 2; h++) {
		free(v->item[h].reason);
		memset(&v->item[h], 0, sizeof v->item[h]);
	}
}

static void col(sqlite3_stmt *q, int i, char *out, size_t n)
{
	const char *t = (const char *)sqlite3_column_text(q, i);
	snprintf(out, n, "%s", t ? t : "");
}

/* The unit's holders and the items yian_sancha opened for this case. */
static lz_status load_inquiries(case_view *v, lz_err *err)
{
	session *s = &v->sc.app->s;
	const char *unit = record_get_named(v->r, "unit");
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT h1.name, h2.name FROM unit u LEFT JOIN person h1 ON h1.id = u.principal_holder"
				  " LEFT JOIN person h2 ON h2.id = u.supervisor_holder WHERE u.id = ?", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, unit ? strtoll(unit, NULL, 10) : 0);
	if (sqlite3_step(q) == SQLITE_ROW)
		for (int h = 0; h < 2; h++)
			col(q, h, v->holder[h], sizeof v->holder[h]);
	sqlite3_finalize(q);
	st = db_prepare(&s->db,
			"SELECT a.id, a.role, p.name, a.state, a.measure, a.reason FROM accountability a"
			" LEFT JOIN person p ON p.id = a.person WHERE a.rule = 'yian_sancha' AND a.source_kind = 'case'"
			" AND a.source_id = ? ORDER BY a.id", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, v->id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(q, 1);
		for (int h = 0; h < 2; h++) {
			cv_item *it = &v->item[h];
			if (it->id || !role || strcmp(role, roles[h]) != 0)
				continue;
			it->id = sqlite3_column_int64(q, 0);
			col(q, 2, it->person, sizeof it->person);
			col(q, 3, it->state, sizeof it->state);
			col(q, 4, it->measure, sizeof it->measure);
			const char *reason = (const char *)sqlite3_column_text(q, 5);
			it->reason = strdup(reason ? reason : "");
		}
	}
	if (rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading the accountability register"), err);
	sqlite3_finalize(q);
	return st;
}

static void load(case_view *v)
{
	session *s = &v->sc.app->s;
	lz_err e;
	record_free(v->r);
	v->r = NULL;
	free_items(v);
	v->subject[0] = v->unit[0] = v->holder[0][0] = v->holder[1][0] = '\0';
	if (settings_get_int(s, "dual_report_days", &v->days, &e) || record_get(s, &kind_case, v->id, &v->r, &e) ||
	    load_inquiries(v, &e)) {
		ui_error(v->sc.app, "%s", e.msg);
	}
	if (v->r) {
		const char *subject = record_get_named(v->r, "subject"), *unit = record_get_named(v->r, "unit");
		if (subject)
			record_display(s, kind_find("person"), strtoll(subject, NULL, 10), v->subject, sizeof v->subject);
		if (unit)
			record_display(s, kind_find("unit"), strtoll(unit, NULL, 10), v->unit, sizeof v->unit);
	}
	const char *no = v->r ? record_get_named(v->r, "case_no") : NULL;
	char name[64];
	if (no)
		snprintf(name, sizeof name, "%s", no);
	else
		snprintf(name, sizeof name, "#%lld", (long long)v->id);
	snprintf(v->sc.title, sizeof v->sc.title, _("Case %s — %s, %s"), name, v->subject[0] ? v->subject : "—",
		 v->unit[0] ? v->unit : "—");
}

/* ---- drawing ------------------------------------------------------------- */

/* Lines are numbered from the top of the whole view; only those in the
 * window (after scroll, within height) reach the screen. */
typedef struct pen {
	case_view *v;
	int top, height, line;
} pen;

/* The screen row of the pen's current line, or -1 when it is scrolled away. */
static int row(const pen *p)
{
	int y = p->line - p->v->scroll;
	return y >= 0 && y < p->height ? p->top + y : -1;
}

static void put_line(pen *p, int x, const char *text, attr_t a)
{
	int y = row(p);
	if (y >= 0) {
		ui_fill(y, 0, COLS, a);
		ui_put(y, x, COLS - x - 1, text, a);
	}
	p->line++;
}

static const char *val(const case_view *v, const char *field)
{
	const char *s = record_get_named(v->r, field);
	return s ? s : "";
}

static void heading(pen *p, const char *text)
{
	p->line++;
	put_line(p, 1, text, ui_attr(p->v->sc.app, UI_TITLE) | A_BOLD);
}

/* The facts, two to a line: label, then value. */
static void draw_facts(pen *p)
{
	case_view *v = p->v;
	static const char *const fields[] = { "case_no", "source", "subject", "unit", "category", "serious",
					      "stage", "outcome", "ended_reason", "back_reason", "published_on", "summary" };
	int half = COLS / 2, n = 0, lw = 8;
	/* Labels as wide as the widest (English ones are long), within reason. */
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		int w = text_width(kind_field_title(kind_field_named(&kind_case, fields[i])));
		if (w > lw)
			lw = w < 22 ? w : 22;
	}
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const kind_field *f = kind_field_named(&kind_case, fields[i]);
		const char *value = strcmp(fields[i], "subject") == 0 ? v->subject
				  : strcmp(fields[i], "unit") == 0    ? v->unit
				  : strcmp(fields[i], "serious") == 0 ? (strcmp(val(v, "serious"), "1") == 0 ? "是" : "否")
								      : val(v, fields[i]);
		/* Reasons and the publication date only when there are some. */
		if (!*value && n >= 8)
			continue;
		/* The summary is long: a line of its own, the full width. */
		bool wide = strcmp(fields[i], "summary") == 0;
		if (wide && n % 2) {
			n++;
			p->line++;
		}
		int x = n % 2 ? half : 1, y = row(p);
		if (y >= 0) {
			if (n % 2 == 0)
				ui_fill(y, 0, COLS, A_NORMAL);
			ui_put(y, x, lw, kind_field_title(f), ui_attr(v->sc.app, UI_DIM));
			ui_put(y, x + lw + 1, (n % 2 || wide ? COLS - 1 : half) - x - lw - 2, *value ? value : "—", A_NORMAL);
		}
		n += wide;
		if (n++ % 2)
			p->line++;
	}
	if (n % 2)
		p->line++;
}

enum { T_STAGE, T_DATE, T_PARTY, T_HIGHER, T_DUE, TN };

static void draw_cells(pen *p, const int width[TN], const char *cell[TN], attr_t a)
{
	int y = row(p), x = 1;
	if (y >= 0) {
		ui_fill(y, 0, COLS, a);
		for (int c = 0; c < TN && x < COLS - 1; c++) {
			ui_put(y, x, c == TN - 1 ? COLS - x - 1 : width[c], cell[c] ? cell[c] : "", a);
			x += width[c] + 2;
		}
	}
	p->line++;
}

/* The stages in order, each with its date and both report dates. */
static void draw_timeline(pen *p)
{
	case_view *v = p->v;
	ui_app *app = v->sc.app;
	char head[256];
	snprintf(head, sizeof head, _("Stages — each reported to the Party committee and to the higher commission within %ld days"),
		 v->days);
	heading(p, head);
	const char *titles[TN] = { _("Stage"), _("Date"), _("Party committee"), _("Higher commission"), _("Reports due") };
	int width[TN] = { 12, 10, 10, 10, 10 };
	for (int c = 0; c < TN; c++)
		if (text_width(titles[c]) > width[c])
			width[c] = text_width(titles[c]);
	draw_cells(p, width, titles, ui_attr(app, UI_HEADER));
	int cur = case_stage_index(val(v, "stage"));
	const char *late = val(v, "dual_report");
	for (int j = 0; j < CASE_STAGES; j++) {
		const case_stage_def *d = &case_stage_defs[j];
		const char *on = record_get_named(v->r, d->date_field);
		const char *party = record_get_named(v->r, d->party_field), *higher = record_get_named(v->r, d->higher_field);
		bool ended = j == CASE_STAGES - 1 && cur == CASE_ENDED;
		char stage[64], due[64] = "", key[32];
		snprintf(stage, sizeof stage, "%s %s", on ? "●" : "○", ended ? "了结" : d->stage);
		/* The core's flag names the late stages: the view never disagrees with the ledger. */
		snprintf(key, sizeof key, "%s:", ended ? "了结" : d->short_zh);
		bool flagged = on && strstr(late, key) != NULL;
		if (on && (!party || !higher)) {
			char by[11];
			date_add(on, v->days, by);
			snprintf(due, sizeof due, flagged ? _("%s, late") : "%s", by);
		}
		const char *cell[TN] = { stage, on ? on : "—", party ? party : on ? _("not reported") : "",
					 higher ? higher : on ? _("not reported") : "", due };
		attr_t a = flagged ? ui_attr(app, UI_LATE) : !on ? ui_attr(app, UI_DIM) : A_NORMAL;
		if (j == cur || ended)
			a |= A_BOLD;
		draw_cells(p, width, cell, a);
	}
}

/* 一案三查: the person investigated, then the two holders' items. */
static void draw_inquiries(pen *p)
{
	case_view *v = p->v;
	ui_app *app = v->sc.app;
	heading(p, _("One case, three inquiries (一案三查)"));
	char text[1024];
	const char *outcome = val(v, "outcome");
	snprintf(text, sizeof text, _("1. Person investigated: %s — this case, %s%s%s"), v->subject[0] ? v->subject : "—",
		 val(v, "stage"), *outcome ? ", " : "", outcome);
	put_line(p, 1, text, A_NORMAL);
	bool serious = strcmp(val(v, "serious"), "1") == 0;
	for (int h = 0; h < 2; h++) {
		const cv_item *it = &v->item[h];
		const char *who = it->id && it->person[0] ? it->person : v->holder[h][0] ? v->holder[h] : _("not recorded");
		if (it->id)
			snprintf(text, sizeof text, _("%d. %s: %s — accountability item #%lld, %s%s%s"), h + 2, roles[h], who,
				 (long long)it->id, it->state, it->measure[0] ? ", " : "", it->measure);
		else
			snprintf(text, sizeof text, _("%d. %s: %s — %s"), h + 2, roles[h], who,
				 serious ? _("no item yet (rules run opens it)") : _("no item: the case is not marked serious"));
		attr_t a = !it->id ? ui_attr(app, UI_DIM)
			 : strcmp(it->state, "待处理") == 0 ? ui_attr(app, UI_WARN)
			 : strcmp(it->state, "触发已撤销") == 0 ? ui_attr(app, UI_DIM)
							      : A_NORMAL;
		put_line(p, 1, text, a);
		if (it->id && it->reason[0])
			put_line(p, 4, it->reason, ui_attr(app, UI_DIM));
	}
}

static void cv_draw(ui_screen *sc, int top, int height)
{
	case_view *v = (case_view *)sc;
	if (!v->r) {
		ui_put(top + 1, 2, COLS - 4, _("This case could not be read (F5 tries again)."), ui_attr(sc->app, UI_DIM));
		return;
	}
	pen p = { v, top, height, 0 };
	draw_facts(&p);
	draw_timeline(&p);
	draw_inquiries(&p);
	v->lines = p.line;
	v->page = height > 1 ? height : 1;
	if (v->scroll > v->lines - v->page && v->scroll > 0) {
		/* Scrolled too far (the screen grew): draw again from a fitting place. */
		v->scroll = v->lines - v->page > 0 ? v->lines - v->page : 0;
		for (int y = top; y < top + height; y++)
			ui_fill(y, 0, COLS, A_NORMAL);
		cv_draw(sc, top, height);
		return;
	}
	snprintf(sc->info, sizeof sc->info, "%s", val(v, "stage"));
}

/* ---- keys ------------------------------------------------------------------ */

static ui_result cv_key(ui_screen *sc, ui_req req, wint_t ch)
{
	case_view *v = (case_view *)sc;
	(void)ch;
	switch (req) {
	case REQ_BACK:
		return UI_CLOSE;
	case REQ_HISTORY: {
		ui_screen *h = v->r ? history_open(sc->app, &kind_case, v->id) : NULL;
		if (h)
			ui_push(sc->app, h);
		break;
	}
	case REQ_EDIT: {
		ui_screen *f = v->r ? form_open(sc->app, &kind_case, v->id, true, NULL, NULL) : NULL;
		if (f)
			ui_push(sc->app, f);
		break;
	}
	case REQ_REFRESH:
		load(v);
		ui_status(sc->app, "%s", _("Refreshed"));
		break;
	case REQ_UP: if (v->scroll > 0) v->scroll--; break;
	case REQ_DOWN: if (v->scroll + v->page < v->lines) v->scroll++; break;
	case REQ_PGUP: v->scroll = v->scroll > v->page ? v->scroll - v->page : 0; break;
	case REQ_PGDN: if (v->scroll + v->page < v->lines) v->scroll += v->page; break;
	case REQ_HOME: v->scroll = 0; break;
	default: break;
	}
	return UI_STAY;
}

static void cv_free(ui_screen *sc)
{
	case_view *v = (case_view *)sc;
	record_free(v->r);
	free_items(v);
	free(v);
}

/* The form above may have changed the case, and the rule its items. */
static void cv_resume(ui_screen *sc)
{
	load((case_view *)sc);
}

static const ui_screen_ops cv_ops = { "case", cv_keys, cv_draw, cv_key, cv_free, cv_resume };

ui_screen *case_view_open(ui_app *app, int64_t id)
{
	case_view *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->sc.ops = &cv_ops;
	v->sc.app = app;
	v->id = id;
	v->days = 5;
	load(v);
	return &v->sc;
}
