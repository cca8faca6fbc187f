/* test_core.c — the core without a terminal: dates, value parsing, the
 * generic record life (validation, scope, audit), rules run inside the saving
 * transaction, and settings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "date.h"
#include "kind.h"
#include "kinds_master.h"
#include "kinds_plan.h"
#include "query.h"
#include "record.h"
#include "rules.h"
#include "session.h"
#include "settings.h"

static char dbpath[256];

static int64_t count(session *s, const char *sql)
{
	int64_t n = -1;
	lz_err e;
	assert_int_equal(db_scalar_int(&s->db, sql, -1, &n, &e), LZ_OK);
	return n;
}

static void open_fresh(session *s)
{
	snprintf(dbpath, sizeof dbpath, "/tmp/lz-core-%d.db", (int)getpid());
	unlink(dbpath);
	lz_err e;
	int migrated = 0;
	assert_int_equal(session_open(s, dbpath, "tester", true, &migrated, &e), LZ_OK);
	assert_true(migrated >= 2);
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

static int64_t add_unit(session *s, const char *code, const char *name, const char *cat, int64_t parent)
{
	record *r = record_new(&kind_unit);
	char buf[24];
	record_set_named(r, "code", code);
	record_set_named(r, "name", name);
	record_set_named(r, "category", cat);
	snprintf(buf, sizeof buf, "%lld", (long long)parent);
	record_set_named(r, "parent", parent ? buf : NULL);
	lz_err e;
	lz_status st = record_save(s, r, &e);
	if (st)
		fail_msg("add_unit %s: %s", code, e.msg);
	int64_t id = r->id;
	record_free(r);
	return id;
}

static void test_dates(void **state)
{
	(void)state;
	char d[11], p[8];
	assert_true(date_parse("2026-03-05", d));
	assert_string_equal(d, "2026-03-05");
	assert_true(date_parse("2026/3/5", d));
	assert_string_equal(d, "2026-03-05");
	assert_true(date_parse("2026年3月5日", d));
	assert_string_equal(d, "2026-03-05");
	assert_true(date_parse("2024-02-29", d));
	assert_false(date_parse("2026-02-29", d));
	assert_false(date_parse("2026-13-01", d));
	assert_false(date_parse("2026-03-05x", d));
	assert_false(date_parse("", d));
	assert_true(period_parse("2026年3月", p));
	assert_string_equal(p, "2026-03");
	assert_true(period_parse("2026/12", p));
	assert_string_equal(p, "2026-12");
	assert_false(period_parse("2026-00", p));
	assert_int_equal(date_diff("2026-11-26", "2026-11-27"), 1);
	assert_int_equal(date_diff("2024-01-01", "2025-01-01"), 366);
	assert_int_equal(date_diff("2026-11-27", "2026-11-20"), -7);
	date_add("2026-12-25", 15, d);
	assert_string_equal(d, "2027-01-09");
	date_add("2024-03-01", -1, d);
	assert_string_equal(d, "2024-02-29");
	setenv("LIANGZE_TODAY", "2026/1/2", 1);
	lz_err e;
	assert_int_equal(date_today(d, &e), LZ_OK);
	assert_string_equal(d, "2026-01-02");
	setenv("LIANGZE_TODAY", "yesterday", 1);
	assert_int_equal(date_today(d, &e), LZ_USAGE);
	unsetenv("LIANGZE_TODAY");
}

static void expect_parse(kind_ftype t, const char *in, const char *want)
{
	static const char *const ch[] = { "甲", "乙", NULL };
	kind_field f = { "f", "F", "字段", t, 0, 0, ch, NULL, NULL, NULL };
	char *out = NULL;
	lz_err e;
	lz_status st = kind_parse_value(&f, in, &out, &e);
	if (want) {
		if (st)
			fail_msg("parse '%s': %s", in, e.msg);
		if (!out || strcmp(out, want))
			fail_msg("parse '%s': got '%s', want '%s'", in, out ? out : "(null)", want);
	} else if (st != LZ_BAD) {
		fail_msg("parse '%s' should fail, got '%s'", in, out ? out : "(null)");
	}
	free(out);
}

static void test_values(void **state)
{
	(void)state;
	expect_parse(KF_DEC, "12.3", "12.30");
	expect_parse(KF_DEC, " 80 ", "80.00");
	expect_parse(KF_DEC, "-0.05", "-0.05");
	expect_parse(KF_DEC, "1.005", NULL);
	expect_parse(KF_DEC, "1,5", NULL);
	expect_parse(KF_INT, "0042", "42");
	expect_parse(KF_INT, "4.2", NULL);
	expect_parse(KF_BOOL, "是", "1");
	expect_parse(KF_BOOL, "N", "0");
	expect_parse(KF_BOOL, "TRUE", "1");
	expect_parse(KF_BOOL, "maybe", NULL);
	expect_parse(KF_YEAR, "2026年", "2026");
	expect_parse(KF_YEAR, "26", NULL);
	expect_parse(KF_ENUM, "\xe3\x80\x80乙\xe3\x80\x80", "乙");
	expect_parse(KF_ENUM, "丙", NULL);
	expect_parse(KF_MULTI, "甲；乙; ", "甲;乙");
	expect_parse(KF_MULTI, "甲;丙", NULL);
	expect_parse(KF_DATE, "2026年11月27日", "2026-11-27");
	expect_parse(KF_PERIOD, "2026/3", "2026-03");
}

static void test_records_validate_and_audit(void **state)
{
	(void)state;
	session s;
	open_fresh(&s);
	int64_t town = add_unit(&s, "X01", "甲镇", "乡镇", 0);
	int64_t village = add_unit(&s, "C01", "甲镇一村", "村(社区)", town);
	add_unit(&s, "X02", "乙镇", "乡镇", 0);
	assert_int_equal(count(&s, "SELECT count(*) FROM audit WHERE kind='unit' AND action='insert'"), 3);

	lz_err e;
	int64_t audits = count(&s, "SELECT count(*) FROM audit");
	/* Bad category, duplicate name, unknown reference, a unit under its own child. */
	record *r = record_new(&kind_unit);
	record_set_named(r, "code", "X09");
	record_set_named(r, "name", "丙镇");
	record_set_named(r, "category", "公司");
	assert_int_equal(record_save(&s, r, &e), LZ_BAD);
	assert_non_null(strstr(e.msg, "单位类别 (category)"));
	record_set_named(r, "category", "乡镇");
	record_set_named(r, "name", "甲镇");
	assert_int_equal(record_save(&s, r, &e), LZ_BAD);
	assert_non_null(strstr(e.msg, "already used"));
	record_set_named(r, "name", "丙镇");
	record_set_named(r, "parent", "9999");
	assert_int_equal(record_save(&s, r, &e), LZ_BAD);
	assert_int_equal(r->id, 0);
	record_free(r);
	assert_int_equal(record_get(&s, &kind_unit, town, &r, &e), LZ_OK);
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)village);
	record_set_named(r, "parent", buf);
	assert_int_equal(record_save(&s, r, &e), LZ_BAD);
	assert_non_null(strstr(e.msg, "under itself"));
	record_free(r);
	assert_int_equal(count(&s, "SELECT count(*) FROM audit"), audits);

	/* Deleting a unit others refer to is refused; an unreferenced one goes, audited. */
	assert_int_equal(record_delete(&s, &kind_unit, town, &e), LZ_BAD);
	assert_non_null(strstr(e.msg, "refer to it"));
	assert_int_equal(record_delete(&s, &kind_unit, village, &e), LZ_OK);
	assert_int_equal(count(&s, "SELECT count(*) FROM audit WHERE action='delete' AND after IS NULL"
				   " AND before LIKE '%甲镇一村%'"), 1);
	/* Ids are never reused. */
	int64_t again = add_unit(&s, "C02", "甲镇二村", "村(社区)", town);
	assert_true(again > village);
	close_fresh(&s);
}

