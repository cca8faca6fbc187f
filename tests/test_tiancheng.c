/* test_tiancheng.c — the Tiancheng index against hand-worked figures: ranks
 * with ties, the worst three, persistence and what breaks it, the serious
 * threshold, weights in hundredths; the rule's proposals (made once,
 * withdrawn, restored, never touched once decided) and what confirming or
 * dismissing them makes. */
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
#include "proposal.h"
#include "record.h"
#include "rules.h"
#include "session.h"
#include "settings.h"
#include "tiancheng.h"

static char dbpath[256];

static void open_fresh(session *s)
{
	snprintf(dbpath, sizeof dbpath, "/tmp/lz-tiancheng-%d.db", (int)getpid());
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
	static char out[2048];
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

static void set_field(session *s, const kind *k, int64_t id, const char *field, const char *v)
{
	record *r;
	lz_err e;
	assert_int_equal(record_get(s, k, id, &r, &e), LZ_OK);
	record_set_named(r, field, v);
	save(s, r);
}

/* A unit with both holders recorded. */
static int64_t add_held_unit(session *s, const char *code, const char *cat, int64_t holder[2])
{
	int64_t u = add_unit(s, code, cat);
	char uid[24], hid[24];
	snprintf(uid, sizeof uid, "%lld", (long long)u);
	for (int i = 0; i < 2; i++) {
		record *p = record_new(&kind_person);
		record_set_named(p, "name", i ? "监督人" : "书记");
		record_set_named(p, "unit", uid);
		holder[i] = save(s, p);
		snprintf(hid, sizeof hid, "%lld", (long long)holder[i]);
		set_field(s, &kind_unit, u, i ? "supervisor_holder" : "principal_holder", hid);
	}
	return u;
}

static int64_t entry(session *s, int64_t unit, const char *period, int pet, int com, int opi, int rep, int leap)
{
	record *r = record_new(&kind_index_entry);
	char v[6][24];
	snprintf(v[0], sizeof v[0], "%lld", (long long)unit);
	snprintf(v[1], sizeof v[1], "%d", pet);
	snprintf(v[2], sizeof v[2], "%d", com);
	snprintf(v[3], sizeof v[3], "%d", opi);
	snprintf(v[4], sizeof v[4], "%d", rep);
	snprintf(v[5], sizeof v[5], "%d", leap);
	record_set_named(r, "unit", v[0]);
	record_set_named(r, "period", period);
	record_set_named(r, "petitions", v[1]);
	record_set_named(r, "complaints", v[2]);
	record_set_named(r, "opinions", v[3]);
	record_set_named(r, "repeat_petitions", v[4]);
	record_set_named(r, "leapfrog_petitions", v[5]);
	return save(s, r);
}

static const tiancheng_row *row_of(const tiancheng_ranking *r, int64_t unit)
{
	const tiancheng_row *w = tiancheng_find(r, unit);
	if (!w)
		fail_msg("unit %lld not in the ranking of %s", (long long)unit, r->period);
	return w;
}

static void rank(session *s, const char *period, tiancheng_ranking *r)
{
	lz_err e;
	if (tiancheng_rank(s, period, r, &e))
		fail_msg("ranking %s: %s", period, e.msg);
}

/* Ranks 1, 2, 2, 4 (lower is better); the worst three are the 4 and both 2s;
 * an unranked category is kept apart; the derived field shows the same index. */
static void test_ties(void **state)
{
	(void)state;
	session s;
	open_fresh(&s);
	int64_t a = add_unit(&s, "X01", "乡镇"), b = add_unit(&s, "X02", "乡镇"), c = add_unit(&s, "J01", "街道");
	int64_t d = add_unit(&s, "X03", "乡镇"), l = add_unit(&s, "L01", "区领导机关");
	entry(&s, a, "2026-03", 1, 0, 0, 0, 0);
	entry(&s, b, "2026-03", 0, 2, 0, 0, 0);
	entry(&s, c, "2026-03", 1, 0, 1, 0, 0);
	int64_t de = entry(&s, d, "2026-03", 2, 1, 1, 0, 0);
	entry(&s, l, "2026-03", 9, 0, 0, 0, 0);
	tiancheng_ranking r;
	rank(&s, "2026-03", &r);
	assert_int_equal(r.nrows, 5);
	/* worst first, ties by code: X03 (4), J01 (2), X02 (2), X01 (1), then the unranked */
	assert_int_equal(r.rows[0].unit, d);
	assert_int_equal(r.rows[1].unit, c);
	assert_int_equal(r.rows[2].unit, b);
	assert_int_equal(r.rows[3].unit, a);
	assert_int_equal(r.rows[4].unit, l);
	int ranks[4] = { 4, 2, 2, 1 };
	bool worst[4] = { true, true, true, false };
	for (int i = 0; i < 4; i++) {
		assert_int_equal(r.rows[i].cat, 0);
		assert_int_equal(r.rows[i].rank, ranks[i]);
		assert_int_equal(r.rows[i].of, 4);
		assert_int_equal(r.rows[i].worst_three, worst[i]);
	}
	assert_int_equal(r.rows[0].index, 400);
	assert_int_equal(r.rows[4].cat, -1);
	assert_false(r.rows[4].worst_three);
	tiancheng_free(&r);
	record *re;
	lz_err e;
	assert_int_equal(record_get(&s, &kind_index_entry, de, &re, &e), LZ_OK);
	assert_string_equal(record_get_named(re, "tiancheng_index"), "4.00");
	record_free(re);
	close_fresh(&s);
}

/* Two units: both in the worst three when above 0; equal ones share rank 1. */
static void test_two_units_and_zero(void **state)
{
	(void)state;
	session s;
	open_fresh(&s);
	int64_t a = add_unit(&s, "G01", "公共服务行业"), b = add_unit(&s, "G02", "公共服务行业");
	entry(&s, a, "2026-01", 3, 0, 0, 0, 0);
	entry(&s, b, "2026-01", 0, 0, 0, 0, 0);
	entry(&s, a, "2026-02", 1, 1, 0, 0, 0);
	entry(&s, b, "2026-02", 0, 0, 2, 0, 0);
	entry(&s, a, "2026-03", 0, 0, 0, 1, 0);
	entry(&s, b, "2026-03", 0, 0, 0, 0, 0);
	tiancheng_ranking r;
	rank(&s, "2026-01", &r);
	assert_int_equal(row_of(&r, a)->rank, 2);
	assert_true(row_of(&r, a)->worst_three);
	assert_int_equal(row_of(&r, b)->rank, 1);
	assert_false(row_of(&r, b)->worst_three); /* index 0 is never flagged */
	tiancheng_free(&r);
	rank(&s, "2026-02", &r);
	assert_int_equal(row_of(&r, a)->rank, 1);
	assert_int_equal(row_of(&r, b)->rank, 1);
	assert_true(row_of(&r, a)->worst_three && row_of(&r, b)->worst_three);
	tiancheng_free(&r);
	/* An all-zero month flags nobody. */
	rank(&s, "2026-03", &r);
	for (int i = 0; i < r.nrows; i++)
		assert_false(r.rows[i].worst_three || r.rows[i].persistent || r.rows[i].serious);
	tiancheng_free(&r);
	assert_int_equal(num(&s, "SELECT count(*) FROM proposal"), 0);
	close_fresh(&s);
}

/* Four units, one high in months given by pattern ('h': high, '.': low,
 * ' ': no entry), the others constant and low. */
static int64_t run_months(session *s, const char *pattern, int64_t others[3])
{
	int64_t u = add_unit(s, "X09", "乡镇");
	const char *codes[3] = { "X01", "X02", "J01" };
	for (int i = 0; i < 3; i++)
		others[i] = add_unit(s, codes[i], i == 2 ? "街道" : "乡镇");
	for (int m = 0; pattern[m]; m++) {
		char p[8];
		snprintf(p, sizeof p, "2026-%02d", m + 1);
		for (int i = 0; i < 3; i++)
			entry(s, others[i], p, i + 1, 0, 0, 0, 0); /* 1, 2, 3 */
		if (pattern[m] != ' ')
			entry(s, u, p, pattern[m] == 'h' ? 8 : 0, 0, 0, 0, 0);
	}
	return u;
}

static bool persistent(session *s, const char *period, int64_t unit)
{
	tiancheng_ranking r;
	rank(s, period, &r);
	const tiancheng_row *w = tiancheng_find(&r, unit);
	bool p = w && w->persistent;
	tiancheng_free(&r);
	return p;
}

static void test_persistent_and_broken_run(void **state)
{
	(void)state;
	session s;
	int64_t o[3];
	open_fresh(&s);
	int64_t u = run_months(&s, "hhhh hhh", o);
	/* Four units: the high one is always worst; X01 (index 1) has three worse.
	 * But with a low unit (0) missing, X02 and J01 are in the worst three too. */
	assert_false(persistent(&s, "2026-01", u));
	assert_false(persistent(&s, "2026-02", u));
	assert_true(persistent(&s, "2026-03", u));
	assert_true(persistent(&s, "2026-04", u));
	assert_false(persistent(&s, "2026-06", u)); /* May has no entry: the run starts again */
	assert_false(persistent(&s, "2026-07", u));
	assert_true(persistent(&s, "2026-08", u));
	/* X02 (2) and J01 (3) are in the worst three every month, X01 (1) never. */
	assert_true(persistent(&s, "2026-03", o[1]));
	assert_true(persistent(&s, "2026-03", o[2]));
	assert_false(persistent(&s, "2026-03", o[0]));
	/* May: X09 missing, X01 (1) joins the worst three; still not persistent. */
	assert_false(persistent(&s, "2026-05", o[0]));
	assert_int_equal(num(&s, "SELECT count(*) FROM proposal WHERE unit = %lld AND state = '待确认'", (long long)u), 3);
	assert_string_equal(text(&s, "SELECT group_concat(period) FROM (SELECT period FROM proposal WHERE unit = %lld"
				     " ORDER BY period)", (long long)u),
			    "2026-03,2026-04,2026-08");
	/* The persistence setting counts months: at 4, only April has a run of four. */
	lz_err e;
	assert_int_equal(settings_set(&s, "tiancheng_persist_months", "4", &e), LZ_OK);
	assert_true(persistent(&s, "2026-04", u));
	assert_false(persistent(&s, "2026-03", u));
	assert_int_equal(num(&s, "SELECT count(*) FROM proposal WHERE unit = %lld AND state = '待确认'", (long long)u), 1);
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE unit = %lld AND period = '2026-08'", (long long)u),
			    "触发已撤销");
	close_fresh(&s);
}

