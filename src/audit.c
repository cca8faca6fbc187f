#include "audit.h"

#include "date.h"
#include "i18n.h"

lz_status audit_write(session *s, const char *kind, int64_t id, const char *action,
		      const char *before, const char *after, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_cached(&s->db,
		"INSERT INTO audit(at, login, kind, record_id, action, before, after) VALUES (?,?,?,?,?,?,?)", &q, err);
	if (st)
		return st;
	char now[20];
	date_now_stamp(now);
	sqlite3_bind_text(q, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, kind, -1, SQLITE_STATIC);
	if (id)
		sqlite3_bind_int64(q, 4, id);
	sqlite3_bind_text(q, 5, action, -1, SQLITE_STATIC);
	if (before)
		sqlite3_bind_text(q, 6, before, -1, SQLITE_STATIC);
	if (after)
		sqlite3_bind_text(q, 7, after, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	db_release(&s->db, q);
	if (rc != SQLITE_DONE)
		return db_error(&s->db, rc, _("writing the audit trail"), err);
	return LZ_OK;
}
