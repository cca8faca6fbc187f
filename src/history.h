/* history.h — a record's audit rows read back for people: who did what and
 * when, and per field the value before and after. Works for records that
 * are gone too (their last audit row tells whose they were), so that a
 * deleted record can be looked at and brought back. */
#ifndef LZ_HISTORY_H
#define LZ_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audit_json.h"
#include "kind.h"
#include "session.h"

/* One field an audit row changed (for a new record: every value it got; for
 * a deletion: every value it had). */
typedef struct history_change {
	const kind_field *f;   /* NULL when the kind no longer has the field */
	const char *name;      /* the field name as the audit row keeps it */
	const char *before;    /* canonical text, NULL for empty; points into the entry */
	const char *after;
} history_change;

typedef struct history_entry {
	int64_t audit_id;
	char at[24];           /* "2026-11-27 13:02:11" */
	char login[64];
	char action[24];       /* as stored: insert, update, delete … */
	audit_json before, after;
	history_change *ch;
	int nch;
} history_entry;

typedef struct history {
	const kind *k;
	int64_t id;
	bool exists;           /* the record is still in its table */
	history_entry *e;      /* oldest first */
	int n;
} history;

/* Loads the audit rows about record id of kind k, if the session may read
 * the record (as it is, or as it last was when it is gone). LZ_BAD when
 * there is no such record and never was. */
lz_status history_load(session *s, const kind *k, int64_t id, history *out, lz_err *err);

/* Frees what history_load made; h is empty afterwards. */
void history_free(history *h);

/* The action for people ("created", "changed", "deleted" or the stored word). */
const char *history_action_title(const char *action);

/* Value v of change c as people read it: a reference as the record's name,
 * a yes/no as yes or no; "" for empty. */
void history_value(session *s, const history_change *c, const char *v, char *out, size_t outsz);

/* The field's title for people (the label, or the stored name when the kind
 * no longer has it). */
const char *history_field_title(const history_change *c);

#endif
