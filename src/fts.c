#include "fts.h"

#include <stdio.h>
#include <string.h>

#include "fts_tok.h"
#include "i18n.h"
#include "sbuf.h"

bool fts_kind_indexed(const kind *k)
{
	int n = 0;
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *f = &k->fields[i];
		if (!(f->flags & KF_SEARCH))
			continue;
		if (f->flags & KF_DERIVED)
			return false;
		if (f->type != KF_REF)
			n++;
	}
	return n > 0;
}

/* The comma-separated names of the fields the index holds: the descriptor's
 * signature, kept in fts_meta to notice a change. */
static void field_list(const kind *k, sbuf *b)
{
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *f = &k->fields[i];
		if ((f->flags & KF_SEARCH) && f->type != KF_REF)
			sbuf_printf(b, "%s%s", b->len ? "," : "", f->name);
	}
}

/* The indexed text of a row of k (alias t): its fields, one per line. */
static void body_sql(const kind *k, sbuf *b)
{
	int n = 0;
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *f = &k->fields[i];
		if ((f->flags & KF_SEARCH) && f->type != KF_REF)
			sbuf_printf(b, "%scoalesce(t.%s, '')", n++ ? " || char(10) || " : "", f->name);
	}
}

static const kind *kind_by_table(const char *table)
{
	for (int i = 0; kind_all[i]; i++)
		if (strcmp(kind_all[i]->table, table) == 0)
			return kind_all[i];
	return NULL;
}

static lz_status exec_bound(db_conn *c, const char *sql, const char *tbl, lz_err *err)
{
	sqlite3_stmt *st;
	lz_status s = db_prepare(c, sql, &st, err);
	if (s)
		return s;
	if (tbl)
		sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LZ_OK : db_error(c, rc, _("search index"), err);
}

/* Reindexes the noted rows of one kind: set-wise, two statements. */
static lz_status flush_kind(db_conn *c, const kind *k, lz_err *err)
{
	sbuf sql = { 0 };
	sbuf_printf(&sql, "DELETE FROM fts_%s WHERE rowid IN (SELECT id FROM fts_dirty WHERE tbl = ?1 AND fresh = 0)",
		    k->table);
	lz_status s = exec_bound(c, sbuf_str(&sql), k->table, err);
	sbuf_reset(&sql);
	sbuf_printf(&sql, "INSERT INTO fts_%s(rowid, body) SELECT t.id, ", k->table);
	body_sql(k, &sql);
	sbuf_printf(&sql, " FROM %s t WHERE t.id IN (SELECT id FROM fts_dirty WHERE tbl = ?1)", k->table);
	if (!s)
		s = sql.oom ? lz_fail(err, LZ_INTERNAL, "%s", _("out of memory")) : exec_bound(c, sbuf_str(&sql), k->table, err);
	sbuf_free(&sql);
	return s;
}

