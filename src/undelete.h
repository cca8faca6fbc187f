/* undelete.h — bringing back a deleted record from the audit trail, which
 * keeps every deleted record's last state. */
#ifndef LZ_UNDELETE_H
#define LZ_UNDELETE_H

#include <stdint.h>

#include "kind.h"
#include "session.h"

/* Re-creates record id of kind k (admin only) with the same id and the
 * values of its last audited state, after the checks of a save, with an
 * audit row "undelete" and the rules concerned, in one write transaction.
 * LZ_BAD naming why when the id exists, was never deleted, or the record
 * would now break a unique value or a reference; nothing changes then. */
lz_status undelete_record(session *s, const kind *k, int64_t id, lz_err *err);

#endif
