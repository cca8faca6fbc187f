/* tiancheng_xlsx.c — the Tiancheng ranking workbook: one printable sheet per
 * ranking category, worst first, with a bar chart of the index and the
 * flagged units marked by conditional formatting (so the marks follow the
 * rows if someone sorts the sheet). Written in memory: a ranking is small,
 * and only then does the chart carry cached values for viewers that do not
 * recompute it. */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "i18n.h"
#include "ledger.h"
#include "tiancheng.h"

/* Column letters below follow this order: J, K, L are the flags. */
static const ledger_col cols[] = {
	{ "排名", LEDGER_INT },     { "单位编码", LEDGER_TEXT }, { "单位名称", LEDGER_TEXT },
	{ "信访举报", LEDGER_INT }, { "效能投诉", LEDGER_INT },  { "涉腐舆情", LEDGER_INT },
	{ "重信重访", LEDGER_INT }, { "越级上访", LEDGER_INT },  { "天成指数", LEDGER_DECIMAL },
	{ "后三名", LEDGER_BOOL },  { "居高不下", LEDGER_BOOL }, { "重信越访严重", LEDGER_BOOL },
};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))
#define COL_NAME 2
#define COL_INDEX 8

typedef struct marks {
	lxw_format *alarm;  /* persistently high or serious */
	lxw_format *warn;   /* in the worst three */
} marks;

static lz_status lxw_fail(const char *path, lxw_error e, lz_err *err)
{
	return lz_fail(err, LZ_INTERNAL, _("%s: spreadsheet library error: %s"), path, lxw_strerror(e));
}

static lz_status write_rows(ledger_book *b, const tiancheng_ranking *r, int cat, lz_err *err)
{
	lz_status st = LZ_OK;
	for (int i = 0; i < r->nrows && !st; i++) {
		const tiancheng_row *w = &r->rows[i];
		if (w->cat != cat || !w->in_scope)
			continue;
		char rank[16], n[5][24], idx[32];
		snprintf(rank, sizeof rank, "%d", w->rank);
		snprintf(n[0], sizeof n[0], "%ld", w->petitions);
		snprintf(n[1], sizeof n[1], "%ld", w->complaints);
		snprintf(n[2], sizeof n[2], "%ld", w->opinions);
		snprintf(n[3], sizeof n[3], "%ld", w->repeat);
		snprintf(n[4], sizeof n[4], "%ld", w->leapfrog);
		snprintf(idx, sizeof idx, "%lld.%02lld", (long long)(w->index / 100), (long long)(w->index % 100));
		const char *cells[NCOLS] = { rank, w->code, w->name, n[0], n[1], n[2], n[3], n[4], idx,
					     w->worst_three ? "1" : "0", w->persistent ? "1" : "0", w->serious ? "1" : "0" };
		st = ledger_row(b, cells, err);
	}
	return st;
}

/* The chart beside the table and the marks on flagged rows of the sheet just written. */
static lz_status decorate(ledger_book *b, const marks *mk, const tiancheng_ranking *r, int cat, const char *path,
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
	alarm.value_string = "=OR($K2=\"是\",$L2=\"是\")";
	alarm.format = mk->alarm;
	alarm.stop_if_true = LXW_TRUE;
	warn.value_string = "=$J2=\"是\"";
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
	chart_series_set_values(s, sheet, 1, COL_INDEX, last, COL_INDEX);
	chart_series_set_name(s, "天成指数");
	snprintf(title, sizeof title, "天成指数 %s %s", r->period, tiancheng_categories[cat]);
	chart_title_set_name(chart, title);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	/* A bar chart draws its first category at the bottom (its y axis holds
	 * the categories): reversed, the worst unit stands at the top, as in
	 * the table. */
	chart_axis_set_reverse(chart->y_axis);
	/* About one table row per bar, and never smaller than the default. */
	lxw_chart_options o = { .x_scale = 1.5, .y_scale = n * 20.0 / 288.0 < 1.0 ? 1.0 : n * 20.0 / 288.0 };
	e = worksheet_insert_chart_opt(ws, 0, NCOLS + 1, chart, &o);
	return e ? lxw_fail(path, e, err) : LZ_OK;
}

lz_status tiancheng_write_xlsx(const tiancheng_ranking *r, const char *path, lz_err *err)
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
		snprintf(title, sizeof title, "天成指数排名 %s %s", r->period, tiancheng_categories[cat]);
		if (!(st = ledger_sheet(b, tiancheng_categories[cat], title, cols, NCOLS, err)) &&
		    !(st = write_rows(b, r, cat, err)))
			st = decorate(b, &mk, r, cat, path, err);
		sheets++;
	}
	/* A month without entries still gives a workbook that says so. */
	if (!st && sheets == 0)
		st = ledger_sheet(b, "天成指数", _("no Tiancheng index entries for this month"), cols, NCOLS, err);
	if (st) {
		ledger_abort(b);
		return st;
	}
	return ledger_close(b, err);
}
