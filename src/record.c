#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "i18n.h"
#include "rules.h"
#include "sbuf.h"
#include "value.h"

record *record_new(const kind *k)
{
	record *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->k = k;
	r->v = calloc((size_t)k->nfields, sizeof *r->v);
	if (!r->v) {
		free(r);
		return NULL;
	}
	return r;
}

void record_free(record *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->k->nfields; i++)
		free(r->v[i]);
	free(r->v);
	free(r);
}

void record_set(record *r, int i, const char *v)
{
	free(r->v[i]);
	r->v[i] = v && *v ? strdup(v) : NULL;
}

int record_set_named(record *r, const char *name, const char *v)
{
	int i = kind_field_index(r->k, name);
	if (i < 0)
		return 0;
	record_set(r, i, v);
	return 1;
}

const char *record_get_named(const record *r, const char *name)
{
	int i = kind_field_index(r->k, name);
	return i < 0 ? NULL : r->v[i];
}

/* "单位类别 (category)": the Chinese label people see in files, and the field name. */
static const char *where(const kind_field *f, char *buf, size_t n)
{
	snprintf(buf, n, "%s (%s)", f->zh, f->name);
	return buf;
}

/* The statements a kind's records are read and written with, built once
 * per connection (db_cached_tagged): a big import saves a million rows. */
enum { SQL_LOAD, SQL_INSERT, SQL_UPDATE, SQL_EXISTS };

static void build_sql(const void *tag, int slot, sbuf *sql)
{
	const kind *k = tag;
	int n = 0;
	switch (slot) {
	case SQL_LOAD:
		sbuf_add(sql, "SELECT t.id");
		for (int i = 0; i < k->nfields; i++) {
			if (k->fields[i].flags & KF_DERIVED)
				sbuf_printf(sql, ", (%s)", k->fields[i].expr);
			else
				sbuf_printf(sql, ", t.%s", k->fields[i].name);
		}
		sbuf_printf(sql, " FROM %s t WHERE t.id = :id", k->table);
		break;
	case SQL_INSERT:
		sbuf_printf(sql, "INSERT INTO %s(", k->table);
		for (int i = 0; i < k->nfields; i++)
			if (!(k->fields[i].flags & KF_DERIVED))
				sbuf_printf(sql, "%s%s", n++ ? ", " : "", k->fields[i].name);
		sbuf_add(sql, ") VALUES (");
		for (int i = 0; i < n; i++)
			sbuf_add(sql, i ? ", ?" : "?");
		sbuf_add(sql, ")");
		break;
	case SQL_UPDATE:
		sbuf_printf(sql, "UPDATE %s SET ", k->table);
		for (int i = 0; i < k->nfields; i++)
			if (!(k->fields[i].flags & KF_DERIVED))
				sbuf_printf(sql, "%s%s = ?", n++ ? ", " : "", k->fields[i].name);
		sbuf_add(sql, " WHERE id = :id");
		break;
	case SQL_EXISTS:
		sbuf_printf(sql, "SELECT 1 FROM %s WHERE id = ?", k->table);
		break;
	}
}

static lz_status load(session *s, const kind *k, int64_t id, record **out, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_cached_tagged(&s->db, k, SQL_LOAD, build_sql, &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, sqlite3_bind_parameter_index(q, ":id"), id);
	int ti = sqlite3_bind_parameter_index(q, ":today");
	if (ti)
		sqlite3_bind_text(q, ti, s->today, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		record *r = record_new(k);
		if (!r) {
			db_release(&s->db, q);
			return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		}
		r->id = id;
		for (int i = 0; i < k->nfields; i++)
			r->v[i] = value_column(q, i + 1, &k->fields[i]);
		*out = r;
	} else if (rc == SQLITE_DONE) {
		st = lz_fail(err, LZ_BAD, _("no %s record with id %lld"), k->zh, (long long)id);
	} else {
		st = db_error(&s->db, rc, k->zh, err);
	}
	db_release(&s->db, q);
	return st;
}

