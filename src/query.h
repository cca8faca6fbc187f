/* query.h — reading records of a kind a page at a time: filter by year, unit
 * (and the units under it) and search text, sorted by a field with the id as
 * tie-break, continued after the last row seen (keyset pagination: no OFFSET,
 * no whole table in memory). Rows are limited to the session's scope. */
#ifndef LZ_QUERY_H
#define LZ_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kind.h"
#include "session.h"

/* Records by their standing against the kind's due date, worked out in SQL
 * exactly as due_of() does from values: closed = the closing date is set or
 * the state is a closed one (kinds with neither count every record closed). */
typedef enum query_due {
	QD_ANY = 0,
	QD_OPEN,    /* not closed */
	QD_LATE,    /* not closed, due before today */
	QD_SOON,    /* not closed, due today or within warn_days */
	QD_CLOSED   /* closed */
} query_due;

/* A named condition declared as data (query_conds[]): the records of kind
 * whose field is non-empty (sql NULL), or for which the SQL predicate over
 * the row (alias t, :today) holds. Conditions are static text, never typed. */
typedef struct query_cond {
	const char *name;
	const char *kind;
	const char *label;   /* English msgid for titles */
	const char *field;
	const char *sql;
} query_cond;

/* The named conditions; NULL name-terminated. */
extern const query_cond query_conds[];

/* The condition named name, or NULL. */
const query_cond *query_cond_find(const char *name);

typedef struct query_filter {
	const char *search;     /* substring of any searchable field, or NULL */
	const char *year;       /* "2026": records of that year (kinds with a year field) */
	int64_t unit;           /* records owned by this unit or one under it; 0: any */
	const char *order;      /* sort field name; NULL: the kind's default */
	bool desc;
	/* Keyset: continue after the row whose sort value and id were these. */
	bool after;
	const char *after_value; /* canonical text; NULL when that row's value was empty */
	int64_t after_id;
	bool inclusive;         /* start at that row itself rather than after it */
	const char *state;      /* records in this state (kinds with a state field), or NULL */
	int limit;              /* rows at most; 0: all */
	query_due due;          /* by standing against the due date (QD_ANY: all) */
	long warn_days;         /* QD_SOON: days ahead that count as soon */
	const char *category;   /* records owned by a unit of this category, or NULL */
	const query_cond *cond; /* a named condition, or NULL */
	int task;               /* the records that serve this plan task (kind_task_condition); 0: any */
} query_filter;

/* What a filter selects, counted in one statement over the same WHERE the
 * list uses: all, closed, open, late (open, overdue), soon (open, due within
 * warn_days), and open with a due date. */
typedef struct query_tally {
	int64_t total, closed, open, late, soon, open_due;
} query_tally;

typedef struct query_cursor query_cursor;

/* A row: canonical values (as in record) and the text to show (references
 * replaced by the referenced record's name). Valid until the next call. */
typedef struct query_row {
	int64_t id;
	const char *const *value;
	const char *const *shown;
} query_row;

/* Starts reading. LZ_DENIED for administrative kinds unless admin; LZ_USAGE
 * for an unknown sort field, a year filter on a kind without a year or a
 * task the kind does not serve. */
lz_status query_open(session *s, const kind *k, const query_filter *f, query_cursor **out, lz_err *err);

/* Next row: 1 with *row filled, 0 at the end, -1 on error (err filled). */
int query_next(query_cursor *c, query_row *row, lz_err *err);

/* Ends reading. NULL is fine. */
void query_close(query_cursor *c);

/* The SQL text query_open runs for f (malloc'd): columns id, then per field
 * its value and its reference's name (or NULL). For benchmarks that must run
 * exactly the same query; parameters other than :today are f's. */
lz_status query_sql(session *s, const kind *k, const query_filter *f, char **out, lz_err *err);

/* The EXPLAIN QUERY PLAN lines of the query f makes (malloc'd, one per line),
 * so tests can see which indexes serve each filter and sort. */
lz_status query_plan(session *s, const kind *k, const query_filter *f, char **out, lz_err *err);

/* Counts the rows f selects (ignoring limit and keyset). */
lz_status query_count(session *s, const kind *k, const query_filter *f, int64_t *n, lz_err *err);

/* Counts what f selects by standing against the due date (f->due and
 * limit ignored; f->warn_days used for soon). */
lz_status query_tally_count(session *s, const kind *k, const query_filter *f, query_tally *t, lz_err *err);

/* The EXPLAIN QUERY PLAN lines of query_tally_count's statement for f
 * (malloc'd), so tests can see the dashboard's counts are index-served. */
lz_status query_tally_plan(session *s, const kind *k, const query_filter *f, char **out, lz_err *err);

/* A few words for the filter f beyond year and unit ("overdue", "category
 * 街道", the condition's label …) into out ("" when none), for titles. */
void query_filter_words(const query_filter *f, char *out, size_t outsz);

#endif
