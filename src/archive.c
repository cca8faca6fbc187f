#include "archive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "export.h"
#include "i18n.h"
#include "kinds_master.h"
#include "ledger.h"
#include "satisfaction.h"
#include "settings.h"
#include "tiancheng.h"

/* The kinds with a sheet of the year's records: every kind with a year field. */
static int year_kinds(const kind **out, int max)
{
	int n = 0;
	for (int i = 0; kind_all[i] && n < max; i++)
		if (kind_all[i]->year_field)
			out[n++] = kind_all[i];
	return n;
}

/* The district_name setting; else the only top unit's name; else (several
 * units without a parent, as in the demo's flat list) a neutral label rather
 * than whichever of them came first. */
static void district_name(session *s, char *out, size_t outsz)
{
	lz_err e;
	out[0] = '\0';
	if (settings_get(s, "district_name", out, outsz, &e) == LZ_OK && out[0])
		return;
	sqlite3_stmt *q;
	if (db_prepare(&s->db, "SELECT name FROM unit WHERE parent IS NULL ORDER BY id LIMIT 2", &q, &e))
		return;
	int rows = 0;
	while (sqlite3_step(q) == SQLITE_ROW)
		if (rows++ == 0 && sqlite3_column_text(q, 0))
			snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	if (rows != 1)
		snprintf(out, outsz, "%s", _("(not set: liangze config set district_name NAME)"));
}

