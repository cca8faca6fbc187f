/* db.h — the SQLite file: opening, pragmas, migrations, write transactions.
 * Every write goes through db_begin_write (BEGIN IMMEDIATE), so writers queue
 * on the busy handler instead of failing with "database is locked". */
#ifndef LZ_DB_H
#define LZ_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "sbuf.h"
#include "status.h"

typedef struct db_migration {
	int version;
	const char *name;
	const char *sql;
} db_migration;

/* Built into the binary from the schema folder by tools/embed_sql.sh. */
extern const db_migration db_migrations[];
extern const int db_migration_count;

/* Called with waiting=1 when a statement starts waiting for another session's
 * lock and waiting=0 when the wait is over, so a screen can say so. */
typedef void (*db_wait_fn)(void *arg, int waiting);

typedef struct db_conn {
	sqlite3 *h;
	char path[4096];
	int busy_ms;           /* how long to wait for a lock before LZ_BUSY */
	db_wait_fn wait_fn;
	void *wait_arg;
	int waiting;           /* the busy handler is currently waiting */
	int in_write;          /* inside db_begin_write .. commit/rollback */
	bool no_migrate_backup; /* db_migrate makes no backup first (a scratch copy) */
	char migrate_backup[4096]; /* the backup db_migrate made before migrating, or "" */
	/* Run inside the transaction just before each db_commit (the search
	 * index catching up); NULL: nothing. Failing rolls the commit back. */
	lz_status (*before_commit)(struct db_conn *c, lz_err *err);
	/* Statements kept prepared for reuse (db_cached); busy: handed out. */
	struct db_cache {
		char *sql;
		const void *tag; /* db_cached_tagged: the statement's owner and slot */
		int slot;
		sqlite3_stmt *st;
		int busy;
	} cache[48];
	/* The audit chain's head inside the current write transaction, once
	 * audit_write has appended a row (the next id and the last hash): every
	 * audit row goes through audit_write, so it is not read again per row.
	 * Forgotten when the transaction ends. */
	bool audit_known;
	bool audit_has_prev;
	int64_t audit_next;
	char audit_prev[65];
	int readonly;          /* opened for reading only: writes are refused with a message */
} db_conn;

/* Fills out with the database path: explicit, else $LIANGZE_DB, else
 * $XDG_DATA_HOME/liangze/liangze.db, else ~/.local/share/liangze/liangze.db. */
lz_status db_default_path(const char *explicit_path, char *out, size_t outsz, lz_err *err);

/* Opens (create=true: creating the file and its folder) and sets WAL,
 * synchronous=FULL, foreign keys and the busy handler. A database that can
 * be read but not written (file mode, read-only folder or mount) opens with
 * readonly set, and every db_begin_write then fails with a message. */
lz_status db_open(db_conn *c, const char *path, bool create, lz_err *err);

/* Closes the connection; safe on a zeroed or already closed conn. */
void db_close(db_conn *c);

/* Applies migrations not yet recorded, each in one write transaction;
 * *applied gets how many ran (0 on an up-to-date database). A database that
 * already has migrations is first backed up (c->migrate_backup names the
 * copy); if that fails nothing is migrated. */
lz_status db_migrate(db_conn *c, int *applied, lz_err *err);

/* The highest migration version recorded in the database (0 if none). */
int db_schema_version(db_conn *c);

/* BEGIN IMMEDIATE, waiting for the lock up to busy_ms. With LIANGZE_STATS
 * set in the environment, prints "lz-stats write-lock-wait-ms MS ok|failed"
 * to stderr (the stress tests' lock-wait percentiles). */
lz_status db_begin_write(db_conn *c, lz_err *err);

/* BEGIN (deferred) for a consistent read snapshot. */
lz_status db_begin_read(db_conn *c, lz_err *err);

/* COMMIT the open transaction. */
lz_status db_commit(db_conn *c, lz_err *err);

/* ROLLBACK the open transaction, if any; never fails. */
void db_rollback(db_conn *c);

/* Turns an SQLite result code into a status with a readable message. */
lz_status db_error(db_conn *c, int rc, const char *what, lz_err *err);

/* Prepares sql; on failure fills err (LZ_INTERNAL). */
lz_status db_prepare(db_conn *c, const char *sql, sqlite3_stmt **st, lz_err *err);

/* Like db_prepare, but the statement stays prepared for the next call with
 * the same sql (per-row statements of a big import); give it back with
 * db_release, never sqlite3_finalize. */
lz_status db_cached(db_conn *c, const char *sql, sqlite3_stmt **st, lz_err *err);

/* As db_cached for a statement known by (tag, slot), such as a kind
 * descriptor and what the statement does with it, whose SQL build(tag, slot,
 * sql) writes only when it is not prepared yet: hot paths skip the text. */
lz_status db_cached_tagged(db_conn *c, const void *tag, int slot, void (*build)(const void *tag, int slot, sbuf *sql),
			   sqlite3_stmt **st, lz_err *err);

/* Gives back a statement from db_cached (reset, bindings cleared); NULL is fine. */
void db_release(db_conn *c, sqlite3_stmt *st);

/* Runs one or more statements without parameters (schema, pragmas). */
lz_status db_exec(db_conn *c, const char *sql, lz_err *err);

/* Runs a query returning one integer (first column of first row; dflt if none). */
lz_status db_scalar_int(db_conn *c, const char *sql, int64_t dflt, int64_t *out, lz_err *err);

#endif
