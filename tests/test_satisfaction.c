/* test_satisfaction.c — the satisfaction ranking against hand-worked figures
 * (ranks with ties, the bottom three, small categories, the change against
 * the year before) and the rule that holds units to account: two consecutive
 * years low and in the bottom three, not a gap, exactly 80 not low; one item
 * per unit and year, idempotent, withdrawn and restored as the surveys, the
 * units and the threshold change, never touched once handled. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kinds_master.h"
#include "kinds_plan.h"
#include "record.h"
#include "rules.h"
#include "satisfaction.h"
#include "session.h"
#include "settings.h"

static char dbpath[256];

static void open_fresh(session *s)
{
	snprintf(dbpath, sizeof dbpath, "/tmp/lz-satisfaction-%d.db", (int)getpid());
	unlink(dbpath);
	lz_err e;
	assert_int_equal(session_open(s, dbpath, "tester", true, NULL, &e), LZ_OK);
	snprintf(s->today, sizeof s->today, "2026-05-10");
}

static void close_fresh(session *s)
{
	session_close(s);
	char p[300];
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
}

static int64_t num(session *s, const char *fmt, ...)
{
	char sql[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	int64_t n = -1;
	lz_err e;
	assert_int_equal(db_scalar_int(&s->db, sql, -1, &n, &e), LZ_OK);
	return n;
}

/* The first column of the first row as text ("" for none or NULL). */
static const char *text(session *s, const char *fmt, ...)
{
	static char out[4096];
	char sql[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	sqlite3_stmt *q;
	out[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(s->db.h, sql, -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return out;
}

static int64_t save(session *s, record *r)
{
	lz_err e;
	if (record_save(s, r, &e))
		fail_msg("saving %s: %s", r->k->name, e.msg);
	int64_t id = r->id;
	record_free(r);
	return id;
}

static void set_field(session *s, const kind *k, int64_t id, const char *field, const char *v)
{
	record *r;
	lz_err e;
	assert_int_equal(record_get(s, k, id, &r, &e), LZ_OK);
	record_set_named(r, field, v);
	save(s, r);
}

static int64_t add_unit(session *s, const char *code, const char *cat)
{
	record *r = record_new(&kind_unit);
	char name[64];
	snprintf(name, sizeof name, "单位%s", code);
	record_set_named(r, "code", code);
	record_set_named(r, "name", name);
	record_set_named(r, "category", cat);
	return save(s, r);
}

/* A cadre of unit made its principal holder. */
static int64_t add_holder(session *s, int64_t unit, const char *name)
{
	char uid[24], pid[24];
	snprintf(uid, sizeof uid, "%lld", (long long)unit);
	record *p = record_new(&kind_person);
	record_set_named(p, "name", name);
	record_set_named(p, "unit", uid);
	int64_t id = save(s, p);
	snprintf(pid, sizeof pid, "%lld", (long long)id);
	set_field(s, &kind_unit, unit, "principal_holder", pid);
	return id;
}

static int64_t survey(session *s, int64_t unit, int year, const char *score)
{
	record *r = record_new(&kind_survey);
	char u[24], y[8];
	snprintf(u, sizeof u, "%lld", (long long)unit);
	snprintf(y, sizeof y, "%d", year);
	record_set_named(r, "unit", u);
	record_set_named(r, "year", y);
	record_set_named(r, "score", score);
	record_set_named(r, "respondents", "120");
	return save(s, r);
}

static void rank(session *s, int year, satisfaction_ranking *r)
{
	lz_err e;
	if (satisfaction_rank(s, year, r, &e))
		fail_msg("ranking %d: %s", year, e.msg);
}

static const satisfaction_row *row_of(const satisfaction_ranking *r, int64_t unit)
{
	const satisfaction_row *w = satisfaction_find(r, unit);
	if (!w)
		fail_msg("unit %lld not in the ranking of %d", (long long)unit, r->year);
	return w;
}

static int64_t items(session *s)
{
	return num(s, "SELECT count(*) FROM accountability WHERE rule = 'satisfaction'");
}

static int64_t audits(session *s)
{
	return num(s, "SELECT count(*) FROM audit");
}

/* Ranks 1, 2, 2, 4 (higher is better): the bottom three are both 2s and the
 * 4; the 1 has three strictly worse. 乡镇 and 街道 rank together; another
 * category apart; the year before gives the changes. */
static void test_ties(void **state)
{
	(void)state;
	session s;
	open_fresh(&s);
	int64_t a = add_unit(&s, "X01", "乡镇"), b = add_unit(&s, "X02", "乡镇"), c = add_unit(&s, "J01", "街道");
	int64_t d = add_unit(&s, "X03", "乡镇"), g = add_unit(&s, "G01", "公共服务行业");
	survey(&s, a, 2025, "92.5");
	survey(&s, b, 2025, "85.00");
	survey(&s, c, 2025, "85");
	survey(&s, d, 2025, "70.01");
	survey(&s, g, 2025, "60");
	survey(&s, a, 2024, "80"); /* rank 2 of 2 the year before */
	survey(&s, d, 2024, "81.5"); /* rank 1 */
	satisfaction_ranking r;
	rank(&s, 2025, &r);
	assert_int_equal(r.nrows, 5);
	assert_int_equal(r.low, 8000);
	/* best first, ties by code: X01, J01, X02, X03, then the other category */
	int64_t order[5] = { a, c, b, d, g };
	int ranks[5] = { 1, 2, 2, 4, 1 }, of[5] = { 4, 4, 4, 4, 1 };
	bool bottom[5] = { false, true, true, true, true };
	int64_t scores[5] = { 9250, 8500, 8500, 7001, 6000 };
	for (int i = 0; i < 5; i++) {
		assert_int_equal(r.rows[i].unit, order[i]);
		assert_int_equal(r.rows[i].rank, ranks[i]);
		assert_int_equal(r.rows[i].of, of[i]);
		assert_int_equal(r.rows[i].bottom_three, bottom[i]);
		assert_int_equal(r.rows[i].score, scores[i]);
		assert_int_equal(r.rows[i].cat, i < 4 ? 0 : 2);
		assert_int_equal(r.rows[i].respondents, 120);
	}
	assert_true(row_of(&r, d)->low && row_of(&r, g)->low);
	assert_false(row_of(&r, b)->low);
	/* The year before: X01 80.00 (rank 2) → 92.50 (rank 1); X03 81.50 (1) → 70.01 (4). */
	assert_true(row_of(&r, a)->has_prev);
	assert_int_equal(row_of(&r, a)->score - row_of(&r, a)->prev_score, 1250);
	assert_int_equal(row_of(&r, a)->prev_rank - row_of(&r, a)->rank, 1);
	assert_int_equal(row_of(&r, d)->score - row_of(&r, d)->prev_score, -1149);
	assert_int_equal(row_of(&r, d)->prev_rank - row_of(&r, d)->rank, -3);
	assert_false(row_of(&r, b)->has_prev);
	/* X03 was low in 2025 but not in 2024: not held to account. */
	assert_false(row_of(&r, d)->accountable);
	satisfaction_free(&r);
	char out[32];
	satisfaction_decimal(-1149, out);
	assert_string_equal(out, "-11.49");
	satisfaction_decimal(5, out);
	assert_string_equal(out, "0.05");
	assert_int_equal(items(&s), 0);
	close_fresh(&s);
}

/* Ties at the edge all belong to the bottom three (four units there); a
 * category of two units has both in it, a category of one its only unit. */
static void test_edge_ties_and_small_categories(void **state)
{
	(void)state;
	session s;
	open_fresh(&s);
	int64_t u[5];
	const char *sc[5] = { "90", "80", "80", "80", "70" };
	for (int i = 0; i < 5; i++) {
		char code[8];
		snprintf(code, sizeof code, "B0%d", i + 1);
		u[i] = add_unit(&s, code, "区级部门");
		survey(&s, u[i], 2025, sc[i]);
	}
	int64_t g1 = add_unit(&s, "G01", "公共服务行业"), g2 = add_unit(&s, "G02", "公共服务行业");
	int64_t v1 = add_unit(&s, "C01", "村(社区)");
	survey(&s, g1, 2025, "99");
	survey(&s, g2, 2025, "98.99");
	survey(&s, v1, 2025, "95");
	satisfaction_ranking r;
	rank(&s, 2025, &r);
	int ranks[5] = { 1, 2, 2, 2, 5 };
	for (int i = 0; i < 5; i++) {
		assert_int_equal(row_of(&r, u[i])->rank, ranks[i]);
		assert_int_equal(row_of(&r, u[i])->bottom_three, i > 0);
	}
	assert_int_equal(row_of(&r, g1)->rank, 1);
	assert_int_equal(row_of(&r, g2)->rank, 2);
	assert_true(row_of(&r, g1)->bottom_three && row_of(&r, g2)->bottom_three);
	assert_int_equal(row_of(&r, g1)->of, 2);
	assert_true(row_of(&r, v1)->bottom_three);
	assert_int_equal(row_of(&r, v1)->rank, 1);
	satisfaction_free(&r);
	/* A year nobody was surveyed. */
	rank(&s, 2019, &r);
	assert_int_equal(r.nrows, 0);
	assert_int_equal(r.low, 8000);
	satisfaction_free(&r);
	close_fresh(&s);
}

/* Four 区级部门 units in each of years: B01 90, B02 88, B03 85 and B04 at
 * the score given for that year (NULL: no survey). B04 is in the bottom
 * three whatever it scores below 85 (B01 has three worse). */
static int64_t four_units(session *s, const char *const *b04, int from, int nyears, int64_t others[3])
{
	const char *codes[3] = { "B01", "B02", "B03" }, *scores[3] = { "90", "88", "85" };
	for (int i = 0; i < 3; i++)
		others[i] = add_unit(s, codes[i], "区级部门");
	int64_t u = add_unit(s, "B04", "区级部门");
	for (int y = 0; y < nyears; y++) {
		for (int i = 0; i < 3; i++)
			survey(s, others[i], from + y, scores[i]);
		if (b04[y])
			survey(s, u, from + y, b04[y]);
	}
	return u;
}

static void test_consecutive_years_and_gap(void **state)
{
	(void)state;
	session s;
	int64_t o[3];
	open_fresh(&s);
	/* 2021 low, 2022 not surveyed, 2023 low, 2024 low, 2025 low. */
	const char *b04[5] = { "70", NULL, "75", "79.99", "60" };
	int64_t u = four_units(&s, b04, 2021, 5, o);
	int64_t h = add_holder(&s, u, "张书记");
	/* 2023 follows a gap: no item; 2024 and 2025 each have one. */
	assert_int_equal(items(&s), 2);
	assert_string_equal(text(&s, "SELECT group_concat(year) FROM (SELECT year FROM accountability WHERE unit = %lld"
				     " AND state = '待处理' ORDER BY year)", (long long)u),
			    "2024,2025");
	int64_t sv = num(&s, "SELECT id FROM survey WHERE unit = %lld AND year = 2025", (long long)u);
	assert_int_equal(num(&s, "SELECT count(*) FROM accountability WHERE rule = 'satisfaction' AND year = 2025"
			     " AND source_kind = 'survey' AND source_id = %lld AND unit = %lld AND person = %lld"
			     " AND role = '主体责任人' AND state = '待处理' AND measure IS NULL",
			     (long long)sv, (long long)u, (long long)h), 1);
	assert_string_equal(text(&s, "SELECT reason FROM accountability WHERE year = 2025 AND unit = %lld", (long long)u),
			    "满意度测评连续两年低分且位列后三名: 单位B04(区级部门) 2024年得分 79.99, 排名第4名; 2025年得分 60.00,"
			    " 排名第4名; 均低于 80.00 分且位列本类别后三名。追究主体责任人张书记的主体责任。");
	satisfaction_ranking r;
	rank(&s, 2023, &r);
	assert_true(row_of(&r, u)->low && row_of(&r, u)->bottom_three);
	assert_false(row_of(&r, u)->has_prev);
	assert_false(row_of(&r, u)->accountable);
	satisfaction_free(&r);
	rank(&s, 2024, &r);
	assert_true(row_of(&r, u)->accountable);
	for (int i = 0; i < 3; i++)
		assert_false(row_of(&r, o[i])->accountable); /* B02 and B03 are bottom three but not low */
	satisfaction_free(&r);
	close_fresh(&s);
}

/* Exactly 80.00 is not low, 79.99 is; low in only one of the years makes no item. */
static void test_threshold_edge_and_one_year(void **state)
{
	(void)state;
	session s;
	int64_t o[3];
	open_fresh(&s);
	const char *b04[2] = { "80.00", "79.99" };
	int64_t u = four_units(&s, b04, 2024, 2, o);
	int64_t c = add_unit(&s, "G01", "公共服务行业");
	survey(&s, c, 2024, "50");
	survey(&s, c, 2025, "99"); /* low (and bottom) in 2024 only */
	satisfaction_ranking r;
	rank(&s, 2025, &r);
	assert_true(row_of(&r, u)->low);
	assert_false(row_of(&r, u)->prev_low);
	assert_false(row_of(&r, u)->accountable);
	assert_false(row_of(&r, c)->accountable);
	satisfaction_free(&r);
	assert_int_equal(items(&s), 0);
	/* 80.00 → 79.99 in 2024: now both years. */
	int64_t sv = num(&s, "SELECT id FROM survey WHERE unit = %lld AND year = 2024", (long long)u);
	set_field(&s, &kind_survey, sv, "score", "79.99");
	assert_int_equal(items(&s), 1);
	/* No principal holder: no person, and the reason says so. */
	assert_int_equal(num(&s, "SELECT person IS NULL FROM accountability WHERE unit = %lld", (long long)u), 1);
	assert_non_null(strstr(text(&s, "SELECT reason FROM accountability WHERE unit = %lld", (long long)u),
			       "单位B04未登记主体责任人: 须确定责任人, 追究其主体责任。"));
	close_fresh(&s);
}

/* Saving unrelated surveys, and running the rules again, writes nothing. */
static void test_idempotent(void **state)
{
	(void)state;
	session s;
	lz_err e;
	int64_t o[3];
	open_fresh(&s);
	const char *b04[2] = { "70", "71" };
	int64_t u = four_units(&s, b04, 2024, 2, o);
	add_holder(&s, u, "李书记");
	assert_int_equal(items(&s), 1);
	int64_t acc_audits = num(&s, "SELECT count(*) FROM audit WHERE kind = 'accountability'");
	int64_t a0 = audits(&s);
	int64_t g = add_unit(&s, "G01", "公共服务行业");
	survey(&s, g, 2025, "55"); /* another category */
	survey(&s, g, 2024, "56");
	int64_t x = add_unit(&s, "B09", "区级部门");
	survey(&s, x, 2023, "99"); /* the same category, a year that decides nothing here */
	int64_t sb = num(&s, "SELECT id FROM survey WHERE unit = %lld AND year = 2025", (long long)o[0]);
	set_field(&s, &kind_survey, sb, "respondents", "300");
	/* G01 is low and bottom in both years: its own item, and only that. */
	assert_int_equal(items(&s), 2);
	assert_int_equal(num(&s, "SELECT count(*) FROM audit WHERE kind = 'accountability'"), acc_audits + 1);
	/* G01 and its two surveys, B09 and its survey, the changed survey, G01's item. */
	assert_int_equal(audits(&s), a0 + 3 + 2 + 1 + 1);
	a0 = audits(&s);
	int written = -1;
	assert_int_equal(rules_run(&s, &written, &e), LZ_OK);
	assert_int_equal(written, 0);
	assert_int_equal(audits(&s), a0);
	/* The same threshold set again changes nothing either. */
	assert_int_equal(settings_set(&s, "satisfaction_low", "80", &e), LZ_OK);
	assert_int_equal(num(&s, "SELECT count(*) FROM audit WHERE kind = 'accountability'"), acc_audits + 1);
	close_fresh(&s);
}

/* Raised above the threshold: withdrawn with why; lowered again: the same
 * item comes back. Deleted: withdrawn; a handled item is left alone. */
static void test_withdraw_and_restore(void **state)
{
	(void)state;
	session s;
	lz_err e;
	int64_t o[3];
	open_fresh(&s);
	const char *b04[2] = { "70", "71" };
	int64_t u = four_units(&s, b04, 2024, 2, o);
	int64_t it = num(&s, "SELECT id FROM accountability WHERE unit = %lld AND year = 2025", (long long)u);
	assert_true(it > 0);
	int64_t sv = num(&s, "SELECT id FROM survey WHERE unit = %lld AND year = 2025", (long long)u);
	set_field(&s, &kind_survey, sv, "score", "80");
	assert_string_equal(text(&s, "SELECT state FROM accountability WHERE id = %lld", (long long)it), "触发已撤销");
	assert_non_null(strstr(text(&s, "SELECT reason FROM accountability WHERE id = %lld", (long long)it),
			       "触发已撤销(2026-05-10): 2025年得分 80.00 不低于 80.00 分"));
	/* Still not low: nothing more is written. */
	int64_t a0 = audits(&s);
	set_field(&s, &kind_survey, sv, "score", "84");
	assert_int_equal(audits(&s), a0 + 1);
	set_field(&s, &kind_survey, sv, "score", "79");
	assert_string_equal(text(&s, "SELECT state FROM accountability WHERE id = %lld", (long long)it), "待处理");
	assert_null(strstr(text(&s, "SELECT reason FROM accountability WHERE id = %lld", (long long)it), "触发已撤销"));
	assert_non_null(strstr(text(&s, "SELECT reason FROM accountability WHERE id = %lld", (long long)it),
			       "2025年得分 79.00, 排名第4名"));
	assert_int_equal(items(&s), 1);
	/* Out of the bottom three: three more units below B04 (70) in 2024 make it
	 * rank 4 of 7 with three strictly worse; one of them gone, it is back in. */
	int64_t extra[3];
	for (int i = 0; i < 3; i++) {
		char code[8];
		snprintf(code, sizeof code, "B1%d", i);
		extra[i] = survey(&s, add_unit(&s, code, "区级部门"), 2024, i ? "60" : "69.99");
	}
	assert_string_equal(text(&s, "SELECT state FROM accountability WHERE id = %lld", (long long)it), "触发已撤销");
	assert_non_null(strstr(text(&s, "SELECT reason FROM accountability WHERE id = %lld", (long long)it),
			       "2024年排名第4名, 未位列后三名"));
	assert_int_equal(record_delete(&s, &kind_survey, extra[0], &e), LZ_OK);
	assert_string_equal(text(&s, "SELECT state FROM accountability WHERE id = %lld", (long long)it), "待处理");
	assert_non_null(strstr(text(&s, "SELECT reason FROM accountability WHERE id = %lld", (long long)it),
			       "2024年得分 70.00, 排名第4名"));
	/* Deleted: withdrawn, saying the survey is missing; entered again: back. */
	assert_int_equal(record_delete(&s, &kind_survey, sv, &e), LZ_OK);
	assert_string_equal(text(&s, "SELECT state FROM accountability WHERE id = %lld", (long long)it), "触发已撤销");
	assert_non_null(strstr(text(&s, "SELECT reason FROM accountability WHERE id = %lld", (long long)it),
			       "2025年无该单位的满意度测评记录"));
	int64_t sv2 = survey(&s, u, 2025, "71");
	assert_string_equal(text(&s, "SELECT state FROM accountability WHERE id = %lld", (long long)it), "待处理");
	assert_int_equal(num(&s, "SELECT source_id FROM accountability WHERE id = %lld", (long long)it), sv2);
	assert_int_equal(items(&s), 1);
	/* A unit moved to a category that is not ranked leaves the ranking. */
	set_field(&s, &kind_unit, u, "category", "区领导机关");
	assert_string_equal(text(&s, "SELECT state FROM accountability WHERE id = %lld", (long long)it), "触发已撤销");
	assert_non_null(strstr(text(&s, "SELECT reason FROM accountability WHERE id = %lld", (long long)it),
			       "该单位的类别不参加满意度排名"));
	set_field(&s, &kind_unit, u, "category", "区级部门");
	assert_string_equal(text(&s, "SELECT state FROM accountability WHERE id = %lld", (long long)it), "待处理");
	/* A new principal holder takes over the pending item. */
	int64_t h = add_holder(&s, u, "王书记");
	assert_int_equal(num(&s, "SELECT person FROM accountability WHERE id = %lld", (long long)it), h);
	assert_non_null(strstr(text(&s, "SELECT reason FROM accountability WHERE id = %lld", (long long)it), "王书记"));
	set_field(&s, &kind_person, h, "name", "王新书记");
	assert_non_null(strstr(text(&s, "SELECT reason FROM accountability WHERE id = %lld", (long long)it), "王新书记"));
	/* Handled by staff: the rule leaves it as it is, and writes no other. */
	set_field(&s, &kind_accountability, it, "state", "已处理");
	set_field(&s, &kind_accountability, it, "measure", "诫勉谈话");
	set_field(&s, &kind_survey, sv2, "score", "95");
	assert_string_equal(text(&s, "SELECT state || measure FROM accountability WHERE id = %lld", (long long)it),
			    "已处理诫勉谈话");
	set_field(&s, &kind_survey, sv2, "score", "50");
	assert_string_equal(text(&s, "SELECT state FROM accountability WHERE id = %lld", (long long)it), "已处理");
	assert_int_equal(items(&s), 1);
	/* Items a rule raised are kept for good. */
	assert_int_equal(record_delete(&s, &kind_accountability, it, &e), LZ_DENIED);
	close_fresh(&s);
}

/* The threshold is a setting: changing it re-evaluates every year. */
static void test_threshold_setting(void **state)
{
	(void)state;
	session s;
	lz_err e;
	int64_t o[3];
	open_fresh(&s);
	const char *b04[3] = { "75", "76", "77" };
	int64_t u = four_units(&s, b04, 2023, 3, o);
	assert_int_equal(items(&s), 2); /* 2024 and 2025 */
	assert_int_equal(settings_set(&s, "satisfaction_low", "76", &e), LZ_OK);
	/* 2023 75 low, 2024 76 not: both items go. */
	assert_int_equal(num(&s, "SELECT count(*) FROM accountability WHERE state = '触发已撤销'"), 2);
	assert_non_null(strstr(text(&s, "SELECT reason FROM accountability WHERE unit = %lld AND year = 2024", (long long)u),
			       "2024年得分 76.00 不低于 76.00 分"));
	assert_int_equal(settings_set(&s, "satisfaction_low", "86", &e), LZ_OK);
	/* B03 (85) is now low too, and in the bottom three every year. */
	assert_int_equal(num(&s, "SELECT count(*) FROM accountability WHERE state = '待处理'"), 4);
	assert_int_equal(num(&s, "SELECT count(*) FROM accountability WHERE state = '待处理' AND unit = %lld", (long long)o[2]), 2);
	assert_non_null(strstr(text(&s, "SELECT reason FROM accountability WHERE unit = %lld AND year = 2025", (long long)u),
			       "均低于 86.00 分"));
	assert_int_equal(settings_set(&s, "satisfaction_low", "80", &e), LZ_OK);
	assert_int_equal(num(&s, "SELECT count(*) FROM accountability WHERE state = '待处理'"), 2);
	assert_int_equal(items(&s), 4);
	close_fresh(&s);
}

/* A staff member whose scope is one unit saves its survey; the items of
 * units outside the scope follow at once, and the ranking shows only the
 * scope's units while counting all. */
static void test_scoped_save_moves_others(void **state)
{
	(void)state;
	session s;
	int64_t o[3];
	open_fresh(&s);
	const char *b04[2] = { "70", "71" };
	int64_t u = four_units(&s, b04, 2024, 2, o);
	int64_t it = num(&s, "SELECT id FROM accountability WHERE unit = %lld AND year = 2025", (long long)u);
	s.role = ROLE_STAFF;
	s.scope_unit = o[0];
	int64_t b01 = num(&s, "SELECT id FROM survey WHERE unit = %lld AND year = 2025", (long long)o[0]);
	set_field(&s, &kind_survey, b01, "score", "65"); /* B01 now worst: B04 has one worse … */
	/* … and is rank 3 of 4 with one strictly worse: still bottom three. */
	assert_string_equal(text(&s, "SELECT state FROM accountability WHERE id = %lld", (long long)it), "待处理");
	assert_non_null(strstr(text(&s, "SELECT reason FROM accountability WHERE id = %lld", (long long)it),
			       "2025年得分 71.00, 排名第3名"));
	satisfaction_ranking r;
	rank(&s, 2025, &r);
	assert_int_equal(r.nrows, 4);
	assert_int_equal(satisfaction_shown(&r), 1);
	assert_true(row_of(&r, o[0])->in_scope);
	assert_false(row_of(&r, u)->in_scope);
	assert_int_equal(row_of(&r, o[0])->rank, 4);
	satisfaction_free(&r);
	close_fresh(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_edge_ties_and_small_categories),
		cmocka_unit_test(test_consecutive_years_and_gap),
		cmocka_unit_test(test_threshold_edge_and_one_year),
		cmocka_unit_test(test_idempotent),
		cmocka_unit_test(test_withdraw_and_restore),
		cmocka_unit_test(test_threshold_setting),
		cmocka_unit_test(test_scoped_save_moves_others),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
