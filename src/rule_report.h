/* rule_report.h — the report_late rule (task 19): a 三述 report made late,
 * or found untruthful, holds the cadre who reports to account. */
#ifndef LZ_RULE_REPORT_H
#define LZ_RULE_REPORT_H

#include "rules.h"

/* One accountability item (rule report_late, source report/id) per report
 * that is late — submitted after its due date, or still not submitted with
 * the due date past today — or found untruthful. Up to
 * report_late_notice_max_days days late the measure is the setting
 * report_measure_minor (通报批评); later, or untruthful, report_measure_major
 * (诫勉谈话). A pending item follows its report (the same item takes a new
 * measure); a report found timely and truthful after all, or deleted, marks
 * it 触发已撤销 with the reason, and late again brings it back; a handled one
 * (已处理) is left as it is. On saves of reports and people, on changes of
 * those settings and on `rules run` (the date moves). */
extern const struct rule rule_report_late;

#endif
