/* cli_dashboard.h — `liangze report dashboard` and `report overdue`: the
 * dashboard's panels and the overdue list as plain text for mail and cron
 * (aligned by display width, never an escape code), CSV, or a print-ready
 * workbook with one sheet per panel. The figures are dashboard_load's and
 * overdue_collect's, the same the screen shows. */
#ifndef LZ_CLI_DASHBOARD_H
#define LZ_CLI_DASHBOARD_H

#include "cli.h"

/* `report dashboard [--year Y] [--unit U] [--category C] [--format text|csv] [-o FILE.xlsx]`;
 * CSV columns: section,item,label,lead,state,done,open,overdue,count. */
lz_status cli_report_dashboard(const cli_cmd *c, lz_err *err);

/* `report overdue [--year Y] [--unit U] [--format text|csv] [-o FILE.xlsx]`;
 * CSV columns: kind,id,unit_code,unit_name,person,due,days_overdue. */
lz_status cli_report_overdue(const cli_cmd *c, lz_err *err);

#endif
