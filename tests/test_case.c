/* test_case.c — cases (tasks 10, 15) on a scratch database: stage
 * transitions and their dates, the dual-report flag at its edges with
 * LIANGZE_TODAY, and the yian_sancha rule (一案三查) — two items exactly
 * once, withdrawn and brought back, a missing holder, handled items left
 * alone, a deleted case, a staff account's save. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "case_stage.h"
#include "kinds_master.h"
#include "kinds_plan.h"
#include "record.h"
#include "rules.h"
#include "session.h"
#include "settings.h"

static char dbpath[256];

static void open_at(session *s, const char *today, bool create)
{
	setenv("LIANGZE_TODAY", today, 1);
	lz_err e;
	int migrated = 0;
	if (session_open(s, dbpath, "tester", create, &migrated, &e))
		fail_msg("session_open: %s", e.msg);
}

static void open_fresh(session *s, const char *today)
{
	snprintf(dbpath, sizeof dbpath, "/tmp/lz-case-%d.db", (int)getpid());
	unlink(dbpath);
	open_at(s, today, true);
	assert_int_equal(s->role, ROLE_ADMIN);
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

static int64_t count(session *s, const char *sql)
{
	int64_t n = -1;
	lz_err e;
	assert_int_equal(db_scalar_int(&s->db, sql, -1, &n, &e), LZ_OK);
	return n;
}

static const char *idtext(int64_t id, char buf[24])
{
	snprintf(buf, 24, "%lld", (long long)id);
	return buf;
}

static int64_t save_new(session *s, const kind *k, const char *const *kv)
{
	record *r = record_new(k);
	for (; *kv; kv += 2)
		assert_true(record_set_named(r, kv[0], kv[1]));
	lz_err e;
	if (record_save(s, r, &e))
		fail_msg("saving a new %s: %s", k->name, e.msg);
	int64_t id = r->id;
	record_free(r);
	return id;
}

/* A district unit 甲镇 with its two holders, and 乙局 without a supervisory holder. */
typedef struct district {
	int64_t town, bureau, secretary, disc, subject, chief, inspector;
} district;

static district setup(session *s)
{
	district d;
	char b[24];
	d.town = save_new(s, &kind_unit, (const char *[]){ "code", "X01", "name", "甲镇", "category", "乡镇", NULL });
	d.bureau = save_new(s, &kind_unit, (const char *[]){ "code", "B01", "name", "乙局", "category", "区级部门", NULL });
	d.secretary = save_new(s, &kind_person, (const char *[]){ "code", "P1", "name", "张书记", "unit", idtext(d.town, b), NULL });
	d.disc = save_new(s, &kind_person, (const char *[]){ "code", "P2", "name", "李纪委", "unit", idtext(d.town, b), NULL });
	d.subject = save_new(s, &kind_person, (const char *[]){ "code", "P3", "name", "王某", "unit", idtext(d.town, b), NULL });
	d.chief = save_new(s, &kind_person, (const char *[]){ "code", "P4", "name", "赵局长", "unit", idtext(d.bureau, b), NULL });
	d.inspector = save_new(s, &kind_person, (const char *[]){ "code", "P5", "name", "钱组长", "unit", idtext(d.bureau, b), NULL });
	record *u;
	lz_err e;
	assert_int_equal(record_get(s, &kind_unit, d.town, &u, &e), LZ_OK);
	record_set_named(u, "principal_holder", idtext(d.secretary, b));
	record_set_named(u, "supervisor_holder", idtext(d.disc, b));
	assert_int_equal(record_save(s, u, &e), LZ_OK);
	record_free(u);
	assert_int_equal(record_get(s, &kind_unit, d.bureau, &u, &e), LZ_OK);
	record_set_named(u, "principal_holder", idtext(d.chief, b));
	assert_int_equal(record_save(s, u, &e), LZ_OK);
	record_free(u);
	return d;
}

static record *get_case(session *s, int64_t id)
{
	record *r = NULL;
	lz_err e;
	if (record_get(s, &kind_case, id, &r, &e))
		fail_msg("case %lld: %s", (long long)id, e.msg);
	return r;
}

