/* proposal.h — staff decide the proposals that rules make. Confirming one
 * carries it out in the same transaction (interviews and a rectification for
 * a Tiancheng proposal, a 任务落实督办书 for an overdue 目标任务通知书);
 * dismissing one needs a reason. Both go through the record layer, so role,
 * scope and audit apply as to any other change. */
#ifndef LZ_PROPOSAL_H
#define LZ_PROPOSAL_H

#include <stdint.h>

#include "session.h"

/* Confirms pending proposal id (staff or admin within scope) and makes what
 * it proposes; LZ_BAD if it is not waiting for a decision (待确认). */
lz_status proposal_confirm(session *s, int64_t id, lz_err *err);

/* Dismisses pending proposal id with reason (required: LZ_BAD when empty). */
lz_status proposal_dismiss(session *s, int64_t id, const char *reason, lz_err *err);

#endif