static void audit_head(session *s, char *out, size_t outsz)
{
	sqlite3_stmt *q;
	lz_err e;
	out[0] = '\0';
	if (db_prepare(&s->db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", &q, &e))
		return;
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
}

static lz_status cover_row(ledger_book *b, const char *item, const char *value, const char *count, lz_err *err)
{
	const char *cells[] = { item, value, count };
	return ledger_row(b, cells, err);
}

static lz_status write_cover(session *s, ledger_book *b, int year, const kind *const *kinds, const long *counts,
			     int nk, lz_err *err)
{
	static const ledger_col cols[] = { { "项目", LEDGER_TEXT }, { "内容", LEDGER_TEXT }, { "记录数", LEDGER_INT } };
	char title[64], name[256], y[16], made[20], head[80];
	snprintf(title, sizeof title, "%d年度两责台账归档", year);
	lz_status st = ledger_sheet(b, "封面", title, cols, 3, err);
	if (st)
		return st;
	district_name(s, name, sizeof name);
	snprintf(y, sizeof y, "%d", year);
	date_now_stamp(made);
	audit_head(s, head, sizeof head);
	if ((st = cover_row(b, "区名", name, NULL, err)) || (st = cover_row(b, "年度", y, NULL, err)) ||
	    (st = cover_row(b, "制作时间", made, NULL, err)) || (st = cover_row(b, "制作人", s->login, NULL, err)) ||
	    (st = cover_row(b, "审计链头哈希", head[0] ? head : "-", NULL, err)))
		return st;
	for (int i = 0; i < nk; i++) {
		char n[32];
		snprintf(n, sizeof n, "%ld", counts[i]);
		if ((st = cover_row(b, kinds[i]->zh, "本年度记录", n, err)))
			return st;
	}
	return LZ_OK;
}

static void dec(int64_t v, char out[32])
{
	satisfaction_decimal(v, out);
}

static const char *cat_name(int cat)
{
	return cat >= 0 && cat < TIANCHENG_NCAT ? tiancheng_categories[cat] : "不排名";
}

static lz_status write_satisfaction(session *s, ledger_book *b, int year, lz_err *err)
{
	static const ledger_col cols[] = {
		{ "类别", LEDGER_TEXT }, { "排名", LEDGER_INT }, { "单位编码", LEDGER_TEXT }, { "单位名称", LEDGER_TEXT },
		{ "满意度得分", LEDGER_DECIMAL }, { "样本数", LEDGER_INT }, { "得分变化", LEDGER_DECIMAL },
		{ "排名变化", LEDGER_INT }, { "后三名", LEDGER_BOOL }, { "低满意度", LEDGER_BOOL }, { "问责", LEDGER_BOOL },
	};
	satisfaction_ranking r;
	lz_status st = satisfaction_rank(s, year, &r, err);
	if (st)
		return st;
	char title[64];
	snprintf(title, sizeof title, "%d年度党风政风行风群众满意度测评排名", year);
	if ((st = ledger_sheet(b, "满意度排名", title, cols, 11, err)))
		goto out;
	for (int i = 0; i < r.nrows; i++) {
		const satisfaction_row *w = &r.rows[i];
		if (!w->in_scope)
			continue;
		char rank[16], score[32], resp[16], dscore[32], drank[16];
		snprintf(rank, sizeof rank, "%d", w->rank);
		dec(w->score, score);
		snprintf(resp, sizeof resp, "%ld", w->respondents);
		bool ranked = w->cat >= 0;
		if (w->has_prev)
			dec(w->score - w->prev_score, dscore);
		if (w->has_prev && ranked)
			snprintf(drank, sizeof drank, "%d", w->prev_rank - w->rank);
		const char *cells[] = { cat_name(w->cat), ranked ? rank : NULL, w->code, w->name, score,
					w->respondents >= 0 ? resp : NULL, w->has_prev ? dscore : NULL,
					w->has_prev && ranked ? drank : NULL, w->bottom_three ? "1" : "0",
					w->low ? "1" : "0", w->accountable ? "1" : "0" };
		if ((st = ledger_row(b, cells, err)))
			goto out;
	}
out:
	satisfaction_free(&r);
	return st;
}

static lz_status write_tiancheng(session *s, ledger_book *b, int year, lz_err *err)
{
	static const ledger_col cols[] = {
		{ "月份", LEDGER_TEXT }, { "类别", LEDGER_TEXT }, { "排名", LEDGER_INT }, { "单位编码", LEDGER_TEXT },
		{ "单位名称", LEDGER_TEXT }, { "天成指数", LEDGER_DECIMAL }, { "信访举报", LEDGER_INT },
		{ "效能投诉", LEDGER_INT }, { "涉腐舆情", LEDGER_INT }, { "重信重访", LEDGER_INT },
		{ "越级上访", LEDGER_INT }, { "后三名", LEDGER_BOOL }, { "居高不下", LEDGER_BOOL }, { "严重", LEDGER_BOOL },
	};
	tiancheng_calc *calc = NULL;
	lz_status st = tiancheng_calc_new(s, &calc, err);
	if (st)
		return st;
	char title[64];
	snprintf(title, sizeof title, "%d年度天成指数月度排名", year);
	if ((st = ledger_sheet(b, "天成指数月度排名", title, cols, 14, err)))
		goto out;
	/* A block of rows per month, the month in the first column: one table
	 * that the autofilter still sorts and filters as a whole. */
	for (int m = 1; m <= 12 && !st; m++) {
		char period[8];
		snprintf(period, sizeof period, "%04d-%02d", year, m);
		tiancheng_ranking r;
		if ((st = tiancheng_calc_rank(calc, period, &r, err)))
			break;
		for (int i = 0; i < r.nrows && !st; i++) {
			const tiancheng_row *w = &r.rows[i];
			if (!w->in_scope)
				continue;
			char rank[16], idx[32], n[5][24];
			snprintf(rank, sizeof rank, "%d", w->rank);
			dec(w->index, idx);
			long v[5] = { w->petitions, w->complaints, w->opinions, w->repeat, w->leapfrog };
			for (int j = 0; j < 5; j++)
				snprintf(n[j], sizeof n[j], "%ld", v[j]);
			const char *cells[] = { period, cat_name(w->cat), w->cat >= 0 ? rank : NULL, w->code, w->name, idx,
						n[0], n[1], n[2], n[3], n[4], w->worst_three ? "1" : "0",
						w->persistent ? "1" : "0", w->serious ? "1" : "0" };
			st = ledger_row(b, cells, err);
		}
		tiancheng_free(&r);
	}
out:
	tiancheng_calc_free(calc);
	return st;
}

static void step(archive_progress_fn fn, void *arg, int *done, int total, const char *what)
{
	if (fn)
		fn(arg, *done, total, what);
	(*done)++;
}

lz_status archive_write(session *s, int year, const char *path, archive_progress_fn progress, void *arg,
			archive_summary *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	size_t pl = strlen(path);
	if (pl < 5 || strcasecmp(path + pl - 5, ".xlsx") != 0)
		return lz_fail(err, LZ_USAGE, _("the archive is a workbook: %s must end in .xlsx"), path);
	if (year < 1900 || year > 9999)
		return lz_fail(err, LZ_USAGE, _("%d is not a year"), year);
	const kind *kinds[64];
	long counts[64];
	int nk = year_kinds(kinds, 64);
	char y[8];
	snprintf(y, sizeof y, "%d", year);
	query_filter fy = { .year = y }, fall = { 0 };
	int done = 0, total = 1 + 2 + nk + 2 + 1;
	ledger_book *b = NULL;
	/* One snapshot: the cover's counts are the sheets' rows, and writers
	 * are not held up (a reader in WAL mode). */
	lz_status st = db_begin_read(&s->db, err);
	if (st)
		return st;
	for (int i = 0; i < nk; i++) {
		int64_t n = 0;
		if ((st = query_count(s, kinds[i], &fy, &n, err)))
			goto out;
		counts[i] = (long)n;
	}
	if ((st = ledger_open(&b, path, LEDGER_FMT_XLSX, ENC_UTF8, 0, err)))
		goto out;
	step(progress, arg, &done, total, "封面");
	if ((st = write_cover(s, b, year, kinds, counts, nk, err)))
		goto out;
	const kind *master[] = { &kind_unit, &kind_person };
	for (int i = 0; i < 2; i++) {
		long rows;
		step(progress, arg, &done, total, master[i]->zh);
		char title[128];
		snprintf(title, sizeof title, "%s台账（归档时现状）", master[i]->zh);
		if ((st = export_sheet(s, b, master[i], &fall, title, &rows, err)))
			goto out;
	}
	out->sheets = 3;
	for (int i = 0; i < nk; i++) {
		long rows;
		char title[128];
		step(progress, arg, &done, total, kinds[i]->zh);
		snprintf(title, sizeof title, "%d年度%s台账", year, kinds[i]->zh);
		if ((st = export_sheet(s, b, kinds[i], &fy, title, &rows, err)))
			goto out;
		out->records += rows;
		out->sheets++;
	}
	step(progress, arg, &done, total, "满意度排名");
	if ((st = write_satisfaction(s, b, year, err)))
		goto out;
	step(progress, arg, &done, total, "天成指数月度排名");
	if ((st = write_tiancheng(s, b, year, err)))
		goto out;
	out->sheets += 2;
	step(progress, arg, &done, total, path);
	st = ledger_close(b, err);
	b = NULL;
	if (!st && progress)
		progress(arg, total, total, path);
out:
	if (b)
		ledger_abort(b);
	db_rollback(&s->db);
	return st;
}
