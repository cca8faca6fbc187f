/* csv.c — RFC 4180 reader. All fields of a record are copied, one after the
 * other, into a single buffer that grows and is reused, so a record costs no
 * allocation once the buffer is large enough. */
#include "csv.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

struct csv_reader {
	const char *base, *p, *end;
	long line;       /* physical line of p, from 1 */
	char *buf;       /* the record's fields, each NUL-terminated */
	size_t cap, len;
	size_t *offs;    /* where each field starts in buf */
	char **fields;
	size_t fcap;
	bool failed;
	lz_err fail;     /* repeated on every call after a failure */
};

/* Bytes that end an unquoted run. */
static const unsigned char stops[256] = {
	['\0'] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1,
};

csv_reader *csv_open(const char *utf8, size_t len)
{
	csv_reader *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	if (!utf8)
		utf8 = "";
	r->base = r->p = utf8;
	r->end = utf8 + len;
	r->line = 1;
	if (len >= 3 && memcmp(utf8, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
	r->cap = 256;
	r->fcap = 16;
	r->buf = malloc(r->cap);
	r->offs = malloc(r->fcap * sizeof *r->offs);
	r->fields = malloc(r->fcap * sizeof *r->fields);
	if (!r->buf || !r->offs || !r->fields) {
		csv_close(r);
		return NULL;
	}
	return r;
}

void csv_close(csv_reader *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r->offs);
	free(r->fields);
	free(r);
}

static int fail(csv_reader *r, lz_err *err, lz_status code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(csv_reader *r, lz_err *err, lz_status code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->fail.msg, sizeof r->fail.msg, fmt, ap);
	va_end(ap);
	r->fail.code = code;
	r->failed = true;
	if (err)
		*err = r->fail;
	return -1;
}

static bool reserve(csv_reader *r, size_t more)
{
	if (more <= r->cap - r->len)
		return true;
	size_t cap = r->cap;
	while (more > cap - r->len) {
		if (cap > SIZE_MAX / 2)
			return false;
		cap *= 2;
	}
	char *nb = realloc(r->buf, cap);
	if (!nb)
		return false;
	r->buf = nb;
	r->cap = cap;
	return true;
}

static bool add_field(csv_reader *r, size_t nf)
{
	if (nf < r->fcap)
		return true;
	size_t fcap = r->fcap * 2;
	size_t *no = realloc(r->offs, fcap * sizeof *no);
	if (!no)
		return false;
	r->offs = no;
	char **nfld = realloc(r->fields, fcap * sizeof *nfld);
	if (!nfld)
		return false;
	r->fields = nfld;
	r->fcap = fcap;
	return true;
}

/* Consumes one line end (LF, CRLF or lone CR) at r->p. */
static void eat_eol(csv_reader *r)
{
	if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
		r->p++;
	r->p++;
	r->line++;
}

static int oom(csv_reader *r, lz_err *err)
{
	return fail(r, err, LZ_INTERNAL, _("line %ld: out of memory reading CSV"), r->line);
}

/* Copies a quoted field's content, the opening quote already consumed;
 * returns 0, or -1 with the error set. */
static int read_quoted(csv_reader *r, size_t field, lz_err *err)
{
	long open_line = r->line;
	for (;;) {
		const char *q = r->p;
		while (q < r->end && *q != '"' && *q != '\0') {
			if (*q == '\n' || (*q == '\r' && (q + 1 == r->end || q[1] != '\n')))
				r->line++;
			q++;
		}
		if (q == r->end)
			return fail(r, err, LZ_BAD,
				    _("line %ld: quoted field opened here is not closed"), open_line);
		if (*q == '\0')
			return fail(r, err, LZ_BAD,
				    _("line %ld, field %zu: NUL byte in the text (is this really a CSV file?)"),
				    r->line, field);
		size_t n = (size_t)(q - r->p);
		if (!reserve(r, n + 2))
			return oom(r, err);
		memcpy(r->buf + r->len, r->p, n);
		r->len += n;
		r->p = q + 1;
		if (r->p < r->end && *r->p == '"') {
			r->buf[r->len++] = '"';
			r->p++;
			continue;
		}
		return 0;
	}
}

int csv_next(csv_reader *r, char ***fields, size_t *nfields, long *line, lz_err *err)
{
	if (r->failed) {
		if (err)
			*err = r->fail;
		return -1;
	}
	while (r->p < r->end && (*r->p == '\n' || *r->p == '\r'))
		eat_eol(r);
	if (r->p >= r->end)
		return 0;

	long start = r->line;
	size_t nf = 0;
	r->len = 0;
	for (;;) {
		if (!add_field(r, nf))
			return oom(r, err);
		r->offs[nf++] = r->len;
		if (r->p < r->end && *r->p == '"') {
			r->p++;
			if (read_quoted(r, nf, err) < 0)
				return -1;
		} else {
			const char *q = r->p;
			while (q < r->end && !stops[(unsigned char)*q])
				q++;
			if (q < r->end && *q == '"')
				return fail(r, err, LZ_BAD,
					    _("line %ld, field %zu: quote inside an unquoted field (quote the whole field and double the quotes inside)"),
					    r->line, nf);
			if (q < r->end && *q == '\0')
				return fail(r, err, LZ_BAD,
					    _("line %ld, field %zu: NUL byte in the text (is this really a CSV file?)"),
					    r->line, nf);
			size_t n = (size_t)(q - r->p);
			if (!reserve(r, n + 1))
				return oom(r, err);
			memcpy(r->buf + r->len, r->p, n);
			r->len += n;
			r->p = q;
		}
		r->buf[r->len++] = '\0';
		if (r->p >= r->end)
			break;
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p == '\n' || *r->p == '\r') {
			eat_eol(r);
			break;
		}
		return fail(r, err, LZ_BAD,
			    _("line %ld, field %zu: text after the closing quote of a quoted field"),
			    r->line, nf);
	}
	for (size_t i = 0; i < nf; i++)
		r->fields[i] = r->buf + r->offs[i];
	*fields = r->fields;
	*nfields = nf;
	if (line)
		*line = start;
	return 1;
}

void csv_tell(const csv_reader *r, size_t *off, long *line)
{
	*off = (size_t)(r->p - r->base);
	*line = r->line;
}

void csv_seek(csv_reader *r, size_t off, long line)
{
	r->p = r->base + off;
	r->line = line;
}
