/* dashboard.c — the dashboard's figures: one tally per record kind (one
 * statement each, through query.c, within scope), summed per mechanism and
 * per task, and one count per warning over the very filter its drill-down
 * lists. */
#include "dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "settings.h"

/* The warnings, as data: a kind and what narrows it. Every one is a filter
 * the generic ledger applies, so Enter on a line lists exactly its records. */
static const struct {
	const char *name;
	const char *label;
	const char *kind;
	query_due due;
	const char *cond;
	bool look_back;   /* the latest year with records up to the chosen one (a survey speaks until the next) */
} WARNINGS[] = {
	{ "inquiry_late", N_("Overdue inquiries"), "inquiry", QD_LATE, NULL, false },
	{ "letter_late", N_("Overdue letters"), "letter", QD_LATE, NULL, false },
	{ "case_dual_report", N_("Cases missing a dual report"), "case", QD_ANY, "dual_report_missing", false },
	{ "tiancheng_waiting", N_("Tiancheng proposals waiting"), "proposal", QD_ANY, "tiancheng_waiting", false },
	{ "report_late", N_("三述 reports not submitted by their due date"), "report", QD_LATE, NULL, false },
	{ "satisfaction_bottom", N_("Satisfaction: bottom three of their category"), "survey", QD_ANY, "bottom_three", true },
	{ "accountability_open", N_("Open accountability items"), "accountability", QD_OPEN, NULL, false },
	{ "rectification_open", N_("Open rectifications"), "rectification", QD_OPEN, NULL, false },
};
#define NWARN ((int)(sizeof WARNINGS / sizeof WARNINGS[0]))
_Static_assert(NWARN <= DASH_WARNINGS, "room for every warning");

const char *dash_color_word(dash_color c)
{
	static const char *const w[] = { N_("not started"), N_("overdue"), N_("due soon"), N_("done"), N_("in progress") };
	return _(w[c]);
}

const char *dash_color_name(dash_color c)
{
	static const char *const w[] = { "grey", "red", "yellow", "green", "blue" };
	return w[c];
}

int dash_kind_mechanism(const kind *k)
{
	return k->tasks && k->tasks[0] ? catalog_mechanism_of(k->tasks[0]) : -1;
}

/* The filter every figure shares: year, unit, category. */
static void base_filter(const dashboard *d, query_filter *f)
{
	memset(f, 0, sizeof *f);
	f->year = d->filter.year;
	f->unit = d->filter.unit;
	f->category = d->filter.category[0] ? d->filter.category : NULL;
	f->warn_days = d->warn_days;
}

void dash_warning_filter(const dashboard *d, int i, query_filter *out)
{
	base_filter(d, out);
	out->year = d->warn[i].year;
	out->due = d->warn[i].f.due;
	out->cond = d->warn[i].f.cond;
}

/* Whether kind k counts on the dashboard: records of a year that belong to
 * units (a kind of no unit only while nothing narrows the view to some units:
 * a unit or category filter, or an account's scope — a supervisor's
 * dashboard holds their units' records only, as `--unit` does). */
bool dash_kind_counted(const session *s, const dashboard *d, const kind *k)
{
	if (!k->year_field || !k->tasks || k->owner == KO_ADMIN)
		return false;
	bool scoped = s->scope_unit && s->role != ROLE_ADMIN;
	if (k->owner == KO_NONE && (d->filter.unit || d->filter.category[0] || scoped))
		return false;
	return true;
}

static lz_status load_catalog(session *s, dashboard *d, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, "SELECT num, mechanism, mechanism_title, title, lead_text FROM catalog_task"
				  " ORDER BY num", &q, err);
	if (st)
		return st;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int num = sqlite3_column_int(q, 0);
		int m = catalog_mechanism_of(num);
		if (m < 0)
			continue;
		snprintf(d->mech[m].ch, sizeof d->mech[m].ch, "%s", (const char *)sqlite3_column_text(q, 1));
		snprintf(d->mech[m].title, sizeof d->mech[m].title, "%s", (const char *)sqlite3_column_text(q, 2));
		dash_task *t = &d->task[num - 1];
		t->num = num;
		snprintf(t->title, sizeof t->title, "%s", (const char *)sqlite3_column_text(q, 3));
		snprintf(t->lead, sizeof t->lead, "%s", (const char *)sqlite3_column_text(q, 4));
	}
	if (rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading the plan's catalog"), err);
	sqlite3_finalize(q);
	return st;
}

/* Adds kind k's tally to the tasks it serves; a task it serves through some
 * of its records only (kind_task_condition) gets a tally of just those. */
static lz_status add_to_tasks(session *s, dashboard *d, const kind *k, const query_tally *all, lz_err *err)
{
	for (const int *n = k->tasks; *n; n++) {
		if (*n < 1 || *n > CATALOG_TASKS)
			continue;
		query_tally some;
		const query_tally *t = all;
		if (kind_task_condition(k, *n)) {
			query_filter qf;
			base_filter(d, &qf);
			qf.task = *n;
			lz_status st = query_tally_count(s, k, &qf, &some, err);
			if (st)
				return st;
			t = &some;
		}
		dash_task *dt = &d->task[*n - 1];
		dt->records += t->total;
		dt->closed += t->closed;
		dt->open += t->open;
		/* Records of kinds without a due date never make a task red or yellow. */
		if (!k->due_field)
			continue;
		dt->late += t->late;
		dt->soon += t->soon;
		dt->open_due += t->open_due;
	}
	return LZ_OK;
}

