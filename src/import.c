#include "import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csv.h"
#include "i18n.h"
#include "record.h"
#include "rules.h"
#include "sbuf.h"
#include "strmap.h"

/* One data row, parsed: canonical values, references still as typed. */
typedef struct prow {
	long line;
	char **v;
	int64_t id;        /* existing record it updates (0: new) */
	int dep;           /* index of the row this one's self-reference names, or -1 */
	int dep_field;
	int state;         /* for ordering: 0 new, 1 visiting, 2 done */
	char *keysig;      /* the record this row names, after references are resolved */
} prow;

typedef struct imp {
	session *s;
	const kind *k;
	const char *fname;
	int ncols;
	int *col_field;    /* field index of each column */
	int *field_col;    /* column of each field, or -1 */
	prow *rows;
	long nrows;
	import_result *res;
	strmap refs;       /* references to other kinds resolved in this pass */
} imp;

static void free_imp(imp *m)
{
	for (long i = 0; i < m->nrows; i++) {
		for (int f = 0; f < m->k->nfields; f++)
			free(m->rows[i].v[f]);
		free(m->rows[i].v);
		free(m->rows[i].keysig);
	}
	free(m->rows);
	strmap_free(&m->refs);
	free(m->col_field);
	free(m->field_col);
}

static lz_status read_whole(const char *path, char **buf, size_t *len, lz_err *err)
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
static lz_status prefix_file(lz_err *err, const char *fname)
{
	char msg[LZ_ERR_MAX];
	snprintf(msg, sizeof msg, "%s", err->msg);
	return lz_fail(err, LZ_BAD, "%s: %s", fname, msg);
}

static lz_status map_header(imp *m, char **cells, size_t n, lz_err *err)
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

static lz_status parse_rows(imp *m, csv_reader *rd, lz_err *err)
{
	const kind *k = m->k;
	long cap = 0;
	char **cells;
	size_t n;
	long line;
	int rc;
	while ((rc = csv_next(rd, &cells, &n, &line, err)) == 1) {
		if (m->nrows == cap) {
			cap = cap ? cap * 2 : 256;
			prow *nr = realloc(m->rows, (size_t)cap * sizeof *nr);
			if (!nr)
				return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			m->rows = nr;
		}
		prow *p = &m->rows[m->nrows];
		memset(p, 0, sizeof *p);
		p->line = line;
		p->dep = -1;
		p->v = calloc((size_t)k->nfields, sizeof *p->v);
		if (!p->v)
			return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		m->nrows++;
		/* A short row would blank the stored values of the missing columns. */
		if (n < (size_t)m->ncols)
			return lz_fail(err, LZ_BAD, _("%s: line %ld: %zu cells, but the header has %d columns"),
				       m->fname, line, n, m->ncols);
		for (size_t c = (size_t)m->ncols; c < n; c++)
			if (*kind_trim(cells[c]))
				return lz_fail(err, LZ_BAD, _("%s: line %ld: %zu cells, but the header has %d columns"),
					       m->fname, line, n, m->ncols);
		for (int c = 0; c < m->ncols && (size_t)c < n; c++) {
			int f = m->col_field[c];
			lz_err e;
			if (kind_parse_value(&k->fields[f], cells[c], &p->v[f], &e))
				return lz_fail(err, LZ_BAD, _("%s: line %ld, %s (%s): %s"), m->fname, line,
					       k->fields[f].zh, k->fields[f].name, e.msg);
		}
	}
	if (rc < 0)
		return prefix_file(err, m->fname);
	return LZ_OK;
}

/* The row of this file whose lookup field equals text (for references
 * between rows of the same file, such as a unit and its parent), or -1. */
static int file_row_named(imp *m, const char *text)
{
	for (int f = 0; f < m->k->nfields; f++) {
		if (!(m->k->fields[f].flags & KF_LOOKUP))
			continue;
		for (long i = 0; i < m->nrows; i++)
			if (m->rows[i].v[f] && strcmp(m->rows[i].v[f], text) == 0)
				return (int)i;
	}
	return -1;
}

/* The stored record r names by a key made of plain (non-reference) fields,
 * or 0: lets a unit's holders be told apart by the unit itself. */
static int64_t plain_key_match(imp *m, const record *r)
{
	const kind *k = m->k;
	for (int key = 0; key < KIND_MAX_KEYS && k->keys[key][0]; key++) {
		int ok = 1;
		for (const char *const *kf = k->keys[key]; *kf; kf++) {
			const kind_field *f = kind_field_named(k, *kf);
			if (f->type == KF_REF || !record_get_named(r, *kf))
				ok = 0;
		}
		int64_t id = 0;
		lz_err e;
		if (ok && record_find_by_key(m->s, r, key, &id, &e) == LZ_OK)
			return id;
	}
	return 0;
}

