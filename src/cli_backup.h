/* cli_backup.h — `backup`, `restore`, `undelete` (cli_backup.c) and `archive` (cli_archive.c). */
#ifndef LZ_CLI_BACKUP_H
#define LZ_CLI_BACKUP_H

#include "cli.h"

lz_status cli_backup(const cli_cmd *c, lz_err *err);
lz_status cli_restore(const cli_cmd *c, lz_err *err);
lz_status cli_undelete(const cli_cmd *c, lz_err *err);
lz_status cli_archive(const cli_cmd *c, lz_err *err);

#endif