/* Loads case id, sets the pairs, saves; the status, with the message in err. */
static lz_status change(session *s, int64_t id, lz_err *e, const char *const *kv)
{
	record *r = get_case(s, id);
	for (; *kv; kv += 2)
		assert_true(record_set_named(r, kv[0], kv[1]));
	lz_status st = record_save(s, r, e);
	record_free(r);
	return st;
}

#define CHANGE(s, id, e, ...) change(s, id, e, (const char *[]){ __VA_ARGS__, NULL })

static void assert_field(session *s, int64_t id, const char *field, const char *want)
{
	record *r = get_case(s, id);
	const char *v = record_get_named(r, field);
	if (want ? !v || strcmp(v, want) != 0 : v != NULL)
		fail_msg("case %lld %s: '%s', expected '%s'", (long long)id, field, v ? v : "(empty)", want ? want : "(empty)");
	record_free(r);
}

/* Audit rows: a refused save writes none, an unchanged one none either. */
static int64_t audits(session *s)
{
	return count(s, "SELECT count(*) FROM audit");
}

static void test_transitions(void **state)
{
	(void)state;
	session s;
	lz_err e;
	char b[24];
	open_fresh(&s, "2026-03-20");
	district d = setup(&s);
	/* A new case starts at 线索受理, dated today, in the subject's unit. */
	int64_t c = save_new(&s, &kind_case, (const char *[]){ "source", "信访举报", "subject", idtext(d.subject, b),
							      "category", "贪污贿赂", NULL });
	assert_field(&s, c, "stage", "线索受理");
	assert_field(&s, c, "clue_on", "2026-03-20");
	assert_field(&s, c, "unit", idtext(d.town, b));
	/* Forward, one stage at a time: each reached stage gets today. */
	assert_int_equal(CHANGE(&s, c, &e, "stage", "初步核实"), LZ_OK);
	assert_field(&s, c, "verify_on", "2026-03-20");
	assert_int_equal(CHANGE(&s, c, &e, "stage", "立案审查", "filed_on", "2026/3/21"), LZ_OK);
	assert_field(&s, c, "filed_on", "2026-03-21");
	/* Back without a reason: refused, nothing written. */
	int64_t before = audits(&s);
	assert_int_equal(CHANGE(&s, c, &e, "stage", "初步核实"), LZ_BAD);
	assert_non_null(strstr(e.msg, "back_reason"));
	assert_non_null(strstr(e.msg, "立案审查"));
	assert_int_equal(audits(&s), before);
	assert_field(&s, c, "stage", "立案审查");
	/* With a reason: the stage left loses its date. */
	assert_int_equal(CHANGE(&s, c, &e, "stage", "初步核实", "back_reason", "证据不足, 补充核实"), LZ_OK);
	assert_field(&s, c, "stage", "初步核实");
	assert_field(&s, c, "filed_on", NULL);
	assert_int_equal(audits(&s), before + 1);
	/* The reason kept from that move does not carry the next one back. */
	before = audits(&s);
	assert_int_equal(CHANGE(&s, c, &e, "stage", "线索受理"), LZ_BAD);
	assert_non_null(strstr(e.msg, "new reason"));
	assert_int_equal(audits(&s), before);
	/* A date on a stage not reached, dates out of order, a report before its stage. */
	assert_int_equal(CHANGE(&s, c, &e, "trial_on", "2026-03-25"), LZ_BAD);
	assert_non_null(strstr(e.msg, "trial_on"));
	assert_int_equal(CHANGE(&s, c, &e, "verify_on", "2026-03-01"), LZ_BAD);
	assert_non_null(strstr(e.msg, "clue_on"));
	assert_int_equal(CHANGE(&s, c, &e, "clue_party_on", "2026-03-19"), LZ_BAD);
	assert_non_null(strstr(e.msg, "clue_party_on"));
	/* Skipping ahead to 结案: refused without an outcome. */
	before = audits(&s);
	assert_int_equal(CHANGE(&s, c, &e, "stage", "结案"), LZ_BAD);
	assert_non_null(strstr(e.msg, "outcome"));
	assert_int_equal(audits(&s), before);
	assert_field(&s, c, "stage", "初步核实");
	assert_int_equal(CHANGE(&s, c, &e, "stage", "结案", "closed_on", "2026-03-30", "outcome", "党内严重警告"), LZ_OK);
	/* The skipped stages take the date of the stage after them, in order. */
	assert_field(&s, c, "filed_on", "2026-03-30");
	assert_field(&s, c, "trial_on", "2026-03-30");
	/* Only a closed case is published, not before its closure. */
	assert_int_equal(CHANGE(&s, c, &e, "published_on", "2026-03-29"), LZ_BAD);
	assert_int_equal(CHANGE(&s, c, &e, "published_on", "2026-04-02"), LZ_OK);
	/* 结案 is final unless a reason reopens it; reopening drops the publication. */
	assert_int_equal(CHANGE(&s, c, &e, "stage", "审理"), LZ_BAD);
	assert_int_equal(CHANGE(&s, c, &e, "stage", "审理", "back_reason", "申诉后重新审理"), LZ_OK);
	assert_field(&s, c, "closed_on", NULL);
	assert_field(&s, c, "published_on", NULL);
	assert_field(&s, c, "trial_on", "2026-03-30");
	/* 了结 at any stage, only with a reason; dated today in closed_on. */
	before = audits(&s);
	assert_int_equal(CHANGE(&s, c, &e, "stage", "了结"), LZ_BAD);
	assert_non_null(strstr(e.msg, "ended_reason"));
	assert_int_equal(audits(&s), before);
	assert_int_equal(CHANGE(&s, c, &e, "stage", "了结", "ended_reason", "被调查人死亡", "closed_on", "2026-04-01"), LZ_OK);
	assert_int_equal(CHANGE(&s, c, &e, "stage", "立案审查"), LZ_BAD);
	assert_field(&s, c, "stage", "了结");
	/* A clue ended at once: 了结 dated today. */
	int64_t c3 = save_new(&s, &kind_case, (const char *[]){ "source", "巡查", "unit", idtext(d.town, b), "category", "其他", NULL });
	assert_int_equal(CHANGE(&s, c3, &e, "stage", "了结", "ended_reason", "线索不实"), LZ_OK);
	assert_field(&s, c3, "closed_on", "2026-03-20");
	assert_field(&s, c3, "verify_on", NULL);
	/* A case entered late at 立案审查: the verification takes the filing date. */
	int64_t c2 = save_new(&s, &kind_case, (const char *[]){ "source", "审计", "unit", idtext(d.bureau, b), "category", "其他",
							       "stage", "立案审查", "clue_on", "2026-01-05", "filed_on", "2026-02-01", NULL });
	assert_field(&s, c2, "verify_on", "2026-02-01");
	assert_field(&s, c2, "trial_on", NULL);
	close_fresh(&s);
}

