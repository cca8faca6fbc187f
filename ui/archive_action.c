/* archive_action.c — the main menu's archive action: asks for the year and
 * the file, writes the yearly archive (src/archive.c) and shows its progress
 * on the status line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "archive.h"
#include "i18n.h"
#include "ui.h"

static void on_progress(void *arg, int done, int total, const char *what)
{
	ui_app *app = arg;
	ui_status(app, _("Archiving: %d of %d — %s"), done, total, what);
	ui_redraw(app);
}

void archive_action(ui_app *app)
{
	char year[16], path[1024];
	/* Last year's ledgers are the ones filed away. */
	snprintf(year, sizeof year, "%d", atoi(app->s.today) - 1);
	if (!ui_prompt(app, _("Archive the ledgers of year:"), year, sizeof year))
		return;
	char *end;
	long y = strtol(year, &end, 10);
	if (strlen(year) != 4 || *end || y < 1900) {
		ui_error(app, _("'%s' is not a year like 2026"), year);
		return;
	}
	snprintf(path, sizeof path, "两责台账归档-%ld.xlsx", y);
	if (!ui_prompt(app, _("Write the archive to file (.xlsx):"), path, sizeof path))
		return;
	kind_trim(path);
	if (!*path)
		return;
	struct stat sb;
	if (lstat(path, &sb) == 0) {
		char q[1200];
		snprintf(q, sizeof q, _("%s exists already. Replace it?"), path);
		if (!ui_confirm(app, q)) {
			ui_status(app, "%s", _("Nothing was written."));
			return;
		}
	}
	archive_summary sum;
	lz_err e;
	if (archive_write(&app->s, (int)y, path, on_progress, app, &sum, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	char *full = realpath(path, NULL);
	ui_status(app, _("Archive of %ld written to %s: %d sheets, %ld records of the year"), y, full ? full : path,
		  sum.sheets, sum.records);
	free(full);
}
