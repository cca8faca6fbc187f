#include "ledger.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "i18n.h"
#include "ledger_xlsx.h"
#include "text.h"

#define CELL_UNITS 32767   /* Excel's cell limit, in UTF-16 units */
#define ROWS_MAX 1048575L  /* data rows below the header */
#define COLS_MAX 16384
#define WIDTH_CAP 60
#define WIDTH_MIN 6
#define WIDTH_PAD 2
#define CSV_CHUNK (64 * 1024)
#define TEMP_TRIES 100

typedef struct colinfo {
	ledger_type type;
	int width;        /* widest content so far, in display columns */
	const char *head; /* points into ledger_book.heads */
} colinfo;

struct ledger_book {
	ledger_format fmt;
	enc_kind enc;
	lz_status failed; /* the first error; the book takes nothing after it */
	lz_err first;
	char *path, *tmp, *dir;
	int nsheets;
	char sheet[LEDGER_SHEET_BYTES];
	colinfo *cols;
	double *xwidths;
	int ncols;
	char *heads;
	long rows; /* data rows of the current sheet */
	ledger_xlsx *x;
	/* csv: whole rows are gathered in out and written in chunks */
	int fd;
	char *out;
	size_t outlen, outcap;
};

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

static bool grow(char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return true;
	size_t n = *cap ? *cap : 4096;
	while (n < need)
		n *= 2;
	char *p = realloc(*buf, n);
	if (!p)
		return false;
	*buf = p;
	*cap = n;
	return true;
}

static lz_status oom(ledger_book *b)
{
	return lz_fail(&b->first, LZ_INTERNAL, _("out of memory"));
}

static lz_status io_fail(ledger_book *b, int e)
{
	return lz_fail(&b->first, LZ_IO, _("cannot write %s: %s"), b->path, strerror(e));
}

static lz_status cell_fail(ledger_book *b, int c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Names the place of a bad cell the way the spreadsheet shows it. */
static lz_status cell_fail(ledger_book *b, int c, const char *fmt, ...)
{
	char why[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	return lz_fail(&b->first, LZ_BAD, _("%s: sheet \"%s\", row %ld, column %d (%s): %s"),
		       b->path, b->sheet, b->rows + 2, c + 1, b->cols[c].head, why);
}

/* ---- cells ---- */

/* Excel's limits count UTF-16 units. */
static size_t utf16_units(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char u = (unsigned char)s[i];
		if ((u & 0xC0) != 0x80)
			n += u >= 0xF0 ? 2 : 1;
	}
	return n;
}

/* A character is at most 2 columns wide and never wider than its UTF-8
 * bytes, so a cell whose bound is within the column's width so far needs no
 * measuring (wcwidth is the costly part of a big export). */
static bool may_widen(const char *p, size_t n, int width)
{
	if (n <= (size_t)width)
		return false;
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char)p[i] & 0xC0) != 0x80;
	return 2 * chars > (size_t)width;
}

/* The widest line of a cell counts. */
static void note_width(colinfo *ci, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	while (p < end && ci->width < WIDTH_CAP) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (may_widen(p, n, ci->width))
			ci->width = max_int(ci->width, text_width_n(p, n));
		p += n + 1;
	}
}

/* Strict "-?D+" or "-?D+.D+" with at most 15 digits, so that one division
 * of exact doubles gives the correctly rounded value, without strtod's
 * dependence on the locale's decimal point. */
static bool parse_number(const char *s, bool frac_ok, double *v)
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
				      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	bool neg = *s == '-', dot = false;
	int64_t m = 0;
	int nd = 0, nf = 0;
	if (neg)
		s++;
	if (*s < '0' || *s > '9')
		return false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (++nd > 15)
				return false;
			m = m * 10 + (*s - '0');
			nf += dot;
		} else if (*s == '.' && frac_ok && !dot) {
			dot = true;
		} else {
			return false;
		}
	}
	if (dot && nf == 0)
		return false;
	*v = m == 0 ? 0.0 : (neg ? -1.0 : 1.0) * ((double)m / p10[nf]);
	return true;
}

static bool is_digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Only the canonical form: other forms would be guesses in an export. A
 * date a ledger holds is canonical already: checked by its shape and its
 * ranges without date_parse's formatting (a million rows hold millions of
 * dates); days past the 28th still go through date_parse, which knows the
 * months. */