static void test_serious_threshold(void **state)
{
	(void)state;
	session s;
	lz_err e;
	open_fresh(&s);
	int64_t a = add_unit(&s, "X01", "乡镇"), b = add_unit(&s, "X02", "乡镇"), l = add_unit(&s, "L01", "区领导机关");
	entry(&s, a, "2026-04", 0, 0, 0, 1, 1); /* exactly the setting (2) */
	entry(&s, b, "2026-04", 0, 0, 0, 1, 0);
	entry(&s, l, "2026-04", 0, 0, 0, 0, 2); /* an unranked unit can be serious too */
	tiancheng_ranking r;
	rank(&s, "2026-04", &r);
	assert_true(row_of(&r, a)->serious);
	assert_false(row_of(&r, b)->serious);
	assert_true(row_of(&r, l)->serious);
	assert_false(row_of(&r, a)->worst_three); /* index 0 */
	tiancheng_free(&r);
	assert_int_equal(num(&s, "SELECT count(*) FROM proposal WHERE state = '待确认'"), 2);
	assert_non_null(strstr(text(&s, "SELECT reason FROM proposal WHERE unit = %lld", (long long)a),
			       "重信重访 1 次、越级上访 1 次, 合计 2 次(标准 2 次)"));
	assert_int_equal(settings_set(&s, "tiancheng_serious_repeat", "3", &e), LZ_OK);
	assert_int_equal(num(&s, "SELECT count(*) FROM proposal WHERE state = '触发已撤销'"), 2);
	assert_non_null(strstr(text(&s, "SELECT decision FROM proposal WHERE unit = %lld", (long long)a), "触发条件已不成立"));
	close_fresh(&s);
}

