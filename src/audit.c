#include "audit.h"

#include <string.h>

#include "audit_chain.h"
#include "date.h"
#include "i18n.h"

lz_status audit_write(session *s, const char *kind, int64_t id, const char *action,
		      const char *before, const char *after, lz_err *err)
{
	/* The head is read here, inside the caller's BEGIN IMMEDIATE: no other
	 * session can append between reading it and inserting the new row. */
	if (!s->db.in_write)
		return lz_fail(err, LZ_INTERNAL, "%s", _("an audit row must be written inside a write transaction"));
	int64_t next_id;
	char prev[65], hash[65], now[20];
	bool has_prev;
	lz_status st = LZ_OK;
	db_conn *c = &s->db;
	if (c->audit_known) {
		next_id = c->audit_next;
		has_prev = c->audit_has_prev;
		memcpy(prev, c->audit_prev, sizeof prev);
	} else if ((st = audit_chain_head(c, &next_id, prev, &has_prev, err))) {
		return st;
	}
	date_now_stamp(now);
	audit_row r = {
		.id = next_id, .at = audit_text_of(now), .login = audit_text_of(s->login),
		.kind = audit_text_of(kind), .has_record = id != 0, .record_id = id,
		.action = audit_text_of(action), .before = audit_text_of(before),
		.after = audit_text_of(after), .prev_hash = audit_text_of(has_prev ? prev : NULL),
	};
	if (!audit_chain_hash(&r, hash))
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	sqlite3_stmt *q;
	if ((st = db_cached(&s->db,
		"INSERT INTO audit(id, at, login, kind, record_id, action, before, after, prev_hash, hash)"
		" VALUES (?,?,?,?,?,?,?,?,?,?)", &q, err)))
		return st;
	sqlite3_bind_int64(q, 1, next_id);
	sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, kind, -1, SQLITE_STATIC);
	if (id)
		sqlite3_bind_int64(q, 5, id);
	sqlite3_bind_text(q, 6, action, -1, SQLITE_STATIC);
	if (before)
		sqlite3_bind_text(q, 7, before, -1, SQLITE_STATIC);
	if (after)
		sqlite3_bind_text(q, 8, after, -1, SQLITE_STATIC);
	if (has_prev)
		sqlite3_bind_text(q, 9, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 10, hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	db_release(&s->db, q);
	if (rc != SQLITE_DONE) {
		c->audit_known = false;
		return db_error(&s->db, rc, _("writing the audit trail"), err);
	}
	c->audit_known = true;
	c->audit_next = next_id + 1;
	c->audit_has_prev = true;
	memcpy(c->audit_prev, hash, sizeof c->audit_prev);
	return LZ_OK;
}
