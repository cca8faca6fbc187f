/* cli_report_acc.h — `liangze report accountability`: the accountability
 * register the rules and staff write, as aligned text or CSV. */
#ifndef LZ_CLI_REPORT_ACC_H
#define LZ_CLI_REPORT_ACC_H

#include "cli.h"

/* Prints the items in state 待处理 (every item with --all) within the
 * account's scope, by id, filtered by --year Y and --unit U (the unit and the
 * units under it); --format csv gives the columns id,rule,source_kind,
 * source_id,year,unit_code,unit_name,person,measure,state,reason,created_at. */
lz_status cli_report_accountability(const cli_cmd *c, lz_err *err);

#endif
