/* date.h — calendar dates and months as the plan's records carry them.
 * Canonical forms: "YYYY-MM-DD" and "YYYY-MM". Input also accepts the forms
 * Excel writes: 2026/3/5 and 2026年3月5日 (2026/3, 2026年3月 for months). */
#ifndef LZ_DATE_H
#define LZ_DATE_H

#include <stdbool.h>

#include "status.h"

/* Parses a date in any accepted form into out[11] "YYYY-MM-DD"; false if not a real date. */
bool date_parse(const char *in, char out[11]);

/* Parses a month in any accepted form into out[8] "YYYY-MM"; false if invalid. */
bool period_parse(const char *in, char out[8]);

/* Days from a to b (b - a) for canonical dates. */
long date_diff(const char *a, const char *b);

/* Adds n days to a canonical date. */
void date_add(const char *in, long n, char out[11]);

/* Today: $LIANGZE_TODAY (validated) or the local date; LZ_USAGE if the variable is malformed. */
lz_status date_today(char out[11], lz_err *err);

/* The current local time as "YYYY-MM-DDTHH:MM:SS" for audit rows. */
void date_now_stamp(char out[20]);

#endif
