/* rule_yian.h — the yian_sancha rule (一案三查, task 15): a serious case
 * (严重违纪违法) also holds the unit's two responsibility holders to account. */
#ifndef LZ_RULE_YIAN_H
#define LZ_RULE_YIAN_H

#include "rules.h"

/* Exactly two accountability items (rule yian_sancha, source case/id) per
 * serious case: role 主体责任人 for the unit's principal holder and role
 * 监督责任人 for its supervisory holder, or no person and a reason saying the
 * unit has not recorded that holder; year of the 立案审查 date, else of
 * 线索受理. Pending items follow the case and the unit's holders; a case no
 * longer serious (or deleted) withdraws them (触发已撤销, why appended to the
 * reason), serious again brings them back to 待处理; handled ones (已处理)
 * are left alone. On saves of cases and units and on `rules run`. */
extern const struct rule rule_yian_sancha;

#endif
