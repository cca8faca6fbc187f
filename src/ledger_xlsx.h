/* ledger_xlsx.h — the xlsx half of the ledger module, for ledger.c only.
 * ledger.c checks every cell (UTF-8, type, length) and owns the file's
 * temporary name; this part turns checked values into libxlsxwriter calls,
 * which must never see unchecked text (invalid UTF-8 corrupts the file,
 * and the library prints to stderr on a refused call). */
#ifndef LZ_LEDGER_XLSX_H
#define LZ_LEDGER_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "ledger.h"

#define LEDGER_SHEET_UNITS 31 /* Excel's sheet name limit, in UTF-16 units */
#define LEDGER_SHEET_BYTES (LEDGER_SHEET_UNITS * 4 + 1)

/* One checked, non-empty cell: text (bools already 是/否) and, for numbers and dates, the value. */
typedef struct ledger_value {
	const char *s;
	size_t len;
	double num;
	int year, month, day;
} ledger_value;

typedef struct ledger_xlsx ledger_xlsx;

/* Starts a workbook to be written to file (path names it in messages; both must outlive x), temporaries in tmpdir; streams rows unless in_memory. */
lz_status ledger_xlsx_new(ledger_xlsx **out, const char *file, const char *path,
			  const char *tmpdir, bool in_memory, lz_err *err);

/* Copies valid UTF-8 name into out[LEDGER_SHEET_BYTES] as Excel accepts a sheet name, never empty (nth names a default). */
void ledger_xlsx_sheet_name(const char *name, int nth, char *out);

/* Adds a sheet named after want (made unique; the name used goes to out[LEDGER_SHEET_BYTES]) with print setup, title (may be NULL) and the header row. */
lz_status ledger_xlsx_sheet(ledger_xlsx *x, const char *want, int nth, const char *title,
			    const ledger_col *cols, int ncols, char *out, lz_err *err);

/* Writes cell (row from 1, below the header; col from 0) of type t; v NULL for an empty cell. */
lz_status ledger_xlsx_cell(ledger_xlsx *x, long row, int col, ledger_type t,
			   const ledger_value *v, lz_err *err);

/* Sets the current sheet's autofilter over rows data rows and its column widths (Excel units). */
lz_status ledger_xlsx_sheet_end(ledger_xlsx *x, long rows, const double *widths, int ncols,
				lz_err *err);

/* Writes the file and frees x, also on failure. */
lz_status ledger_xlsx_close(ledger_xlsx *x, lz_err *err);

/* Frees x without writing; NULL is allowed. */
void ledger_xlsx_free(ledger_xlsx *x);

/* The library's workbook and current worksheet (NULL before the first sheet). */
struct lxw_workbook *ledger_xlsx_wb(ledger_xlsx *x);
struct lxw_worksheet *ledger_xlsx_ws(ledger_xlsx *x);

#endif
