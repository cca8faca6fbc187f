/* cli_ranking.c — `ranking satisfaction` (a year's satisfaction ranking as
 * text, CSV or a workbook) and the option checks the rankings share. */
#include "cli_ranking.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "satisfaction.h"
#include "textout.h"
#include "tiancheng.h"

lz_status cli_ranking_format(const char *fmt, int *csv, lz_err *err)
{
	if (fmt && strcmp(fmt, "csv") && strcmp(fmt, "text"))
		return lz_fail(err, LZ_USAGE, _("--format takes text or csv, not '%s'"), fmt);
	*csv = fmt && strcmp(fmt, "csv") == 0;
	return LZ_OK;
}

static void print_ranking(const satisfaction_ranking *r, int csv)
{
	static const char *const fields[] = { "category", "rank", "unit_code", "unit_name", "score", "respondents",
					      "score_change", "rank_change", "bottom_three", "accountable" };
	const char *labels[] = { _("Category"), _("Ranking"), _("Code"), _("Unit name"), _("Satisfaction score"), _("Respondents"),
				 _("Score change"), _("Rank change"), _("Bottom three"), _("Accountable") };
	const char *yes = csv ? "1" : _("yes"), *no = csv ? "0" : "";
	textout_table t;
	textout_init(&t, 10, csv ? (const char **)fields : labels);
	for (int i = 0; i < r->nrows; i++) {
		const satisfaction_row *w = &r->rows[i];
		if (w->cat < 0 || !w->in_scope)
			continue;
		char rank[16], score[32], resp[24] = "", dscore[32] = "", drank[16] = "";
		snprintf(rank, sizeof rank, "%d", w->rank);
		satisfaction_decimal(w->score, score);
		if (w->respondents >= 0)
			snprintf(resp, sizeof resp, "%ld", w->respondents);
		if (w->has_prev) {
			/* Positive: better than the year before (a higher score, a place moved up). */
			satisfaction_decimal(w->score - w->prev_score, dscore);
			snprintf(drank, sizeof drank, "%d", w->prev_rank - w->rank);
		}
		const char *row[] = { tiancheng_categories[w->cat], rank, w->code, w->name, score, resp, dscore, drank,
				      w->bottom_three ? yes : no, w->accountable ? yes : no };
		textout_add(&t, row);
	}
	if (!csv) {
		char low[32];
		satisfaction_decimal(r->low, low);
		printf(_("Satisfaction survey ranking, %d (best first; low: below %s)\n\n"), r->year, low);
	}
	textout_print(&t, stdout, csv);
	/* CSV stays a table a script can read; the note goes beside it. */
	if (satisfaction_shown(r) == 0)
		fprintf(csv ? stderr : stdout, _("no satisfaction surveys for %d\n"), r->year);
}

lz_status cli_ranking_satisfaction(const cli_cmd *c, lz_err *err)
{
	const char *y = cli_opt(c, "--year"), *out = cli_opt(c, "-o");
	int csv;
	lz_status st = cli_ranking_format(cli_opt(c, "--format"), &csv, err);
	if (st)
		return st;
	if (!y)
		return lz_fail(err, LZ_USAGE, "%s", _("ranking satisfaction needs --year Y"));
	if (strlen(y) != 4 || strspn(y, "0123456789") != 4 || atoi(y) < 1900)
		return lz_fail(err, LZ_USAGE, _("--year takes a year like 2026, not '%s'"), y);
	session s;
	if ((st = cli_session(c, &s, false, NULL, err)))
		return st;
	satisfaction_ranking r;
	if (!(st = satisfaction_rank(&s, atoi(y), &r, err))) {
		if (out) {
			if (!(st = satisfaction_write_xlsx(&r, out, err)))
				printf(_("%s: %ld rows written\n"), out, (long)satisfaction_shown(&r));
		} else {
			print_ranking(&r, csv);
		}
		satisfaction_free(&r);
	}
	session_close(&s);
	return st;
}