static bool parse_date(const char *s, ledger_value *v)
{
	if (is_digits(s, 4) && s[4] == '-' && is_digits(s + 5, 2) && s[7] == '-' && is_digits(s + 8, 2) &&
	    s[10] == '\0') {
		int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
		if (y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= 28) {
			v->year = y;
			v->month = m;
			v->day = d;
			return true;
		}
	}
	char canon[11];
	if (strlen(s) != 10 || !date_parse(s, canon) || memcmp(canon, s, 10) != 0)
		return false;
	v->year = atoi(s);
	v->month = atoi(s + 5);
	v->day = atoi(s + 8);
	return true;
}

/* A bad value cut short enough to quote in a message. */
static const char *shown(const char *s, char out[64])
{
	text_truncate(s, 30, out, 64);
	return out;
}

/* Checks a non-empty cell against its column's type and notes its width. */
static lz_status cell_check(ledger_book *b, int c, const char *s, ledger_value *v)
{
	colinfo *ci = &b->cols[c];
	size_t len = strlen(s), bad;
	char sh[64];
	if (!text_utf8_valid(s, len, &bad))
		return cell_fail(b, c, _("not valid UTF-8 (byte %zu)"), bad + 1);
	v->s = s;
	v->len = len;
	switch (ci->type) {
	case LEDGER_TEXT:
		if (b->fmt == LEDGER_FMT_XLSX && len > CELL_UNITS && utf16_units(s, len) > CELL_UNITS)
			return cell_fail(b, c, _("longer than %d characters"), CELL_UNITS);
		note_width(ci, s, len);
		return LZ_OK;
	case LEDGER_INT:
		if (!parse_number(s, false, &v->num))
			return cell_fail(b, c, _("\"%s\" is not a whole number"), shown(s, sh));
		ci->width = max_int(ci->width, (int)len);
		return LZ_OK;
	case LEDGER_DECIMAL:
		if (!parse_number(s, true, &v->num))
			return cell_fail(b, c, _("\"%s\" is not a decimal number"), shown(s, sh));
		/* shown with two decimals: "12" as "12.00" */
		ci->width = max_int(ci->width, (int)strcspn(s, ".") + 3);
		return LZ_OK;
	case LEDGER_DATE:
		if (!parse_date(s, v))
			return cell_fail(b, c, _("\"%s\" is not a date YYYY-MM-DD"), shown(s, sh));
		ci->width = max_int(ci->width, 10);
		return LZ_OK;
	case LEDGER_BOOL:
		if (strcmp(s, "1") != 0 && strcmp(s, "0") != 0)
			return cell_fail(b, c, _("\"%s\" is not 1 or 0"), shown(s, sh));
		/* Data, not a message: the importer reads 是/否 back in any language. */
		v->s = *s == '1' ? "是" : "否";
		v->len = strlen(v->s);
		ci->width = max_int(ci->width, 2);
		return LZ_OK;
	}
	return lz_fail(&b->first, LZ_INTERNAL, "ledger: column %d has an unknown type", c + 1);
}

/* ---- xlsx ---- */

static lz_status xlsx_sheet_end(ledger_book *b)
{
	for (int c = 0; c < b->ncols; c++) {
		int w = b->cols[c].width + WIDTH_PAD;
		b->xwidths[c] = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_CAP ? WIDTH_CAP : w;
	}
	return ledger_xlsx_sheet_end(b->x, b->rows, b->xwidths, b->ncols, &b->first);
}

static lz_status xlsx_row(ledger_book *b, const char *const *cells)
{
	if (b->rows >= ROWS_MAX)
		return lz_fail(&b->first, LZ_BAD,
			       _("%s: sheet \"%s\" has more than %ld rows, Excel's limit"), b->path,
			       b->sheet, ROWS_MAX);
	for (int c = 0; c < b->ncols; c++) {
		ledger_value v;
		const char *s = cells[c];
		lz_status st = s && *s ? cell_check(b, c, s, &v) : LZ_OK;
		if (!st)
			st = ledger_xlsx_cell(b->x, b->rows + 1, c, b->cols[c].type, s && *s ? &v : NULL,
					      &b->first);
		if (st)
			return st;
	}
	return LZ_OK;
}

