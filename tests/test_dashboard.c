/* test_dashboard.c — the SQL that counts records by their standing against
 * the due date (query.c, used by the dashboard and its drill-downs) agrees
 * with due_of(), which colours each row of a ledger, for every kind with a
 * due date, on the demo district over several days; and dashboard_load's
 * task colours follow from those counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dashboard.h"
#include "demo.h"
#include "due.h"
#include "query.h"
#include "session.h"

static char dbpath[256];
static session S;

static int setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/lz-dash-%d.db", (int)getpid());
	unlink(dbpath);
	lz_err e;
	setenv("LIANGZE_TODAY", "2026-11-27", 1);
	if (session_open(&S, dbpath, "tester", true, NULL, &e))
		return -1;
	long u, p;
	return demo_fill(&S, &u, &p, &e) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	session_close(&S);
	char p[300];
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
	return 0;
}

/* For each kind with a due date: the tally and each QD filter's count equal
 * what due_of() and due_closed() say row by row. */
static void sql_agrees_with_due_of(void **unused)
{
	(void)unused;
	static const char *const days[] = { "2026-11-27", "2026-01-15", "2027-03-01" };
	for (size_t d = 0; d < sizeof days / sizeof days[0]; d++) {
		snprintf(S.today, sizeof S.today, "%s", days[d]);
		int kinds = 0;
		for (const kind *const *kp = kind_all; *kp; kp++) {
			const kind *k = *kp;
			if (!k->due_field || k->owner == KO_ADMIN)
				continue;
			kinds++;
			query_filter f = { 0 };
			f.warn_days = 7;
			query_cursor *c;
			lz_err e;
			assert_int_equal(query_open(&S, k, &f, &c, &e), LZ_OK);
			int64_t n = 0, closed = 0, late = 0, soon = 0;
			query_row r;
			while (query_next(c, &r, &e) == 1) {
				n++;
				closed += due_closed(k, r.value);
				due_state ds = due_of(k, r.value, S.today, 7, NULL);
				late += ds == DUE_LATE;
				soon += ds == DUE_SOON;
			}
			query_close(c);
			query_tally t;
			assert_int_equal(query_tally_count(&S, k, &f, &t, &e), LZ_OK);
			assert_int_equal(t.total, n);
			assert_int_equal(t.closed, closed);
			assert_int_equal(t.open, n - closed);
			assert_int_equal(t.late, late);
			assert_int_equal(t.soon, soon);
			static const query_due qd[] = { QD_LATE, QD_SOON, QD_OPEN, QD_CLOSED };
			const int64_t want[] = { late, soon, n - closed, closed };
			for (int i = 0; i < 4; i++) {
				int64_t got;
				f.due = qd[i];
				assert_int_equal(query_count(&S, k, &f, &got, &e), LZ_OK);
				assert_int_equal(got, want[i]);
			}
		}
		assert_int_equal(kinds, 5);
	}
	snprintf(S.today, sizeof S.today, "2026-11-27");
}

/* Each task's colour is the rule applied to its counts, and the demo shows all five. */
static void task_colours_follow_the_counts(void **unused)
{
	(void)unused;
	static dashboard d;
	lz_err e;
	assert_int_equal(dashboard_load(&S, NULL, &d, &e), LZ_OK);
	assert_string_equal(d.filter.year, "2026");
	int seen[5] = { 0 };
	for (int i = 0; i < CATALOG_TASKS; i++) {
		const dash_task *t = &d.task[i];
		assert_int_equal(t->num, i + 1);
		dash_color want = !t->records ? DC_GREY : t->late ? DC_RED : t->soon ? DC_YELLOW : !t->open_due ? DC_GREEN : DC_BLUE;
		assert_int_equal(t->color, want);
		assert_true(t->lead[0] != '\0');
		seen[t->color]++;
	}
	for (int c = 0; c < 5; c++)
		assert_true(seen[c] > 0);
	/* Every warning has a kind and a count its filter reproduces. */
	assert_int_equal(d.nwarn, 8);
	for (int i = 0; i < d.nwarn; i++) {
		query_filter f;
		dash_warning_filter(&d, i, &f);
		int64_t n;
		assert_int_equal(query_count(&S, d.warn[i].k, &f, &n, &e), LZ_OK);
		assert_int_equal(n, d.warn[i].count);
		assert_true(n > 0);
	}
}