static void test_scope(void **state)
{
	(void)state;
	session s;
	open_fresh(&s);
	int64_t a = add_unit(&s, "X01", "甲镇", "乡镇", 0);
	int64_t a1 = add_unit(&s, "C01", "甲镇一村", "村(社区)", a);
	int64_t b = add_unit(&s, "X02", "乙镇", "乡镇", 0);
	s.role = ROLE_STAFF;
	s.scope_unit = a;
	assert_true(record_unit_in_scope(&s, a));
	assert_true(record_unit_in_scope(&s, a1));
	assert_false(record_unit_in_scope(&s, b));
	lz_err e;
	record *r;
	assert_int_equal(record_get(&s, &kind_unit, b, &r, &e), LZ_BAD);
	assert_int_equal(record_get(&s, &kind_unit, a1, &r, &e), LZ_OK);
	/* Moving the village to the other town takes it out of scope. */
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)b);
	record_set_named(r, "parent", buf);
	assert_int_equal(record_save(&s, r, &e), LZ_DENIED);
	record_free(r);
	s.role = ROLE_VIEWER;
	assert_int_equal(record_delete(&s, &kind_unit, a1, &e), LZ_DENIED);
	assert_int_equal(count(&s, "SELECT count(*) FROM unit"), 3);
	close_fresh(&s);
}

