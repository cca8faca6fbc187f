/* cli_tiancheng.c — `ranking tiancheng` (a month's ranking as text, CSV or a
 * workbook), the dispatch of `ranking` (satisfaction: cli_ranking.c) and
 * `proposal list|confirm|dismiss` (the proposals rules make). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_ranking.h"
#include "date.h"
#include "i18n.h"
#include "proposal.h"
#include "record.h"
#include "textout.h"
#include "tiancheng.h"

static void print_ranking(const tiancheng_ranking *r, int csv)
{
	static const char *const fields[] = { "category", "rank", "unit_code", "unit_name", "index", "petitions",
					      "complaints", "opinions", "repeat_petitions", "leapfrog_petitions",
					      "worst_three", "persistent", "serious" };
	const char *labels[] = { _("Category"), _("Ranking"), _("Code"), _("Unit name"), _("Index"), _("Petitions"),
				 _("Complaints"), _("Opinions"), _("Repeat"), _("Leapfrog"), _("Worst three"),
				 _("Persistent"), _("Serious") };
	const char *yes = csv ? "1" : _("yes"), *no = csv ? "0" : "";
	textout_table t;
	textout_init(&t, 13, csv ? (const char **)fields : labels);
	int shown = 0;
	for (int i = 0; i < r->nrows; i++) {
		const tiancheng_row *w = &r->rows[i];
		if (w->cat < 0 || !w->in_scope)
			continue;
		char rank[16], idx[32], n[5][24];
		snprintf(rank, sizeof rank, "%d", w->rank);
		snprintf(idx, sizeof idx, "%lld.%02lld", (long long)(w->index / 100), (long long)(w->index % 100));
		long counts[5] = { w->petitions, w->complaints, w->opinions, w->repeat, w->leapfrog };
		for (int k = 0; k < 5; k++)
			snprintf(n[k], sizeof n[k], "%ld", counts[k]);
		const char *row[] = { tiancheng_categories[w->cat], rank, w->code, w->name, idx, n[0], n[1], n[2], n[3],
				      n[4], w->worst_three ? yes : no, w->persistent ? yes : no, w->serious ? yes : no };
		textout_add(&t, row);
		shown++;
	}
	if (!csv)
		printf(_("Tiancheng index ranking, %s (worst first)\n\n"), r->period);
	textout_print(&t, stdout, csv);
	if (shown == 0) {
		/* CSV stays a table a script can read; the note goes beside it. */
		fprintf(csv ? stderr : stdout, _("no Tiancheng index entries for %s\n"), r->period);
	}
}

static lz_status ranking_tiancheng(const cli_cmd *c, lz_err *err)
{
	const char *pin = cli_opt(c, "--period"), *out = cli_opt(c, "-o");
	char period[8];
	int csv;
	lz_status st = cli_ranking_format(cli_opt(c, "--format"), &csv, err);
	if (st)
		return st;
	if (!pin)
		return lz_fail(err, LZ_USAGE, "%s", _("ranking tiancheng needs --period YYYY-MM"));
	if (!period_parse(pin, period))
		return lz_fail(err, LZ_USAGE, _("--period takes a month such as 2026-03, not '%s'"), pin);
	session s;
	if ((st = cli_session(c, &s, false, NULL, err)))
		return st;
	tiancheng_ranking r;
	if (!(st = tiancheng_rank(&s, period, &r, err))) {
		if (out) {
			long rows = 0;
			for (int i = 0; i < r.nrows; i++)
				rows += r.rows[i].cat >= 0 && r.rows[i].in_scope;
			if (!(st = tiancheng_write_xlsx(&r, out, err)))
				printf(_("%s: %ld rows written\n"), out, rows);
		} else {
			print_ranking(&r, csv);
		}
		tiancheng_free(&r);
	}
	session_close(&s);
	return st;
}

lz_status cli_ranking(const cli_cmd *c, lz_err *err)
{
	const char *what = c->npos > 1 ? c->pos[1] : "";
	if (strcmp(what, "tiancheng") == 0)
		return ranking_tiancheng(c, err);
	if (strcmp(what, "satisfaction") == 0)
		return cli_ranking_satisfaction(c, err);
	return lz_fail(err, LZ_USAGE, _("ranking: unknown ranking '%s' (available: satisfaction, tiancheng)"), what);
}

