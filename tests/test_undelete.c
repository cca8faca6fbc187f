/* test_undelete.c — deleted records come back from the audit trail exactly as
 * they were, for every kind the demo district has a deletable record of, and
 * undelete refuses (changing nothing) when the id exists, was never deleted,
 * or the record would now clash or point at something gone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "demo.h"
#include "history.h"
#include "kind.h"
#include "kinds_master.h"
#include "record.h"
#include "session.h"
#include "undelete.h"
#include "verify.h"

static char dbpath[256];

static void open_demo(session *s)
{
	snprintf(dbpath, sizeof dbpath, "/tmp/lz-undelete-%d.db", (int)getpid());
	unlink(dbpath);
	lz_err e;
	assert_int_equal(session_open(s, dbpath, "tester", true, NULL, &e), LZ_OK);
	long u, p;
	if (demo_fill(s, &u, &p, &e))
		fail_msg("demo: %s", e.msg);
}

static void close_demo(session *s)
{
	session_close(s);
	char p[300];
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
}

static int64_t scalar(session *s, const char *sql)
{
	int64_t n = -1;
	lz_err e;
	assert_int_equal(db_scalar_int(&s->db, sql, -1, &n, &e), LZ_OK);
	return n;
}

static void assert_verifies(session *s)
{
	verify_result v;
	lz_err e;
	if (verify_db(&s->db, &v, &e))
		fail_msg("verify: %s", e.msg);
}

/* The last two audit actions of (k, id), newest first, as "undelete,delete". */
static void last_actions(session *s, const kind *k, int64_t id, char *out, size_t n)
{
	sqlite3_stmt *q;
	lz_err e;
	out[0] = '\0';
	assert_int_equal(db_prepare(&s->db, "SELECT action FROM audit WHERE kind = ? AND record_id = ? ORDER BY id DESC LIMIT 2",
				    &q, &e), LZ_OK);
	sqlite3_bind_text(q, 1, k->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, id);
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (out[0])
			strncat(out, ",", n - strlen(out) - 1);
		strncat(out, (const char *)sqlite3_column_text(q, 0), n - strlen(out) - 1);
	}
	sqlite3_finalize(q);
}

static void assert_same(const record *a, const record *b)
{
	for (int i = 0; i < a->k->nfields; i++) {
		const char *x = a->v[i], *y = b->v[i];
		if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
			fail_msg("%s %lld field %s: '%s' before, '%s' after undelete", a->k->name, (long long)a->id,
				 a->k->fields[i].name, x ? x : "(empty)", y ? y : "(empty)");
	}
}

/* Deletes the first deletable record of k (trying the lowest ids), undeletes
 * it and compares. Returns 1 when k had one. */
static int round_trip(session *s, const kind *k)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT id FROM %s ORDER BY id LIMIT 40", k->table);
	sqlite3_stmt *q;
	lz_err e;
	assert_int_equal(db_prepare(&s->db, sql, &q, &e), LZ_OK);
	int64_t ids[40];
	int n = 0;
	while (n < 40 && sqlite3_step(q) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	for (int i = 0; i < n; i++) {
		record *before = NULL, *after = NULL;
		assert_int_equal(record_get(s, k, ids[i], &before, &e), LZ_OK);
		if (record_delete(s, k, ids[i], &e) != LZ_OK) {
			record_free(before);
			continue;   /* referenced, or kept for good */
		}
		if (undelete_record(s, k, ids[i], &e))
			fail_msg("undelete %s %lld: %s", k->name, (long long)ids[i], e.msg);
		assert_int_equal(record_get(s, k, ids[i], &after, &e), LZ_OK);
		assert_same(before, after);
		char acts[64];
		last_actions(s, k, ids[i], acts, sizeof acts);
		assert_string_equal(acts, "undelete,delete");
		record_free(before);
		record_free(after);
		return 1;
	}
	return 0;
}

static void test_every_kind_comes_back_exactly(void **state)
{
	(void)state;
	session s;
	open_demo(&s);
	int done = 0;
	for (int i = 0; kind_all[i]; i++) {
		int ok = round_trip(&s, kind_all[i]);
		if (!ok)
			print_message("no deletable %s record in the demo\n", kind_all[i]->name);
		done += ok;
	}
	/* The demo has deletable records of most kinds. */
	assert_true(done >= 15);
	assert_verifies(&s);
	close_demo(&s);
}

