/* due.h — where a record stands against its due date, worked out from the
 * kind's descriptor (due_field, closed_field, state_field + closed_states)
 * and the row's canonical values alone: no SQL, so a list can ask it for
 * every row it draws. The design's words: overdue = the due date is before
 * today, counted in calendar days; due within N days = 0 ≤ due − today ≤ N. */
#ifndef LZ_DUE_H
#define LZ_DUE_H

#include "kind.h"

typedef enum due_state {
	DUE_NONE,   /* the kind has no due date, or this record has none */
	DUE_CLOSED, /* done (a closing date is set or the state is a closed one), however late */
	DUE_OPEN,   /* open, due later than warn_days from today (blue) */
	DUE_SOON,   /* open, due today or within warn_days (yellow) */
	DUE_LATE    /* open and the due date is before today (red) */
} due_state;

/* Whether the record with values v (k->nfields canonical values, NULL = empty) counts as closed. */
bool due_closed(const kind *k, const char *const *v);

/* The state of the record with values v on day today ("YYYY-MM-DD") when
 * warn_days makes a record yellow; *days (may be NULL) gets the days overdue
 * for DUE_LATE, the days left for DUE_SOON and DUE_OPEN, 0 otherwise. */
due_state due_of(const kind *k, const char *const *v, const char *today, long warn_days, long *days);

#endif
