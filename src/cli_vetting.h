/* cli_vetting.h — the command line of 述 and 评 beyond the ledgers:
 * `report evaluations` (cli_report's) and `vetting export` (cli_vetting in cli.h). */
#ifndef LZ_CLI_VETTING_H
#define LZ_CLI_VETTING_H

#include "cli.h"

/* Prints, for --year Y, every cadre rated that year within the account's
 * scope, by unit code, then person code, then id; --format csv gives the
 * columns person_code,person_name,unit_name,count,mean,mean_before,
 * mean_on_site,mean_service,mean_members (means with two decimals, empty
 * when there is no rating of that phase or group: before = 会前, on_site =
 * 会议现场, service = 管理服务对象, members = 纪委委员). */
lz_status cli_report_evaluations(const cli_cmd *c, lz_err *err);

#endif
