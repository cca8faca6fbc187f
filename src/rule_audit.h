/* rule_audit.h — the audit_serious rule (task 14): a serious audit finding
 * holds someone to account for both the economic responsibility and the
 * 党风廉政建设 responsibility. */
#ifndef LZ_RULE_AUDIT_H
#define LZ_RULE_AUDIT_H

#include "rules.h"

/* One accountability item (rule audit_serious, source audit_finding/id) per
 * serious finding: for the finding's person, else the unit's principal
 * holder. A pending item whose finding is no longer serious (or is gone) is
 * marked 触发已撤销 with the reason, and comes back when it is marked again;
 * a handled one (已处理) is left as it is. On saves of audit findings and
 * units (a new principal holder) and on `rules run`. */
extern const struct rule rule_audit_serious;

#endif
