/* rules.h — the plan's rules, registered in one table.
 * A rule that depends on saved data runs inside the transaction of any save
 * that can change its outcome (on_save); one that depends on the date runs
 * from `liangze rules run` (on_date). Rules must be idempotent: running one
 * twice writes nothing new. */
#ifndef LZ_RULES_H
#define LZ_RULES_H

#include <stdint.h>

#include "kind.h"
#include "session.h"

typedef struct rule {
	const char *name;
	const char *const *kinds;    /* kinds whose saves and deletes concern it; NULL-terminated */
	const char *const *settings; /* settings whose change concerns it; NULL-terminated or NULL */
	/* After a save or delete of record id of kind k, inside its transaction;
	 * *written counts rows the rule wrote. May be NULL. */
	lz_status (*on_save)(session *s, const kind *k, int64_t id, int *written, lz_err *err);
	/* Re-evaluates everything the rule covers, inside a write transaction
	 * (rules run, a changed setting). May be NULL. */
	lz_status (*on_date)(session *s, int *written, lz_err *err);
} rule;

/* The rules of the plan, NULL-terminated (rule_table.c). */
extern const struct rule *const rule_builtin[];

/* Runs the on_save hooks of the session's rules concerned with kind k. */
lz_status rules_after_save(session *s, const kind *k, int64_t id, lz_err *err);

/* Runs every rule's on_date hook, each in its own write transaction;
 * *written gets the rows written in all. */
lz_status rules_run(session *s, int *written, lz_err *err);

/* Starts a bulk write: rules with an on_date hook are noted rather than run
 * after each save. */
void rules_batch_begin(session *s);

/* Ends a bulk write: runs, inside the caller's transaction, the on_date hook
 * of every rule a save noted. Call it before committing. */
lz_status rules_batch_end(session *s, lz_err *err);

/* Runs, inside the caller's transaction, the on_date hooks of rules that
 * depend on the setting name. */
lz_status rules_after_setting(session *s, const char *name, lz_err *err);

#endif
