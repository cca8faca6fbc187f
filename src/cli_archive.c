/* cli_archive.c — `archive --year Y -o FILE.xlsx`: the year's ledgers in one workbook. */
#include "cli_backup.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "archive.h"
#include "i18n.h"

lz_status cli_archive(const cli_cmd *c, lz_err *err)
{
	const char *year = cli_opt(c, "--year"), *out = cli_opt(c, "-o");
	char *end = NULL;
	long y = year ? strtol(year, &end, 10) : 0;
	if (c->npos != 1 || !year || *end || y < 1900 || y > 9999 || !out)
		return lz_fail(err, LZ_USAGE, "%s", _("usage: liangze archive --year Y -o FILE.xlsx [--force]"));
	/* As a backup, the archive does not silently replace a workbook (perhaps
	 * last year's archive typed by mistake): --force says it is meant. */
	struct stat sb;
	if (!cli_flag(c, "--force") && lstat(out, &sb) == 0)
		return lz_fail(err, LZ_IO, _("%s exists already: nothing was written (--force replaces it)"), out);
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	archive_summary sum;
	if (!(st = archive_write(&s, (int)y, out, NULL, NULL, &sum, err)))
		printf(_("archive of %ld written to %s: %d sheets, %ld records of the year\n"), y, out, sum.sheets,
		       sum.records);
	session_close(&s);
	return st;
}
