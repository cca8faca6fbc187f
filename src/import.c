#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bulk_index.h"
#include "csv.h"
#include "fts.h"
#include "import_priv.h"
#include "i18n.h"
#include "record.h"
#include "rules.h"
#include "sbuf.h"
#include "strmap.h"

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

/* Builds the record row i (read into m->v) will become: the stored record
 * (if its key matches) with the file's columns laid over it, references
 * resolved. known: the checking pass found which record the row names and
 * nobody has written since, so it is not looked up again. keysig (if not
 * NULL) receives the record's key, for finding a record named twice. */
static lz_status build(imp *m, long i, bool known, record **out, record **before, sbuf *keysig, lz_err *err)
{
	const kind *k = m->k;
	prow *p = &m->rows[i];
	record *r = record_new(k);
	lz_status st = LZ_OK;
	*before = NULL;
	if (!r)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	/* The values move into the record: the row is read again when needed. */
	for (int f = 0; f < k->nfields; f++) {
		r->v[f] = m->v[f];
		m->v[f] = NULL;
	}
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
		if (fd->type != KF_REF || !r->v[f])
			continue;
		const kind *rk = kind_find(fd->ref);
		int64_t id = 0;
		lz_err e;
		sbuf rkey = { 0 };
		long cached = 0;
		if (rk != k)
			sbuf_printf(&rkey, "%s\x1f%lld\x1f%s", rk->name, (long long)prefer, r->v[f]);
		if (rk == k && p->dep >= 0 && p->dep_field == f) {
			id = m->rows[p->dep].id;
		} else if (rk != k && !rkey.oom && strmap_get(&m->refs, sbuf_str(&rkey), &cached)) {
			id = cached;
		} else if (record_resolve(m->s, rk, r->v[f], prefer, &id, &e) == LZ_OK) {
			/* The import writes only k's records: another kind's name
			 * resolves the same way for the rest of the pass. */
			if (rk != k && !rkey.oom)
				strmap_put(&m->refs, sbuf_str(&rkey), (long)id);
		} else {
			int j = rk == k ? import_file_row_named(m, r->v[f]) : -1;
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
	int64_t existing = known ? p->id : 0;
	for (int key = 0; !known && key < KIND_MAX_KEYS && k->keys[key][0]; key++) {
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
		if (keysig) {
			sbuf_printf(keysig, "%d", key);
			for (const char *const *kf = k->keys[key]; *kf; kf++)
				sbuf_printf(keysig, "\x1f%s", record_get_named(r, *kf));
		}
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
static lz_status check_file_conflicts(imp *m, strmap *seen, long i, const record *r, const sbuf *keysig,
				      lz_err *err)
{
	prow *p = &m->rows[i];
	long j;
	sbuf key = { 0 };
	lz_status st = LZ_OK;
	if (keysig->len) {
		sbuf_printf(&key, "k%s", sbuf_str(keysig));
		if (strmap_get(seen, sbuf_str(&key), &j))
			st = lz_fail(err, LZ_BAD, _("%s: line %ld names the same record as line %ld"), m->fname,
				     p->line, m->rows[j].line);
		else if (!strmap_put(seen, sbuf_str(&key), i))
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	for (int f = 0; f < m->k->nfields && !st; f++) {
		const kind_field *fd = &m->k->fields[f];
		if (!(fd->flags & KF_UNIQUE) || fd->type == KF_REF || m->field_col[f] < 0 || !r->v[f])
			continue;
		sbuf_reset(&key);
		sbuf_printf(&key, "u%d\x1f%s", f, r->v[f]);
		if (strmap_get(seen, sbuf_str(&key), &j))
			st = lz_fail(err, LZ_BAD, _("%s: line %ld, %s (%s): '%s' is also on line %ld"), m->fname,
				     p->line, fd->zh, fd->name, r->v[f], m->rows[j].line);
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
	sbuf keysig = { 0 };
	for (long oi = 0; oi < no && !st; oi++) {
		long i = order[oi];
		prow *p = &m->rows[i];
		record *r = NULL, *before = NULL;
		/* Rows under a new row of the file are checked in full when written. */
		bool known = writing && checked && p->dep < 0;
		if (!writing)
			p->id = 0;
		sbuf_reset(&keysig);
		if ((st = import_read_row(m, i, err)) || (st = build(m, i, known, &r, &before, writing ? NULL : &keysig, err)))
			break;
		if (!writing)
			st = check_file_conflicts(m, &seen, i, r, &keysig, err);
		lz_err e;
		if (!st) {
			lz_status vs;
			if (known)
				vs = record_save_checked(m->s, before, r, &e);
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
			if (!before) {
				m->res->inserted++;
			} else {
				/* Empty flags are stored as 0: compare them that way. */
				for (int f = 0; f < m->k->nfields; f++)
					if (!r->v[f] && m->k->fields[f].type == KF_BOOL)
						record_set(r, f, "0");
				char *a = record_json(before), *b = record_json(r);
				if (a && b && strcmp(a, b) == 0)
					m->res->unchanged++;
				else
					m->res->updated++;
				free(a);
				free(b);
			}
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
	sbuf_free(&keysig);
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

/* LIANGZE_STATS=1: how long each step of an import took, one
 * "lz-stats import STEP MS" line each (for the benchmarks). */
static void stat_step(const char *step, struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (getenv("LIANGZE_STATS"))
		fprintf(stderr, "lz-stats import %s %.1f\n", step,
			(t1.tv_sec - t0->tv_sec) * 1e3 + (t1.tv_nsec - t0->tv_nsec) / 1e6);
	*t0 = t1;
}

/* Whether the import should set the table's secondary indexes aside and
 * build them again at the end: when it adds at least as many rows as the
 * table holds (and enough for it to matter). Sorting a million keys into a
 * fresh index is several times cheaper than a million inserts at random
 * places of one (bench/README.md). */
static bool worth_bulk(imp *m)
{
	if (m->res->inserted < 10000)
		return false;
	char sql[128];
	int64_t n = 0;
	lz_err e;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", m->k->table);
	return db_scalar_int(&m->s->db, sql, -1, &n, &e) == LZ_OK && m->res->inserted >= n;
}

/* The two passes over the UTF-8 text: checking in a read snapshot, then
 * writing under the write lock. */
static lz_status run(imp *m, const char *utf8, size_t ulen, bool dry_run, lz_err *err)
{
	session *s = m->s;
	char **cells;
	size_t n;
	long line;
	lz_status st = LZ_OK;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	m->rd = csv_open(utf8, ulen);
	m->v = calloc((size_t)m->k->nfields, sizeof *m->v);
	m->self_ref = import_self_referring(m->k);
	int rc = m->rd && m->v ? csv_next(m->rd, &cells, &n, &line, err) : -1;
	if (!m->rd || !m->v)
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	else if (rc < 0)
		st = import_prefix_file(err, m->fname);
	else if (rc == 0)
		st = lz_fail(err, LZ_BAD, _("%s: the file is empty: it needs a header row naming the columns"), m->fname);
	if (!st)
		st = import_map_header(m, cells, n, err);
	if (!st)
		st = import_index_rows(m, err);
	if (!st && m->nrows == 0)
		st = lz_fail(err, LZ_BAD, _("%s: no data rows below the header"), m->fname);
	m->res->rows = m->nrows;
	stat_step("rows", &ts);
	/* A big file touches many pages of the tables and their indexes: a
	 * larger page cache for this command only (SQLite's default is 2 MB). */
	if (m->nrows > 1000)
		db_exec(&s->db, "PRAGMA cache_size = -131072", err);
	/* Checked in a read snapshot first, so a bad file never takes the write lock. */
	int64_t dv0 = -1, dv1 = -2;
	if (!st && !(st = db_begin_read(&s->db, err))) {
		st = check_rows(m, 0, 0, err);
		if (!st)
			data_version(s, &dv0);
		db_rollback(&s->db);
		stat_step("check", &ts);
	}
	if (!st && !dry_run) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (!(st = db_begin_write(&s->db, err))) {
			data_version(s, &dv1);
			bulk_index set = { 0 };
			int64_t fts_mark = -1;
			stat_step("lock", &ts);
			if (worth_bulk(m) && !(st = bulk_index_drop(&s->db, m->k, &set, err)))
				st = fts_bulk_begin(&s->db, m->k, &fts_mark, err);
			if (getenv("LIANGZE_STATS"))
				fprintf(stderr, "lz-stats import indexes-set-aside %d\n", set.n);
			rules_batch_begin(s);
			if (!st)
				st = check_rows(m, 1, dv0 >= 0 && dv0 == dv1, err);
			stat_step("write", &ts);
			/* The indexes are back before the rules run over the table. */
			if (!st)
				st = bulk_index_restore(&s->db, &set, err);
			bulk_index_free(&set);
			stat_step("indexes", &ts);
			if (!st)
				st = fts_bulk_end(&s->db, m->k, fts_mark, err);
			stat_step("search-index", &ts);
			lz_status rst = rules_batch_end(s, err);
			if (!st)
				st = rst;
			stat_step("rules", &ts);
			if (st)
				db_rollback(&s->db);
			else
				st = db_commit(&s->db, err);
			stat_step("commit", &ts);
		}
		/* For the benchmark's "how long is the write lock held". */
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (getenv("LIANGZE_BENCH_LOCK"))
			fprintf(stderr, "write-lock-ms %.1f\n", (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
	}
	csv_close(m->rd);
	m->rd = NULL;
	return st;
}

static lz_status may_import(session *s, const kind *k, lz_err *err)
{
	if (k->system)
		return lz_fail(err, LZ_USAGE, _("%s records are made by liangze's rules and cannot be imported"), k->zh);
	if (k->owner != KO_ADMIN && (s->role == ROLE_VIEWER || s->role == ROLE_NONE))
		return lz_fail(err, LZ_DENIED, _("account %s is a viewer and may not import"), s->login);
	if (k->owner == KO_ADMIN && s->role != ROLE_ADMIN)
		return lz_fail(err, LZ_DENIED, _("only an administrator may change %s"), _(k->label));
	return LZ_OK;
}

/* Converts *bytes (freed here when owned, as soon as it is converted: a big
 * file is not held twice) and imports the text. */
static lz_status import_owned(session *s, const kind *k, char *owned, const char *bytes, size_t len,
			      const char *fname, enc_kind enc, bool dry_run, import_result *res, lz_err *err)
{
	memset(res, 0, sizeof *res);
	lz_status st = may_import(s, k, err);
	char *utf8 = NULL;
	size_t ulen = 0;
	if (!st)
		st = enc_to_utf8(bytes, len, enc, fname, &utf8, &ulen, &res->encoding, err);
	free(owned);
	if (st)
		return st;
	imp m = { .s = s, .k = k, .fname = fname, .res = res };
	st = run(&m, utf8, ulen, dry_run, err);
	import_free(&m);
	free(utf8);
	return st;
}

lz_status import_bytes(session *s, const kind *k, const char *bytes, size_t len, const char *fname,
		       enc_kind enc, bool dry_run, import_result *res, lz_err *err)
{
	return import_owned(s, k, NULL, bytes, len, fname, enc, dry_run, res, err);
}

lz_status import_file(session *s, const kind *k, const char *path, enc_kind enc, bool dry_run,
		      import_result *res, lz_err *err)
{
	memset(res, 0, sizeof *res);
	lz_status st = may_import(s, k, err);
	char *buf = NULL;
	size_t len = 0;
	if (!st)
		st = import_read_whole(path, &buf, &len, err);
	if (st)
		return st;
	return import_owned(s, k, buf, buf, len, path, enc, dry_run, res, err);
}
