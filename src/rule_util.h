/* rule_util.h — what the rules that write items (accountability, proposals)
 * share: reading a column as text, saving an item only when it changed (so a
 * second run writes nothing), listing the ids a query names, and acting with
 * the district's reach while a rule follows a save. */
#ifndef LZ_RULE_UTIL_H
#define LZ_RULE_UTIL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"
#include "session.h"

/* Column i of q as text into out ("" for NULL). */
void rule_col(sqlite3_stmt *q, int i, char *out, size_t n);

/* Saves r (inside the caller's transaction) unless it is stored already and
 * its values equal before (record_json of the stored record); counts a write. */
lz_status rule_save_changed(session *s, record *r, const char *before, int *written, lz_err *err);

/* The ids sql gives (one integer column; ?1 or :arg bound to arg, :today to
 * the session's date), malloc'd into *ids. */
lz_status rule_ids(session *s, const char *sql, int64_t arg, int64_t **ids, int *n, lz_err *err);

/* The account's role and scope while a rule acts for the whole district. */
typedef struct rule_reach {
	lz_role role;
	int64_t scope;
} rule_reach;

/* Lets a rule write items of any unit: what one save sets off belongs to the
 * district (the audit rows still carry the account's name). */
void rule_reach_district(session *s, rule_reach *saved);

/* Gives the account back its own role and scope. */
void rule_reach_restore(session *s, const rule_reach *saved);

#endif