static void test_dual_report_edges(void **state)
{
	(void)state;
	session s;
	lz_err e;
	char b[24];
	open_fresh(&s, "2026-03-01");
	district d = setup(&s);
	int64_t c = save_new(&s, &kind_case, (const char *[]){ "source", "巡查", "unit", idtext(d.town, b), "category", "其他",
							      "clue_on", "2026-03-01", NULL });
	assert_field(&s, c, "dual_report", NULL);
	assert_field(&s, c, "report_due", "2026-03-06");
	session_close(&s);
	/* Exactly 5 days after the stage: not yet late. */
	open_at(&s, "2026-03-06", false);
	assert_field(&s, c, "dual_report", NULL);
	session_close(&s);
	/* 6 days after: late, naming both missing reports. */
	open_at(&s, "2026-03-07", false);
	assert_field(&s, c, "dual_report", "受理:党委、上级纪委");
	assert_int_equal(CHANGE(&s, c, &e, "clue_party_on", "2026-03-02"), LZ_OK);
	assert_field(&s, c, "dual_report", "受理:上级纪委");
	assert_int_equal(CHANGE(&s, c, &e, "clue_higher_on", "2026-03-07"), LZ_OK);
	assert_field(&s, c, "dual_report", NULL);
	assert_field(&s, c, "report_due", NULL);
	/* Two stages late: both named, in stage order; the setting moves the edge. */
	assert_int_equal(CHANGE(&s, c, &e, "stage", "立案审查", "verify_on", "2026-03-01", "verify_higher_on", "2026-03-02",
				"filed_on", "2026-03-01"), LZ_OK);
	assert_field(&s, c, "dual_report", "初核:党委;立案:党委、上级纪委");
	assert_int_equal(settings_set(&s, "dual_report_days", "6", &e), LZ_OK);
	assert_field(&s, c, "dual_report", NULL);
	assert_int_equal(settings_set(&s, "dual_report_days", "4", &e), LZ_OK);
	assert_field(&s, c, "dual_report", "初核:党委;立案:党委、上级纪委");
	assert_field(&s, c, "report_due", "2026-03-05");
	/* A case ended (了结) is flagged under its own name. */
	assert_int_equal(CHANGE(&s, c, &e, "stage", "了结", "ended_reason", "线索不实", "closed_on", "2026-03-02",
				"verify_party_on", "2026-03-02", "filed_party_on", "2026-03-02", "filed_higher_on", "2026-03-02"),
			 LZ_OK);
	assert_field(&s, c, "dual_report", "了结:党委、上级纪委");
	close_fresh(&s);
}

