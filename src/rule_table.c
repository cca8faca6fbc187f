/* rule_table.c — the rules in force. Each issue that brings a rule adds it here. */
#include "rules.h"
#include "rule_notice.h"
#include "tiancheng.h"

const struct rule *const rule_builtin[] = {
	&rule_notice_overdue,
	&tiancheng_rule,
	NULL
};
