/* satisfaction_xlsx.c — the satisfaction ranking workbook: one printable
 * sheet per ranking category, best first, with a bar chart of the scores and
 * the bottom-three and accountable units marked by conditional formatting
 * (so the marks follow the rows if someone sorts the sheet), then a sheet
 * 问责单位 listing the units held to account with both years' ranks and
 * scores. Written in memory: a ranking is small, and only then does the
 * chart carry cached values for viewers that do not recompute it. */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "i18n.h"
#include "ledger.h"
#include "satisfaction.h"
#include "tiancheng.h"

/* Column letters below follow this order: H and I are the flags. */
static const ledger_col cols[] = {
	{ "排名", LEDGER_INT },       { "单位编码", LEDGER_TEXT }, { "单位名称", LEDGER_TEXT },
	{ "满意度得分", LEDGER_DECIMAL }, { "样本数", LEDGER_INT },   { "得分变化", LEDGER_DECIMAL },
	{ "排名变化", LEDGER_INT },   { "后三名", LEDGER_BOOL },   { "问责", LEDGER_BOOL },
};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))
#define COL_NAME 2
#define COL_SCORE 3
#define SUMMARY_SHEET "问责单位"

typedef struct marks {
	lxw_format *alarm;  /* held to account */
	lxw_format *warn;   /* in the bottom three */
} marks;

static lz_status lxw_fail(const char *path, lxw_error e, lz_err *err)
{
	return lz_fail(err, LZ_INTERNAL, _("%s: spreadsheet library error: %s"), path, lxw_strerror(e));
}

static lz_status write_rows(ledger_book *b, const satisfaction_ranking *r, int cat, lz_err *err)
{
	lz_status st = LZ_OK;
	for (int i = 0; i < r->nrows && !st; i++) {
		const satisfaction_row *w = &r->rows[i];
		if (w->cat != cat || !w->in_scope)
			continue;
		char rank[16], score[32], resp[24] = "", dscore[32] = "", drank[16] = "";
		snprintf(rank, sizeof rank, "%d", w->rank);
		satisfaction_decimal(w->score, score);
		if (w->respondents >= 0)
			snprintf(resp, sizeof resp, "%ld", w->respondents);
		if (w->has_prev) {
			satisfaction_decimal(w->score - w->prev_score, dscore);
			snprintf(drank, sizeof drank, "%d", w->prev_rank - w->rank);
		}
		const char *cells[NCOLS] = { rank, w->code, w->name, score, resp, dscore, drank,
					     w->bottom_three ? "1" : "0", w->accountable ? "1" : "0" };
		st = ledger_row(b, cells, err);
	}
	return st;
}

/* The chart beside the table and the marks on flagged rows of the sheet just written. */
static lz_status decorate(ledger_book *b, const marks *mk, const satisfaction_ranking *r, int cat, const char *path,
			  lz_err *err)
{
	lxw_workbook *wb = ledger_xlsx_workbook(b);
	lxw_worksheet *ws = ledger_xlsx_worksheet(b);
	long n = ledger_row_count(b);
	if (!wb || !ws || n == 0)
		return LZ_OK;
	lxw_row_t last = (lxw_row_t)n;
	char sheet[160], title[160];
	snprintf(sheet, sizeof sheet, "%s", ledger_sheet_name(b));

	lxw_conditional_format alarm = { 0 }, warn = { 0 };
	alarm.type = warn.type = LXW_CONDITIONAL_TYPE_FORMULA;
	alarm.value_string = "=$I2=\"是\"";
	alarm.format = mk->alarm;
	alarm.stop_if_true = LXW_TRUE;
	warn.value_string = "=$H2=\"是\"";
	warn.format = mk->warn;
	lxw_error e = worksheet_conditional_format_range(ws, 1, 0, last, NCOLS - 1, &alarm);
	if (!e)
		e = worksheet_conditional_format_range(ws, 1, 0, last, NCOLS - 1, &warn);
	if (e)
		return lxw_fail(path, e, err);

	lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_BAR);
	if (!chart)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
	if (!s)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	chart_series_set_categories(s, sheet, 1, COL_NAME, last, COL_NAME);
	chart_series_set_values(s, sheet, 1, COL_SCORE, last, COL_SCORE);
	chart_series_set_name(s, "满意度得分");
	snprintf(title, sizeof title, "满意度得分 %d年 %s", r->year, tiancheng_categories[cat]);
	chart_title_set_name(chart, title);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	/* Scores are out of 100: a fixed scale keeps the years comparable. */
	chart_axis_set_min(chart->x_axis, 0);
	chart_axis_set_max(chart->x_axis, 100);
	/* A bar chart draws its first category at the bottom: reversed, the
	 * best unit stands at the top, as in the table. */
	chart_axis_set_reverse(chart->y_axis);
	lxw_chart_options o = { .x_scale = 1.5, .y_scale = n * 20.0 / 288.0 < 1.0 ? 1.0 : n * 20.0 / 288.0 };
	e = worksheet_insert_chart_opt(ws, 0, NCOLS + 1, chart, &o);
	return e ? lxw_fail(path, e, err) : LZ_OK;
}

