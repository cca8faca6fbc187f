/* session.h — one person's use of the database: who they are, what they may
 * do, today's date and the rules in force. Passed to every core call. */
#ifndef LZ_SESSION_H
#define LZ_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "status.h"

typedef enum lz_role { ROLE_NONE = 0, ROLE_VIEWER, ROLE_STAFF, ROLE_ADMIN } lz_role;

struct rule;

typedef struct session {
	db_conn db;
	char login[64];
	lz_role role;
	int64_t scope_unit;          /* 0: the whole district */
	char today[11];
	const struct rule *const *rules; /* NULL-terminated table of rules in force */
	/* During a bulk write (an import, the demo) rules with an on_date hook are
	 * run once at the end rather than after every row: bit i marks rules[i]. */
	bool batch;
	uint64_t rules_pending;
	bool fts;                    /* the search index is built and kept (fts.h) */
} session;

/* The role named name ("admin", "staff", "viewer"), or ROLE_NONE. */
lz_role session_role_from_name(const char *name);

/* A stored role name ("admin", "staff", "viewer") as people read it in the
 * current language (管理员, 工作人员, 查看者); the stored value stays English. */
const char *session_role_title(const char *name);

/* The role's name as stored and typed ("admin" …). */
const char *session_role_name(lz_role r);

/* The account running this process (real uid); as_login, if given, replaces
 * it but only for root (LZ_DENIED otherwise). */
lz_status session_whoami(const char *as_login, char *out, size_t outsz, lz_err *err);

/* Opens the database at path, migrating it forward, and loads the account
 * login's role and scope. create=true makes a missing database, and makes
 * login its first admin when it has no accounts yet. An account that is not
 * a user is refused (LZ_DENIED). *migrated (may be NULL) gets the number of
 * migrations applied. */
lz_status session_open(session *s, const char *path, const char *login, bool create,
		       int *migrated, lz_err *err);

/* Closes the database. */
void session_close(session *s);

#endif