int record_unit_in_scope(session *s, int64_t unit)
{
	if (!s->scope_unit || s->role == ROLE_ADMIN)
		return 1;
	if (!unit)
		return 0;
	sqlite3_stmt *q;
	lz_err e;
	if (db_cached(&s->db,
		       "WITH RECURSIVE up(id, depth) AS (SELECT ?1, 0 UNION SELECT u.parent, up.depth + 1"
		       " FROM unit u JOIN up ON u.id = up.id WHERE u.parent IS NOT NULL AND up.depth < 64)"
		       " SELECT 1 FROM up WHERE id = ?2", &q, &e))
		return 0;
	sqlite3_bind_int64(q, 1, unit);
	sqlite3_bind_int64(q, 2, s->scope_unit);
	int in = sqlite3_step(q) == SQLITE_ROW;
	db_release(&s->db, q);
	return in;
}

int64_t record_owner_unit(session *s, const record *r)
{
	const char *v;
	switch (r->k->owner) {
	case KO_FIELD:
		v = record_get_named(r, r->k->owner_field);
		return v ? strtoll(v, NULL, 10) : 0;
	case KO_PERSON: {
		v = record_get_named(r, r->k->owner_field);
		int64_t unit = 0;
		sqlite3_stmt *q;
		lz_err e;
		if (!v || db_cached(&s->db, "SELECT unit FROM person WHERE id = ?", &q, &e))
			return 0;
		sqlite3_bind_int64(q, 1, strtoll(v, NULL, 10));
		if (sqlite3_step(q) == SQLITE_ROW)
			unit = sqlite3_column_int64(q, 0);
		db_release(&s->db, q);
		return unit;
	}
	case KO_SELF:
		if (r->id)
			return r->id;
		v = record_get_named(r, "parent");
		return v ? strtoll(v, NULL, 10) : 0;
	case KO_ADMIN:
	case KO_NONE:
		break;
	}
	return 0;
}

static lz_status check_read(session *s, const record *r, lz_err *err)
{
	if (r->k->owner == KO_ADMIN) {
		if (s->role != ROLE_ADMIN)
			return lz_fail(err, LZ_DENIED, _("only an administrator may see %s"), _(r->k->label));
		return LZ_OK;
	}
	if (r->k->owner != KO_NONE && !record_unit_in_scope(s, record_owner_unit(s, r)))
		return lz_fail(err, LZ_BAD, _("no %s record with id %lld"), r->k->zh, (long long)r->id);
	return LZ_OK;
}

lz_status record_get(session *s, const kind *k, int64_t id, record **out, lz_err *err)
{
	record *r = NULL;
	lz_status st = load(s, k, id, &r, err);
	if (st)
		return st;
	if ((st = check_read(s, r, err))) {
		record_free(r);
		return st;
	}
	*out = r;
	return LZ_OK;
}

static lz_status scope_denied(session *s, const kind *k, int64_t unit, lz_err *err)
{
	char name[128] = "";
	if (unit)
		record_display(s, kind_find("unit"), unit, name, sizeof name);
	char scope[128];
	record_display(s, kind_find("unit"), s->scope_unit, scope, sizeof scope);
	if (!*name)
		return lz_fail(err, LZ_DENIED, _("%s: account %s may only write records of %s and the units under it"),
			       k->zh, s->login, scope);
	return lz_fail(err, LZ_DENIED, _("%s: %s is outside the scope of account %s (%s and the units under it)"),
		       k->zh, name, s->login, scope);
}

/* Role and scope, for the record as it was (before, may be NULL) and as it will be. */
lz_status record_check_write(session *s, const record *before, const record *after, lz_err *err)
{
	const kind *k = after->k;
	if (s->role == ROLE_VIEWER || s->role == ROLE_NONE)
		return lz_fail(err, LZ_DENIED, _("%s: account %s is a viewer and may not change records"), k->zh, s->login);
	if (k->owner == KO_ADMIN) {
		if (s->role != ROLE_ADMIN)
			return lz_fail(err, LZ_DENIED, _("only an administrator may change %s"), _(k->label));
		return LZ_OK;
	}
	if (k->owner == KO_NONE)
		return LZ_OK;
	if (before && !record_unit_in_scope(s, record_owner_unit(s, before)))
		return scope_denied(s, k, record_owner_unit(s, before), err);
	if (!record_unit_in_scope(s, record_owner_unit(s, after)))
		return scope_denied(s, k, record_owner_unit(s, after), err);
	if (k->owner == KO_SELF && s->scope_unit && s->role != ROLE_ADMIN) {
		/* Moving a unit elsewhere in the tree would move it out of scope. */
		const char *np = record_get_named(after, "parent");
		const char *op = before ? record_get_named(before, "parent") : NULL;
		int changed = (np == NULL) != (op == NULL) || (np && op && strcmp(np, op));
		if (changed && (!np || !record_unit_in_scope(s, strtoll(np, NULL, 10))))
			return scope_denied(s, k, np ? strtoll(np, NULL, 10) : 0, err);
	}
	return LZ_OK;
}

