/* rule_satisfaction.c — satisfaction (task 23): a unit whose satisfaction
 * score is below the setting satisfaction_low and in the bottom three of its
 * category, in each of two consecutive years Y−1 and Y, is held to account.
 * One accountability item per unit and year Y (source: the unit's survey of
 * Y), for the unit's principal holder (主体责任人), its reason naming the
 * unit, the holder, both years, ranks and scores.
 *
 * Every evaluation looks at all years: one survey moves the ranks of its
 * whole category, and its year decides two pairs of years. The surveys of a
 * district are a few thousand rows at most, and an evaluation writes only
 * what changed. Items follow their facts while pending; a pending item whose
 * condition no longer holds is marked 触发已撤销 with why appended to its
 * reason (the register has no decision column), and comes back when it holds
 * again. Once staff have handled one (已处理) it is theirs.
 *
 * The texts it stores are ledger data in Chinese whatever the locale, and it
 * acts for the district whoever's save set it off (as the other rules do). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"
#include "rule_util.h"
#include "rules.h"
#include "satisfaction.h"
#include "tiancheng.h"

#define RULE_NAME "satisfaction"
#define PENDING "待处理"
#define WITHDRAWN "触发已撤销"

/* An item the rule wrote before: the first for its unit and year. */
typedef struct item {
	int64_t id, unit;
	int year;
	char state[32];
	bool matched;
} item;

typedef struct years {
	satisfaction_ranking *y;
	int n;
} years;

static const satisfaction_ranking *year_of(const years *ys, int year)
{
	for (int i = 0; i < ys->n; i++)
		if (ys->y[i].year == year)
			return &ys->y[i];
	return NULL;
}

static lz_status load_items(session *s, item **out, int *n, lz_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT min(id), unit, year, state FROM accountability WHERE rule = '" RULE_NAME "'"
				  " GROUP BY unit, year ORDER BY 1", &q, err);
	if (st)
		return st;
	int rc, cap = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			item *p = realloc(*out, (size_t)cap * sizeof *p);
			if (!p) {
				st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				break;
			}
			*out = p;
		}
		item *it = &(*out)[(*n)++];
		memset(it, 0, sizeof *it);
		it->id = sqlite3_column_int64(q, 0);
		it->unit = sqlite3_column_int64(q, 1);
		it->year = sqlite3_column_int(q, 2);
		const char *state = (const char *)sqlite3_column_text(q, 3);
		snprintf(it->state, sizeof it->state, "%s", state ? state : "");
	}
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading the accountability register"), err);
	sqlite3_finalize(q);
	return st;
}

/* Why unit w is held to account in year Y (Chinese, as kept). */
static void reason_for(const satisfaction_ranking *r, const satisfaction_row *w, char *out, size_t n)
{
	char s0[32], s1[32], low[32];
	satisfaction_decimal(w->prev_score, s0);
	satisfaction_decimal(w->score, s1);
	satisfaction_decimal(r->low, low);
	int len = snprintf(out, n,
			   "满意度测评连续两年低分且位列后三名: %s(%s) %d年得分 %s, 排名第%d名; %d年得分 %s, 排名第%d名;"
			   " 均低于 %s 分且位列本类别后三名。",
			   w->name, tiancheng_categories[w->cat], r->year - 1, s0, w->prev_rank, r->year, s1, w->rank, low);
	size_t at = len < 0 ? 0 : (size_t)len < n ? (size_t)len : n - 1;
	if (w->holder)
		snprintf(out + at, n - at, "追究主体责任人%s的主体责任。", w->holder_name);
	else
		snprintf(out + at, n - at, "%s未登记主体责任人: 须确定责任人, 追究其主体责任。", w->name);
}

/* What one year of unit says against the condition, appended to out. */
static void why_year(const years *ys, int64_t unit, int year, char *out, size_t n)
{
	size_t at = strlen(out);
	const satisfaction_row *w = satisfaction_find(year_of(ys, year), unit);
	const char *sep = at ? "; " : "";
	char sc[32], low[32];
	if (!w) {
		snprintf(out + at, n - at, "%s%d年无该单位的满意度测评记录", sep, year);
		return;
	}
	satisfaction_decimal(w->score, sc);
	satisfaction_decimal(year_of(ys, year)->low, low);
	if (w->cat < 0) {
		if (!strstr(out, "不参加满意度排名")) /* said once for both years */
			snprintf(out + at, n - at, "%s该单位的类别不参加满意度排名", sep);
	}
	else if (!w->low)
		snprintf(out + at, n - at, "%s%d年得分 %s 不低于 %s 分", sep, year, sc, low);
	else if (!w->bottom_three)
		snprintf(out + at, n - at, "%s%d年排名第%d名, 未位列后三名", sep, year, w->rank);
}

