#include "ledger_xlsx.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xlsxwriter.h>

#include "enc.h"
#include "i18n.h"
#include "text.h"

#define TITLE_BYTES 240 /* a page header holds 255 characters in all */

struct ledger_xlsx {
	const char *path;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	/* made once per workbook, never per cell */
	lxw_format *f_head, *f_text, *f_int, *f_dec, *f_date;
	char *scratch; /* text with escapes added, reused from cell to cell */
	size_t scratch_cap;
};

static lz_status lxw_fail(ledger_xlsx *x, lxw_error e, lz_err *err)
{
	return lz_fail(err, LZ_INTERNAL, _("%s: spreadsheet library error: %s"), x->path,
		       lxw_strerror(e));
}

static lxw_format *cell_format(lxw_workbook *wb, const char *num, bool wrap)
{
	lxw_format *f = workbook_add_format(wb);
	if (!f)
		return NULL;
	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (num)
		format_set_num_format(f, num);
	/* long text is cut at the column width cap: wrap it, for print */
	if (wrap)
		format_set_text_wrap(f);
	return f;
}

lz_status ledger_xlsx_new(ledger_xlsx **out, const char *file, const char *path,
			  const char *tmpdir, bool in_memory, lz_err *err)
{
	*out = NULL;
	ledger_xlsx *x = calloc(1, sizeof *x);
	if (!x)
		return lz_fail(err, LZ_INTERNAL, _("out of memory"));
	x->path = path;
	lxw_workbook_options o = { .constant_memory = in_memory ? LXW_FALSE : LXW_TRUE,
				   .tmpdir = (char *)tmpdir,
				   .use_zip64 = LXW_FALSE };
	x->wb = workbook_new_opt(file, &o);
	if (x->wb) {
		x->f_head = workbook_add_format(x->wb);
		x->f_text = cell_format(x->wb, NULL, true);
		x->f_int = cell_format(x->wb, "0", false);
		x->f_dec = cell_format(x->wb, "0.00", false);
		x->f_date = cell_format(x->wb, "yyyy-mm-dd", false);
	}
	if (!x->wb || !x->f_head || !x->f_text || !x->f_int || !x->f_dec || !x->f_date) {
		ledger_xlsx_free(x);
		return lz_fail(err, LZ_INTERNAL, _("out of memory"));
	}
	format_set_bold(x->f_head);
	format_set_bg_color(x->f_head, 0xD9E1F2);
	format_set_border(x->f_head, LXW_BORDER_THIN);
	format_set_align(x->f_head, LXW_ALIGN_CENTER);
	format_set_align(x->f_head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(x->f_head);
	*out = x;
	return LZ_OK;
}

/* Cuts to maxu UTF-16 units (Excel's count); []:*?/\ and controls become
 * '_'; an apostrophe may not open or close a name. */
static void name_clean(const char *name, size_t maxu, char *out)
{
	size_t o = 0, units = 0, len = strlen(name);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = text_decode(name + i, len - i, &cp);
		size_t u = cp > 0xFFFF ? 2 : 1;
		if (n < 0 || units + u > maxu)
			break;
		if (cp < 0x20 || cp == 0x7F || (cp < 0x80 && strchr("[]:*?/\\", (int)cp))) {
			out[o++] = '_';
		} else {
			memcpy(out + o, name + i, (size_t)n);
			o += (size_t)n;
		}
		units += u;
		i += (size_t)n;
	}
	out[o] = '\0';
	if (o > 0 && out[0] == '\'')
		out[0] = '_';
	if (o > 0 && out[o - 1] == '\'')
		out[o - 1] = '_';
}

void ledger_xlsx_sheet_name(const char *name, int nth, char *out)
{
	name_clean(name ? name : "", LEDGER_SHEET_UNITS, out);
	if (out[0] == '\0')
		snprintf(out, LEDGER_SHEET_BYTES, "Sheet%d", nth);
	/* Excel keeps this name for itself */
	if (strcasecmp(out, "History") == 0)
		strcat(out, "_");
}

/* Excel compares sheet names without case, as does the library's check. */
static void name_unique(ledger_xlsx *x, const char *want, int nth, char *out)
{
	char name[LEDGER_SHEET_BYTES], base[LEDGER_SHEET_BYTES];
	ledger_xlsx_sheet_name(want, nth, name);
	memcpy(out, name, sizeof name);
	for (int n = 2; n < 100000 && workbook_validate_sheet_name(x->wb, out) ==
					      LXW_ERROR_SHEETNAME_ALREADY_USED; n++) {
		char suffix[16];
		int sl = snprintf(suffix, sizeof suffix, "(%d)", n);
		name_clean(name, LEDGER_SHEET_UNITS - (size_t)sl, base);
		size_t bl = strlen(base);
		memcpy(out, base, bl);
		memcpy(out + bl, suffix, (size_t)sl + 1);
	}
}

/* In a GB18030 locale gettext answers in GB18030, which must not reach
 * libxlsxwriter: convert, or fall back to the English text. */
static void page_footer(char *out, size_t outsz)
{
	/* TRANSLATORS: footer of printed ledgers; keep &P (page) and &N (pages). */
	const char *msg = _("Page &P of &N");
	char *conv = NULL;
	size_t clen;
	lz_err e;
	if (!text_utf8_valid(msg, strlen(msg), NULL)) {
		if (enc_to_utf8(msg, strlen(msg), ENC_GB18030, NULL, &conv, &clen, NULL, &e) == LZ_OK)
			msg = conv;
		else
			msg = "Page &P of &N";
	}
	size_t n = strlen(msg);
	while (n + 3 > outsz) /* cut on a character boundary */
		for (n--; n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80; n--)
			;
	snprintf(out, outsz, "&C%.*s", (int)n, msg);
	free(conv);
}