/* Weights in hundredths: 3 × 1.5 + 1 × 0.25 + 2 × 0.07 = 4.89 exactly, as the derived field shows it. */
static void test_weights(void **state)
{
	(void)state;
	session s;
	lz_err e;
	open_fresh(&s);
	assert_int_equal(settings_set(&s, "tiancheng_weight_petitions", "1.5", &e), LZ_OK);
	assert_int_equal(settings_set(&s, "tiancheng_weight_complaints", "0.25", &e), LZ_OK);
	assert_int_equal(settings_set(&s, "tiancheng_weight_opinions", "0.07", &e), LZ_OK);
	int64_t a = add_unit(&s, "B01", "区级部门");
	int64_t id = entry(&s, a, "2026-02", 3, 1, 2, 0, 0);
	tiancheng_ranking r;
	rank(&s, "2026-02", &r);
	assert_int_equal(row_of(&r, a)->index, 489);
	assert_int_equal(row_of(&r, a)->cat, 1);
	tiancheng_free(&r);
	assert_string_equal(text(&s, "SELECT tiancheng_index FROM (SELECT %s AS tiancheng_index FROM index_entry t WHERE id = %lld)",
				 kind_field_named(&kind_index_entry, "tiancheng_index")->expr, (long long)id),
			    "489");
	close_fresh(&s);
}