/* Writes, updates or restores the item of w in year r->year. */
static lz_status hold(session *s, const satisfaction_ranking *r, const satisfaction_row *w, item *it, int *written,
		      lz_err *err)
{
	record *rec = NULL;
	char *before = NULL;
	lz_status st;
	if (it) {
		it->matched = true;
		if (strcmp(it->state, PENDING) != 0 && strcmp(it->state, WITHDRAWN) != 0)
			return LZ_OK; /* handled: staff have the last word */
		if ((st = record_get(s, &kind_accountability, it->id, &rec, err)))
			return st;
		before = record_json(rec);
	} else if (!(rec = record_new(&kind_accountability))) {
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	char reason[2048], src[24], unit[24], person[24], year[8];
	reason_for(r, w, reason, sizeof reason);
	snprintf(src, sizeof src, "%lld", (long long)w->survey);
	snprintf(unit, sizeof unit, "%lld", (long long)w->unit);
	snprintf(person, sizeof person, "%lld", (long long)w->holder);
	snprintf(year, sizeof year, "%d", r->year);
	record_set_named(rec, "rule", RULE_NAME);
	record_set_named(rec, "source_kind", "survey");
	record_set_named(rec, "source_id", src);
	record_set_named(rec, "year", year);
	record_set_named(rec, "unit", unit);
	record_set_named(rec, "person", w->holder ? person : NULL);
	record_set_named(rec, "role", "主体责任人");
	record_set_named(rec, "state", PENDING);
	record_set_named(rec, "reason", reason);
	st = rule_save_changed(s, rec, before, written, err);
	free(before);
	record_free(rec);
	return st;
}

/* Marks a pending item whose condition no longer holds. */
static lz_status withdraw(session *s, const years *ys, const item *it, int *written, lz_err *err)
{
	record *rec;
	lz_status st = record_get(s, &kind_accountability, it->id, &rec, err);
	if (st)
		return st;
	char why[512] = "", reason[4096];
	why_year(ys, it->unit, it->year - 1, why, sizeof why);
	why_year(ys, it->unit, it->year, why, sizeof why);
	if (!*why) /* both years hold on their own, so the category must differ */
		snprintf(why, sizeof why, "触发条件已不成立");
	const char *old = record_get_named(rec, "reason");
	snprintf(reason, sizeof reason, "%s 触发已撤销(%s): %s", old ? old : "", s->today, why);
	record_set_named(rec, "state", WITHDRAWN);
	record_set_named(rec, "reason", reason);
	st = rule_save_changed(s, rec, NULL, written, err);
	record_free(rec);
	return st;
}

/* Brings every item in line with every year's ranking, with the district's
 * reach: the item of a unit belongs to that unit, whoever saved what set it
 * off (a staff member entering their own unit's survey moves the whole
 * category). Its rows still go through the record layer (validation, audit
 * under the account's name). */
static lz_status evaluate(session *s, int *written, lz_err *err)
{
	rule_reach reach;
	rule_reach_district(s, &reach);
	years ys = { 0 };
	item *items = NULL;
	int nitems = 0;
	lz_status st = satisfaction_rank_all(s, &ys.y, &ys.n, err);
	if (!st)
		st = load_items(s, &items, &nitems, err);
	for (int y = 0; y < ys.n && !st; y++) {
		const satisfaction_ranking *r = &ys.y[y];
		for (int i = 0; i < r->nrows && !st; i++) {
			const satisfaction_row *w = &r->rows[i];
			if (!w->accountable)
				continue;
			item *it = NULL;
			for (int k = 0; k < nitems && !it; k++)
				if (items[k].unit == w->unit && items[k].year == r->year)
					it = &items[k];
			st = hold(s, r, w, it, written, err);
		}
	}
	for (int k = 0; k < nitems && !st; k++)
		if (!items[k].matched && strcmp(items[k].state, PENDING) == 0)
			st = withdraw(s, &ys, &items[k], written, err);
	free(items);
	satisfaction_free_all(ys.y, ys.n);
	rule_reach_restore(s, &reach);
	return st;
}

/* Whether the query (?1 = id) finds anything. */
static lz_status concerns(session *s, const char *sql, int64_t id, bool *yes, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, sql, &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	*yes = rc == SQLITE_ROW && sqlite3_column_int(q, 0) != 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading satisfaction surveys"), err);
	sqlite3_finalize(q);
	return st;
}

/* A survey saved or deleted; a unit with surveys or items (its category, name
 * or principal holder may have changed); a person named by an item or holding
 * a unit that has items (the reason carries the name). */
static lz_status sat_on_save(session *s, const kind *k, int64_t id, int *written, lz_err *err)
{
	bool yes = true;
	lz_status st = LZ_OK;
	if (strcmp(k->name, "unit") == 0)
		st = concerns(s,
			      "SELECT EXISTS (SELECT 1 FROM survey WHERE unit = ?1) OR EXISTS (SELECT 1 FROM accountability"
			      " WHERE rule = '" RULE_NAME "' AND unit = ?1)", id, &yes, err);
	else if (strcmp(k->name, "person") == 0)
		st = concerns(s,
			      "SELECT EXISTS (SELECT 1 FROM accountability a WHERE a.rule = '" RULE_NAME "' AND (a.person = ?1"
			      " OR a.unit IN (SELECT id FROM unit WHERE principal_holder = ?1)))", id, &yes, err);
	if (st || !yes)
		return st;
	return evaluate(s, written, err);
}

static const char *const sat_kinds[] = { "survey", "unit", "person", NULL };
static const char *const sat_settings[] = { "satisfaction_low", NULL };

const struct rule satisfaction_rule = {
	.name = RULE_NAME,
	.kinds = sat_kinds,
	.settings = sat_settings,
	.on_save = sat_on_save,
	.on_date = evaluate,
};
