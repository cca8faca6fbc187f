/* verify.c — is the database whole, and does every record agree with the
 * audit trail? One read transaction, one streaming pass per table: memory
 * stays bounded and a million records take seconds, not per-record queries
 * from C. */
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_chain.h"
#include "audit_json.h"
#include "i18n.h"
#include "kind.h"
#include "record.h"
#include "sbuf.h"
#include "settings.h"
#include "value.h"

static lz_status step_error(db_conn *c, int rc, lz_err *err)
{
	return db_error(c, rc, _("verifying the database"), err);
}

static lz_status check_integrity(db_conn *c, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(c, "PRAGMA integrity_check", &q, err);
	if (st)
		return st;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(q, 0);
		if (!r || strcmp(r, "ok") != 0)
			st = lz_fail(err, LZ_DAMAGE, _("the database file is damaged: %s"), r ? r : "?");
	} else {
		st = step_error(c, rc, err);
	}
	sqlite3_finalize(q);
	return st;
}

static lz_status check_foreign_keys(db_conn *c, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(c, "PRAGMA foreign_key_check", &q, err);
	if (st)
		return st;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		st = lz_fail(err, LZ_DAMAGE, _("table %s row %lld refers to a missing row of table %s"),
			     (const char *)sqlite3_column_text(q, 0), (long long)sqlite3_column_int64(q, 1),
			     (const char *)sqlite3_column_text(q, 2));
	else if (rc != SQLITE_DONE)
		st = step_error(c, rc, err);
	sqlite3_finalize(q);
	return st;
}

static bool text_eq(audit_text a, const char *b)
{
	if (!a.s || !b)
		return !a.s && !b;
	return a.n == strlen(b) && memcmp(a.s, b, a.n) == 0;
}

/* Every row's link to the one before and its own hash, in id order. */
static lz_status walk_chain(db_conn *c, verify_result *out, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(c, "SELECT " AUDIT_CHAIN_COLS " FROM audit ORDER BY id", &q, err);
	if (st)
		return st;
	char prev[65] = "", hex[65];
	int64_t prev_id = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		audit_row r;
		audit_row_read(q, 0, &r);
		const char *stored = (const char *)sqlite3_column_text(q, 9);
		if (!text_eq(r.prev_hash, prev_id ? prev : NULL)) {
			if (prev_id)
				st = lz_fail(err, LZ_DAMAGE,
					     _("audit row %lld does not follow audit row %lld: a row between them was removed, or rows were changed or reordered"),
					     (long long)r.id, (long long)prev_id);
			else
				st = lz_fail(err, LZ_DAMAGE,
					     _("audit row %lld is the first row but links to an earlier one: rows before it were removed"),
					     (long long)r.id);
			break;
		}
		if (!audit_chain_hash(&r, hex)) {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			break;
		}
		if (!stored || strcmp(stored, hex) != 0) {
			st = lz_fail(err, LZ_DAMAGE, stored ? _("audit row %lld (%.*s %lld, %.*s) was changed: its contents do not match its hash")
						     : _("audit row %lld (%.*s %lld, %.*s) has no hash"),
				     (long long)r.id, (int)r.kind.n, r.kind.s ? r.kind.s : "", (long long)r.record_id,
				     (int)r.action.n, r.action.s ? r.action.s : "");
			break;
		}
		snprintf(prev, sizeof prev, "%s", stored);
		prev_id = r.id;
		out->audit_rows++;
	}
	if (st == LZ_OK && rc != SQLITE_DONE)
		st = step_error(c, rc, err);
	if (st == LZ_OK)
		snprintf(out->head, sizeof out->head, "%s", prev);
	sqlite3_finalize(q);
	return st;
}

/* Compares field by field when the JSON texts differ: names the first field
 * whose values differ. A field the audit row does not have was added to the
 * kind after that row was written (a migration); it cannot be compared and
 * does not count, nor does a field the kind has since dropped. */
