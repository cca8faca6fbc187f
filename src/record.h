/* record.h — the generic life of a record of any kind: get, save, delete,
 * resolve references. Every write checks role and unit scope, validates
 * against the descriptor, writes an audit row and runs the rules concerned,
 * all in one transaction. */
#ifndef LZ_RECORD_H
#define LZ_RECORD_H

#include <stdint.h>

#include "kind.h"
#include "session.h"

/* Values in canonical text form, one per descriptor field; NULL = empty.
 * References hold the referenced record's id as text. */
typedef struct record {
	const kind *k;
	int64_t id;     /* 0 for a record not saved yet */
	char **v;       /* k->nfields values */
} record;

/* A new empty record of kind k (NULL if out of memory). */
record *record_new(const kind *k);

/* Frees r and its values; NULL is fine. */
void record_free(record *r);

/* Replaces value i with a copy of v (NULL or "" empties it). */
void record_set(record *r, int i, const char *v);

/* Replaces the value of the field named name; false if there is no such field. */
int record_set_named(record *r, const char *name, const char *v);

/* The value of the field named name, or NULL. */
const char *record_get_named(const record *r, const char *name);

/* Loads record id of kind k if the session may read it (LZ_BAD if it does
 * not exist or is outside the session's scope). */
lz_status record_get(session *s, const kind *k, int64_t id, record **out, lz_err *err);

/* Saves r (insert when r->id == 0, else update; r->id is set) in its own
 * write transaction. */
lz_status record_save(session *s, record *r, lz_err *err);

/* Deletes record id of kind k in its own write transaction. */
lz_status record_delete(session *s, const kind *k, int64_t id, lz_err *err);

/* As record_save, inside the caller's write transaction (import, rules). */
lz_status record_save_in(session *s, record *r, lz_err *err);

/* Whether record_delete would be allowed (kind, role, scope, references),
 * without deleting: lets a screen refuse before asking for confirmation. */
lz_status record_check_delete(session *s, const kind *k, int64_t id, lz_err *err);

/* As record_save_in for values that passed record_check against before
 * (the stored record r->id as loaded then, NULL for a new one) in a snapshot
 * no other connection has committed to since (PRAGMA data_version
 * unchanged): skips the role, scope and value checks; the kind's prepare and
 * validate run again. */
lz_status record_save_checked(session *s, const record *before, record *r, lz_err *err);

/* As record_delete, inside the caller's write transaction. */
lz_status record_delete_in(session *s, const kind *k, int64_t id, lz_err *err);

/* Finds the id of the record of kind k named by text: a lookup field (code,
 * name …) equal to text. When several match by name, only those whose owner
 * unit is prefer_unit (if non-zero) are kept. *id = 0 and LZ_BAD with a
 * message when none or several match. */
lz_status record_resolve(session *s, const kind *k, const char *text, int64_t prefer_unit,
			 int64_t *id, lz_err *err);

/* The id of the record of k whose key fields (k->keys[key]) equal those of r,
 * or 0. LZ_BAD when the key is ambiguous. */
lz_status record_find_by_key(session *s, const record *r, int key, int64_t *id, lz_err *err);

/* Writes the display text of record id of kind k (its display field) into out. */
void record_display(session *s, const kind *k, int64_t id, char *out, size_t outsz);

/* Whether unit is the session's scope unit or under it (always true without a scope). */
int record_unit_in_scope(session *s, int64_t unit);

/* The owner unit of r for scope checks (0 when it has none). */
int64_t record_owner_unit(session *s, const record *r);

/* Role and scope check for changing before (NULL: a new record) into after. */
lz_status record_check_write(session *s, const record *before, const record *after, lz_err *err);

/* Brings r's values to canonical form and checks them against the descriptor
 * and the database (required, choices, references, unique values), without writing. */
lz_status record_validate(session *s, record *r, lz_err *err);

/* Everything a save checks, without writing: fills what the kind fills in
 * (prepare), then role and scope, values, and the kind's own checks. */
lz_status record_check(session *s, const record *before, record *r, lz_err *err);

/* r's values as a JSON object (malloc'd), as the audit trail keeps them. */
char *record_json(const record *r);

#endif
