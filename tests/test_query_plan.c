/* test_query_plan.c — every filter and sort a ledger offers is served by an
 * index: for each kind, each column the list can sort by (both directions,
 * from the start and after a row) and each filter (year, unit with the
 * units under it, state, indexed and one-character search), EXPLAIN QUERY
 * PLAN must not show the record table read without an index ("SCAN t").
 * Columns worked out when read (KF_DERIVED) cannot be indexed and are left out. */
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
#include "query.h"
#include "session.h"

static char dbpath[256];

/* Whether a plan line reads the record table (alias t) with no index. */
static int full_scan(const char *plan)
{
	for (const char *p = plan; (p = strstr(p, "SCAN t")); p += 6) {
		if (p != plan && p[-1] != '\n')
			continue;
		if (p[6] == '\n' || p[6] == '\0')
			return 1;
	}
	return 0;
}

static int check(session *s, const kind *k, query_filter f, const char *what)
{
	char *plan = NULL;
	lz_err e;
	if (query_plan(s, k, &f, &plan, &e) != LZ_OK) {
		print_error("%s %s: %s\n", k->name, what, e.msg);
		return 1;
	}
	int bad = full_scan(plan);
	if (bad)
		print_error("%s, sorted by %s%s, %s: full scan\n%s", k->name, f.order ? f.order : "id",
			    f.desc ? " desc" : "", what, plan);
	free(plan);
	return bad;
}

static void every_filter_and_sort_uses_an_index(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/lz-plan-%d.db", (int)getpid());
	unlink(dbpath);
	session s;
	lz_err e;
	assert_int_equal(session_open(&s, dbpath, "tester", true, NULL, &e), LZ_OK);
	long units, people;
	assert_int_equal(demo_fill(&s, &units, &people, &e), LZ_OK);
	assert_true(s.fts);
	int bad = 0, checked = 0;
	for (int ki = 0; kind_all[ki]; ki++) {
		const kind *k = kind_all[ki];
		for (int fi = 0; fi < k->nfields; fi++) {
			if ((k->fields[fi].flags & (KF_HIDDEN | KF_DERIVED)))
				continue;
			for (int desc = 0; desc < 2; desc++) {
				query_filter base = { .order = k->fields[fi].name, .desc = desc, .limit = 40 };
				query_filter f = base;
				bad += check(&s, k, f, "no filter");
				f.after = true;
				f.after_value = "2026";
				f.after_id = 5;
				bad += check(&s, k, f, "after a row");
				if (k->year_field) {
					f = base;
					f.year = "2026";
					bad += check(&s, k, f, "year");
				}
				if (k->owner != KO_NONE && k->owner != KO_ADMIN) {
					f = base;
					f.unit = 43;
					bad += check(&s, k, f, "unit");
				}
				if (k->state_field) {
					f = base;
					f.state = kind_field_named(k, k->state_field)->choices ?
						  kind_field_named(k, k->state_field)->choices[0] : "x";
					bad += check(&s, k, f, "state");
				}
				f = base;
				f.search = "纪委";
				bad += check(&s, k, f, "search");
				f.search = "纪";
				bad += check(&s, k, f, "one-character search");
				checked += 7;
			}
		}
	}
	print_message("%d plans checked\n", checked);
	session_close(&s);
	char p[300];
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
	assert_int_equal(bad, 0);
}

static void the_check_itself_sees_a_full_scan(void **state)
{
	(void)state;
	assert_true(full_scan("SCAN t\n"));
	assert_true(full_scan("SEARCH r1 USING INTEGER PRIMARY KEY (rowid=?)\nSCAN t\nUSE TEMP B-TREE FOR ORDER BY\n"));
	assert_false(full_scan("SCAN t USING INDEX document_title\n"));
	assert_false(full_scan("SEARCH t USING INTEGER PRIMARY KEY (rowid=?)\nSCAN sub\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_check_itself_sees_a_full_scan),
		cmocka_unit_test(every_filter_and_sort_uses_an_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
