/* import_rows.c — the rows of a file being imported: where each starts in
 * the converted text, and reading one again (each pass parses a row anew
 * instead of holding a million of them). */
#include "import_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sbuf.h"

void import_clear_values(imp *m)
{
	for (int f = 0; m->v && f < m->k->nfields; f++) {
		free(m->v[f]);
		m->v[f] = NULL;
	}
}

void import_free(imp *m)
{
	import_clear_values(m);
	free(m->v);
	free(m->rows);
	strmap_free(&m->refs);
	strmap_free(&m->named);
	free(m->col_field);
	free(m->field_col);
}

lz_status import_read_whole(const char *path, char **buf, size_t *len, lz_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return lz_fail(err, LZ_IO, _("cannot read %s: %s"), path, strerror(errno));
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap);
	while (b) {
		size_t got = fread(b + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		char *nb = realloc(b, cap * 2);
		if (!nb) {
			free(b);
			b = NULL;
			break;
		}
		b = nb;
		cap *= 2;
	}
	int bad = ferror(f);
	fclose(f);
	if (!b)
		return lz_fail(err, LZ_IO, _("%s: file too large to read"), path);
	if (bad) {
		free(b);
		return lz_fail(err, LZ_IO, _("cannot read %s: %s"), path, strerror(errno));
	}
	*buf = b;
	*len = n;
	return LZ_OK;
}

/* The CSV reader names the line; the file is ours to add. */
lz_status import_prefix_file(lz_err *err, const char *fname)
{
	char msg[LZ_ERR_MAX];
	snprintf(msg, sizeof msg, "%s", err->msg);
	return lz_fail(err, LZ_BAD, "%s: %s", fname, msg);
}

lz_status import_map_header(imp *m, char **cells, size_t n, lz_err *err)
{
	const kind *k = m->k;
	m->ncols = (int)n;
	m->col_field = calloc(n, sizeof *m->col_field);
	m->field_col = malloc((size_t)k->nfields * sizeof *m->field_col);
	if (!m->col_field || !m->field_col)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	for (int f = 0; f < k->nfields; f++)
		m->field_col[f] = -1;
	for (size_t c = 0; c < n; c++) {
		int f = kind_field_by_header(k, cells[c]);
		if (f < 0)
			return lz_fail(err, LZ_BAD, _("%s: line 1, column %zu: unknown column '%s' (see: liangze kinds %s)"),
				       m->fname, c + 1, cells[c], k->name);
		if (k->fields[f].flags & (KF_DERIVED | KF_READONLY))
			return lz_fail(err, LZ_BAD, _("%s: line 1, column %zu: %s (%s) is worked out by liangze and cannot be imported"),
				       m->fname, c + 1, k->fields[f].zh, k->fields[f].name);
		if (m->field_col[f] >= 0)
			return lz_fail(err, LZ_BAD, _("%s: line 1: column %s (%s) appears twice (columns %d and %zu)"),
				       m->fname, k->fields[f].zh, k->fields[f].name, m->field_col[f] + 1, c + 1);
		m->field_col[f] = (int)c;
		m->col_field[c] = f;
	}
	/* A required column may be absent: rows updating a stored record keep its
	 * value; a row adding a record without it is refused in build(). */
	return LZ_OK;
}

/* A row's cells against the header: a short row would blank the stored
 * values of the missing columns, a long one holds cells nobody reads. */
static lz_status check_width(imp *m, char **cells, size_t n, long line, lz_err *err)
{
	if (n < (size_t)m->ncols)
		return lz_fail(err, LZ_BAD, _("%s: line %ld: %zu cells, but the header has %d columns"),
			       m->fname, line, n, m->ncols);
	for (size_t c = (size_t)m->ncols; c < n; c++)
		if (*kind_trim(cells[c]))
			return lz_fail(err, LZ_BAD, _("%s: line %ld: %zu cells, but the header has %d columns"),
				       m->fname, line, n, m->ncols);
	return LZ_OK;
}