/* Whether field f is part of one of k's keys. */
static int is_key_field(const kind *k, int f)
{
	for (int key = 0; key < KIND_MAX_KEYS && k->keys[key][0]; key++)
		for (const char *const *kf = k->keys[key]; *kf; kf++)
			if (strcmp(*kf, k->fields[f].name) == 0)
				return 1;
	return 0;
}

/* Builds the record row i will become: the stored record (if its key
 * matches) with the file's columns laid over it, references resolved. */
static lz_status build(imp *m, long i, record **out, record **before, lz_err *err)
{
	const kind *k = m->k;
	prow *p = &m->rows[i];
	record *r = record_new(k);
	lz_status st = LZ_OK;
	*before = NULL;
	if (!r)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	for (int f = 0; f < k->nfields; f++)
		record_set(r, f, p->v[f]);
	/* References: the owner unit first, so people named in other fields can
	 * be told apart by unit when two share a name. */
	int64_t prefer = 0;
	if (k->owner == KO_SELF)
		prefer = plain_key_match(m, r);
	int order[64];
	int no = 0;
	if (k->owner == KO_FIELD)
		order[no++] = kind_field_index(k, k->owner_field);
	for (int f = 0; f < k->nfields && no < 64; f++)
		if (!(k->owner == KO_FIELD && f == order[0]))
			order[no++] = f;
	for (int oi = 0; oi < no; oi++) {
		int f = order[oi];
		const kind_field *fd = &k->fields[f];
		if (fd->type != KF_REF || !p->v[f])
			continue;
		const kind *rk = kind_find(fd->ref);
		int64_t id = 0;
		lz_err e;
		sbuf rkey = { 0 };
		long known = 0;
		if (rk != k)
			sbuf_printf(&rkey, "%s\x1f%lld\x1f%s", rk->name, (long long)prefer, p->v[f]);
		if (rk == k && p->dep >= 0 && p->dep_field == f) {
			id = m->rows[p->dep].id;
		} else if (rk != k && !rkey.oom && strmap_get(&m->refs, sbuf_str(&rkey), &known)) {
			id = known;
		} else if (record_resolve(m->s, rk, p->v[f], prefer, &id, &e) == LZ_OK) {
			/* The import writes only k's records: another kind's name
			 * resolves the same way for the rest of the pass. */
			if (rk != k && !rkey.oom)
				strmap_put(&m->refs, sbuf_str(&rkey), (long)id);
		} else {
			int j = rk == k ? file_row_named(m, p->v[f]) : -1;
			if (j < 0 || j == i) {
				st = lz_fail(err, LZ_BAD, _("%s: line %ld, %s (%s): %s"), m->fname, p->line, fd->zh,
					     fd->name, e.msg);
				sbuf_free(&rkey);
				goto fail;
			}
			p->dep = j;
			p->dep_field = f;
			id = m->rows[j].id;
		}
		sbuf_free(&rkey);
		char buf[32];
		snprintf(buf, sizeof buf, "%lld", (long long)id);
		record_set(r, f, id ? buf : NULL);
		if (k->owner == KO_FIELD && f == order[0])
			prefer = id;
	}
	/* Key: the first key whose fields all have values. */
	int64_t existing = 0;
	free(p->keysig);
	p->keysig = NULL;
	for (int key = 0; key < KIND_MAX_KEYS && k->keys[key][0]; key++) {
		int ok = 1;
		for (const char *const *kf = k->keys[key]; *kf; kf++)
			if (!record_get_named(r, *kf))
				ok = 0;
		if (!ok)
			continue;
		lz_err e;
		if (record_find_by_key(m->s, r, key, &existing, &e)) {
			st = lz_fail(err, LZ_BAD, _("%s: line %ld: %s"), m->fname, p->line, e.msg);
			goto fail;
		}
		/* Compared after references are resolved: B03 and 区纪委监察局 are one unit. */
		sbuf sig = { 0 };
		sbuf_printf(&sig, "%d", key);
		for (const char *const *kf = k->keys[key]; *kf; kf++)
			sbuf_printf(&sig, "\x1f%s", record_get_named(r, *kf));
		p->keysig = sbuf_take(&sig);
		break;
	}
	if (existing) {
		lz_err e;
		if (record_get(m->s, k, existing, before, &e)) {
			st = lz_fail(err, e.code == LZ_BAD ? LZ_DENIED : e.code,
				     _("%s: line %ld: this row names a %s record outside the scope of account %s"),
				     m->fname, p->line, k->zh, m->s->login);
			goto fail;
		}
		r->id = existing;
		/* Columns absent from the file keep their stored values, and so do
		 * empty key cells (a row found by name + unit keeps its code). */
		for (int f = 0; f < k->nfields; f++)
			if (m->field_col[f] < 0 || (!r->v[f] && is_key_field(k, f)))
				record_set(r, f, (*before)->v[f]);
	}
	else
		for (int f = 0; f < k->nfields; f++)
			if ((k->fields[f].flags & KF_REQUIRED) && !(k->fields[f].flags & KF_AUTO) && m->field_col[f] < 0) {
				st = lz_fail(err, LZ_BAD,
					     _("%s: line %ld: this row adds a new record, but the file has no column %s (%s), which it requires"),
					     m->fname, p->line, k->fields[f].zh, k->fields[f].name);
				goto fail;
			}
	*out = r;
	return LZ_OK;
fail:
	record_free(r);
	record_free(*before);
	*before = NULL;
	return st;
}

