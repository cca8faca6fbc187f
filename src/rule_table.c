/* rule_table.c — the rules in force. Each issue that brings a rule adds it here. */
#include "rules.h"

const struct rule *const rule_builtin[] = {
	NULL
};