static lz_status compare_fields(const record *r, const char *after, int64_t audit_id, lz_err *err)
{
	audit_json j;
	if (!after || !audit_json_parse(after, &j))
		return lz_fail(err, LZ_DAMAGE, _("%s #%lld: its last audit row (%lld) holds no values that can be read"),
			       kind_title(r->k), (long long)r->id, (long long)audit_id);
	lz_status st = LZ_OK;
	int compared = 0;
	for (int i = 0; i < r->k->nfields && !st; i++) {
		const kind_field *f = &r->k->fields[i];
		if (f->flags & KF_DERIVED)
			continue;
		bool present;
		const char *a = audit_json_get(&j, f->name, &present);
		const char *t = r->v[i];
		if (!present)
			continue;
		compared++;
		if ((a == NULL) != (t == NULL) || (a && strcmp(a, t) != 0))
			st = lz_fail(err, LZ_DAMAGE,
				     _("%s #%lld was changed outside liangze: %s is '%s' in the table but '%s' in its last audit row (%lld)"),
				     kind_title(r->k), (long long)r->id, kind_field_title(f), t ? t : "", a ? a : "", (long long)audit_id);
	}
	if (!st && !compared)
		st = lz_fail(err, LZ_DAMAGE, _("%s #%lld: its last audit row (%lld) holds none of its fields"),
			     kind_title(r->k), (long long)r->id, (long long)audit_id);
	audit_json_free(&j);
	return st;
}

/* Every row of k's table against the last audit row about it. */
static lz_status check_present(db_conn *c, const kind *k, verify_result *out, lz_err *err)
{
	sbuf sql = { 0 };
	sbuf_add(&sql, "SELECT t.id");
	for (int i = 0; i < k->nfields; i++) {
		/* Worked-out values are not audited (they change with the date). */
		if (k->fields[i].flags & KF_DERIVED)
			sbuf_add(&sql, ", NULL");
		else
			sbuf_printf(&sql, ", t.%s", k->fields[i].name);
	}
	sbuf_printf(&sql, ", a.id, a.action, a.after FROM %s t LEFT JOIN audit a ON a.id ="
		    " (SELECT x.id FROM audit x WHERE x.kind = ?1 AND x.record_id = t.id ORDER BY x.id DESC LIMIT 1)"
		    " ORDER BY t.id", k->table);
	sqlite3_stmt *q;
	lz_status st = db_prepare(c, sbuf_str(&sql), &q, err);
	sbuf_free(&sql);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, k->name, -1, SQLITE_STATIC);
	record *r = record_new(k);
	if (!r) {
		sqlite3_finalize(q);
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	int ac = k->nfields + 1, rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		r->id = sqlite3_column_int64(q, 0);
		for (int i = 0; i < k->nfields; i++) {
			free(r->v[i]);
			r->v[i] = value_column(q, i + 1, &k->fields[i]);
		}
		int64_t aid = sqlite3_column_int64(q, ac);
		const char *action = (const char *)sqlite3_column_text(q, ac + 1);
		const char *after = (const char *)sqlite3_column_text(q, ac + 2);
		if (sqlite3_column_type(q, ac) == SQLITE_NULL) {
			st = lz_fail(err, LZ_DAMAGE, _("%s #%lld has no audit row: it was added outside liangze"),
				     kind_title(k), (long long)r->id);
			break;
		}
		if (action && strcmp(action, "delete") == 0) {
			st = lz_fail(err, LZ_DAMAGE, _("%s #%lld was deleted (audit row %lld) but is still in the table"),
				     kind_title(k), (long long)r->id, (long long)aid);
			break;
		}
		char *json = record_json(r);
		if (!json) {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			break;
		}
		int same = after && strcmp(json, after) == 0;
		free(json);
		if (!same && (st = compare_fields(r, after, aid, err)))
			break;
		out->records++;
	}
	if (st == LZ_OK && rc != SQLITE_DONE)
		st = step_error(c, rc, err);
	record_free(r);
	sqlite3_finalize(q);
	return st;
}