/* '&' starts a code in page headers: "&&" prints one. */
static void page_header(const char *title, char out[2 + TITLE_BYTES + 1])
{
	char *o = out + 2;
	size_t len = strlen(title);
	memcpy(out, "&C", 2);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = text_decode(title + i, len - i, &cp);
		if (n < 0 || (size_t)(o - out - 2) + (size_t)n + (cp == '&') > TITLE_BYTES)
			break;
		if (cp == '&')
			*o++ = '&';
		memcpy(o, title + i, (size_t)n);
		o += n;
		i += (size_t)n;
	}
	*o = '\0';
}

lz_status ledger_xlsx_sheet(ledger_xlsx *x, const char *want, int nth, const char *title,
			    const ledger_col *cols, int ncols, char *out, lz_err *err)
{
	name_unique(x, want, nth, out);
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, out);
	if (!ws)
		return lz_fail(err, LZ_INTERNAL, _("%s: cannot add sheet \"%s\""), x->path, out);
	x->ws = ws;
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	lxw_error e = worksheet_repeat_rows(ws, 0, 0);
	char foot[LXW_HEADER_FOOTER_MAX + 1], head[2 + TITLE_BYTES + 1];
	if (!e) {
		page_footer(foot, sizeof foot);
		e = worksheet_set_footer(ws, foot);
	}
	if (!e && title && *title) {
		page_header(title, head);
		e = worksheet_set_header(ws, head);
	}
	for (int c = 0; !e && c < ncols; c++)
		e = worksheet_write_string(ws, 0, (lxw_col_t)c, cols[c].header ? cols[c].header : "",
					   x->f_head);
	return e ? lxw_fail(x, e, err) : LZ_OK;
}

/* Excel reads "_xHHHH_" in any string as an escaped character (the library
 * writes control characters that way), so a literal one keeps its text only
 * with its underscore escaped as "_x005F_". */
static bool is_xescape(const char *p)
{
	static const char hex[] = "0123456789abcdefABCDEF";
	if (p[0] != '_' || p[1] != 'x')
		return false;
	for (int i = 2; i < 6; i++)
		if (!p[i] || !strchr(hex, p[i]))
			return false;
	return p[6] == '_';
}

static const char *escape_text(ledger_xlsx *x, const char *s, size_t len)
{
	size_t n = 0;
	for (const char *q = strstr(s, "_x"); q; q = strstr(q + 1, "_x"))
		n += is_xescape(q);
	if (n == 0)
		return s;
	size_t need = len + 6 * n + 1;
	if (need > x->scratch_cap) {
		char *p = realloc(x->scratch, need);
		if (!p)
			return NULL;
		x->scratch = p;
		x->scratch_cap = need;
	}
	char *o = x->scratch;
	for (; *s; s++) {
		if (is_xescape(s))
			o = stpcpy(o, "_x005F");
		*o++ = *s;
	}
	*o = '\0';
	return x->scratch;
}

lz_status ledger_xlsx_cell(ledger_xlsx *x, long row, int col, ledger_type t,
			   const ledger_value *v, lz_err *err)
{
	lxw_row_t r = (lxw_row_t)row;
	lxw_col_t c = (lxw_col_t)col;
	lxw_format *f = t == LEDGER_INT	      ? x->f_int
			: t == LEDGER_DECIMAL ? x->f_dec
			: t == LEDGER_DATE    ? x->f_date
					      : x->f_text;
	lxw_error e;
	if (!v) {
		/* a blank cell with a format, so that borders are whole */
		e = worksheet_write_blank(x->ws, r, c, f);
	} else if (t == LEDGER_INT || t == LEDGER_DECIMAL) {
		e = worksheet_write_number(x->ws, r, c, v->num, f);
	} else if (t == LEDGER_DATE) {
		lxw_datetime dt = { .year = v->year, .month = v->month, .day = v->day };
		e = worksheet_write_datetime(x->ws, r, c, &dt, f);
	} else {
		const char *s = escape_text(x, v->s, v->len);
		if (!s)
			return lz_fail(err, LZ_INTERNAL, _("out of memory"));
		e = worksheet_write_string(x->ws, r, c, s, f);
	}
	return e ? lxw_fail(x, e, err) : LZ_OK;
}

/* Both are written when the workbook closes, so setting them after the rows
 * works in constant_memory mode too. */
lz_status ledger_xlsx_sheet_end(ledger_xlsx *x, long rows, const double *widths, int ncols,
				lz_err *err)
{
	if (!x->ws)
		return LZ_OK;
	lxw_error e = worksheet_autofilter(x->ws, 0, 0, (lxw_row_t)rows, (lxw_col_t)(ncols - 1));
	for (int c = 0; !e && c < ncols; c++)
		e = worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	return e ? lxw_fail(x, e, err) : LZ_OK;
}

lz_status ledger_xlsx_close(ledger_xlsx *x, lz_err *err)
{
	errno = 0;
	lxw_error e = workbook_close(x->wb); /* frees the workbook, also on error */
	int saved = errno;
	x->wb = NULL;
	lz_status st = LZ_OK;
	if (e)
		st = lz_fail(err, LZ_IO, _("cannot write %s: %s (%s)"), x->path, lxw_strerror(e),
			     saved ? strerror(saved) : "-");
	ledger_xlsx_free(x);
	return st;
}

void ledger_xlsx_free(ledger_xlsx *x)
{
	if (!x)
		return;
	if (x->wb)
		lxw_workbook_free(x->wb);
	free(x->scratch);
	free(x);
}

struct lxw_workbook *ledger_xlsx_wb(ledger_xlsx *x)
{
	return x->wb;
}

struct lxw_worksheet *ledger_xlsx_ws(ledger_xlsx *x)
{
	return x->ws;
}
