/* rule_report.c — report_late: a 三述 report (述责述廉述险) made after its due
 * date, still not made with the due date past, or found untruthful opens
 * exactly one accountability item for the cadre who reports.
 *
 * Days late are submitted − due, or today − due while the report is not
 * made (so `rules run`, with today moving on, raises and escalates items).
 * Up to report_late_notice_max_days days late the measure is
 * report_measure_minor (通报批评); later, or untruthful, report_measure_major
 * (诫勉谈话). The measure is the rule's call here (the plan sets it), so a
 * pending item takes a new measure when the days or the finding change — the
 * same item, audited as an update.
 *
 * The reason says how late without counting today: while a report is not
 * made it names the day the current measure began to apply, so a day passing
 * rewrites nothing and the rule stays idempotent; a later measure, a
 * submitted date or a finding do rewrite it. A report found timely and
 * truthful after all, or deleted, withdraws the item (触发已撤销, why appended
 * to the reason, as the register has no decision column); late again brings
 * it back. Once staff have handled it (已处理) it is theirs. Nothing is
 * written when nothing changed.
 *
 * The texts it stores are ledger data in Chinese whatever the locale, and it
 * acts for the district whoever's save set it off (as the other rules do). */
#include "rule_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"
#include "rule_util.h"
#include "sbuf.h"
#include "settings.h"

#define RULE_NAME "report_late"
#define PENDING "待处理"
#define WITHDRAWN "触发已撤销"
#define ROLE "述职人"

/* The settings the measure follows, read once per run. */
typedef struct report_policy {
	long max_days;
	char minor[64], major[64];
} report_policy;

/* The report's values the item is made from. */
typedef struct report_facts {
	bool exists, truthful;
	char person[24], person_name[128], unit[24], year[8], due[11], submitted[11];
	long days_late;
} report_facts;

static bool is_measure(const char *m)
{
	for (int i = 0; accountability_measures[i]; i++)
		if (strcmp(accountability_measures[i], m) == 0)
			return true;
	return false;
}

/* The settings, refused when a measure is not one the register knows: a
 * setting changed to a typo fails its own `config set`, not a later save. */
static lz_status load_policy(session *s, report_policy *p, lz_err *err)
{
	lz_status st = settings_get_int(s, "report_late_notice_max_days", &p->max_days, err);
	if (!st)
		st = settings_get(s, "report_measure_minor", p->minor, sizeof p->minor, err);
	if (!st)
		st = settings_get(s, "report_measure_major", p->major, sizeof p->major, err);
	if (st)
		return st;
	const char *bad = !is_measure(p->minor) ? "report_measure_minor" : !is_measure(p->major) ? "report_measure_major" : NULL;
	if (bad) {
		char list[256] = "";
		for (int i = 0; accountability_measures[i]; i++) {
			size_t len = strlen(list);
			snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", accountability_measures[i]);
		}
		return lz_fail(err, LZ_BAD, _("setting %s must be one of the accountability measures: %s"), bad, list);
	}
	return LZ_OK;
}

static lz_status load_report(session *s, int64_t id, report_facts *f, lz_err *err)
{
	memset(f, 0, sizeof *f);
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT r.person, p.name, p.unit, r.year, r.due, r.submitted_on, r.truthful"
				  " FROM report r JOIN person p ON p.id = r.person WHERE r.id = ?", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		f->exists = true;
		rule_col(q, 0, f->person, sizeof f->person);
		rule_col(q, 1, f->person_name, sizeof f->person_name);
		rule_col(q, 2, f->unit, sizeof f->unit);
		rule_col(q, 3, f->year, sizeof f->year);
		rule_col(q, 4, f->due, sizeof f->due);
		rule_col(q, 5, f->submitted, sizeof f->submitted);
		f->truthful = sqlite3_column_type(q, 6) == SQLITE_NULL || sqlite3_column_int(q, 6) != 0;
		if (*f->due) {
			long d = date_diff(f->due, *f->submitted ? f->submitted : s->today);
			f->days_late = d > 0 ? d : 0;
		}
	} else if (rc != SQLITE_DONE) {
		st = db_error(&s->db, rc, _("reading reports"), err);
	}
	sqlite3_finalize(q);
	return st;
}

/* The measure the plan sets, and why (Chinese, as kept) into b. */
static const char *measure_for(const report_facts *f, const report_policy *p, sbuf *b)
{
	bool major = !f->truthful || f->days_late > p->max_days;
	const char *measure = major ? p->major : p->minor;
	sbuf_printf(b, "%s%s年度三述(述责述廉述险)报告", f->person_name, f->year);
	if (f->days_late > 0 && *f->submitted) {
		sbuf_printf(b, "时限%s, %s报告, 逾期%ld天", f->due, f->submitted, f->days_late);
	} else if (f->days_late > 0) {
		/* The day the current measure began: stable while the days go by. */
		char from[11];
		bool long_late = f->days_late > p->max_days;
		date_add(f->due, long_late ? p->max_days + 1 : 1, from);
		if (long_late)
			sbuf_printf(b, "时限%s, 逾期未报告, 至%s已逾期超过%ld天", f->due, from, p->max_days);
		else
			sbuf_printf(b, "时限%s, 逾期未报告(自%s起逾期)", f->due, from);
	}
	if (!f->truthful)
		sbuf_printf(b, "%s经查内容不如实", f->days_late > 0 ? "; 报告" : "");
	sbuf_printf(b, ": %s。", measure);
	return measure;
}

