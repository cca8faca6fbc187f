#include "undelete.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "history.h"
#include "i18n.h"
#include "record.h"
#include "rules.h"
#include "sbuf.h"
#include "value.h"

/* The values the last audit row of (k, id) keeps, when that row is a delete. */
static lz_status last_state(session *s, const kind *k, int64_t id, record **out, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
		"SELECT action, before FROM audit WHERE kind = ? AND record_id = ? ORDER BY id DESC LIMIT 1", &q, err);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, k->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_DONE) {
		st = lz_fail(err, LZ_BAD, _("the audit trail knows no %s #%lld"), kind_title(k), (long long)id);
	} else if (rc != SQLITE_ROW) {
		st = db_error(&s->db, rc, _("reading the audit trail"), err);
	} else if (strcmp((const char *)sqlite3_column_text(q, 0), "delete") != 0 ||
		   sqlite3_column_type(q, 1) != SQLITE_TEXT) {
		st = lz_fail(err, LZ_BAD, _("%s #%lld was not deleted: its last change is '%s'"), kind_title(k),
			     (long long)id, history_action_title((const char *)sqlite3_column_text(q, 0)));
	} else {
		sqlite3_stmt *j;
		record *r = record_new(k);
		if (!r)
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		else if (!(st = db_prepare(&s->db, "SELECT key, value FROM json_each(?)", &j, err))) {
			sqlite3_bind_value(j, 1, sqlite3_column_value(q, 1));
			while ((rc = sqlite3_step(j)) == SQLITE_ROW) {
				/* Fields the kind no longer has are dropped; new ones stay empty. */
				record_set_named(r, (const char *)sqlite3_column_text(j, 0),
						 (const char *)sqlite3_column_text(j, 1));
			}
			if (rc != SQLITE_DONE)
				st = lz_fail(err, LZ_DAMAGE, _("the audit row of %s #%lld cannot be read"), kind_title(k),
					     (long long)id);
			sqlite3_finalize(j);
		}
		if (st) {
			record_free(r);
		} else {
			r->id = id;
			*out = r;
		}
	}
	sqlite3_finalize(q);
	return st;
}

/* INSERT with the record's own id: ids are never handed out twice, so the
 * old one is free, and the audit trail and printed ledgers still name it. */
static lz_status insert_with_id(session *s, const record *r, lz_err *err)
{
	const kind *k = r->k;
	sbuf sql = { 0 };
	int n = 0;
	sbuf_printf(&sql, "INSERT INTO %s(id", k->table);
	for (int i = 0; i < k->nfields; i++)
		if (!(k->fields[i].flags & KF_DERIVED)) {
			sbuf_printf(&sql, ", %s", k->fields[i].name);
			n++;
		}
	sbuf_add(&sql, ") VALUES (?");
	for (int i = 0; i < n; i++)
		sbuf_add(&sql, ", ?");
	sbuf_add(&sql, ")");
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, sbuf_str(&sql), &q, err);
	sbuf_free(&sql);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, r->id);
	int p = 2;
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *f = &k->fields[i];
		if (!(f->flags & KF_DERIVED))
			value_bind(q, p++, f, !r->v[i] && f->type == KF_BOOL ? "0" : r->v[i]);
	}
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? LZ_OK : db_error(&s->db, rc, kind_title(k), err);
}

static lz_status undelete_in(session *s, const kind *k, int64_t id, lz_err *err)
{
	int64_t n = 0;
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE id = %lld", k->table, (long long)id);
	lz_status st = db_scalar_int(&s->db, sql, 0, &n, err);
	if (st)
		return st;
	if (n)
		return lz_fail(err, LZ_BAD, _("%s #%lld exists: there is nothing to undelete"), kind_title(k), (long long)id);
	record *r = NULL, *was = NULL;
	if ((st = last_state(s, k, id, &r, err)))
		return st;
	/* The record is compared with itself as it was, so that checks of a
	 * change (stage order …) see none; references and unique values are
	 * checked against the database as it is now. */
	if (!(was = record_new(k))) {
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		goto out;
	}
	was->id = id;
	for (int i = 0; i < k->nfields; i++)
		record_set(was, i, r->v[i]);
	lz_err why;
	if ((st = record_check(s, was, r, &why))) {
		st = lz_fail(err, st, _("cannot undelete %s #%lld: %s"), kind_title(k), (long long)id, why.msg);
		goto out;
	}
	if ((st = insert_with_id(s, r, err)))
		goto out;
	char *aj = record_json(r);
	st = aj ? audit_write(s, k->name, id, "undelete", NULL, aj, err) : lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	free(aj);
	if (!st)
		st = rules_after_save(s, k, id, err);
out:
	record_free(r);
	record_free(was);
	return st;
}

lz_status undelete_record(session *s, const kind *k, int64_t id, lz_err *err)
{
	if (s->role != ROLE_ADMIN)
		return lz_fail(err, LZ_DENIED, _("account %s may not undelete records: only an administrator may"), s->login);
	lz_status st = db_begin_write(&s->db, err);
	if (st)
		return st;
	if ((st = undelete_in(s, k, id, err))) {
		db_rollback(&s->db);
		return st;
	}
	return db_commit(&s->db, err);
}