static lz_status exists(session *s, const kind *k, int64_t id, int *found, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_cached_tagged(&s->db, k, SQL_EXISTS, build_sql, &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	*found = sqlite3_step(q) == SQLITE_ROW;
	db_release(&s->db, q);
	return LZ_OK;
}

/* A unit may not be placed under itself or one of its own descendants. */
static lz_status check_cycle(session *s, const record *r, int i, lz_err *err)
{
	const kind_field *f = &r->k->fields[i];
	char w[128], sql[256];
	if (!r->id || !r->v[i])
		return LZ_OK;
	snprintf(sql, sizeof sql,
		 "WITH RECURSIVE up(id, depth) AS (SELECT ?1, 0 UNION SELECT t.%s, up.depth + 1 FROM %s t"
		 " JOIN up ON t.id = up.id WHERE t.%s IS NOT NULL AND up.depth < 10000) SELECT 1 FROM up WHERE id = ?2",
		 f->name, r->k->table, f->name);
	sqlite3_stmt *q;
	lz_status st = db_cached(&s->db, sql, &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, strtoll(r->v[i], NULL, 10));
	sqlite3_bind_int64(q, 2, r->id);
	int loop = sqlite3_step(q) == SQLITE_ROW;
	db_release(&s->db, q);
	if (loop)
		return lz_fail(err, LZ_BAD, _("%s: a record cannot be placed under itself or under one of the records below it"), where(f, w, sizeof w));
	return LZ_OK;
}

static lz_status check_unique(session *s, const record *r, int i, lz_err *err)
{
	const kind_field *f = &r->k->fields[i];
	char sql[256], w[128];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s = ? AND id <> ?", r->k->table, f->name);
	sqlite3_stmt *q;
	lz_status st = db_cached(&s->db, sql, &q, err);
	if (st)
		return st;
	value_bind(q, 1, f, r->v[i]);
	sqlite3_bind_int64(q, 2, r->id);
	int64_t other = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	db_release(&s->db, q);
	if (other) {
		char name[128];
		record_display(s, r->k, other, name, sizeof name);
		return lz_fail(err, LZ_BAD, _("%s: '%s' is already used by %s (id %lld)"),
			       where(f, w, sizeof w), r->v[i], name, (long long)other);
	}
	return LZ_OK;
}

/* Brings every value to canonical form and checks it against the descriptor. */
lz_status record_validate(session *s, record *r, lz_err *err)
{
	const kind *k = r->k;
	char w[128];
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *f = &k->fields[i];
		lz_status st;
		if (f->flags & KF_DERIVED)
			continue;
		if (r->v[i] && f->type != KF_REF) {
			char *canon = NULL;
			lz_err e;
			if (kind_parse_value(f, r->v[i], &canon, &e))
				return lz_fail(err, LZ_BAD, "%s: %s", where(f, w, sizeof w), e.msg);
			free(r->v[i]);
			r->v[i] = canon;
		}
		if (!r->v[i]) {
			if (f->flags & KF_REQUIRED)
				return lz_fail(err, LZ_BAD, _("%s: a value is required"), where(f, w, sizeof w));
			continue;
		}
		if (f->type == KF_REF) {
			const kind *rk = kind_find(f->ref);
			char *end;
			long long id = strtoll(r->v[i], &end, 10);
			int found = 0;
			if (*end || id <= 0 || !rk)
				return lz_fail(err, LZ_BAD, _("%s: '%s' is not a record id"), where(f, w, sizeof w), r->v[i]);
			if ((st = exists(s, rk, id, &found, err)))
				return st;
			if (!found)
				return lz_fail(err, LZ_BAD, _("%s: no %s record with id %lld"), where(f, w, sizeof w), rk->zh, id);
			if (rk == k && (st = check_cycle(s, r, i, err)))
				return st;
		}
		if ((f->flags & KF_UNIQUE) && (st = check_unique(s, r, i, err)))
			return st;
	}
	return LZ_OK;
}