static lz_status proposal_list(const cli_cmd *c, session *s, lz_err *err)
{
	int csv;
	lz_status st = cli_ranking_format(cli_opt(c, "--format"), &csv, err);
	if (st)
		return st;
	static const char *const fields[] = { "id", "rule", "unit_code", "unit_name", "period", "state", "reason",
					      "decision", "decided_on" };
	const char *labels[] = { _("Id"), _("Rule"), _("Code"), _("Unit name"), _("Period"), _("State"), _("Trigger"),
				 _("Decision"), _("Decided on") };
	sqlite3_stmt *q;
	if ((st = db_prepare(&s->db,
			     "SELECT p.id, p.rule, u.code, u.name, p.period, p.state, p.reason, p.decision, p.decided_on, p.unit"
			     " FROM proposal p JOIN unit u ON u.id = p.unit WHERE ?1 OR p.state = '待确认' ORDER BY p.id",
			     &q, err)))
		return st;
	sqlite3_bind_int(q, 1, cli_flag(c, "--all"));
	textout_table t;
	textout_init(&t, 9, csv ? (const char **)fields : labels);
	t.max_width = csv ? 0 : 60;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (!record_unit_in_scope(s, sqlite3_column_int64(q, 9)))
			continue;
		const char *row[9];
		for (int i = 0; i < 9; i++)
			row[i] = (const char *)sqlite3_column_text(q, i);
		textout_add(&t, row);
	}
	if (rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading proposals"), err);
	sqlite3_finalize(q);
	if (st)
		textout_clear(&t);
	else
		textout_print(&t, stdout, csv);
	return st;
}

static lz_status proposal_id(const cli_cmd *c, int64_t *id, lz_err *err)
{
	char *end;
	long long v = c->npos > 2 ? strtoll(c->pos[2], &end, 10) : 0;
	if (c->npos < 3 || *end || v <= 0)
		return lz_fail(err, LZ_USAGE, _("proposal %s needs the proposal's id (see: liangze proposal list)"),
			       c->pos[1]);
	*id = v;
	return LZ_OK;
}

/* What the decision made, as the proposal now records it. */
static void print_decision(session *s, int64_t id, const char *fmt)
{
	sqlite3_stmt *q;
	lz_err e;
	if (db_prepare(&s->db, "SELECT decision FROM proposal WHERE id = ?", &q, &e))
		return;
	sqlite3_bind_int64(q, 1, id);
	if (sqlite3_step(q) == SQLITE_ROW)
		printf(fmt, (long long)id, sqlite3_column_text(q, 0) ? (const char *)sqlite3_column_text(q, 0) : "");
	sqlite3_finalize(q);
}

lz_status cli_proposal(const cli_cmd *c, lz_err *err)
{
	const char *what = c->npos > 1 ? c->pos[1] : "";
	int64_t id = 0;
	lz_status st = LZ_OK;
	if (strcmp(what, "confirm") == 0 || strcmp(what, "dismiss") == 0)
		st = proposal_id(c, &id, err);
	else if (strcmp(what, "list") != 0)
		st = lz_fail(err, LZ_USAGE, "%s", _("proposal takes one subcommand: list, confirm ID or dismiss ID --reason TEXT"));
	if (!st && strcmp(what, "dismiss") == 0 && !cli_opt(c, "--reason"))
		st = lz_fail(err, LZ_USAGE, "%s", _("proposal dismiss needs --reason TEXT"));
	if (st)
		return st;
	session s;
	if ((st = cli_session(c, &s, false, NULL, err)))
		return st;
	if (strcmp(what, "list") == 0) {
		st = proposal_list(c, &s, err);
	} else if (strcmp(what, "confirm") == 0) {
		if (!(st = proposal_confirm(&s, id, err)))
			print_decision(&s, id, _("proposal %lld confirmed: %s\n"));
	} else if (!(st = proposal_dismiss(&s, id, cli_opt(c, "--reason"), err))) {
		print_decision(&s, id, _("proposal %lld dismissed: %s\n"));
	}
	session_close(&s);
	return st;
}
