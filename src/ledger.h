/* ledger.h — tabular exports (台账) to .xlsx or .csv.
 * A book is written under a hidden temporary name in the target folder and
 * renamed into place only by ledger_close, after fsync: a crash or an error
 * never leaves half a ledger under the real name.
 * Use: ledger_open, then per sheet ledger_sheet and ledger_row for each row,
 * then ledger_close. After any error the book refuses further rows; finish
 * it with ledger_abort (or ledger_close, which then removes the temporary
 * file and returns the first error). Sheet row numbers in messages count
 * the header as row 1, as the spreadsheet shows them. */
#ifndef LZ_LEDGER_H
#define LZ_LEDGER_H

#include "enc.h"
#include "status.h"

typedef enum ledger_type {
	LEDGER_TEXT,    /* any UTF-8 text */
	LEDGER_INT,     /* "-12": a number shown as 0 */
	LEDGER_DECIMAL, /* "12.34": a number shown as 0.00 */
	LEDGER_DATE,    /* "YYYY-MM-DD": a real date cell shown as yyyy-mm-dd */
	LEDGER_BOOL     /* "1"/"0": shown as 是/否 */
} ledger_type;

typedef struct ledger_col {
	const char *header; /* UTF-8 label of the header row */
	ledger_type type;
} ledger_col;

typedef enum ledger_format { LEDGER_FMT_XLSX, LEDGER_FMT_CSV } ledger_format;

/* Flags of ledger_open. */
enum {
	/* xlsx only: keep the whole workbook in memory instead of streaming rows,
	 * so that charts get cached values. For small workbooks (rankings). */
	LEDGER_IN_MEMORY = 1u << 0
};

typedef struct ledger_book ledger_book;
struct lxw_workbook;
struct lxw_worksheet;

/* Sets *fmt from path's extension (.xlsx or .csv, any case); LZ_USAGE naming the path otherwise. */
lz_status ledger_format_from_path(const char *path, ledger_format *fmt, lz_err *err);

/* Starts a book at path; csv_encoding (CSV only) is ENC_UTF8 (with BOM; also ENC_AUTO) or ENC_GB18030 (no BOM); LZ_IO naming path and reason if its folder is missing or unwritable. */
lz_status ledger_open(ledger_book **out, const char *path, ledger_format fmt,
		      enc_kind csv_encoding, unsigned flags, lz_err *err);

/* Starts a sheet named after sheet_name (made valid for Excel and unique), writing the header row; title (may be NULL) goes in the print header; CSV takes one sheet only (LZ_USAGE). */
lz_status ledger_sheet(ledger_book *b, const char *sheet_name, const char *title,
		       const ledger_col *cols, int ncols, lz_err *err);

/* Appends one row of ncols cells (NULL or "" is an empty cell); LZ_BAD naming sheet, row and column for a cell that is not valid UTF-8 or not of its column's type. */
lz_status ledger_row(ledger_book *b, const char *const *cells, lz_err *err);

/* Finishes, syncs and renames the file into place, then frees b (also on failure, when nothing is left behind). */
lz_status ledger_close(ledger_book *b, lz_err *err);

/* Removes the temporary file and frees b; b may be NULL. */
void ledger_abort(ledger_book *b);

/* The current sheet's name as written (after sanitising); "" before the first sheet. */
const char *ledger_sheet_name(const ledger_book *b);

/* Data rows written to the current sheet so far (the header not counted). */
long ledger_row_count(const ledger_book *b);

/* The libxlsxwriter workbook, for charts and extra formats; NULL for CSV. */
struct lxw_workbook *ledger_xlsx_workbook(ledger_book *b);

/* The current libxlsxwriter worksheet (NULL for CSV or before the first sheet); valid until ledger_close. */
struct lxw_worksheet *ledger_xlsx_worksheet(ledger_book *b);

#endif