static int64_t audits(session *s)
{
	return num(s, "SELECT count(*) FROM audit");
}

/* Made once; withdrawn when the entry changes, restored when it changes back;
 * decided proposals are left alone. */
static void test_proposal_life(void **state)
{
	(void)state;
	session s;
	lz_err e;
	int64_t o[3];
	open_fresh(&s);
	int64_t u = run_months(&s, "hhh", o);
	int64_t p = num(&s, "SELECT id FROM proposal WHERE unit = %lld AND period = '2026-03'", (long long)u);
	assert_true(p > 0);
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE id = %lld", (long long)p), "待确认");
	assert_non_null(strstr(text(&s, "SELECT reason FROM proposal WHERE id = %lld", (long long)p),
			       "2026-01至2026-03连续3个月位列乡镇街道后三名(2026-03 指数 8.00)"));
	int64_t rows = num(&s, "SELECT count(*) FROM proposal"), a0 = audits(&s);
	int written = -1;
	assert_int_equal(rules_run(&s, &written, &e), LZ_OK);
	assert_int_equal(written, 0);
	assert_int_equal(num(&s, "SELECT count(*) FROM proposal"), rows);
	assert_int_equal(audits(&s), a0);

	int64_t feb = num(&s, "SELECT id FROM index_entry WHERE unit = %lld AND period = '2026-02'", (long long)u);
	set_field(&s, &kind_index_entry, feb, "petitions", "0");
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE id = %lld", (long long)p), "触发已撤销");
	assert_string_equal(text(&s, "SELECT decided_on FROM proposal WHERE id = %lld", (long long)p), "2026-05-10");
	assert_non_null(strstr(text(&s, "SELECT decision FROM proposal WHERE id = %lld", (long long)p), "触发条件已不成立"));
	set_field(&s, &kind_index_entry, feb, "petitions", "8");
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE id = %lld", (long long)p), "待确认");
	assert_int_equal(num(&s, "SELECT decision IS NULL AND decided_on IS NULL FROM proposal WHERE id = %lld", (long long)p), 1);
	assert_int_equal(num(&s, "SELECT count(*) FROM proposal"), rows);

	/* Moving an entry to another month updates the month it left. */
	int64_t mar = num(&s, "SELECT id FROM index_entry WHERE unit = %lld AND period = '2026-03'", (long long)u);
	set_field(&s, &kind_index_entry, mar, "period", "2026-09");
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE id = %lld", (long long)p), "触发已撤销");
	set_field(&s, &kind_index_entry, mar, "period", "2026-03");
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE id = %lld", (long long)p), "待确认");
	/* Deleted, the month's proposal goes; entered again, it comes back. */
	assert_int_equal(record_delete(&s, &kind_index_entry, mar, &e), LZ_OK);
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE id = %lld", (long long)p), "触发已撤销");
	assert_non_null(strstr(text(&s, "SELECT decision FROM proposal WHERE id = %lld", (long long)p), "已无该单位的天成指数记录"));
	entry(&s, u, "2026-03", 8, 0, 0, 0, 0);
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE id = %lld", (long long)p), "待确认");
	/* A unit moved to an unranked category leaves the ranking. */
	set_field(&s, &kind_unit, u, "category", "区领导机关");
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE id = %lld", (long long)p), "触发已撤销");
	set_field(&s, &kind_unit, u, "category", "乡镇");
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE id = %lld", (long long)p), "待确认");

	/* Dismissed: the rule leaves it as staff decided. */
	assert_int_equal(proposal_dismiss(&s, p, "已另行谈话提醒", &e), LZ_OK);
	set_field(&s, &kind_index_entry, feb, "petitions", "0");
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE id = %lld", (long long)p), "已驳回");
	assert_string_equal(text(&s, "SELECT decision FROM proposal WHERE id = %lld", (long long)p), "已另行谈话提醒");
	close_fresh(&s);
}

