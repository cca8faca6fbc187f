/* overdue.h — every overdue record in scope, of every kind with a due date:
 * the design's `report overdue` rows (kind, id, unit, person, due, days
 * overdue), most overdue first, then by kind and id. Read through query.c
 * with the QD_LATE filter, the same the dashboard's warnings count. */
#ifndef LZ_OVERDUE_H
#define LZ_OVERDUE_H

#include "query.h"

typedef struct overdue_row {
	const kind *k;
	int64_t id;
	int64_t unit;
	char unit_code[64], unit_name[128], person[64];
	char due[11];
	long days;
} overdue_row;

typedef struct overdue_list {
	overdue_row *rows;
	int n, cap;
} overdue_list;

/* Collects the overdue records of year (NULL: any) owned by unit (0: any,
 * else it and the units under it) into out, sorted; free with overdue_free. */
lz_status overdue_collect(session *s, const char *year, int64_t unit, overdue_list *out, lz_err *err);

/* Frees the rows. */
void overdue_free(overdue_list *l);

#endif
