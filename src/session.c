#include "session.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kinds_master.h"
#include "record.h"
#include "date.h"
#include "fts.h"
#include "i18n.h"
#include "rules.h"

lz_role session_role_from_name(const char *name)
{
	if (!name)
		return ROLE_NONE;
	if (strcmp(name, "admin") == 0)
		return ROLE_ADMIN;
	if (strcmp(name, "staff") == 0)
		return ROLE_STAFF;
	if (strcmp(name, "viewer") == 0)
		return ROLE_VIEWER;
	return ROLE_NONE;
}

const char *session_role_title(const char *name)
{
	if (!name)
		return NULL;
	if (strcmp(name, "admin") == 0)
		return _("admin");
	if (strcmp(name, "staff") == 0)
		return _("staff");
	if (strcmp(name, "viewer") == 0)
		return _("viewer");
	return name;
}

const char *session_role_name(lz_role r)
{
	switch (r) {
	case ROLE_ADMIN: return "admin";
	case ROLE_STAFF: return "staff";
	case ROLE_VIEWER: return "viewer";
	default: return "none";
	}
}

lz_status session_whoami(const char *as_login, char *out, size_t outsz, lz_err *err)
{
	uid_t uid = getuid();
	if (as_login && *as_login) {
		if (uid != 0)
			return lz_fail(err, LZ_DENIED, "%s", _("only root may act as another account (--as)"));
		snprintf(out, outsz, "%s", as_login);
		return LZ_OK;
	}
	struct passwd *pw = getpwuid(uid);
	if (!pw || !pw->pw_name)
		return lz_fail(err, LZ_DENIED, _("cannot tell which account is running liangze (uid %u)"), (unsigned)uid);
	snprintf(out, outsz, "%s", pw->pw_name);
	return LZ_OK;
}

/* The first account of a new database is its creator, as admin. Saved like
 * any account, so that its audit row holds the record as verify reads it. */
static lz_status make_first_admin(session *s, lz_err *err)
{
	lz_status st = db_begin_write(&s->db, err);
	if (st)
		return st;
	int64_t n = 0;
	if ((st = db_scalar_int(&s->db, "SELECT count(*) FROM account", 0, &n, err)))
		goto fail;
	if (n == 0) {
		record *r = record_new(&kind_account);
		if (!r) {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			goto fail;
		}
		record_set_named(r, "login", s->login);
		record_set_named(r, "role", "admin");
		/* The creator is the administrator being made; load_account reads
		 * the role back from the table afterwards. */
		s->role = ROLE_ADMIN;
		st = record_save_in(s, r, err);
		s->role = ROLE_NONE;
		record_free(r);
		if (st)
			goto fail;
	}
	return db_commit(&s->db, err);
fail:
	db_rollback(&s->db);
	return st;
}

static lz_status load_account(session *s, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, "SELECT role, scope_unit FROM account WHERE login = ?", &q, err);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, s->login, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		s->role = session_role_from_name((const char *)sqlite3_column_text(q, 0));
		s->scope_unit = sqlite3_column_int64(q, 1);
	} else if (rc == SQLITE_DONE) {
		st = lz_fail(err, LZ_DENIED,
			     _("account '%s' is not a liangze user; an administrator can add it with: liangze user add %s --role staff"),
			     s->login, s->login);
	} else {
		st = db_error(&s->db, rc, _("reading accounts"), err);
	}
	sqlite3_finalize(q);
	return st;
}

lz_status session_open(session *s, const char *path, const char *login, bool create,
		       int *migrated, lz_err *err)
{
	memset(s, 0, sizeof *s);
	snprintf(s->login, sizeof s->login, "%s", login);
	s->rules = rule_builtin;
	lz_status st = date_today(s->today, err);
	if (st)
		return st;
	if ((st = db_open(&s->db, path, create, err)))
		return st;
	int applied = 0;
	if ((st = db_migrate(&s->db, &applied, err)))
		goto fail;
	if (migrated)
		*migrated = applied;
	/* Without the index (a read-only file, a long lock) search scans: slower, same answer. */
	lz_err fe;
	fts_ensure(s, &fe);
	if (create && (st = make_first_admin(s, err)))
		goto fail;
	if ((st = load_account(s, err)))
		goto fail;
	return LZ_OK;
fail:
	db_close(&s->db);
	return st;
}

void session_close(session *s)
{
	db_close(&s->db);
}