/* A staff member whose scope is one unit saves its counts; the other units'
 * proposals follow at once. */
static void test_scoped_save_moves_others(void **state)
{
	(void)state;
	session s;
	int64_t o[3];
	open_fresh(&s);
	int64_t u = run_months(&s, "hhh", o);
	int64_t pj = num(&s, "SELECT id FROM proposal WHERE unit = %lld AND period = '2026-03'", (long long)o[1]);
	assert_true(pj > 0); /* X02 (2) is in the worst three with X09 and J01 */
	(void)u;
	s.role = ROLE_STAFF;
	s.scope_unit = o[0];
	int64_t x01 = num(&s, "SELECT id FROM index_entry WHERE unit = %lld AND period = '2026-03'", (long long)o[0]);
	set_field(&s, &kind_index_entry, x01, "petitions", "5"); /* X01 now worse than X02 */
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE id = %lld", (long long)pj), "触发已撤销");
	close_fresh(&s);
}

static void test_confirm_and_dismiss(void **state)
{
	(void)state;
	session s;
	lz_err e;
	int64_t h[2];
	open_fresh(&s);
	int64_t a = add_held_unit(&s, "X01", "乡镇", h);
	int64_t b = add_unit(&s, "X02", "乡镇"); /* no holders */
	int64_t c = add_unit(&s, "X03", "乡镇");
	const char *months[] = { "2026-02", "2026-03", "2026-04" };
	for (int m = 0; m < 3; m++) {
		entry(&s, a, months[m], 5, 0, 0, 0, 0);
		entry(&s, c, months[m], 0, 0, 0, 0, 0);
	}
	entry(&s, b, "2026-04", 0, 0, 0, 2, 0); /* only serious */
	int64_t pa = num(&s, "SELECT id FROM proposal WHERE unit = %lld AND period = '2026-04'", (long long)a);
	int64_t pb = num(&s, "SELECT id FROM proposal WHERE unit = %lld AND period = '2026-04'", (long long)b);
	assert_true(pa > 0 && pb > 0);

	/* A viewer may not decide; nothing changes. */
	int64_t a0 = audits(&s);
	s.role = ROLE_VIEWER;
	assert_int_equal(proposal_confirm(&s, pa, &e), LZ_DENIED);
	assert_int_equal(proposal_dismiss(&s, pa, "不需要", &e), LZ_DENIED);
	/* Staff outside the unit's scope do not even see it. */
	s.role = ROLE_STAFF;
	s.scope_unit = c;
	assert_int_equal(proposal_confirm(&s, pa, &e), LZ_BAD);
	assert_int_equal(audits(&s), a0);
	assert_int_equal(num(&s, "SELECT count(*) FROM interview"), 0);

	s.scope_unit = a;
	assert_int_equal(proposal_confirm(&s, pa, &e), LZ_OK);
	s.role = ROLE_ADMIN;
	s.scope_unit = 0;
	assert_string_equal(text(&s, "SELECT state || ' ' || decided_on FROM proposal WHERE id = %lld", (long long)pa),
			    "已确认 2026-05-10");
	assert_int_equal(num(&s, "SELECT count(*) FROM interview WHERE proposal = %lld", (long long)pa), 2);
	char subjects[64];
	snprintf(subjects, sizeof subjects, "%lld,%lld", (long long)h[0], (long long)h[1]);
	assert_string_equal(text(&s, "SELECT group_concat(subject) FROM (SELECT subject FROM interview WHERE proposal = %lld"
				     " ORDER BY id)", (long long)pa),
			    subjects);
	assert_int_equal(num(&s, "SELECT count(*) FROM interview WHERE proposal = %lld AND unit = %lld AND trigger = '天成指数'"
			     " AND held_on = '2026-05-10' AND periods = '2026-02;2026-03;2026-04'", (long long)pa, (long long)a), 2);
	int64_t first = num(&s, "SELECT min(id) FROM interview WHERE proposal = %lld", (long long)pa);
	assert_int_equal(num(&s, "SELECT count(*) FROM rectification WHERE unit = %lld AND interview = %lld"
			     " AND source = '天成指数 2026-04' AND deadline = '2026-06-09' AND item LIKE '专项整治: 天成指数排名居高不下%%'",
			     (long long)a, (long long)first), 1);
	assert_true(num(&s, "SELECT count(*) FROM audit WHERE kind IN ('interview', 'rectification')") == 3);
	/* Decided once. */
	assert_int_equal(proposal_confirm(&s, pa, &e), LZ_BAD);
	assert_int_equal(proposal_dismiss(&s, pa, "x", &e), LZ_BAD);

	/* Serious only, no holders: interviews without a subject, saying so. */
	assert_int_equal(proposal_confirm(&s, pb, &e), LZ_OK);
	assert_int_equal(num(&s, "SELECT count(*) FROM interview WHERE proposal = %lld AND subject IS NULL"
			     " AND trigger = '重信越访' AND periods = '2026-04'", (long long)pb), 2);
	assert_int_equal(num(&s, "SELECT count(*) FROM interview WHERE proposal = %lld AND content LIKE '本单位未登记主体责任人%%'",
			     (long long)pb), 1);
	assert_int_equal(num(&s, "SELECT count(*) FROM rectification WHERE unit = %lld", (long long)b), 1);

	/* A dismissal needs a reason. */
	int64_t c0 = num(&s, "SELECT count(*) FROM proposal WHERE state = '待确认'");
	entry(&s, c, "2026-05", 0, 0, 0, 1, 1);
	int64_t pc = num(&s, "SELECT id FROM proposal WHERE unit = %lld AND period = '2026-05'", (long long)c);
	assert_int_equal(num(&s, "SELECT count(*) FROM proposal WHERE state = '待确认'"), c0 + 1);
	a0 = audits(&s);
	assert_int_equal(proposal_dismiss(&s, pc, "", &e), LZ_BAD);
	assert_int_equal(proposal_dismiss(&s, pc, " \u3000 ", &e), LZ_BAD);
	assert_int_equal(audits(&s), a0);
	assert_int_equal(proposal_dismiss(&s, pc, "  经核实为重复登记  ", &e), LZ_OK);
	assert_string_equal(text(&s, "SELECT state || '|' || decision FROM proposal WHERE id = %lld", (long long)pc),
			    "已驳回|经核实为重复登记");
	assert_int_equal(audits(&s), a0 + 1);
	close_fresh(&s);
}