static int64_t items(session *s, int64_t c, const char *state)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM accountability WHERE rule = 'yian_sancha' AND source_kind = 'case' AND source_id = %lld%s%s%s",
		 (long long)c, state ? " AND state = '" : "", state ? state : "", state ? "'" : "");
	return count(s, sql);
}

static void test_yian_sancha(void **state)
{
	(void)state;
	session s;
	lz_err e;
	char b[24], sql[512];
	open_fresh(&s, "2026-03-20");
	district d = setup(&s);
	int64_t c = save_new(&s, &kind_case, (const char *[]){ "source", "信访举报", "subject", idtext(d.subject, b),
							      "category", "贪污贿赂", "clue_on", "2025-12-20", NULL });
	assert_int_equal(items(&s, c, NULL), 0);
	/* Marked serious: exactly two items, one per holder, year of 线索受理 (no filing yet). */
	assert_int_equal(CHANGE(&s, c, &e, "serious", "是"), LZ_OK);
	assert_int_equal(items(&s, c, "待处理"), 2);
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM accountability WHERE source_id = %lld AND ((role = '主体责任人' AND person = %lld)"
		 " OR (role = '监督责任人' AND person = %lld)) AND unit = %lld AND year = 2025 AND measure IS NULL",
		 (long long)c, (long long)d.secretary, (long long)d.disc, (long long)d.town);
	assert_int_equal(count(&s, sql), 2);
	/* Marked twice (and saved again): nothing new, not even an audit row. */
	int64_t before = audits(&s);
	assert_int_equal(CHANGE(&s, c, &e, "serious", "1"), LZ_OK);
	assert_int_equal(CHANGE(&s, c, &e, "summary", "收受礼金"), LZ_OK);
	assert_int_equal(items(&s, c, NULL), 2);
	assert_int_equal(audits(&s), before + 1); /* the summary's own row */
	int written = -1;
	assert_int_equal(rules_run(&s, &written, &e), LZ_OK);
	assert_int_equal(written, 0);
	/* Filing moves the year to the 立案审查 date. */
	assert_int_equal(CHANGE(&s, c, &e, "stage", "立案审查", "filed_on", "2026-01-08"), LZ_OK);
	assert_int_equal(count(&s, "SELECT count(*) FROM accountability WHERE year = 2026"), 2);
	/* Unmarked: both withdrawn with the reason. */
	assert_int_equal(CHANGE(&s, c, &e, "serious", "否"), LZ_OK);
	assert_int_equal(items(&s, c, "触发已撤销"), 2);
	assert_int_equal(count(&s, "SELECT count(*) FROM accountability WHERE reason LIKE '%触发已撤销(2026-03-20)%不再认定为严重%'"), 2);
	assert_int_equal(rules_run(&s, &written, &e), LZ_OK);
	assert_int_equal(written, 0);
	/* Marked again: back to 待处理, still two, the reason fresh. */
	assert_int_equal(CHANGE(&s, c, &e, "serious", "是"), LZ_OK);
	assert_int_equal(items(&s, c, "待处理"), 2);
	assert_int_equal(items(&s, c, NULL), 2);
	assert_int_equal(count(&s, "SELECT count(*) FROM accountability WHERE reason LIKE '%触发已撤销%'"), 0);
	/* A handled item is the staff's: unmarking withdraws only the other. */
	record *it;
	int64_t first = count(&s, "SELECT min(id) FROM accountability");
	assert_int_equal(record_get(&s, &kind_accountability, first, &it, &e), LZ_OK);
	record_set_named(it, "state", "已处理");
	record_set_named(it, "measure", "诫勉谈话");
	assert_int_equal(record_save(&s, it, &e), LZ_OK);
	record_free(it);
	assert_int_equal(CHANGE(&s, c, &e, "serious", "否"), LZ_OK);
	assert_int_equal(items(&s, c, "已处理"), 1);
	assert_int_equal(items(&s, c, "触发已撤销"), 1);
	close_fresh(&s);
}