lz_status fts_flush(db_conn *c, lz_err *err)
{
	sqlite3_stmt *st;
	/* Before migration 0007 there is nothing to flush. */
	if (sqlite3_prepare_v2(c->h, "SELECT DISTINCT tbl FROM fts_dirty", -1, &st, NULL) != SQLITE_OK)
		return LZ_OK;
	char tables[64][64];
	int n = 0, rc;
	while (n < 64 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(tables[n++], sizeof tables[0], "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (n == 0)
		return LZ_OK;
	lz_status s = LZ_OK;
	for (int i = 0; i < n && !s; i++) {
		const kind *k = kind_by_table(tables[i]);
		if (k && fts_kind_indexed(k))
			s = flush_kind(c, k, err);
	}
	return s ? s : exec_bound(c, "DELETE FROM fts_dirty", NULL, err);
}

/* The trigger noting k's new rows for the next flush. */
static void ins_trigger(const kind *k, sbuf *sql)
{
	const char *t = k->table;
	sbuf_printf(sql, "CREATE TRIGGER fts_%s_ins AFTER INSERT ON %s BEGIN"
		    " INSERT OR IGNORE INTO fts_dirty(tbl, id, fresh) VALUES ('%s', new.id, 1); END;", t, t, t);
}

lz_status fts_bulk_begin(db_conn *c, const kind *k, int64_t *mark, lz_err *err)
{
	*mark = -1;
	if (!fts_kind_indexed(k))
		return LZ_OK;
	sbuf sql = { 0 };
	int64_t has = 0;
	sbuf_printf(&sql, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'fts_%s_ins'", k->table);
	lz_status s = db_scalar_int(c, sbuf_str(&sql), 0, &has, err);
	if (!s && has) {
		sbuf_reset(&sql);
		sbuf_printf(&sql, "SELECT coalesce(max(id), 0) FROM %s", k->table);
		s = db_scalar_int(c, sbuf_str(&sql), 0, mark, err);
		sbuf_reset(&sql);
		sbuf_printf(&sql, "DROP TRIGGER fts_%s_ins", k->table);
		if (!s)
			s = db_exec(c, sbuf_str(&sql), err);
		if (s)
			*mark = -1;
	}
	sbuf_free(&sql);
	return s;
}

lz_status fts_bulk_end(db_conn *c, const kind *k, int64_t mark, lz_err *err)
{
	if (mark < 0)
		return LZ_OK;
	sbuf sql = { 0 };
	sbuf_printf(&sql, "INSERT INTO fts_%s(rowid, body) SELECT t.id, ", k->table);
	body_sql(k, &sql);
	sbuf_printf(&sql, " FROM %s t WHERE t.id > %lld;", k->table, (long long)mark);
	ins_trigger(k, &sql);
	lz_status s = sql.oom ? lz_fail(err, LZ_INTERNAL, "%s", _("out of memory")) : db_exec(c, sbuf_str(&sql), err);
	sbuf_free(&sql);
	return s;
}

/* Drops and makes kind k's index table and triggers, noting every row. */
static lz_status rebuild_kind(db_conn *c, const kind *k, lz_err *err)
{
	const char *t = k->table;
	sbuf sql = { 0 }, fields = { 0 };
	field_list(k, &fields);
	sbuf_printf(&sql,
		    "DROP TABLE IF EXISTS fts_%s;"
		    "CREATE VIRTUAL TABLE fts_%s USING fts5(body, tokenize = 'lz', detail = 'none', columnsize = 0);"
		    "DROP TRIGGER IF EXISTS fts_%s_ins;"
		    "DROP TRIGGER IF EXISTS fts_%s_upd;"
		    "CREATE TRIGGER fts_%s_upd AFTER UPDATE ON %s BEGIN"
		    " INSERT OR REPLACE INTO fts_dirty(tbl, id, fresh) VALUES ('%s', old.id, 0);"
		    " INSERT OR IGNORE INTO fts_dirty(tbl, id, fresh) VALUES ('%s', new.id, 0); END;"
		    "DROP TRIGGER IF EXISTS fts_%s_del;"
		    "CREATE TRIGGER fts_%s_del AFTER DELETE ON %s BEGIN"
		    " INSERT OR REPLACE INTO fts_dirty(tbl, id, fresh) VALUES ('%s', old.id, 0); END;"
		    "DELETE FROM fts_dirty WHERE tbl = '%s';"
		    "INSERT INTO fts_dirty(tbl, id, fresh) SELECT '%s', id, 1 FROM %s;",
		    t, t, t, t, t, t, t, t, t, t, t, t, t, t, t);
	ins_trigger(k, &sql);
	lz_status s = sql.oom || fields.oom ? lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"))
					   : db_exec(c, sbuf_str(&sql), err);
	sqlite3_stmt *st;
	if (!s && !(s = db_prepare(c, "INSERT OR REPLACE INTO fts_meta(tbl, fields) VALUES (?1, ?2)", &st, err))) {
		sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, sbuf_str(&fields), -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			s = db_error(c, rc, _("search index"), err);
	}
	sbuf_free(&sql);
	sbuf_free(&fields);
	return s;
}

/* Whether fts_meta says k's index holds exactly the descriptor's fields. */
static bool meta_matches(sqlite3_stmt *q, const kind *k)
{
	sbuf fields = { 0 };
	field_list(k, &fields);
	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, k->table, -1, SQLITE_STATIC);
	bool ok = sqlite3_step(q) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(q, 0), sbuf_str(&fields)) == 0;
	sbuf_free(&fields);
	return ok;
}

lz_status fts_ensure(session *s, lz_err *err)
{
	db_conn *c = &s->db;
	s->fts = false;
	sqlite3_stmt *q;
	if (db_prepare(c, "SELECT fields FROM fts_meta WHERE tbl = ?1", &q, err))
		return LZ_OK; /* no migration 0007: search scans */
	bool all = true;
	for (int i = 0; kind_all[i] && all; i++)
		if (fts_kind_indexed(kind_all[i]) && !meta_matches(q, kind_all[i]))
			all = false;
	sqlite3_finalize(q);
	if (all) {
		s->fts = true;
		c->before_commit = fts_flush;
		return LZ_OK;
	}
	c->before_commit = fts_flush;
	lz_status st = db_begin_write(c, err);
	if (!st && (st = db_prepare(c, "SELECT fields FROM fts_meta WHERE tbl = ?1", &q, err)))
		db_rollback(c);
	if (st) {
		c->before_commit = NULL;
		return st;
	}
	/* Checked again under the lock: another session may have built it. */
	for (int i = 0; kind_all[i] && !st; i++)
		if (fts_kind_indexed(kind_all[i]) && !meta_matches(q, kind_all[i]))
			st = rebuild_kind(c, kind_all[i], err);
	sqlite3_finalize(q);
	if (st) {
		db_rollback(c);
		c->before_commit = NULL;
		return st;
	}
	if ((st = db_commit(c, err))) {
		c->before_commit = NULL;
		return st;
	}
	s->fts = true;
	return LZ_OK;
}

typedef struct expr_buf {
	char *out;
	size_t n, len;
	int count;
	char seen[32][16];
} expr_buf;

static int add_token(void *arg, const char *tok, int n, int start, int end)
{
	(void)start;
	(void)end;
	expr_buf *b = arg;
	if (n >= (int)sizeof b->seen[0])
		return 0;
	for (int i = 0; i < b->count; i++)
		if ((int)strlen(b->seen[i]) == n && memcmp(b->seen[i], tok, (size_t)n) == 0)
			return 0;
	/* A few tokens narrow enough; the exact instr() check does the rest. */
	if (b->count == 32 || b->len + (size_t)n + 4 >= b->n)
		return 1;
	memcpy(b->seen[b->count], tok, (size_t)n);
	b->seen[b->count][n] = '\0';
	b->count++;
	b->len += (size_t)snprintf(b->out + b->len, b->n - b->len, "%s\"%.*s\"", b->len ? " " : "", n, tok);
	return 0;
}

int fts_match_expr(const char *q, char *out, size_t n)
{
	expr_buf b = { .out = out, .n = n };
	if (n)
		out[0] = '\0';
	fts_tok_each(q, (int)strlen(q), add_token, &b);
	return b.count;
}