/* The same record twice in one file is an error (which row should win?), and
 * so are two rows giving the same value to a field that must be unique.
 * Rows are checked in file order against those before them through a hash
 * map (a big file must not compare every row with every other). */
static lz_status check_file_conflicts(imp *m, strmap *seen, long i, lz_err *err)
{
	prow *p = &m->rows[i];
	long j;
	sbuf key = { 0 };
	lz_status st = LZ_OK;
	if (p->keysig) {
		sbuf_printf(&key, "k%s", p->keysig);
		if (strmap_get(seen, sbuf_str(&key), &j))
			st = lz_fail(err, LZ_BAD, _("%s: line %ld names the same record as line %ld"), m->fname,
				     p->line, m->rows[j].line);
		else if (!strmap_put(seen, sbuf_str(&key), i))
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	for (int f = 0; f < m->k->nfields && !st; f++) {
		const kind_field *fd = &m->k->fields[f];
		if (!(fd->flags & KF_UNIQUE) || fd->type == KF_REF || !p->v[f])
			continue;
		sbuf_reset(&key);
		sbuf_printf(&key, "u%d\x1f%s", f, p->v[f]);
		if (strmap_get(seen, sbuf_str(&key), &j))
			st = lz_fail(err, LZ_BAD, _("%s: line %ld, %s (%s): '%s' is also on line %ld"), m->fname,
				     p->line, fd->zh, fd->name, p->v[f], m->rows[j].line);
		else if (!strmap_put(seen, sbuf_str(&key), i))
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	if (!st && key.oom)
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	sbuf_free(&key);
	return st;
}

/* Orders rows so that one referring to another row of the file comes after it. */
static lz_status visit(imp *m, long i, long *order, long *no, lz_err *err)
{
	prow *p = &m->rows[i];
	if (p->state == 2)
		return LZ_OK;
	if (p->state == 1)
		return lz_fail(err, LZ_BAD, _("%s: line %ld: the rows refer to each other in a circle"), m->fname, p->line);
	p->state = 1;
	if (p->dep >= 0) {
		lz_status st = visit(m, p->dep, order, no, err);
		if (st)
			return st;
	}
	p->state = 2;
	order[(*no)++] = i;
	return LZ_OK;
}

/* Validates every row (writing=0) or writes them (writing=1, inside the
 * write transaction); the same checks both times when another session may
 * have changed the database in between (checked=0). checked=1: nobody has,
 * so a row's first checks still hold and are not run again. */
static lz_status check_rows(imp *m, int writing, int checked, lz_err *err)
{
	long *order = malloc((size_t)(m->nrows ? m->nrows : 1) * sizeof *order);
	long no = 0;
	lz_status st = LZ_OK;
	if (!order)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	if (writing) {
		for (long i = 0; i < m->nrows; i++)
			m->rows[i].state = 0;
		for (long i = 0; i < m->nrows && !st; i++)
			st = visit(m, i, order, &no, err);
	} else {
		for (long i = 0; i < m->nrows; i++)
			order[no++] = i;
	}
	m->res->inserted = m->res->updated = m->res->unchanged = 0;
	/* Another session may have changed the other kinds between the passes. */
	strmap_free(&m->refs);
	strmap seen = { 0 };
	for (long oi = 0; oi < no && !st; oi++) {
		long i = order[oi];
		prow *p = &m->rows[i];
		record *r = NULL, *before = NULL;
		if (!writing)
			p->id = 0;
		if ((st = build(m, i, &r, &before, err)))
			break;
		if (!writing)
			st = check_file_conflicts(m, &seen, i, err);
		lz_err e;
		if (!st) {
			lz_status vs;
			if (writing && checked && p->dep < 0)
				vs = record_save_checked(m->s, r, &e);
			else if (writing)
				vs = record_save_in(m->s, r, &e);
			else if (p->dep < 0)
				vs = record_check(m->s, before, r, &e);
			else
				/* A row under a new row of the file is in scope when that row
				 * is; its reference to it is checked when written. */
				vs = record_validate(m->s, r, &e);
			if (vs)
				st = lz_fail(err, vs, _("%s: line %ld: %s"), m->fname, p->line, e.msg);
		}
		if (!st) {
			/* Empty flags are stored as 0: compare them that way. */
			for (int f = 0; f < m->k->nfields; f++)
				if (!r->v[f] && m->k->fields[f].type == KF_BOOL)
					record_set(r, f, "0");
			char *a = before ? record_json(before) : NULL, *b = before ? record_json(r) : NULL;
			if (!before)
				m->res->inserted++;
			else if (a && b && strcmp(a, b) == 0)
				m->res->unchanged++;
			else
				m->res->updated++;
			free(a);
			free(b);
			if (writing)
				p->id = r->id;
			else if (!before)
				p->id = 0;
			else
				p->id = r->id;
		}
		record_free(r);
		record_free(before);
	}
	strmap_free(&seen);
	free(order);
	return st;
}

/* PRAGMA data_version: unchanged on this connection exactly when no other
 * connection has committed in between (SQLite's guarantee; this
 * connection's own commits do not count, and the import makes none between
 * its two passes). Left as is on failure: the caller then checks again. */
static void data_version(session *s, int64_t *v)
{
	lz_err e;
	int64_t x;
	if (db_scalar_int(&s->db, "PRAGMA data_version", -1, &x, &e) == LZ_OK)
		*v = x;
}

lz_status import_bytes(session *s, const kind *k, const char *bytes, size_t len, const char *fname,
		       enc_kind enc, bool dry_run, import_result *res, lz_err *err)
{
	memset(res, 0, sizeof *res);
	if (k->system)
		return lz_fail(err, LZ_USAGE, _("%s records are made by liangze's rules and cannot be imported"), k->zh);
	if (k->owner != KO_ADMIN && (s->role == ROLE_VIEWER || s->role == ROLE_NONE))
		return lz_fail(err, LZ_DENIED, _("account %s is a viewer and may not import"), s->login);
	if (k->owner == KO_ADMIN && s->role != ROLE_ADMIN)
		return lz_fail(err, LZ_DENIED, _("only an administrator may change %s"), _(k->label));
	char *utf8 = NULL;
	size_t ulen = 0;
	lz_status st = enc_to_utf8(bytes, len, enc, fname, &utf8, &ulen, &res->encoding, err);
	if (st)
		return st;
	imp m = { .s = s, .k = k, .fname = fname, .res = res };
	csv_reader *rd = csv_open(utf8, ulen);
	char **cells;
	size_t n;
	long line;
	int rc = rd ? csv_next(rd, &cells, &n, &line, err) : -1;
	if (!rd)
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	else if (rc < 0)
		st = prefix_file(err, fname);
	else if (rc == 0)
		st = lz_fail(err, LZ_BAD, _("%s: the file is empty: it needs a header row naming the columns"), fname);
	if (!st)
		st = map_header(&m, cells, n, err);
	if (!st)
		st = parse_rows(&m, rd, err);
	csv_close(rd);
	free(utf8);
	if (!st && m.nrows == 0)
		st = lz_fail(err, LZ_BAD, _("%s: no data rows below the header"), fname);
	res->rows = m.nrows;
	/* A big file touches many pages of the tables and their indexes: a
	 * larger page cache for this command only (SQLite's default is 2 MB). */
	if (m.nrows > 1000)
		db_exec(&s->db, "PRAGMA cache_size = -131072", err);
	/* Checked in a read snapshot first, so a bad file never takes the write lock. */
	int64_t dv0 = -1, dv1 = -2;
	if (!st && !(st = db_begin_read(&s->db, err))) {
		st = check_rows(&m, 0, 0, err);
		if (!st)
			data_version(s, &dv0);
		db_rollback(&s->db);
	}
	if (!st && !dry_run) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (!(st = db_begin_write(&s->db, err))) {
			data_version(s, &dv1);
			rules_batch_begin(s);
			st = check_rows(&m, 1, dv0 >= 0 && dv0 == dv1, err);
			lz_status rst = rules_batch_end(s, err);
			if (!st)
				st = rst;
			if (st)
				db_rollback(&s->db);
			else
				st = db_commit(&s->db, err);
		}
		/* For the benchmark's "how long is the write lock held". */
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (getenv("LIANGZE_BENCH_LOCK"))
			fprintf(stderr, "write-lock-ms %.1f\n", (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
	}
	free_imp(&m);
	return st;
}

lz_status import_file(session *s, const kind *k, const char *path, enc_kind enc, bool dry_run,
		      import_result *res, lz_err *err)
{
	memset(res, 0, sizeof *res);
	char *buf = NULL;
	size_t len = 0;
	lz_status st = read_whole(path, &buf, &len, err);
	if (st)
		return st;
	st = import_bytes(s, k, buf, len, path, enc, dry_run, res, err);
	free(buf);
	return st;
}