/* Records the trail says exist but the table has lost. */
static lz_status check_missing(db_conn *c, const kind *k, lz_err *err)
{
	char sql[512];
	snprintf(sql, sizeof sql,
		 /* Walks the (kind, record_id) index in order, without gathering
		  * the ids first: memory stays flat however many there are. */
		 "SELECT a.record_id, a.id FROM audit a WHERE a.kind = ?1 AND a.record_id IS NOT NULL"
		 " AND a.id = (SELECT x.id FROM audit x WHERE x.kind = ?1 AND x.record_id = a.record_id"
		 " ORDER BY x.id DESC LIMIT 1)"
		 " AND NOT EXISTS (SELECT 1 FROM %s t WHERE t.id = a.record_id) AND a.action <> 'delete'"
		 " ORDER BY a.record_id LIMIT 1", k->table);
	sqlite3_stmt *q;
	lz_status st = db_prepare(c, sql, &q, err);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, k->name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		st = lz_fail(err, LZ_DAMAGE,
			     _("%s #%lld is missing from the table: its last audit row (%lld) says it exists; it was deleted outside liangze"),
			     kind_title(k), (long long)sqlite3_column_int64(q, 0), (long long)sqlite3_column_int64(q, 1));
	else if (rc != SQLITE_DONE)
		st = step_error(c, rc, err);
	sqlite3_finalize(q);
	return st;
}

/* Settings are not records, but they are audited the same way: each one's
 * value now (stored, or the default) must be the value its last audit row
 * gave it. The settings are a short fixed list: one query each. */
static lz_status check_settings(db_conn *c, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(c,
		"SELECT (SELECT value FROM setting WHERE name = ?1),"
		" (SELECT id FROM audit WHERE kind = 'setting' AND json_extract(after, '$.name') = ?1 ORDER BY id DESC LIMIT 1)",
		&q, err);
	if (st)
		return st;
	sqlite3_stmt *a;
	if ((st = db_prepare(c, "SELECT json_extract(after, '$.value') FROM audit WHERE id = ?", &a, err))) {
		sqlite3_finalize(q);
		return st;
	}
	for (const setting_def *d = settings_defs; d->name && !st; d++) {
		sqlite3_bind_text(q, 1, d->name, -1, SQLITE_STATIC);
		int rc = sqlite3_step(q);
		if (rc != SQLITE_ROW) {
			st = step_error(c, rc, err);
			break;
		}
		const char *stored = (const char *)sqlite3_column_text(q, 0);
		int64_t aid = sqlite3_column_int64(q, 1);
		if (!aid) {
			if (stored)
				st = lz_fail(err, LZ_DAMAGE, _("setting %s is '%s' but no audit row set it: it was changed outside liangze"),
					     d->name, stored);
		} else {
			sqlite3_bind_int64(a, 1, aid);
			rc = sqlite3_step(a);
			const char *v = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(a, 0) : NULL;
			const char *now = stored ? stored : d->dflt;
			if (rc != SQLITE_ROW)
				st = step_error(c, rc, err);
			else if (!v || strcmp(v, now) != 0)
				st = lz_fail(err, LZ_DAMAGE,
					     _("setting %s was changed outside liangze: it is '%s' but its last audit row (%lld) set '%s'"),
					     d->name, now, (long long)aid, v ? v : "");
			sqlite3_reset(a);
		}
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
	sqlite3_finalize(a);
	return st;
}

lz_status verify_db(db_conn *c, verify_result *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	/* One snapshot: writers may go on meanwhile without confusing the check. */
	lz_status st = db_begin_read(c, err);
	if (st)
		return st;
	if (!(st = check_integrity(c, err)) && !(st = check_foreign_keys(c, err)))
		st = walk_chain(c, out, err);
	for (int i = 0; !st && kind_all[i]; i++)
		if (!(st = check_present(c, kind_all[i], out, err)))
			st = check_missing(c, kind_all[i], err);
	if (!st)
		st = check_settings(c, err);
	db_rollback(c);
	if (st) {
		out->records = out->audit_rows = 0;
		out->head[0] = '\0';
	}
	return st;
}