static void test_yian_sancha_missing_holder(void **state)
{
	(void)state;
	session s;
	lz_err e;
	char b[24], sql[512];
	open_fresh(&s, "2026-03-20");
	district d = setup(&s);
	int64_t c = save_new(&s, &kind_case, (const char *[]){ "source", "审计", "unit", idtext(d.bureau, b), "category", "失职渎职",
							      "serious", "1", NULL });
	assert_int_equal(items(&s, c, "待处理"), 2);
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM accountability WHERE source_id = %lld AND role = '监督责任人' AND person IS NULL"
		 " AND unit = %lld AND reason LIKE '%%乙局未登记监督责任人%%'", (long long)c, (long long)d.bureau);
	assert_int_equal(count(&s, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM accountability WHERE source_id = %lld AND role = '主体责任人' AND person = %lld",
		 (long long)c, (long long)d.chief);
	assert_int_equal(count(&s, sql), 1);
	/* Recording the holder gives the pending item its person, in the unit's save. */
	record *u;
	assert_int_equal(record_get(&s, &kind_unit, d.bureau, &u, &e), LZ_OK);
	record_set_named(u, "supervisor_holder", idtext(d.inspector, b));
	assert_int_equal(record_save(&s, u, &e), LZ_OK);
	record_free(u);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM accountability WHERE source_id = %lld AND role = '监督责任人' AND person = %lld"
		 " AND reason LIKE '%%追究乙局监督责任人钱组长的监督责任%%'", (long long)c, (long long)d.inspector);
	assert_int_equal(count(&s, sql), 1);
	assert_int_equal(items(&s, c, NULL), 2);
	/* A deleted case withdraws its items; they are never deleted. */
	assert_int_equal(record_delete(&s, &kind_case, c, &e), LZ_OK);
	assert_int_equal(items(&s, c, "触发已撤销"), 2);
	assert_int_equal(count(&s, "SELECT count(*) FROM accountability WHERE reason LIKE '%该案件记录已删除%'"), 2);
	close_fresh(&s);
}

/* A staff member of the town opens the items though the rule acts district-wide;
 * the audit rows carry their name. */
static void test_yian_sancha_as_staff(void **state)
{
	(void)state;
	session s;
	lz_err e;
	char b[24];
	open_fresh(&s, "2026-03-20");
	district d = setup(&s);
	s.role = ROLE_STAFF;
	s.scope_unit = d.town;
	int64_t c = save_new(&s, &kind_case, (const char *[]){ "source", "巡查", "subject", idtext(d.subject, b), "category", "其他",
							      "serious", "是", NULL });
	assert_int_equal(items(&s, c, "待处理"), 2);
	assert_int_equal(s.role, ROLE_STAFF);
	assert_int_equal(s.scope_unit, d.town);
	assert_int_equal(count(&s, "SELECT count(*) FROM audit WHERE kind = 'accountability' AND login = 'tester'"), 2);
	/* A case of another unit stays out of reach. */
	assert_int_equal(CHANGE(&s, c, &e, "unit", idtext(d.bureau, b)), LZ_DENIED);
	close_fresh(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_dual_report_edges),
		cmocka_unit_test(test_yian_sancha),
		cmocka_unit_test(test_yian_sancha_missing_holder),
		cmocka_unit_test(test_yian_sancha_as_staff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
