/* test_due.c — a record's standing against its due date: the edges the
 * design names (due today, yesterday, within warn_days and one day beyond),
 * records closed late, records without a due date, and both ways a kind
 * says "closed" (a state: letter 已办结; a date: inquiry replied_on). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "due.h"
#include "kinds_master.h"
#include "kinds_plan.h"
#include "record.h"

#define TODAY "2026-11-27"
#define WARN 7

static due_state state_of(const record *r, long *days)
{
	return due_of(r->k, (const char *const *)r->v, TODAY, WARN, days);
}

static record *letter(const char *due, const char *state)
{
	record *r = record_new(&kind_letter);
	assert_non_null(r);
	record_set_named(r, "letter_type", "目标任务通知书");
	record_set_named(r, "year", "2026");
	record_set_named(r, "due", due);
	record_set_named(r, "state", state);
	return r;
}

static record *inquiry(const char *due, const char *replied_on)
{
	record *r = record_new(&kind_inquiry);
	assert_non_null(r);
	record_set_named(r, "inquiry_type", "书面询问");
	record_set_named(r, "due", due);
	record_set_named(r, "replied_on", replied_on);
	/* The worked-out state as a list row carries it: never a closed state. */
	record_set_named(r, "state", "逾期");
	return r;
}

static void due_today_is_yellow_with_zero_days(void **unused)
{
	(void)unused;
	long days = -1;
	record *r = letter("2026-11-27", "已发出");
	assert_int_equal(state_of(r, &days), DUE_SOON);
	assert_int_equal(days, 0);
	record_free(r);
}

static void due_yesterday_is_red_one_day(void **unused)
{
	(void)unused;
	long days = -1;
	record *r = letter("2026-11-26", "已签收");
	assert_int_equal(state_of(r, &days), DUE_LATE);
	assert_int_equal(days, 1);
	record_free(r);
	/* Across a month and a year end, in calendar days. */
	r = letter("2025-12-31", "草稿");
	assert_int_equal(state_of(r, &days), DUE_LATE);
	assert_int_equal(days, 331);
	record_free(r);
}

static void within_warn_days_is_yellow_one_more_is_blue(void **unused)
{
	(void)unused;
	long days = -1;
	record *r = letter("2026-12-04", "已发出"); /* today + 7 */
	assert_int_equal(state_of(r, &days), DUE_SOON);
	assert_int_equal(days, 7);
	record_free(r);
	r = letter("2026-12-05", "已发出");         /* today + 8 */
	assert_int_equal(state_of(r, &days), DUE_OPEN);
	assert_int_equal(days, 8);
	record_free(r);
	/* warn_days 0: only today is yellow. */
	r = letter("2026-11-28", "已发出");
	assert_int_equal(due_of(r->k, (const char *const *)r->v, TODAY, 0, &days), DUE_OPEN);
	record_free(r);
}

static void closed_late_is_closed_not_red(void **unused)
{
	(void)unused;
	long days = -1;
	record *r = letter("2026-10-01", "已办结");
	assert_true(due_closed(r->k, (const char *const *)r->v));
	assert_int_equal(state_of(r, &days), DUE_CLOSED);
	assert_int_equal(days, 0);
	record_free(r);
	r = inquiry("2026-10-01", "2026-11-20");
	assert_int_equal(state_of(r, &days), DUE_CLOSED);
	assert_int_equal(days, 0);
	record_free(r);
}

static void no_due_date_or_no_due_field(void **unused)
{
	(void)unused;
	long days = -1;
	record *r = letter(NULL, "已发出");
	assert_int_equal(state_of(r, &days), DUE_NONE);
	assert_int_equal(days, 0);
	record_free(r);
	r = inquiry(NULL, NULL);   /* a meeting inquiry, answered on the spot */
	assert_int_equal(state_of(r, NULL), DUE_NONE);
	record_free(r);
	/* Kinds without a due field: never coloured. */
	r = record_new(&kind_commitment);
	record_set_named(r, "year", "2026");
	assert_int_equal(state_of(r, NULL), DUE_NONE);
	record_free(r);
	r = record_new(&kind_proposal);
	record_set_named(r, "state", "待确认");
	record_set_named(r, "period", "2026-01-01");
	assert_int_equal(state_of(r, NULL), DUE_NONE);
	record_free(r);
	r = record_new(&kind_unit);
	assert_int_equal(state_of(r, NULL), DUE_NONE);
	record_free(r);
}

static void state_closed_kind_letter(void **unused)
{
	(void)unused;
	/* Every state before 已办结 is open: only 已办结 closes a letter. */
	const char *open[] = { "草稿", "已发出", "已签收" };
	for (int i = 0; i < 3; i++) {
		record *r = letter("2026-11-20", open[i]);
		assert_false(due_closed(r->k, (const char *const *)r->v));
		assert_int_equal(state_of(r, NULL), DUE_LATE);
		record_free(r);
	}
	record *r = letter("2026-11-20", "已办结");
	assert_int_equal(state_of(r, NULL), DUE_CLOSED);
	record_free(r);
}

static void date_closed_kind_inquiry(void **unused)
{
	(void)unused;
	long days = -1;
	record *r = inquiry("2026-11-20", NULL);
	assert_false(due_closed(r->k, (const char *const *)r->v));
	assert_int_equal(state_of(r, &days), DUE_LATE);
	assert_int_equal(days, 7);
	record_set_named(r, "replied_on", "2026-11-27");
	assert_true(due_closed(r->k, (const char *const *)r->v));
	assert_int_equal(state_of(r, &days), DUE_CLOSED);
	record_free(r);
	/* Rectifications close by their completion date too. */
	r = record_new(&kind_rectification);
	record_set_named(r, "deadline", "2026-11-30");
	assert_int_equal(state_of(r, &days), DUE_SOON);
	assert_int_equal(days, 3);
	record_set_named(r, "closed_on", "2026-12-10");
	assert_int_equal(state_of(r, NULL), DUE_CLOSED);
	record_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(due_today_is_yellow_with_zero_days),
		cmocka_unit_test(due_yesterday_is_red_one_day),
		cmocka_unit_test(within_warn_days_is_yellow_one_more_is_blue),
		cmocka_unit_test(closed_late_is_closed_not_red),
		cmocka_unit_test(no_due_date_or_no_due_field),
		cmocka_unit_test(state_closed_kind_letter),
		cmocka_unit_test(date_closed_kind_inquiry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
