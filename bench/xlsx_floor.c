/* xlsx_floor.c — benchmark 2's floor: the same query liangze's ledger export
 * runs (query_sql), stepped in a bare loop, each cell written straight to
 * libxlsxwriter in constant_memory mode with the same types (numbers,
 * dates, text) and one header row: what the library allows at best.
 *   build/bench/xlsx_floor DB KIND OUT.xlsx   prints "rows N" */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "query.h"
#include "session.h"

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
	lxw_format *fdate = workbook_add_format(wb), *fdec = workbook_add_format(wb);
	format_set_num_format(fdate, "yyyy-mm-dd");
	format_set_num_format(fdec, "0.00");
	for (int i = 0; i < k->nfields; i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, k->fields[i].zh, NULL);
	lxw_row_t r = 1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < k->nfields; i++) {
			const kind_field *fd = &k->fields[i];
			int c = 1 + 2 * i;
			lxw_col_t col = (lxw_col_t)i;
			if (sqlite3_column_type(st, c) == SQLITE_NULL)
				continue;
			if (fd->type == KF_REF) {
				worksheet_write_string(ws, r, col, (const char *)sqlite3_column_text(st, c + 1), NULL);
			} else if (fd->type == KF_INT || fd->type == KF_YEAR) {
				worksheet_write_number(ws, r, col, (double)sqlite3_column_int64(st, c), NULL);
			} else if (fd->type == KF_DEC) {
				worksheet_write_number(ws, r, col, sqlite3_column_int64(st, c) / 100.0, fdec);
			} else if (fd->type == KF_DATE) {
				const char *d = (const char *)sqlite3_column_text(st, c);
				lxw_datetime dt = { 0 };
				if (sscanf(d, "%d-%d-%d", &dt.year, &dt.month, &dt.day) == 3)
					worksheet_write_datetime(ws, r, col, &dt, fdate);
			} else if (fd->type == KF_BOOL) {
				worksheet_write_string(ws, r, col, sqlite3_column_int(st, c) ? "是" : "否", NULL);
			} else {
				worksheet_write_string(ws, r, col, (const char *)sqlite3_column_text(st, c), NULL);
			}
		}
		r++;
	}
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