char *record_json(const record *r)
{
	sbuf b = { 0 };
	sbuf_add(&b, "{");
	int n = 0;
	for (int i = 0; i < r->k->nfields; i++) {
		/* Worked-out values change with the date, not with a save. */
		if (r->k->fields[i].flags & KF_DERIVED)
			continue;
		if (n++)
			sbuf_add(&b, ",");
		sbuf_json_str(&b, r->k->fields[i].name);
		sbuf_add(&b, ":");
		sbuf_json_str(&b, r->v[i]);
	}
	sbuf_add(&b, "}");
	return sbuf_take(&b);
}

static lz_status write_row(session *s, record *r, lz_err *err)
{
	const kind *k = r->k;
	sqlite3_stmt *q;
	lz_status st = db_cached_tagged(&s->db, k, r->id ? SQL_UPDATE : SQL_INSERT, build_sql, &q, err);
	if (st)
		return st;
	int p = 1;
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *f = &k->fields[i];
		if (f->flags & KF_DERIVED)
			continue;
		/* Flags are NOT NULL in the schema: an empty yes/no means no. */
		value_bind(q, p++, f, !r->v[i] && f->type == KF_BOOL ? "0" : r->v[i]);
	}
	if (r->id)
		sqlite3_bind_int64(q, sqlite3_bind_parameter_index(q, ":id"), r->id);
	int rc = sqlite3_step(q);
	db_release(&s->db, q);
	if (rc != SQLITE_DONE)
		return db_error(&s->db, rc, k->zh, err);
	if (r->id == 0)
		r->id = sqlite3_last_insert_rowid(s->db.h);
	return LZ_OK;
}

/* r as value_column will read it back after write_row bound it: decimals
 * and whole numbers go through their stored integers, text is kept as is
 * (every text field has a TEXT column). */
static record *stored_copy(const record *r)
{
	record *c = record_new(r->k);
	if (!c)
		return NULL;
	c->id = r->id;
	for (int i = 0; i < r->k->nfields; i++) {
		const kind_field *f = &r->k->fields[i];
		const char *v = r->v[i];
		char buf[32];
		if (!v || (f->flags & KF_DERIVED))
			continue;
		if (f->type == KF_DEC) {
			c->v[i] = value_hundredths_text(value_hundredths(v));
			continue;
		}
		if (f->type == KF_INT || f->type == KF_YEAR || f->type == KF_BOOL || f->type == KF_REF) {
			snprintf(buf, sizeof buf, "%lld", strtoll(v, NULL, 10));
			v = buf;
		}
		record_set(c, i, v);
	}
	return c;
}

/* Empty flags read back as "0": compare like with like in the audit row. */
static void fill_bool_defaults(record *r)
{
	for (int i = 0; i < r->k->nfields; i++)
		if (!r->v[i] && r->k->fields[i].type == KF_BOOL)
			r->v[i] = strdup("0");
}

lz_status record_check(session *s, const record *before, record *r, lz_err *err)
{
	lz_status st;
	if (r->k->prepare && (st = r->k->prepare(s, r, err)))
		return st;
	if ((st = record_check_write(s, before, r, err)) || (st = record_validate(s, r, err)))
		return st;
	if (r->k->validate && (st = r->k->validate(s, before, r, err)))
		return st;
	return LZ_OK;
}

/* checked: record_check already passed on these values in a snapshot that
 * no other connection has changed since; only what the kind fills in and
 * its own checks run again (they may depend on rows written since). */
static lz_status save(session *s, record *r, int checked, const record *given, lz_err *err)
{
	record *loaded = NULL;
	const record *before = given;
	lz_status st = LZ_OK;
	/* Checked saves come with the stored record their checks saw. */
	if (!checked && r->id && (st = load(s, r->k, r->id, &loaded, err)))
		return st;
	if (!checked)
		before = loaded;
	if (!checked)
		st = record_check(s, before, r, err);
	else if (!(r->k->prepare && (st = r->k->prepare(s, r, err))) && r->k->validate)
		st = r->k->validate(s, before, r, err);
	if (st)
		goto out;
	fill_bool_defaults(r);
	int insert = r->id == 0;
	if ((st = write_row(s, r, err)))
		goto out;
	/* The audit row must hold exactly what verify will read from the table
	 * later: the row as stored, worked out from what was bound (reading it
	 * back cost a query per save; no trigger rewrites a record's row). */
	record *stored = stored_copy(r);
	if (!stored) {
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		goto out;
	}
	char *bj = before ? record_json(before) : NULL;
	char *aj = record_json(stored);
	record_free(stored);
	if (bj && aj && strcmp(bj, aj) == 0) {
		/* Nothing changed: no audit row, no rules. */
		free(bj);
		free(aj);
		goto out;
	}
	st = audit_write(s, r->k->name, r->id, insert ? "insert" : "update", bj, aj, err);
	free(bj);
	free(aj);
	if (st == LZ_OK)
		st = rules_after_save(s, r->k, r->id, err);
out:
	record_free(loaded);
	return st;
}

