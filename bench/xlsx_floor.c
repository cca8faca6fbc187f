/* xlsx_floor.c — benchmark 2's floor: the same query liangze's ledger export
 * runs (query_sql), stepped in a bare loop, each cell written straight to
 * libxlsxwriter in constant_memory mode as the same cell liangze writes:
 * the same types (numbers, dates, text), the same formats (borders, number
 * formats, wrapped text) and, for an empty value, a blank cell with its
 * column's format (liangze keeps the borders whole for print), under the
 * same header row: what the library allows at best for that file.
 *   build/bench/xlsx_floor DB KIND OUT.xlsx   prints "rows N" */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "query.h"
#include "session.h"

static lxw_format *cell_format(lxw_workbook *wb, const char *num, bool wrap)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (num)
		format_set_num_format(f, num);
	if (wrap)
		format_set_text_wrap(f);
	return f;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: xlsx_floor DB KIND OUT.xlsx\n");
		return 1;
	}
	const kind *k = kind_find(argv[2]);
	session s;
	lz_err e;
	char login[64], *sql = NULL;
	query_filter f = { 0 };
	if (!k || session_whoami(NULL, login, sizeof login, &e) || session_open(&s, argv[1], login, false, NULL, &e) ||
	    query_sql(&s, k, &f, &sql, &e)) {
		fprintf(stderr, "xlsx_floor: %s\n", k ? e.msg : "unknown kind");
		return 7;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s.db.h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "xlsx_floor: %s\n", sqlite3_errmsg(s.db.h));
		return 7;
	}
	int ti = sqlite3_bind_parameter_index(st, ":today");
	if (ti)
		sqlite3_bind_text(st, ti, s.today, -1, SQLITE_STATIC);
	lxw_workbook_options o = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb = workbook_new_opt(argv[3], &o);
	lxw_worksheet *ws = workbook_add_worksheet(wb, k->zh);
	/* the formats of src/ledger_xlsx.c, made in the same order */
	lxw_format *fhead = workbook_add_format(wb), *ftext = cell_format(wb, NULL, true),
		   *fint = cell_format(wb, "0", false), *fdec = cell_format(wb, "0.00", false),
		   *fdate = cell_format(wb, "yyyy-mm-dd", false);
	format_set_bold(fhead);
	format_set_bg_color(fhead, 0xD9E1F2);
	format_set_border(fhead, LXW_BORDER_THIN);
	format_set_align(fhead, LXW_ALIGN_CENTER);
	format_set_align(fhead, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(fhead);
	lxw_format **fcol = calloc((size_t)k->nfields, sizeof *fcol);
	for (int i = 0; i < k->nfields; i++) {
		kind_ftype t = k->fields[i].type;
		fcol[i] = t == KF_INT || t == KF_YEAR ? fint : t == KF_DEC ? fdec : t == KF_DATE ? fdate : ftext;
		worksheet_write_string(ws, 0, (lxw_col_t)i, k->fields[i].zh, fhead);
	}
	lxw_row_t r = 1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < k->nfields; i++) {
			const kind_field *fd = &k->fields[i];
			int c = 1 + 2 * i;
			lxw_col_t col = (lxw_col_t)i;
			lxw_format *fm = fcol[i];
			if (sqlite3_column_type(st, c) == SQLITE_NULL) {
				worksheet_write_blank(ws, r, col, fm);
			} else if (fd->type == KF_REF) {
				/* a dangling reference shows its id, as in liangze */
				int n = sqlite3_column_type(st, c + 1) == SQLITE_NULL ? c : c + 1;
				worksheet_write_string(ws, r, col, (const char *)sqlite3_column_text(st, n), fm);
			} else if (fd->type == KF_INT || fd->type == KF_YEAR) {
				worksheet_write_number(ws, r, col, (double)sqlite3_column_int64(st, c), fm);
			} else if (fd->type == KF_DEC) {
				worksheet_write_number(ws, r, col, sqlite3_column_int64(st, c) / 100.0, fm);
			} else if (fd->type == KF_DATE) {
				const char *d = (const char *)sqlite3_column_text(st, c);
				lxw_datetime dt = { 0 };
				if (sscanf(d, "%d-%d-%d", &dt.year, &dt.month, &dt.day) == 3)
					worksheet_write_datetime(ws, r, col, &dt, fm);
			} else if (fd->type == KF_BOOL) {
				worksheet_write_string(ws, r, col, sqlite3_column_int(st, c) ? "是" : "否", fm);
			} else {
				worksheet_write_string(ws, r, col, (const char *)sqlite3_column_text(st, c), fm);
			}
		}
		r++;
	}
	free(fcol);
	sqlite3_finalize(st);
	if (workbook_close(wb) != LXW_NO_ERROR) {
		fprintf(stderr, "xlsx_floor: cannot write %s\n", argv[3]);
		return 5;
	}
	printf("rows %ld\n", (long)r - 1);
	free(sql);
	session_close(&s);
	return 0;
}
