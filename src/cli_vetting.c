/* cli_vetting.c — `vetting export ID -o FILE` (the cadre's record gathered
 * for a promotion vetting) and `report evaluations --year Y`. */
#include "cli_vetting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluation.h"
#include "i18n.h"
#include "textout.h"
#include "vetting.h"

static lz_status vetting_export_cmd(const cli_cmd *c, lz_err *err)
{
	char *end;
	long long id = c->npos > 2 ? strtoll(c->pos[2], &end, 10) : 0;
	const char *out = cli_opt(c, "-o");
	if (c->npos < 3 || *end || id <= 0 || !out)
		return lz_fail(err, LZ_USAGE, "%s", _("vetting export needs the vetting's id and -o FILE.xlsx (see: liangze list vetting)"));
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	vetting_sheet v;
	if (!(st = vetting_gather(&s, id, &v, err))) {
		if (!(st = vetting_export(&v, out, err)))
			printf(_("vetting %lld of %s: %d records gathered, written to %s\n"), id, v.person_name, v.n, out);
		vetting_free(&v);
	}
	session_close(&s);
	return st;
}

lz_status cli_vetting(const cli_cmd *c, lz_err *err)
{
	const char *what = c->npos > 1 ? c->pos[1] : "";
	if (strcmp(what, "export") == 0)
		return vetting_export_cmd(c, err);
	return lz_fail(err, LZ_USAGE, "%s", _("vetting takes one subcommand: export ID -o FILE.xlsx"));
}

lz_status cli_report_evaluations(const cli_cmd *c, lz_err *err)
{
	const char *year = cli_opt(c, "--year"), *fmt = cli_opt(c, "--format");
	char *end = NULL;
	long y = year ? strtol(year, &end, 10) : 0;
	if (!year || *end || y < 1900 || y > 9999)
		return lz_fail(err, LZ_USAGE, "%s", _("report evaluations needs --year Y (a year like 2026)"));
	if (fmt && strcmp(fmt, "csv") && strcmp(fmt, "text"))
		return lz_fail(err, LZ_USAGE, _("--format takes text or csv, not '%s'"), fmt);
	bool csv = fmt && strcmp(fmt, "csv") == 0;
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	evaluation_row *rows;
	int n;
	if (!(st = evaluation_year(&s, (int)y, &rows, &n, err))) {
		static const char *const names[] = { "person_code", "person_name", "unit_name", "count", "mean",
						     "mean_before", "mean_on_site", "mean_service", "mean_members" };
		const char *text_hdr[] = { _("code"), _("cadre"), _("unit"), _("ratings"), _("mean"), "会前", "会议现场",
					   "管理服务对象", "纪委委员" };
		textout_table t;
		textout_init(&t, 9, csv ? (const char **)names : text_hdr);
		for (int i = 0; i < n; i++) {
			const evaluation_stats *e = &rows[i].stats;
			char count[16], m[5][32];
			snprintf(count, sizeof count, "%d", e->all.count);
			evaluation_mean_text(&e->all, m[0], sizeof m[0]);
			evaluation_mean_text(&e->phase[0], m[1], sizeof m[1]);
			evaluation_mean_text(&e->phase[1], m[2], sizeof m[2]);
			evaluation_mean_text(&e->group[0], m[3], sizeof m[3]);
			evaluation_mean_text(&e->group[1], m[4], sizeof m[4]);
			const char *cells[] = { rows[i].code, rows[i].name, rows[i].unit, count, m[0], m[1], m[2], m[3], m[4] };
			textout_add(&t, cells);
		}
		textout_print(&t, stdout, csv);
		free(rows);
	}
	session_close(&s);
	return st;
}