/* A test rule: every saved unit of category 乡镇 gets one row in rule_hit;
 * a unit named 坏 makes the rule fail, which must undo the whole save. */
static lz_status hit_on_save(session *s, const kind *k, int64_t id, int *written, lz_err *err)
{
	(void)k;
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, "SELECT name FROM unit WHERE id = ?", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	int bad = sqlite3_step(q) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(q, 0), "坏") == 0;
	sqlite3_finalize(q);
	if (bad)
		return lz_fail(err, LZ_BAD, "rule refused");
	if ((st = db_prepare(&s->db, "INSERT OR IGNORE INTO rule_hit(unit) SELECT id FROM unit WHERE id = ? AND category = '乡镇'",
			     &q, err)))
		return st;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_step(q);
	*written += sqlite3_changes(s->db.h);
	sqlite3_finalize(q);
	return LZ_OK;
}

static lz_status hit_on_date(session *s, int *written, lz_err *err)
{
	lz_status st = db_exec(&s->db, "INSERT OR IGNORE INTO rule_hit(unit) SELECT id FROM unit WHERE category = '乡镇'", err);
	*written += sqlite3_changes(s->db.h);
	return st;
}

static const char *const hit_kinds[] = { "unit", NULL };
static const char *const hit_settings[] = { "warn_days", NULL };
static const rule hit_rule = { "test_hit", hit_kinds, hit_settings, hit_on_save, hit_on_date };
static const rule *const test_rules[] = { &hit_rule, NULL };

static void test_rules_in_transaction(void **state)
{
	(void)state;
	session s;
	lz_err e;
	open_fresh(&s);
	assert_int_equal(db_exec(&s.db, "CREATE TABLE rule_hit(unit INTEGER PRIMARY KEY)", &e), LZ_OK);
	s.rules = test_rules;
	add_unit(&s, "X01", "甲镇", "乡镇", 0);
	add_unit(&s, "B01", "某局", "区级部门", 0);
	assert_int_equal(count(&s, "SELECT count(*) FROM rule_hit"), 1);
	/* A failing rule undoes the save and its audit row. */
	int64_t audits = count(&s, "SELECT count(*) FROM audit");
	record *r = record_new(&kind_unit);
	record_set_named(r, "code", "X02");
	record_set_named(r, "name", "坏");
	record_set_named(r, "category", "乡镇");
	assert_int_equal(record_save(&s, r, &e), LZ_BAD);
	assert_string_equal(e.msg, "rule refused");
	record_free(r);
	assert_int_equal(count(&s, "SELECT count(*) FROM unit WHERE code = 'X02'"), 0);
	assert_int_equal(count(&s, "SELECT count(*) FROM audit"), audits);
	/* rules run is idempotent. */
	assert_int_equal(db_exec(&s.db, "DELETE FROM rule_hit", &e), LZ_OK);
	int written = -1;
	assert_int_equal(rules_run(&s, &written, &e), LZ_OK);
	assert_int_equal(written, 1);
	assert_int_equal(rules_run(&s, &written, &e), LZ_OK);
	assert_int_equal(written, 0);
	/* A setting the rule depends on re-runs it in the setting's transaction. */
	assert_int_equal(db_exec(&s.db, "DELETE FROM rule_hit", &e), LZ_OK);
	assert_int_equal(settings_set(&s, "warn_days", "9", &e), LZ_OK);
	assert_int_equal(count(&s, "SELECT count(*) FROM rule_hit"), 1);
	assert_int_equal(count(&s, "SELECT count(*) FROM audit WHERE kind = 'setting'"), 1);
	close_fresh(&s);
}