/* Column c's cell as its field's canonical value in *out (NULL: empty). */
static lz_status parse_cell(imp *m, char **cells, int c, long line, char **out, lz_err *err)
{
	const kind_field *fd = &m->k->fields[m->col_field[c]];
	lz_err e;
	if (kind_parse_value(fd, cells[c], out, &e))
		return lz_fail(err, LZ_BAD, _("%s: line %ld, %s (%s): %s"), m->fname, line, fd->zh, fd->name, e.msg);
	return LZ_OK;
}

bool import_self_referring(const kind *k)
{
	for (int f = 0; f < k->nfields; f++)
		if (k->fields[f].type == KF_REF && strcmp(k->fields[f].ref, k->name) == 0)
			return true;
	return false;
}

/* Notes where every row starts and checks its width; for a kind that refers
 * to itself, also which row each lookup value (a unit's code, its name)
 * first names, since a row may name one further down the file. */
lz_status import_index_rows(imp *m, lz_err *err)
{
	const kind *k = m->k;
	long cap = 0;
	char **cells;
	size_t n, off;
	long line, at;
	int rc;
	for (;;) {
		csv_tell(m->rd, &off, &at);
		if ((rc = csv_next(m->rd, &cells, &n, &line, err)) != 1)
			break;
		if (m->nrows == cap) {
			cap = cap ? cap * 2 : 256;
			prow *nr = realloc(m->rows, (size_t)cap * sizeof *nr);
			if (!nr)
				return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			m->rows = nr;
		}
		prow *p = &m->rows[m->nrows];
		*p = (prow){ .off = off, .line = at, .dep = -1 };
		lz_status st = check_width(m, cells, n, line, err);
		if (st)
			return st;
		for (int c = 0; m->self_ref && c < m->ncols; c++) {
			int f = m->col_field[c];
			char *v = NULL;
			if (!(k->fields[f].flags & KF_LOOKUP))
				continue;
			if ((st = parse_cell(m, cells, c, line, &v, err)))
				return st;
			sbuf key = { 0 };
			long j;
			sbuf_printf(&key, "%d\x1f%s", f, v ? v : "");
			bool ok = !v || key.oom || strmap_get(&m->named, sbuf_str(&key), &j) ||
				  strmap_put(&m->named, sbuf_str(&key), m->nrows);
			sbuf_free(&key);
			free(v);
			if (!ok)
				return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		}
		m->nrows++;
	}
	return rc < 0 ? import_prefix_file(err, m->fname) : LZ_OK;
}

/* Reads row i again into m->v. */
lz_status import_read_row(imp *m, long i, lz_err *err)
{
	char **cells;
	size_t n;
	long line;
	import_clear_values(m);
	csv_seek(m->rd, m->rows[i].off, m->rows[i].line);
	if (csv_next(m->rd, &cells, &n, &line, err) != 1)
		return lz_fail(err, LZ_INTERNAL, _("%s: line %ld could not be read again"), m->fname, m->rows[i].line);
	for (int c = 0; c < m->ncols && (size_t)c < n; c++) {
		lz_status st = parse_cell(m, cells, c, line, &m->v[m->col_field[c]], err);
		if (st)
			return st;
	}
	return LZ_OK;
}

/* The row of this file whose lookup field equals text (for references
 * between rows of the same file, such as a unit and its parent), or -1. */
int import_file_row_named(imp *m, const char *text)
{
	for (int f = 0; f < m->k->nfields; f++) {
		if (!(m->k->fields[f].flags & KF_LOOKUP))
			continue;
		sbuf key = { 0 };
		long j = -1;
		sbuf_printf(&key, "%d\x1f%s", f, text);
		bool found = !key.oom && strmap_get(&m->named, sbuf_str(&key), &j);
		sbuf_free(&key);
		if (found)
			return (int)j;
	}
	return -1;
}