/* ---- csv ---- */

static lz_status write_all(ledger_book *b, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(b->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return io_fail(b, errno);
		p += w;
		n -= (size_t)w;
	}
	return LZ_OK;
}

/* The buffer holds whole rows only, so a chunk never splits a character. */
static lz_status csv_flush(ledger_book *b)
{
	lz_status st;
	if (b->outlen == 0)
		return LZ_OK;
	if (b->enc == ENC_GB18030) {
		char *conv = NULL;
		size_t clen = 0;
		st = enc_from_utf8(b->out, b->outlen, ENC_GB18030, &conv, &clen, &b->first);
		if (!st)
			st = write_all(b, conv, clen);
		free(conv);
	} else {
		st = write_all(b, b->out, b->outlen);
	}
	b->outlen = 0;
	return st;
}

/* RFC 4180 quoting; text that a spreadsheet would run as a formula gets a
 * leading apostrophe (numbers keep their minus sign). Room for 2 * len + 3
 * bytes must be reserved. */
static void csv_field(ledger_book *b, const char *s, size_t len, bool text)
{
	char *o = b->out + b->outlen;
	bool guard = text && len > 0 && strchr("=+-@\t\r", s[0]);
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		*o++ = '"';
	if (guard)
		*o++ = '\'';
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			*o++ = '"';
		*o++ = s[i];
	}
	if (quote)
		*o++ = '"';
	b->outlen = (size_t)(o - b->out);
}

/* cells NULL: the header row. */
static lz_status csv_row(ledger_book *b, const char *const *cells)
{
	for (int c = 0; c < b->ncols; c++) {
		const char *s = cells ? cells[c] : b->cols[c].head;
		ledger_value v = { .s = s, .len = s ? strlen(s) : 0 };
		if (!grow(&b->out, &b->outcap, b->outlen + 2 * v.len + 8))
			return oom(b);
		if (c > 0)
			b->out[b->outlen++] = ',';
		if (v.len == 0)
			continue;
		lz_status st = cells ? cell_check(b, c, s, &v) : LZ_OK;
		if (st)
			return st;
		csv_field(b, v.s, v.len, !cells || b->cols[c].type == LEDGER_TEXT);
	}
	b->out[b->outlen++] = '\r';
	b->out[b->outlen++] = '\n';
	return b->outlen >= CSV_CHUNK ? csv_flush(b) : LZ_OK;
}

/* ---- files ---- */

/* A hidden name beside the target, created with O_EXCL (mode 0666, so the
 * umask applies as to any new file). */
static lz_status temp_create(ledger_book *b)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	const char *slash = strrchr(b->path, '/');
	const char *base = slash ? slash + 1 : b->path;
	size_t dlen = slash ? (size_t)(slash - b->path) : 0;
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		return lz_fail(&b->first, LZ_USAGE, _("%s: not a file name"), b->path);
	b->dir = slash ? strndup(b->path, dlen ? dlen : 1) : strdup(".");
	int blen = strlen(base) > 200 ? 200 : (int)strlen(base);
	if (!b->dir || asprintf(&b->tmp, "%.*s.%.*s.tmp-XXXXXX", slash ? (int)dlen + 1 : 0,
				b->path, blen, base) < 0) {
		b->tmp = NULL;
		return oom(b);
	}
	char *x = b->tmp + strlen(b->tmp) - 6;
	for (int tries = 0; tries < TEMP_TRIES; tries++) {
		unsigned char rnd[6];
		if (getrandom(rnd, sizeof rnd, GRND_NONBLOCK) != (ssize_t)sizeof rnd) {
			unsigned long mix = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16) ^
					    ((unsigned long)tries * 2654435761u);
			memcpy(rnd, &mix, sizeof rnd);
		}
		for (int i = 0; i < 6; i++)
			x[i] = abc[rnd[i] % (sizeof abc - 1)];
		b->fd = open(b->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (b->fd >= 0)
			return LZ_OK;
		if (errno != EEXIST)
			break;
	}
	lz_status st = io_fail(b, errno);
	free(b->tmp);
	b->tmp = NULL; /* nothing of ours to remove */
	return st;
}