/* The item this rule made for report id (the first, should there be more), or 0. */
static lz_status item_of(session *s, int64_t id, int64_t *item, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT min(id) FROM accountability WHERE rule = '" RULE_NAME "'"
				  " AND source_kind = 'report' AND source_id = ?", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	*item = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	return LZ_OK;
}

/* Brings the item of report id in line with the report. */
static lz_status sync_report(session *s, const report_policy *p, int64_t id, int *written, lz_err *err)
{
	report_facts f;
	int64_t item = 0;
	record *r = NULL;
	char *before = NULL;
	lz_status st = load_report(s, id, &f, err);
	bool wanted = f.exists && (f.days_late > 0 || !f.truthful);
	if (!st)
		st = item_of(s, id, &item, err);
	if (st || (!item && !wanted))
		return st;
	if (item) {
		if ((st = record_get(s, &kind_accountability, item, &r, err)))
			return st;
		const char *state = record_get_named(r, "state");
		if (state && strcmp(state, PENDING) != 0 && strcmp(state, WITHDRAWN) != 0)
			goto out; /* handled: staff have the last word */
		if (!wanted && state && strcmp(state, WITHDRAWN) == 0)
			goto out; /* already withdrawn */
		before = record_json(r);
	} else if (!(r = record_new(&kind_accountability))) {
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	sbuf reason = { 0 };
	char src[24];
	if (wanted) {
		const char *measure = measure_for(&f, p, &reason);
		snprintf(src, sizeof src, "%lld", (long long)id);
		record_set_named(r, "rule", RULE_NAME);
		record_set_named(r, "source_kind", "report");
		record_set_named(r, "source_id", src);
		record_set_named(r, "year", f.year);
		record_set_named(r, "unit", f.unit);
		record_set_named(r, "person", f.person);
		record_set_named(r, "role", ROLE);
		record_set_named(r, "measure", measure);
		record_set_named(r, "state", PENDING);
	} else {
		const char *old = record_get_named(r, "reason");
		sbuf_printf(&reason, "%s 触发已撤销(%s): %s", old ? old : "", s->today,
			    f.exists ? "经核实该报告按时且如实报告" : "该三述报告记录已删除");
		record_set_named(r, "state", WITHDRAWN);
	}
	record_set_named(r, "reason", sbuf_str(&reason));
	if (reason.oom)
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	else
		st = rule_save_changed(s, r, before, written, err);
	sbuf_free(&reason);
out:
	free(before);
	record_free(r);
	return st;
}

/* Syncs the reports sql names, with the district's reach: the item belongs
 * to the cadre's unit, whoever saved what set it off. Its rows still go
 * through the record layer (validation, audit under the account's name). */
static lz_status sync_all(session *s, const char *sql, int64_t arg, int *written, lz_err *err)
{
	report_policy p;
	int64_t *ids = NULL;
	int n = 0;
	lz_status st = load_policy(s, &p, err);
	if (!st)
		st = rule_ids(s, sql, arg, &ids, &n, err);
	rule_reach reach;
	rule_reach_district(s, &reach);
	for (int i = 0; i < n && !st; i++)
		st = sync_report(s, &p, ids[i], written, err);
	rule_reach_restore(s, &reach);
	free(ids);
	return st;
}

/* A saved or deleted report; for a saved person, their reports (the reason
 * carries the name, the item the unit). */
static lz_status report_on_save(session *s, const kind *k, int64_t id, int *written, lz_err *err)
{
	if (k == &kind_report)
		return sync_all(s, "SELECT :arg", id, written, err);
	return sync_all(s, "SELECT id FROM report WHERE person = :arg ORDER BY id", id, written, err);
}

/* Every report late or untruthful by today, and every report with a pending
 * item (found timely after all, or deleted). */
static lz_status report_on_date(session *s, int *written, lz_err *err)
{
	return sync_all(s,
			"SELECT id FROM report WHERE truthful = 0 OR (due IS NOT NULL AND coalesce(submitted_on, :today) > due)"
			" UNION SELECT source_id FROM accountability WHERE rule = '" RULE_NAME "'"
			" AND source_kind = 'report' AND state = '" PENDING "' ORDER BY 1",
			0, written, err);
}

static const char *const report_kinds[] = { "report", "person", NULL };
static const char *const report_settings[] = { "report_late_notice_max_days", "report_measure_minor",
					       "report_measure_major", NULL };

const struct rule rule_report_late = {
	.name = RULE_NAME,
	.kinds = report_kinds,
	.settings = report_settings,
	.on_save = report_on_save,
	.on_date = report_on_date,
};