static void test_refusals_change_nothing(void **state)
{
	(void)state;
	session s;
	open_demo(&s);
	lz_err e;
	/* A cadre to delete: a new one, so nothing refers to it. */
	record *p = record_new(&kind_person);
	int64_t unit = scalar(&s, "SELECT min(id) FROM unit WHERE category = '乡镇'");
	char ub[24];
	snprintf(ub, sizeof ub, "%lld", (long long)unit);
	record_set_named(p, "code", "UD-1");
	record_set_named(p, "name", "撤销测试");
	record_set_named(p, "unit", ub);
	record_set_named(p, "post", "科员");
	record_set_named(p, "team_member", "1");
	assert_int_equal(record_save(&s, p, &e), LZ_OK);
	int64_t id = p->id;
	record_free(p);

	int64_t audits = scalar(&s, "SELECT count(*) FROM audit");
	/* exists */
	assert_int_equal(undelete_record(&s, &kind_person, id, &e), LZ_BAD);
	assert_non_null(strstr(e.msg, "exists"));
	/* the kind by its title, not its table name */
	assert_non_null(strstr(e.msg, kind_title(&kind_person)));
	assert_null(strstr(e.msg, "person"));
	/* never existed */
	assert_int_equal(undelete_record(&s, &kind_person, 999999, &e), LZ_BAD);
	assert_non_null(strstr(e.msg, kind_title(&kind_person)));
	assert_null(strstr(e.msg, "person"));
	/* every action has a name for people: no raw audit word on screen */
	static const char *const actions[] = { "insert", "update", "delete", "undelete", "restore" };
	for (size_t i = 0; i < sizeof actions / sizeof *actions; i++)
		assert_string_not_equal(history_action_title(actions[i]), actions[i]);
	assert_int_equal(scalar(&s, "SELECT count(*) FROM audit"), audits);

	/* a viewer or staff may not */
	assert_int_equal(record_delete(&s, &kind_person, id, &e), LZ_OK);
	audits = scalar(&s, "SELECT count(*) FROM audit");
	s.role = ROLE_STAFF;
	assert_int_equal(undelete_record(&s, &kind_person, id, &e), LZ_DENIED);
	s.role = ROLE_ADMIN;

	/* its code taken by another cadre meanwhile */
	record *q = record_new(&kind_person);
	record_set_named(q, "code", "UD-1");
	record_set_named(q, "name", "后来者");
	record_set_named(q, "unit", ub);
	assert_int_equal(record_save(&s, q, &e), LZ_OK);
	int64_t other = q->id;
	record_free(q);
	audits = scalar(&s, "SELECT count(*) FROM audit");
	int64_t people = scalar(&s, "SELECT count(*) FROM person");
	assert_int_equal(undelete_record(&s, &kind_person, id, &e), LZ_BAD);
	assert_non_null(strstr(e.msg, "UD-1"));
	assert_int_equal(scalar(&s, "SELECT count(*) FROM audit"), audits);
	assert_int_equal(scalar(&s, "SELECT count(*) FROM person"), people);

	/* its unit gone meanwhile */
	assert_int_equal(record_delete(&s, &kind_person, other, &e), LZ_OK);
	record *u = record_new(&kind_unit);
	record_set_named(u, "code", "UD-U");
	record_set_named(u, "name", "撤销测试单位");
	record_set_named(u, "category", "区级部门");
	assert_int_equal(record_save(&s, u, &e), LZ_OK);
	int64_t uid = u->id;
	record_free(u);
	snprintf(ub, sizeof ub, "%lld", (long long)uid);
	record *w = record_new(&kind_person);
	record_set_named(w, "name", "无单位者");
	record_set_named(w, "unit", ub);
	assert_int_equal(record_save(&s, w, &e), LZ_OK);
	int64_t wid = w->id;
	record_free(w);
	assert_int_equal(record_delete(&s, &kind_person, wid, &e), LZ_OK);
	assert_int_equal(record_delete(&s, &kind_unit, uid, &e), LZ_OK);
	audits = scalar(&s, "SELECT count(*) FROM audit");
	assert_int_equal(undelete_record(&s, &kind_person, wid, &e), LZ_BAD);
	assert_int_equal(scalar(&s, "SELECT count(*) FROM audit"), audits);
	/* the unit first, then the cadre: both come back */
	assert_int_equal(undelete_record(&s, &kind_unit, uid, &e), LZ_OK);
	assert_int_equal(undelete_record(&s, &kind_person, wid, &e), LZ_OK);
	/* and the first cadre, once its code is free again */
	assert_int_equal(undelete_record(&s, &kind_person, id, &e), LZ_OK);
	assert_verifies(&s);
	close_demo(&s);
}

int main(void)
{
	unsetenv("LIANGZE_TODAY");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_comes_back_exactly),
		cmocka_unit_test(test_refusals_change_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