lz_status record_save_in(session *s, record *r, lz_err *err)
{
	return save(s, r, 0, NULL, err);
}

lz_status record_save_checked(session *s, const record *before, record *r, lz_err *err)
{
	return save(s, r, 1, before, err);
}

lz_status record_save(session *s, record *r, lz_err *err)
{
	int64_t id0 = r->id;
	lz_status st = db_begin_write(&s->db, err);
	if (st)
		return st;
	if ((st = record_save_in(s, r, err))) {
		db_rollback(&s->db);
		r->id = id0;
		return st;
	}
	if ((st = db_commit(&s->db, err)))
		r->id = id0;
	return st;
}

/* Refuses to delete a record other records still point at, naming them. */
static lz_status check_unreferenced(session *s, const record *r, lz_err *err)
{
	char name[128];
	for (int ki = 0; kind_all[ki]; ki++) {
		const kind *ok = kind_all[ki];
		for (int i = 0; i < ok->nfields; i++) {
			const kind_field *f = &ok->fields[i];
			if (f->type != KF_REF || strcmp(f->ref, r->k->name) != 0)
				continue;
			char sql[256];
			snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s = ?", ok->table, f->name);
			sqlite3_stmt *q;
			lz_status st = db_cached(&s->db, sql, &q, err);
			if (st)
				return st;
			sqlite3_bind_int64(q, 1, r->id);
			int64_t n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
			db_release(&s->db, q);
			if (n) {
				record_display(s, r->k, r->id, name, sizeof name);
				return lz_fail(err, LZ_BAD, _("cannot delete %s: %lld %s record(s) refer to it in %s"),
					       name, (long long)n, ok->zh, f->zh);
			}
		}
	}
	return LZ_OK;
}

static lz_status may_delete(session *s, const record *before, lz_err *err)
{
	const kind *k = before->k;
	lz_status st;
	if (k->system) /* Rules keep their items for good; a wrong one is dismissed, not deleted. */
		return lz_fail(err, LZ_DENIED, _("%s records are kept for good: dismiss one instead of deleting it"),
			       kind_title(k));
	if ((st = record_check_write(s, before, before, err)) || (st = check_unreferenced(s, before, err)))
		return st;
	return k->may_delete ? k->may_delete(s, before, err) : LZ_OK;
}

lz_status record_check_delete(session *s, const kind *k, int64_t id, lz_err *err)
{
	record *before = NULL;
	lz_status st = load(s, k, id, &before, err);
	if (!st)
		st = may_delete(s, before, err);
	record_free(before);
	return st;
}

lz_status record_delete_in(session *s, const kind *k, int64_t id, lz_err *err)
{
	record *before = NULL;
	lz_status st = load(s, k, id, &before, err);
	if (st)
		return st;
	if ((st = may_delete(s, before, err)))
		goto out;
	char sql[128];
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?", k->table);
	sqlite3_stmt *q;
	if ((st = db_cached(&s->db, sql, &q, err)))
		goto out;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	db_release(&s->db, q);
	if (rc != SQLITE_DONE) {
		st = db_error(&s->db, rc, k->zh, err);
		goto out;
	}
	char *bj = record_json(before);
	st = audit_write(s, k->name, id, "delete", bj, NULL, err);
	free(bj);
	if (st == LZ_OK)
		st = rules_after_save(s, k, id, err);
out:
	record_free(before);
	return st;
}

lz_status record_delete(session *s, const kind *k, int64_t id, lz_err *err)
{
	lz_status st = db_begin_write(&s->db, err);
	if (st)
		return st;
	if ((st = record_delete_in(s, k, id, err))) {
		db_rollback(&s->db);
		return st;
	}
	return db_commit(&s->db, err);
}