static void colour_tasks(dashboard *d)
{
	for (int i = 0; i < CATALOG_TASKS; i++) {
		dash_task *t = &d->task[i];
		t->color = !t->records ? DC_GREY : t->late ? DC_RED : t->soon ? DC_YELLOW : !t->open_due ? DC_GREEN : DC_BLUE;
	}
}

/* The latest year up to *year (in place) in which kind k has records. */
static lz_status latest_year(session *s, const kind *k, char year[8], lz_err *err)
{
	if (!k->year_field || kind_field_named(k, k->year_field)->type != KF_YEAR)
		return LZ_OK;
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT max(%s) FROM %s WHERE %s <= ?1", k->year_field, k->table, k->year_field);
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, sql, &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, strtoll(year, NULL, 10));
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL)
		snprintf(year, 8, "%lld", (long long)sqlite3_column_int64(q, 0));
	else if (rc != SQLITE_ROW)
		st = db_error(&s->db, rc, k->zh, err);
	sqlite3_finalize(q);
	return st;
}

/* The scoped account's unit's name into d->scope_name. */
static lz_status load_scope(session *s, dashboard *d, lz_err *err)
{
	if (s->role == ROLE_ADMIN || !s->scope_unit)
		return LZ_OK;
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, "SELECT name FROM unit WHERE id = ?1", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, s->scope_unit);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		snprintf(d->scope_name, sizeof d->scope_name, "%s", (const char *)sqlite3_column_text(q, 0));
	else if (rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading the account's scope"), err);
	sqlite3_finalize(q);
	return st;
}

void dash_scope_words(const dashboard *d, char *out, size_t outsz)
{
	if (d->scope_name[0])
		snprintf(out, outsz, _("%s and the units under it"), d->scope_name);
	else
		snprintf(out, outsz, "%s", _("the whole district"));
}

lz_status dashboard_load(session *s, const dash_filter *f, dashboard *d, lz_err *err)
{
	memset(d, 0, sizeof *d);
	if (f)
		d->filter = *f;
	snprintf(d->today, sizeof d->today, "%s", s->today);
	if (!d->filter.year[0])
		snprintf(d->filter.year, sizeof d->filter.year, "%.4s", s->today);
	lz_status st = settings_get_int(s, "warn_days", &d->warn_days, err);
	if (!st)
		st = load_scope(s, d, err);
	if (!st)
		st = load_catalog(s, d, err);
	/* One tally per kind, then spread over mechanisms and tasks. */
	for (const kind *const *kp = kind_all; !st && *kp; kp++) {
		const kind *k = *kp;
		if (!dash_kind_counted(s, d, k))
			continue;
		query_filter qf;
		base_filter(d, &qf);
		query_tally t;
		if ((st = query_tally_count(s, k, &qf, &t, err)))
			break;
		int m = dash_kind_mechanism(k);
		if (m >= 0) {
			d->mech[m].closed += t.closed;
			d->mech[m].open += t.open;
			d->mech[m].late += t.late;
		}
		st = add_to_tasks(s, d, k, &t, err);
	}
	colour_tasks(d);
	for (int i = 0; !st && i < NWARN; i++) {
		dash_warning *w = &d->warn[d->nwarn];
		w->name = WARNINGS[i].name;
		w->label = WARNINGS[i].label;
		w->k = kind_find(WARNINGS[i].kind);
		w->f.due = WARNINGS[i].due;
		w->f.cond = query_cond_find(WARNINGS[i].cond);
		if (!w->k || (WARNINGS[i].cond && !w->f.cond))
			return lz_fail(err, LZ_INTERNAL, "dashboard warning %s names no kind or condition", w->name);
		memcpy(w->year, d->filter.year, sizeof w->year);
		if (WARNINGS[i].look_back && (st = latest_year(s, w->k, w->year, err)))
			break;
		query_filter qf;
		dash_warning_filter(d, d->nwarn, &qf);
		st = query_count(s, w->k, &qf, &w->count, err);
		d->nwarn++;
	}
	return st;
}

void dash_warning_label(const dashboard *d, int i, char *out, size_t outsz)
{
	const dash_warning *w = &d->warn[i];
	if (strcmp(w->year, d->filter.year) != 0)
		snprintf(out, outsz, _("%s (%s)"), _(w->label), w->year);
	else
		snprintf(out, outsz, "%s", _(w->label));
}

lz_status dash_data_version(session *s, int64_t *v, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, "PRAGMA data_version", &q, err);
	if (st)
		return st;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(q, 0);
	else
		st = db_error(&s->db, rc, _("reading the database's version"), err);
	/* Finalized at once: no statement, so no read transaction, stays open. */
	sqlite3_finalize(q);
	return st;
}
