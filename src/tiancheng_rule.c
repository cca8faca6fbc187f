/* tiancheng_rule.c — the rule "tiancheng": one proposal per unit and month
 * whose index is persistently high or whose repeat and leapfrog petitions
 * are serious, for staff to confirm (interviews) or dismiss. It follows the
 * entries: a save recomputes the months the saved entry can affect, rules
 * run and a changed setting recompute every month. Proposals already
 * decided are never touched; a pending one whose condition is gone is
 * withdrawn (触发已撤销) with the reason, and comes back when it holds again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "rule_util.h"
#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"
#include "rules.h"
#include "settings.h"
#include "tiancheng.h"

#define ST_PENDING "待确认"
#define ST_WITHDRAWN "触发已撤销"

/* The months to recompute, sorted and without repeats. */
typedef struct periods {
	char (*p)[8];
	int n, cap;
} periods;

static lz_status periods_add(periods *ps, const char *p, lz_err *err)
{
	int i = 0;
	while (i < ps->n && strcmp(ps->p[i], p) < 0)
		i++;
	if (i < ps->n && strcmp(ps->p[i], p) == 0)
		return LZ_OK;
	if (ps->n == ps->cap) {
		int cap = ps->cap ? ps->cap * 2 : 16;
		char(*np)[8] = realloc(ps->p, (size_t)cap * sizeof *np);
		if (!np)
			return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		ps->p = np;
		ps->cap = cap;
	}
	memmove(&ps->p[i + 1], &ps->p[i], (size_t)(ps->n - i) * sizeof *ps->p);
	snprintf(ps->p[i], 8, "%s", p);
	ps->n++;
	return LZ_OK;
}

/* A month and the months after it whose persistence it can change. */
static lz_status periods_add_window(session *s, periods *ps, const char *p, lz_err *err)
{
	long n;
	char canon[8];
	lz_status st = settings_get_int(s, "tiancheng_persist_months", &n, err);
	if (st || !period_parse(p, canon))
		return st;
	for (long k = 0; k < n && !st; k++) {
		char q[8];
		tiancheng_period_add(canon, (int)k, q);
		st = periods_add(ps, q, err);
	}
	return st;
}

/* The months the rows of sql (one text column, optional ?1 = id) name, each with its window. */
static lz_status periods_from(session *s, periods *ps, const char *sql, int64_t id, bool window, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, sql, &q, err);
	if (st)
		return st;
	if (sqlite3_bind_parameter_count(q) > 0)
		sqlite3_bind_int64(q, 1, id);
	int rc;
	while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(q, 0);
		char canon[8];
		if (p && period_parse(p, canon))
			st = window ? periods_add_window(s, ps, canon, err) : periods_add(ps, canon, err);
	}
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading the Tiancheng index"), err);
	sqlite3_finalize(q);
	return st;
}

/* Why a withdrawn proposal no longer holds, with the month's figures. */
static void withdrawal(const tiancheng_ranking *r, const tiancheng_row *row, char *out, size_t outsz)
{
	if (!row) {
		snprintf(out, outsz, "触发条件已不成立: %s 已无该单位的天成指数记录", r->period);
		return;
	}
	char rank[64] = "";
	if (row->cat >= 0)
		snprintf(rank, sizeof rank, ", 排名 %d/%d, 未连续%d个月位列后三名", row->rank, row->of, r->persist_months);
	snprintf(out, outsz, "触发条件已不成立: %s 指数 %lld.%02lld%s; 重信重访和越级上访合计 %ld 次(标准 %ld 次)", r->period,
		 (long long)(row->index / 100), (long long)(row->index % 100), rank, row->repeat + row->leapfrog,
		 r->serious_at);
}

typedef struct existing {
	int64_t id, unit;
	char state[32];
} existing;

static lz_status load_existing(session *s, const char *period, existing **out, int *n, lz_err *err)
{
	sqlite3_stmt *q;
	*out = NULL;
	*n = 0;
	lz_status st = db_prepare(&s->db, "SELECT id, unit, state FROM proposal WHERE rule = 'tiancheng' AND period = ?",
				  &q, err);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, period, -1, SQLITE_STATIC);
	int rc, cap = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			existing *ne = realloc(*out, (size_t)cap * sizeof *ne);
			if (!ne) {
				st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				break;
			}
			*out = ne;
		}
		existing *e = &(*out)[(*n)++];
		e->id = sqlite3_column_int64(q, 0);
		e->unit = sqlite3_column_int64(q, 1);
		snprintf(e->state, sizeof e->state, "%s", (const char *)sqlite3_column_text(q, 2));
	}
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading proposals"), err);
	sqlite3_finalize(q);
	return st;
}

/* Sets r's proposal values; saves only when something changed. */
static lz_status put(session *s, record *r, const char *state, const char *reason, const char *decision,
		     const char *decided_on, int64_t entry, int *written, lz_err *err)
{
	char *before = record_json(r);
	char src[24];
	snprintf(src, sizeof src, "%lld", (long long)entry);
	record_set_named(r, "state", state);
	if (reason)
		record_set_named(r, "reason", reason);
	record_set_named(r, "decision", decision);
	record_set_named(r, "decided_on", decided_on);
	if (entry) {
		record_set_named(r, "source_kind", "index_entry");
		record_set_named(r, "source_id", src);
	}
	char *after = record_json(r);
	lz_status st = LZ_OK;
	if (!before || !after)
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	else if (r->id == 0 || strcmp(before, after) != 0) {
		if ((st = record_save_in(s, r, err)) == LZ_OK)
			(*written)++;
	}
	free(before);
	free(after);
	return st;
}