static void test_settings(void **state)
{
	(void)state;
	session s;
	lz_err e;
	long v;
	open_fresh(&s);
	assert_int_equal(settings_get_int(&s, "inquiry_reply_days", &v, &e), LZ_OK);
	assert_int_equal(v, 15);
	assert_int_equal(settings_get_hundredths(&s, "satisfaction_low", &v, &e), LZ_OK);
	assert_int_equal(v, 8000);
	assert_int_equal(settings_set(&s, "satisfaction_low", "79.5", &e), LZ_OK);
	assert_int_equal(settings_get_hundredths(&s, "satisfaction_low", &v, &e), LZ_OK);
	assert_int_equal(v, 7950);
	assert_int_equal(settings_set(&s, "satisfaction_low", "101", &e), LZ_BAD);
	assert_int_equal(settings_set(&s, "nope", "1", &e), LZ_USAGE);
	s.role = ROLE_STAFF;
	assert_int_equal(settings_set(&s, "warn_days", "3", &e), LZ_DENIED);
	assert_int_equal(settings_get_int(&s, "warn_days", &v, &e), LZ_OK);
	assert_int_equal(v, 7);
	close_fresh(&s);
}

/* Ids of kind k in the order f gives, paged limit at a time (0: one page). */
static int collect(session *s, const kind *k, query_filter f, int limit, int64_t *ids, int max)
{
	int n = 0;
	char last[64];
	f.limit = limit;
	for (;;) {
		query_cursor *c;
		lz_err e;
		assert_int_equal(query_open(s, k, &f, &c, &e), LZ_OK);
		query_row row;
		int got = 0, oi = kind_field_index(k, f.order ? f.order : k->order);
		while (query_next(c, &row, &e) == 1 && n < max) {
			ids[n++] = row.id;
			got++;
			f.after = true;
			f.after_id = row.id;
			if (row.value[oi])
				snprintf(last, sizeof last, "%s", row.value[oi]);
			f.after_value = row.value[oi] ? last : NULL;
		}
		query_close(c);
		if (!limit || got < limit)
			return n;
	}
}

static void test_keyset_pages(void **state)
{
	(void)state;
	session s;
	open_fresh(&s);
	int64_t town = add_unit(&s, "X01", "甲镇", "乡镇", 0);
	/* Ties and empty values in the sort field (code), as real data has. */
	static const char *const codes[] = { "P3", NULL, "P1", "P3", NULL, "P2", "P1", NULL, "P4", "P3" };
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)town);
	for (int i = 0; i < 10; i++) {
		record *r = record_new(&kind_person);
		char name[16];
		snprintf(name, sizeof name, "人%d", i);
		record_set_named(r, "name", name);
		record_set_named(r, "unit", buf);
		lz_err e;
		assert_int_equal(record_save(&s, r, &e), LZ_OK);
		record_free(r);
	}
	/* Codes must be unique, so ties come from a non-unique field: post. */
	for (int i = 0; i < 10; i++) {
		char sql[128];
		lz_err e;
		snprintf(sql, sizeof sql, "UPDATE person SET post = %s%s%s WHERE id = %d", codes[i] ? "'" : "",
			 codes[i] ? codes[i] : "NULL", codes[i] ? "'" : "", i + 1);
		assert_int_equal(db_exec(&s.db, sql, &e), LZ_OK);
	}
	for (int desc = 0; desc < 2; desc++) {
		query_filter f = { 0 };
		f.order = "post";
		f.desc = desc;
		int64_t all[32], paged[32];
		int n = collect(&s, &kind_person, f, 0, all, 32);
		assert_int_equal(n, 10);
		for (int limit = 1; limit <= 4; limit++) {
			int m = collect(&s, &kind_person, f, limit, paged, 32);
			assert_int_equal(m, n);
			assert_memory_equal(all, paged, sizeof all[0] * (size_t)n);
		}
	}
	close_fresh(&s);
}

static void test_kinds_serve_tasks(void **state)
{
	(void)state;
	const kind *out[8];
	int n = kind_serving_task(2, out, 8);
	assert_int_equal(n, 2);
	assert_string_equal(out[0]->name, "commitment");
	assert_string_equal(out[1]->name, "person");
	assert_int_equal(kind_serving_task(99, out, 8), 0);
	/* Every field of every kind has a name, labels and a sane reference. */
	for (int i = 0; kind_all[i]; i++) {
		const kind *k = kind_all[i];
		assert_non_null(kind_field_named(k, k->order));
		assert_non_null(kind_field_named(k, k->display));
		for (int f = 0; f < k->nfields; f++) {
			assert_true(k->fields[f].zh[0] != 0);
			if (k->fields[f].type == KF_REF)
				assert_non_null(kind_find(k->fields[f].ref));
			assert_int_equal(kind_field_by_header(k, k->fields[f].zh), f);
		}
	}
}