/* The units held to account, with both years' ranks and scores. */
static lz_status write_summary(ledger_book *b, const satisfaction_ranking *r, lz_err *err)
{
	char h[4][32], title[128];
	snprintf(h[0], sizeof h[0], "%d年排名", r->year - 1);
	snprintf(h[1], sizeof h[1], "%d年得分", r->year - 1);
	snprintf(h[2], sizeof h[2], "%d年排名", r->year);
	snprintf(h[3], sizeof h[3], "%d年得分", r->year);
	const ledger_col sc[] = {
		{ "类别", LEDGER_TEXT }, { "单位编码", LEDGER_TEXT }, { "单位名称", LEDGER_TEXT }, { "主体责任人", LEDGER_TEXT },
		{ h[0], LEDGER_INT },    { h[1], LEDGER_DECIMAL },    { h[2], LEDGER_INT },        { h[3], LEDGER_DECIMAL },
	};
	char low[32];
	satisfaction_decimal(r->low, low);
	snprintf(title, sizeof title, "满意度测评问责单位 %d年(连续两年低于%s分且位列后三名)", r->year, low);
	lz_status st = ledger_sheet(b, SUMMARY_SHEET, title, sc, (int)(sizeof sc / sizeof sc[0]), err);
	for (int i = 0; i < r->nrows && !st; i++) {
		const satisfaction_row *w = &r->rows[i];
		if (!w->accountable || !w->in_scope)
			continue;
		char r0[16], s0[32], r1[16], s1[32];
		snprintf(r0, sizeof r0, "%d", w->prev_rank);
		satisfaction_decimal(w->prev_score, s0);
		snprintf(r1, sizeof r1, "%d", w->rank);
		satisfaction_decimal(w->score, s1);
		const char *cells[] = { tiancheng_categories[w->cat], w->code, w->name, w->holder_name, r0, s0, r1, s1 };
		st = ledger_row(b, cells, err);
	}
	return st;
}

lz_status satisfaction_write_xlsx(const satisfaction_ranking *r, const char *path, lz_err *err)
{
	ledger_format fmt;
	lz_status st = ledger_format_from_path(path, &fmt, err);
	if (st)
		return st;
	if (fmt != LEDGER_FMT_XLSX)
		return lz_fail(err, LZ_USAGE, _("%s: the ranking workbook is written as .xlsx"), path);
	ledger_book *b;
	if ((st = ledger_open(&b, path, fmt, ENC_UTF8, LEDGER_IN_MEMORY, err)))
		return st;
	/* Formats once per workbook, before the rows. */
	lxw_workbook *wb = ledger_xlsx_workbook(b);
	marks mk = { workbook_add_format(wb), workbook_add_format(wb) };
	if (!mk.alarm || !mk.warn) {
		ledger_abort(b);
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	format_set_bg_color(mk.alarm, 0xFFC7CE);
	format_set_font_color(mk.alarm, 0x9C0006);
	format_set_bg_color(mk.warn, 0xFFEB9C);
	format_set_font_color(mk.warn, 0x9C5700);
	int sheets = 0;
	for (int cat = 0; cat < TIANCHENG_NCAT && !st; cat++) {
		bool any = false;
		for (int i = 0; i < r->nrows && !any; i++)
			any = r->rows[i].cat == cat && r->rows[i].in_scope;
		if (!any)
			continue;
		char title[128];
		snprintf(title, sizeof title, "满意度测评排名 %d年 %s", r->year, tiancheng_categories[cat]);
		if (!(st = ledger_sheet(b, tiancheng_categories[cat], title, cols, NCOLS, err)) &&
		    !(st = write_rows(b, r, cat, err)))
			st = decorate(b, &mk, r, cat, path, err);
		sheets++;
	}
	/* A year without surveys still gives a workbook that says so. */
	if (!st && sheets == 0)
		st = ledger_sheet(b, "满意度测评", _("no satisfaction surveys for this year"), cols, NCOLS, err);
	if (!st)
		st = write_summary(b, r, err);
	if (st) {
		ledger_abort(b);
		return st;
	}
	return ledger_close(b, err);
}