/* Brings the proposals of one month in line with its ranking. */
static lz_status refresh_period(session *s, tiancheng_calc *c, const char *period, int *written, lz_err *err)
{
	tiancheng_ranking rk;
	existing *ex = NULL;
	int nex = 0;
	lz_status st = tiancheng_calc_rank(c, period, &rk, err);
	if (st)
		return st;
	if ((st = load_existing(s, period, &ex, &nex, err)))
		goto out;
	char text[1024];
	for (int i = 0; i < rk.nrows && !st; i++) {
		const tiancheng_row *row = &rk.rows[i];
		existing *e = NULL;
		for (int j = 0; j < nex && !e; j++)
			if (ex[j].unit == row->unit)
				e = &ex[j];
		if (!row->persistent && !row->serious)
			continue;
		if (e && strcmp(e->state, ST_PENDING) != 0 && strcmp(e->state, ST_WITHDRAWN) != 0)
			continue; /* decided: staff have the last word */
		tiancheng_reason(&rk, row, text, sizeof text);
		record *r = NULL;
		if (e) {
			st = record_get(s, &kind_proposal, e->id, &r, err);
		} else if ((r = record_new(&kind_proposal))) {
			char unit[24];
			snprintf(unit, sizeof unit, "%lld", (long long)row->unit);
			record_set_named(r, "rule", "tiancheng");
			record_set_named(r, "unit", unit);
			record_set_named(r, "period", period);
		} else {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		}
		if (!st)
			st = put(s, r, ST_PENDING, text, NULL, NULL, row->entry, written, err);
		record_free(r);
	}
	/* Pending proposals whose unit no longer meets a condition (or has no entry). */
	for (int j = 0; j < nex && !st; j++) {
		if (strcmp(ex[j].state, ST_PENDING) != 0)
			continue;
		const tiancheng_row *row = tiancheng_find(&rk, ex[j].unit);
		if (row && (row->persistent || row->serious))
			continue;
		record *r = NULL;
		withdrawal(&rk, row, text, sizeof text);
		if ((st = record_get(s, &kind_proposal, ex[j].id, &r, err)) == LZ_OK)
			st = put(s, r, ST_WITHDRAWN, NULL, text, s->today, 0, written, err);
		record_free(r);
	}
out:
	free(ex);
	tiancheng_free(&rk);
	return st;
}

/* The rule acts for the district, not for the account whose save set it off:
 * a staff member entering their own unit's counts moves every unit of the
 * category, and the proposals of units outside their scope must follow at
 * once. So it reads and writes with the district's reach; its rows still go
 * through the record layer (validation, audit under the account's name). */
static lz_status refresh(session *s, const periods *ps, int *written, lz_err *err)
{
	if (ps->n == 0)
		return LZ_OK;
	rule_reach reach;
	rule_reach_district(s, &reach);
	tiancheng_calc *c;
	lz_status st = tiancheng_calc_new(s, &c, err);
	for (int i = 0; i < ps->n && !st; i++)
		st = refresh_period(s, c, ps->p[i], written, err);
	tiancheng_calc_free(c);
	rule_reach_restore(s, &reach);
	return st;
}

/* The saved record's audit row tells what it was before the save, so that
 * an entry moved to another month, or deleted, updates its old month too. */
static lz_status tc_on_save(session *s, const kind *k, int64_t id, int *written, lz_err *err)
{
	periods ps = { 0 };
	lz_status st;
	if (strcmp(k->name, "index_entry") == 0) {
		st = periods_from(s, &ps,
				  "WITH last AS (SELECT before, after FROM audit WHERE kind = 'index_entry' AND record_id = ?1"
				  " ORDER BY id DESC LIMIT 1) SELECT json_extract(before, '$.period') FROM last"
				  " UNION ALL SELECT json_extract(after, '$.period') FROM last",
				  id, true, err);
	} else {
		/* A unit moving to another category moves the rankings of every
		 * month it has counts for; other changes to a unit do not. */
		st = periods_from(s, &ps,
				  "SELECT e.period FROM index_entry e WHERE e.unit = ?1 AND EXISTS (SELECT 1 FROM"
				  " (SELECT before, after FROM audit WHERE kind = 'unit' AND record_id = ?1 ORDER BY id DESC LIMIT 1)"
				  " WHERE json_extract(before, '$.category') IS NOT json_extract(after, '$.category'))",
				  id, true, err);
	}
	if (!st)
		st = refresh(s, &ps, written, err);
	free(ps.p);
	return st;
}

static lz_status tc_on_date(session *s, int *written, lz_err *err)
{
	periods ps = { 0 };
	lz_status st = periods_from(s, &ps,
				    "SELECT DISTINCT period FROM index_entry UNION SELECT DISTINCT period FROM proposal"
				    " WHERE rule = 'tiancheng' AND state = '" ST_PENDING "'",
				    0, false, err);
	if (!st)
		st = refresh(s, &ps, written, err);
	free(ps.p);
	return st;
}

static const char *const tc_kinds[] = { "index_entry", "unit", NULL };
static const char *const tc_settings[] = { "tiancheng_weight_petitions", "tiancheng_weight_complaints",
					   "tiancheng_weight_opinions", "tiancheng_persist_months",
					   "tiancheng_serious_repeat", NULL };

const rule tiancheng_rule = { "tiancheng", tc_kinds, tc_settings, tc_on_save, tc_on_date };
