/* audit.h — the audit trail: one row per change, in the change's own transaction. */
#ifndef LZ_AUDIT_H
#define LZ_AUDIT_H

#include <stdint.h>

#include "session.h"

/* Appends an audit row (who = s->login, when = now) for record id of kind
 * (id 0 for changes that are not records, such as settings); before/after
 * are JSON objects or NULL. Must run inside a write transaction. */
lz_status audit_write(session *s, const char *kind, int64_t id, const char *action,
		      const char *before, const char *after, lz_err *err);

#endif