static lz_status sync_path(ledger_book *b, const char *p, bool dir)
{
	int fd = open(p, O_RDONLY | O_CLOEXEC | (dir ? O_DIRECTORY : 0));
	if (fd < 0)
		return io_fail(b, errno);
	int rc = fsync(fd), saved = errno;
	close(fd);
	/* Some file systems cannot sync a folder; the file itself is synced. */
	if (rc != 0 && !(dir && (saved == EINVAL || saved == ENOTSUP)))
		return io_fail(b, saved);
	return LZ_OK;
}

/* Data first, then the name: a crash leaves the old file or the whole new one. */
static lz_status book_finish(ledger_book *b)
{
	lz_status st;
	if (b->nsheets == 0)
		return lz_fail(&b->first, LZ_INTERNAL, "ledger: %s closed before any sheet", b->path);
	if (b->fmt == LEDGER_FMT_XLSX) {
		if ((st = xlsx_sheet_end(b)))
			return st;
		st = ledger_xlsx_close(b->x, &b->first);
		b->x = NULL;
		if (st || (st = sync_path(b, b->tmp, false)))
			return st;
	} else {
		if ((st = csv_flush(b)))
			return st;
		int rc = fsync(b->fd), saved = errno;
		if (close(b->fd) != 0 && rc == 0)
			rc = -1, saved = errno;
		b->fd = -1;
		if (rc != 0)
			return io_fail(b, saved);
	}
	if (rename(b->tmp, b->path) != 0)
		return io_fail(b, errno);
	free(b->tmp);
	b->tmp = NULL;
	return sync_path(b, b->dir, true);
}

/* ---- public ---- */

lz_status ledger_format_from_path(const char *path, ledger_format *fmt, lz_err *err)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	const char *dot = path ? strrchr(slash ? slash : path, '.') : NULL;
	if (dot && strcasecmp(dot, ".xlsx") == 0)
		*fmt = LEDGER_FMT_XLSX;
	else if (dot && strcasecmp(dot, ".csv") == 0)
		*fmt = LEDGER_FMT_CSV;
	else
		return lz_fail(err, LZ_USAGE, _("%s: the file name must end in .xlsx or .csv"),
			       path ? path : "");
	return LZ_OK;
}

lz_status ledger_open(ledger_book **out, const char *path, ledger_format fmt,
		      enc_kind csv_encoding, unsigned flags, lz_err *err)
{
	*out = NULL;
	if (!path || !*path)
		return lz_fail(err, LZ_USAGE, _("no output file given"));
	ledger_book *b = calloc(1, sizeof *b);
	if (!b || !(b->path = strdup(path))) {
		free(b);
		return lz_fail(err, LZ_INTERNAL, _("out of memory"));
	}
	b->fmt = fmt;
	b->enc = csv_encoding == ENC_GB18030 ? ENC_GB18030 : ENC_UTF8;
	b->fd = -1;
	lz_status st = temp_create(b);
	if (!st && fmt == LEDGER_FMT_XLSX) {
		close(b->fd); /* libxlsxwriter opens the file by name when it closes */
		b->fd = -1;
		/* big temporaries go where the user expects a big file, not to a
		 * /tmp that may live in memory */
		st = ledger_xlsx_new(&b->x, b->tmp, b->path, b->dir, flags & LEDGER_IN_MEMORY,
				     &b->first);
	} else if (!st && b->enc == ENC_UTF8) {
		/* the BOM tells Excel the file is UTF-8 */
		if (!grow(&b->out, &b->outcap, CSV_CHUNK))
			st = oom(b);
		else
			b->outlen = (size_t)(stpcpy(b->out, "\xEF\xBB\xBF") - b->out);
	}
	if (st) {
		if (err)
			*err = b->first;
		ledger_abort(b);
		return st;
	}
	*out = b;
	return LZ_OK;
}