/* The other rule's proposal: confirming makes the 督办书. */
static void test_confirm_notice(void **state)
{
	(void)state;
	session s;
	lz_err e;
	open_fresh(&s);
	int64_t u = add_unit(&s, "B01", "区级部门");
	char uid[24];
	snprintf(uid, sizeof uid, "%lld", (long long)u);
	record *r = record_new(&kind_letter);
	record_set_named(r, "letter_type", "目标任务通知书");
	record_set_named(r, "year", "2026");
	record_set_named(r, "unit", uid);
	record_set_named(r, "tasks", "9;11");
	record_set_named(r, "state", "已发出");
	record_set_named(r, "due", "2026-05-01");
	int64_t notice = save(&s, r);
	int written;
	assert_int_equal(rules_run(&s, &written, &e), LZ_OK);
	int64_t p = num(&s, "SELECT id FROM proposal WHERE rule = 'notice_overdue' AND source_id = %lld", (long long)notice);
	if (p <= 0)
		skip(); /* the notice rule is not in force in this build */
	assert_int_equal(proposal_confirm(&s, p, &e), LZ_OK);
	assert_int_equal(num(&s, "SELECT count(*) FROM letter WHERE letter_type = '任务落实督办书' AND unit = %lld AND year = 2026"
			     " AND tasks = '9;11' AND state = '已发出' AND due = '2026-05-25' AND source_letter = %lld",
			     (long long)u, (long long)notice), 1);
	assert_string_equal(text(&s, "SELECT state FROM proposal WHERE id = %lld", (long long)p), "已确认");
	close_fresh(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_two_units_and_zero),
		cmocka_unit_test(test_persistent_and_broken_run),
		cmocka_unit_test(test_serious_threshold),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_proposal_life),
		cmocka_unit_test(test_scoped_save_moves_others),
		cmocka_unit_test(test_confirm_and_dismiss),
		cmocka_unit_test(test_confirm_notice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
