/* rule_notice.h — the notice_overdue rule (task 1): a 目标任务通知书 past
 * its due date and not done proposes a 任务落实督办书 to its unit, for staff
 * to confirm. */
#ifndef LZ_RULE_NOTICE_H
#define LZ_RULE_NOTICE_H

#include "rules.h"

/* One proposal (rule notice_overdue, the letter's unit, period = the letter's
 * due date, source letter/id) per overdue 通知书; a pending one whose letter
 * was done, deleted, moved or is no longer overdue is marked 触发已撤销, the
 * reason in its decision. On saves of letters and on `rules run`. */
extern const struct rule rule_notice_overdue;

#endif