static lz_status sheet_start(ledger_book *b, const char *sheet_name, const char *title,
			     const ledger_col *cols, int ncols)
{
	lz_status st;
	if (!cols || ncols < 1 || ncols > COLS_MAX)
		return lz_fail(&b->first, LZ_INTERNAL, "ledger: bad column count %d", ncols);
	if (b->fmt == LEDGER_FMT_CSV && b->nsheets > 0)
		return lz_fail(&b->first, LZ_USAGE, _("%s: a CSV file holds one sheet only; use .xlsx"),
			       b->path);
	size_t need = 0;
	for (int i = -2; i < ncols; i++) {
		const char *s = i == -2 ? sheet_name : i == -1 ? title : cols[i].header;
		if (s && !text_utf8_valid(s, strlen(s), NULL))
			return lz_fail(&b->first, LZ_BAD,
				       _("%s: a sheet name, title or column header is not valid UTF-8"),
				       b->path);
		need += i < 0 ? 0 : (s ? strlen(s) : 0) + 1;
	}
	if (b->x && b->nsheets > 0 && (st = xlsx_sheet_end(b)))
		return st;
	free(b->cols);
	free(b->xwidths);
	free(b->heads);
	b->ncols = 0;
	b->cols = calloc((size_t)ncols, sizeof *b->cols);
	b->xwidths = calloc((size_t)ncols, sizeof *b->xwidths);
	b->heads = malloc(need);
	if (!b->cols || !b->xwidths || !b->heads)
		return oom(b);
	char *h = b->heads;
	for (int c = 0; c < ncols; c++) {
		colinfo *ci = &b->cols[c];
		ci->type = cols[c].type;
		ci->head = h;
		h = stpcpy(h, cols[c].header ? cols[c].header : "") + 1;
		note_width(ci, ci->head, strlen(ci->head));
		if (ci->width > 0)
			ci->width++; /* bold runs a little wider */
	}
	b->ncols = ncols;
	b->rows = 0;
	b->nsheets++;
	if (b->fmt == LEDGER_FMT_XLSX)
		return ledger_xlsx_sheet(b->x, sheet_name, b->nsheets, title, cols, ncols, b->sheet,
					 &b->first);
	ledger_xlsx_sheet_name(sheet_name, b->nsheets, b->sheet);
	return csv_row(b, NULL);
}

lz_status ledger_sheet(ledger_book *b, const char *sheet_name, const char *title,
		       const ledger_col *cols, int ncols, lz_err *err)
{
	if (!b)
		return lz_fail(err, LZ_INTERNAL, "ledger_sheet: no book");
	if (!b->failed)
		b->failed = sheet_start(b, sheet_name, title, cols, ncols);
	if (b->failed && err)
		*err = b->first;
	return b->failed;
}

lz_status ledger_row(ledger_book *b, const char *const *cells, lz_err *err)
{
	if (!b)
		return lz_fail(err, LZ_INTERNAL, "ledger_row: no book");
	if (!b->failed && (b->nsheets == 0 || !cells))
		b->failed = lz_fail(&b->first, LZ_INTERNAL, "ledger_row: %s",
				    cells ? "no sheet yet" : "no cells");
	if (!b->failed)
		b->failed = b->fmt == LEDGER_FMT_XLSX ? xlsx_row(b, cells) : csv_row(b, cells);
	if (b->failed) {
		if (err)
			*err = b->first;
		return b->failed;
	}
	b->rows++;
	return LZ_OK;
}

lz_status ledger_close(ledger_book *b, lz_err *err)
{
	if (!b)
		return lz_fail(err, LZ_INTERNAL, "ledger_close: no book");
	lz_status st = b->failed ? b->failed : book_finish(b);
	if (st && err)
		*err = b->first;
	ledger_abort(b);
	return st;
}

void ledger_abort(ledger_book *b)
{
	if (!b)
		return;
	ledger_xlsx_free(b->x);
	if (b->fd >= 0)
		close(b->fd);
	if (b->tmp)
		unlink(b->tmp);
	free(b->tmp);
	free(b->dir);
	free(b->path);
	free(b->cols);
	free(b->xwidths);
	free(b->heads);
	free(b->out);
	free(b);
}

const char *ledger_sheet_name(const ledger_book *b)
{
	return b ? b->sheet : "";
}

long ledger_row_count(const ledger_book *b)
{
	return b ? b->rows : 0;
}

struct lxw_workbook *ledger_xlsx_workbook(ledger_book *b)
{
	return b && b->x ? ledger_xlsx_wb(b->x) : NULL;
}

struct lxw_worksheet *ledger_xlsx_worksheet(ledger_book *b)
{
	return b && b->x ? ledger_xlsx_ws(b->x) : NULL;
}