/* A kind that serves a task through some records (kind_task_condition): the
 * dashboard's task figures, the ledger filter and plain SQL agree, and the
 * tally reads an index, never the whole table. */
static void conditioned_tasks_count_their_records(void **unused)
{
	(void)unused;
	static dashboard d;
	lz_err e;
	assert_int_equal(dashboard_load(&S, NULL, &d, &e), LZ_OK);
	static const struct { int task; const char *type; } want[] = {
		{ 5, "会议询问" }, { 6, "书面询问" }, { 7, "网上询问" } };
	const kind *inq = kind_find("inquiry");
	int64_t sum = 0;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const kind_task_when *w = kind_task_condition(inq, want[i].task);
		assert_non_null(w);
		assert_string_equal(w->values[0], want[i].type);
		sqlite3_stmt *q;
		assert_int_equal(db_prepare(&S.db, "SELECT count(*) FROM inquiry WHERE inquiry_type = ?1"
					    " AND asked_on >= '2026' AND asked_on < '2027'", &q, &e), LZ_OK);
		sqlite3_bind_text(q, 1, want[i].type, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		int64_t n = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
		assert_true(n > 0);
		/* Only inquiries serve tasks 5-7 (the reports serve 19 alone). */
		assert_int_equal(d.task[want[i].task - 1].records, n);
		sum += n;
		query_filter f = { 0 };
		f.year = "2026";
		f.task = want[i].task;
		int64_t got;
		assert_int_equal(query_count(&S, inq, &f, &got, &e), LZ_OK);
		assert_int_equal(got, n);
		char *plan;
		assert_int_equal(query_tally_plan(&S, inq, &f, &plan, &e), LZ_OK);
		assert_non_null(strstr(plan, "inquiry_type_dash"));
		assert_null(strstr(plan, "SCAN t"));
		free(plan);
	}
	/* The three types are every inquiry of the year, each counted once. */
	query_filter all = { 0 };
	all.year = "2026";
	int64_t total;
	assert_int_equal(query_count(&S, inq, &all, &total, &e), LZ_OK);
	assert_int_equal(sum, total);
	assert_false(kind_serves_task(kind_find("report"), 7));
	/* A task the kind does not serve is refused, not ignored. */
	query_filter bad = { 0 };
	bad.task = 19;
	int64_t n;
	assert_int_equal(query_count(&S, inq, &bad, &n, &e), LZ_USAGE);
	char t[160];
	kind_task_title(inq, 6, t, sizeof t);
	assert_non_null(strstr(t, "书面询问"));
}

/* A scoped account counts no kind of no unit, as a unit filter does. */
static void scoped_counts_no_unitless_kinds(void **unused)
{
	(void)unused;
	static dashboard d, u;
	lz_err e;
	sqlite3_stmt *q;
	assert_int_equal(db_prepare(&S.db, "SELECT id FROM unit WHERE code = 'X21'", &q, &e), LZ_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	int64_t x21 = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	dash_filter f = { 0 };
	f.unit = x21;
	assert_int_equal(dashboard_load(&S, &f, &u, &e), LZ_OK);
	lz_role role = S.role;
	int64_t scope = S.scope_unit;
	S.role = ROLE_VIEWER;
	S.scope_unit = x21;
	lz_status st = dashboard_load(&S, NULL, &d, &e);
	S.role = role;
	S.scope_unit = scope;
	assert_int_equal(st, LZ_OK);
	assert_string_equal(d.scope_name, "瓦店乡");
	assert_false(dash_kind_counted(&S, &u, kind_find("duty_meeting")));
	for (int i = 0; i < CATALOG_TASKS; i++) {
		assert_int_equal(d.task[i].records, u.task[i].records);
		assert_int_equal(d.task[i].late, u.task[i].late);
		assert_int_equal(d.task[i].color, u.task[i].color);
	}
	for (int m = 0; m < CATALOG_MECHANISMS; m++)
		assert_int_equal(d.mech[m].closed + d.mech[m].open, u.mech[m].closed + u.mech[m].open);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sql_agrees_with_due_of),
		cmocka_unit_test(task_colours_follow_the_counts),
		cmocka_unit_test(conditioned_tasks_count_their_records),
		cmocka_unit_test(scoped_counts_no_unitless_kinds),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
