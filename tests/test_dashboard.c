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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sql_agrees_with_due_of),
		cmocka_unit_test(task_colours_follow_the_counts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