/* Every descriptor matches its table: each stored field is a column, each
 * named field (order, display, year, due, state, closed, owner, keys) exists,
 * and every worked-out field's SQL runs. */
static void test_descriptors_match_schema(void **state)
{
	(void)state;
	session s;
	open_fresh(&s);
	for (int i = 0; kind_all[i]; i++) {
		const kind *k = kind_all[i];
		const char *dot = k->year_field ? strchr(k->year_field, '.') : NULL;
		const char *named[] = { k->order, k->display, dot ? NULL : k->year_field, k->due_field, k->state_field,
					k->closed_field, k->owner_field };
		for (size_t j = 0; j < sizeof named / sizeof named[0]; j++)
			if (named[j] && !kind_field_named(k, named[j]))
				fail_msg("%s: no field %s", k->name, named[j]);
		if (dot) {
			/* "ref.field": a reference, and a field of the kind it names */
			char ref[64];
			snprintf(ref, sizeof ref, "%.*s", (int)(dot - k->year_field), k->year_field);
			const kind_field *rf = kind_field_named(k, ref);
			if (!rf || rf->type != KF_REF || !kind_field_named(kind_find(rf->ref), dot + 1))
				fail_msg("%s: year field %s names no reference's field", k->name, k->year_field);
		}
		for (int key = 0; key < KIND_MAX_KEYS && k->keys[key][0]; key++)
			for (const char *const *kf = k->keys[key]; *kf; kf++)
				if (!kind_field_named(k, *kf))
					fail_msg("%s: key field %s missing", k->name, *kf);
		for (int f = 0; f < k->nfields; f++) {
			const kind_field *fd = &k->fields[f];
			char sql[8192];
			if (fd->flags & KF_DERIVED) {
				assert_non_null(fd->expr);
				snprintf(sql, sizeof sql, "SELECT (%s) FROM %s t WHERE :today IS NOT NULL LIMIT 1", fd->expr, k->table);
			} else {
				snprintf(sql, sizeof sql, "SELECT %s FROM %s LIMIT 1", fd->name, k->table);
			}
			sqlite3_stmt *q;
			if (sqlite3_prepare_v2(s.db.h, sql, -1, &q, NULL) != SQLITE_OK)
				fail_msg("%s.%s: %s", k->name, fd->name, sqlite3_errmsg(s.db.h));
			sqlite3_finalize(q);
			if (fd->type == KF_ENUM)
				assert_non_null(fd->choices);
		}
	}
	close_fresh(&s);
}

/* Items a rule raised stay for good; items entered by hand may be deleted. */
static void test_rule_items_are_kept(void **state)
{
	(void)state;
	session s;
	lz_err e;
	open_fresh(&s);
	int64_t town = add_unit(&s, "X01", "甲镇", "乡镇", 0);
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)town);
	int64_t ids[2];
	const char *rules[] = { "yian_sancha", NULL };
	for (int i = 0; i < 2; i++) {
		record *r = record_new(&kind_accountability);
		record_set_named(r, "unit", buf);
		record_set_named(r, "reason", "测试");
		if (rules[i])
			record_set_named(r, "rule", rules[i]);
		if (record_save(&s, r, &e))
			fail_msg("save: %s", e.msg);
		ids[i] = r->id;
		if (i == 1)
			assert_string_equal(record_get_named(r, "rule"), "manual");
		record_free(r);
	}
	int64_t audits = count(&s, "SELECT count(*) FROM audit");
	assert_int_equal(record_delete(&s, &kind_accountability, ids[0], &e), LZ_DENIED);
	assert_non_null(strstr(e.msg, "yian_sancha"));
	assert_int_equal(count(&s, "SELECT count(*) FROM audit"), audits);
	assert_int_equal(record_delete(&s, &kind_accountability, ids[1], &e), LZ_OK);
	assert_int_equal(count(&s, "SELECT count(*) FROM accountability"), 1);
	close_fresh(&s);
}

int main(void)
{
	unsetenv("LIANGZE_TODAY");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_records_validate_and_audit),
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_rules_in_transaction),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_kinds_serve_tasks),
		cmocka_unit_test(test_keyset_pages),
		cmocka_unit_test(test_descriptors_match_schema),
		cmocka_unit_test(test_rule_items_are_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
