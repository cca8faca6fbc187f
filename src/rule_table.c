/* rule_table.c — the rules in force. Each issue that brings a rule adds it here. */
#include "rules.h"
#include "rule_audit.h"
#include "rule_notice.h"
#include "rule_report.h"
#include "rule_yian.h"
#include "satisfaction.h"
#include "tiancheng.h"

const struct rule *const rule_builtin[] = {
	&rule_notice_overdue,
	&tiancheng_rule,
	&rule_audit_serious,
	&rule_yian_sancha,
	&rule_report_late,
	&satisfaction_rule,
	NULL
};
