#include "db.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "audit_chain.h"
#include "backup.h"
#include "fts_tok.h"
#include "i18n.h"
#include "priv.h"
#include "sbuf.h"

lz_status db_default_path(const char *explicit_path, char *out, size_t outsz, lz_err *err)
{
	const char *env = getenv("LIANGZE_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;

	if (explicit_path && *explicit_path)
		n = snprintf(out, outsz, "%s", explicit_path);
	else if (env && *env)
		n = snprintf(out, outsz, "%s", env);
	else if (priv_setgid())
		n = snprintf(out, outsz, "%s", priv_default_db());
	else if (xdg && *xdg)
		n = snprintf(out, outsz, "%s/liangze/liangze.db", xdg);
	else if (home && *home)
		n = snprintf(out, outsz, "%s/.local/share/liangze/liangze.db", home);
	else
		return lz_fail(err, LZ_IO, "%s", _("cannot find the database: set LIANGZE_DB or HOME, or use --db"));
	if (n < 0 || (size_t)n >= outsz)
		return lz_fail(err, LZ_IO, "%s", _("database path too long"));
	return LZ_OK;
}

/* mkdir -p for the database's folder, so a first run needs no set-up. */
static lz_status make_parent_dirs(const char *path, lz_err *err)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%s", path);
	char *slash = strrchr(buf, '/');
	if (!slash || slash == buf)
		return LZ_OK;
	*slash = '\0';
	for (char *p = buf + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(buf, 0777) != 0 && errno != EEXIST)
				return lz_fail(err, LZ_IO, _("cannot create folder %s: %s"), buf, strerror(errno));
			*p = c;
			if (c == '\0')
				break;
		}
	}
	return LZ_OK;
}

/* Our own busy handler instead of sqlite3_busy_timeout so the caller can show
 * that it is waiting for another session rather than looking frozen. */
static int busy_handler(void *arg, int count)
{
	db_conn *c = arg;
	int step = count < 10 ? 2 + count * 2 : 25;
	long waited = 0;
	for (int i = 0; i < count; i++)
		waited += i < 10 ? 2 + i * 2 : 25;
	if (waited >= c->busy_ms) {
		if (c->waiting && c->wait_fn)
			c->wait_fn(c->wait_arg, 0);
		c->waiting = 0;
		return 0;
	}
	if (!c->waiting && waited >= 50) {
		c->waiting = 1;
		if (c->wait_fn)
			c->wait_fn(c->wait_arg, 1);
	}
	struct timespec ts = { 0, (long)step * 1000000L };
	nanosleep(&ts, NULL);
	return 1;
}

static void end_wait(db_conn *c)
{
	if (c->waiting) {
		c->waiting = 0;
		if (c->wait_fn)
			c->wait_fn(c->wait_arg, 0);
	}
}

lz_status db_error(db_conn *c, int rc, const char *what, lz_err *err)
{
	int prim = rc & 0xff;
	const char *m = c && c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc);
	switch (prim) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return lz_fail(err, LZ_BUSY, _("%s: the database is still in use by another session after %d s; try again"),
			       what, c ? c->busy_ms / 1000 : 0);
	case SQLITE_FULL:
		return lz_fail(err, LZ_IO, _("%s: the disk holding the database %s is full; nothing was saved: free some space and try again"),
			       what, c ? c->path : "");
	case SQLITE_READONLY:
		return lz_fail(err, LZ_IO, _("%s: cannot write to %s: it is read-only (a read-only file, folder or disk); nothing was saved, but it can still be read"),
			       what, c ? c->path : "");
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_PERM:
		return lz_fail(err, LZ_IO, _("%s: %s (%s)"), what, m, c ? c->path : "");
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return lz_fail(err, LZ_DAMAGE, _("%s: the database file is damaged: %s"), what, m);
	case SQLITE_CONSTRAINT:
		return lz_fail(err, LZ_BAD, _("%s: %s"), what, m);
	default:
		return lz_fail(err, LZ_INTERNAL, _("%s: %s"), what, m);
	}
}

lz_status db_exec(db_conn *c, const char *sql, lz_err *err)
{
	int rc = sqlite3_exec(c->h, sql, NULL, NULL, NULL);
	end_wait(c);
	if (rc != SQLITE_OK)
		return db_error(c, rc, _("database"), err);
	return LZ_OK;
}

lz_status db_prepare(db_conn *c, const char *sql, sqlite3_stmt **st, lz_err *err)
{
	int rc = sqlite3_prepare_v2(c->h, sql, -1, st, NULL);
	if (rc != SQLITE_OK) {
		*st = NULL;
		return db_error(c, rc, _("preparing a query"), err);
	}
	return LZ_OK;
}

/* Prepares sql and keeps it in a free entry of the cache, if there is one. */
static lz_status cache_add(db_conn *c, int fresh, const char *sql, const void *tag, int slot, sqlite3_stmt **st,
			   lz_err *err)
{
	lz_status s = db_prepare(c, sql, st, err);
	if (s || fresh < 0)
		return s;
	/* A statement in use (a nested call) or a full cache: a plain one, finalized on release. */
	struct db_cache *e = &c->cache[fresh];
	if ((e->sql = strdup(sql))) {
		e->st = *st;
		e->busy = 1;
		e->tag = tag;
		e->slot = slot;
	}
	return LZ_OK;
}

/* A free statement kept for sql (tag NULL) or for (tag, slot): its entry
 * is marked busy and *st set; else -1, with *fresh an empty entry or -1. */
static int cache_find(db_conn *c, const char *sql, const void *tag, int slot, sqlite3_stmt **st, int *fresh)
{
	*fresh = -1;
	for (int i = 0; i < (int)(sizeof c->cache / sizeof c->cache[0]); i++) {
		struct db_cache *e = &c->cache[i];
		if (!e->sql) {
			if (*fresh < 0)
				*fresh = i;
			continue;
		}
		if (!e->busy && (tag ? e->tag == tag && e->slot == slot : strcmp(e->sql, sql) == 0)) {
			e->busy = 1;
			*st = e->st;
			return i;
		}
	}
	return -1;
}

lz_status db_cached(db_conn *c, const char *sql, sqlite3_stmt **st, lz_err *err)
{
	int fresh;
	if (cache_find(c, sql, NULL, 0, st, &fresh) >= 0)
		return LZ_OK;
	return cache_add(c, fresh, sql, NULL, 0, st, err);
}

lz_status db_cached_tagged(db_conn *c, const void *tag, int slot, void (*build)(const void *tag, int slot, sbuf *sql),
			   sqlite3_stmt **st, lz_err *err)
{
	int fresh;
	if (cache_find(c, "", tag, slot, st, &fresh) >= 0)
		return LZ_OK;
	sbuf sql = { 0 };
	build(tag, slot, &sql);
	lz_status s = sql.oom ? lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"))
			      : cache_add(c, fresh, sbuf_str(&sql), tag, slot, st, err);
	sbuf_free(&sql);
	return s;
}

void db_release(db_conn *c, sqlite3_stmt *st)
{
	if (!st)
		return;
	for (int i = 0; i < (int)(sizeof c->cache / sizeof c->cache[0]); i++)
		if (c->cache[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			c->cache[i].busy = 0;
			return;
		}
	sqlite3_finalize(st);
}

lz_status db_scalar_int(db_conn *c, const char *sql, int64_t dflt, int64_t *out, lz_err *err)
{
	sqlite3_stmt *st;
	lz_status s = db_prepare(c, sql, &st, err);
	if (s)
		return s;
	int rc = sqlite3_step(st);
	end_wait(c);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_type(st, 0) == SQLITE_NULL ? dflt : sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		*out = dflt;
	else
		s = db_error(c, rc, _("database"), err);
	sqlite3_finalize(st);
	return s;
}

static lz_status open_conn(db_conn *c, const char *path, bool create, bool shared, bool fresh, lz_err *err);

/* Whether a first read works on the connection. */
static bool readable(db_conn *c)
{
	return sqlite3_exec(c->h, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) == SQLITE_OK;
}

/* Reopens c->path read-only: plainly (the -wal and -shm files of sessions
 * that may write are then used), else as immutable, which needs no -shm file
 * at all — what a read-only mount or a disk too full for the -shm file
 * allows. An immutable session does not see what others write meanwhile
 * (they could only be writing where the folder is read-only to us alone). */
static lz_status open_readonly(db_conn *c, lz_err *err)
{
	char path[sizeof c->path];
	snprintf(path, sizeof path, "%s", c->path);
	for (int attempt = 0; attempt < 2; attempt++) {
		db_close(c);
		sbuf uri = { 0 };
		sbuf_add(&uri, "file:");
		for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
			if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ')
				sbuf_printf(&uri, "%%%02X", *p);
			else
				sbuf_addn(&uri, (const char *)p, 1);
		}
		if (attempt)
			sbuf_add(&uri, "?immutable=1");
		int rc = uri.oom ? SQLITE_NOMEM
				 : sqlite3_open_v2(sbuf_str(&uri), &c->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
						   NULL);
		sbuf_free(&uri);
		if (rc == SQLITE_OK) {
			sqlite3_extended_result_codes(c->h, 1);
			sqlite3_busy_handler(c->h, busy_handler, c);
			/* Searches read the index, which needs our tokenizer. */
			if (fts_tok_register(c->h) == SQLITE_OK && readable(c)) {
				c->readonly = 1;
				return LZ_OK;
			}
		}
	}
	db_close(c);
	return err->code;   /* the first failure says best what is wrong */
}

/* The group of a setgid install is held only here: SQLite opens the -wal
 * and -shm files lazily, so the first read runs while it is held and they
 * stay open for the connection's life; persistent WAL keeps the last session
 * from needing the group to delete them at close. */
lz_status db_open(db_conn *c, const char *path, bool create, lz_err *err)
{
	char real[4096];
	bool shared = false;
	memset(c, 0, sizeof *c);
	lz_status s = priv_enter_db(path, create, real, sizeof real, &shared, err);
	if (s == LZ_OK) {
		struct stat st;
		bool fresh = shared && create && stat(real, &st) != 0;
		s = open_conn(c, real, create, shared, fresh, err);
	}
	priv_leave_db();
	return s;
}

static lz_status open_conn(db_conn *c, const char *path, bool create, bool shared, bool fresh, lz_err *err)
{
	memset(c, 0, sizeof *c);
	if (snprintf(c->path, sizeof c->path, "%s", path) >= (int)sizeof c->path)
		return lz_fail(err, LZ_IO, "%s", _("database path too long"));
	c->busy_ms = 60000;
	const char *bt = getenv("LIANGZE_BUSY_TIMEOUT_MS");
	if (bt && *bt)
		c->busy_ms = atoi(bt);

	/* AT_EACCESS: installed setgid, liangze reaches the file through its
	 * group, which access() (real ids) would not see. */
	if (!create && faccessat(AT_FDCWD, path, F_OK, AT_EACCESS) != 0 && errno == ENOENT)
		return lz_fail(err, LZ_IO, _("no database at %s: run 'liangze init' first"), path);
	if (create) {
		lz_status s = make_parent_dirs(path, err);
		if (s)
			return s;
	}
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
	int rc = sqlite3_open_v2(path, &c->h, flags, NULL);
	if (rc != SQLITE_OK) {
		lz_fail(err, LZ_IO, _("cannot open database %s: %s"), path,
			c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc));
		db_close(c);
		return LZ_IO;
	}
	/* SQLite makes a new file 0644 less the umask (007 here): the group must
	 * write it, and the -wal and -shm take the file's mode when made. */
	if (fresh && chmod(path, 0660) != 0) {
		lz_fail(err, LZ_IO, _("cannot open database %s: %s"), path, strerror(errno));
		db_close(c);
		return LZ_IO;
	}
	sqlite3_extended_result_codes(c->h, 1);
	/* Before anything reads the schema: the search index's tables use it. */
	if ((rc = fts_tok_register(c->h)) != SQLITE_OK) {
		lz_fail(err, LZ_INTERNAL, _("cannot open database %s: %s"), path, sqlite3_errstr(rc));
		db_close(c);
		return LZ_INTERNAL;
	}
	sqlite3_busy_handler(c->h, busy_handler, c);

	/* journal_mode=WAL must run outside a transaction and may itself wait. */
	sqlite3_stmt *st;
	lz_status s = db_prepare(c, "PRAGMA journal_mode=WAL", &st, err);
	if (s == LZ_OK) {
		rc = sqlite3_step(st);
		end_wait(c);
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW)
			s = db_error(c, rc, path, err);
	} else if (s == LZ_INTERNAL) {
		s = lz_fail(err, LZ_IO, _("cannot open database %s: %s"), path, err->msg);
	}
	/* A file or folder we may not write (a read-only mount, file mode, a
	 * full disk that cannot take the -wal file) is still opened for reading. */
	if (s == LZ_IO && !create && open_readonly(c, err) == LZ_OK)
		s = LZ_OK;
	else if (s == LZ_OK && sqlite3_db_readonly(c->h, "main") == 1)
		c->readonly = 1;
	if (s == LZ_OK)
		s = db_exec(c, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;", err);
	if (s) {
		db_close(c);
		return s;
	}
	if (shared) {
		int one = 1;
		int64_t n;
		sqlite3_file_control(c->h, "main", SQLITE_FCNTL_PERSIST_WAL, &one);
		/* A read opens the -wal and -shm now, while the group is held. */
		if ((s = db_scalar_int(c, "SELECT count(*) FROM sqlite_master", 0, &n, err))) {
			db_close(c);
			return s;
		}
	}
	return LZ_OK;
}

void db_close(db_conn *c)
{
	if (c && c->h) {
		for (int i = 0; i < (int)(sizeof c->cache / sizeof c->cache[0]); i++) {
			sqlite3_finalize(c->cache[i].st);
			free(c->cache[i].sql);
			c->cache[i].sql = NULL;
			c->cache[i].st = NULL;
			c->cache[i].tag = NULL;
		}
		sqlite3_close_v2(c->h);
		c->h = NULL;
	}
}

/* Whether the file system holding the database has no room left: a session
 * opened read-only for want of space says so rather than "read-only". */
static bool disk_full(const db_conn *c)
{
	char dir[sizeof c->path];
	snprintf(dir, sizeof dir, "%s", c->path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else
		slash[slash == dir] = '\0';
	struct statvfs v;
	return statvfs(dir, &v) == 0 && v.f_bavail == 0;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

lz_status db_begin_write(db_conn *c, lz_err *err)
{
	if (c->readonly)
		return disk_full(c) ? db_error(c, SQLITE_FULL, _("saving"), err)
				    : lz_fail(err, LZ_IO, _("the database %s is read-only here (a read-only file, folder or disk); nothing was saved, but it can still be read"),
					      c->path);
	double t0 = now_ms();
	lz_status s = db_exec(c, "BEGIN IMMEDIATE", err);
	/* LIANGZE_STATS=1: one line per write transaction for the stress tests'
	 * lock-wait percentiles (tests/stress_sessions.py). */
	if (getenv("LIANGZE_STATS"))
		fprintf(stderr, "lz-stats write-lock-wait-ms %.3f %s\n", now_ms() - t0, s == LZ_OK ? "ok" : "failed");
	if (s == LZ_OK)
		c->in_write = 1;
	c->audit_known = false;
	return s;
}

lz_status db_begin_read(db_conn *c, lz_err *err)
{
	return db_exec(c, "BEGIN", err);
}

lz_status db_commit(db_conn *c, lz_err *err)
{
	lz_status s = c->before_commit ? c->before_commit(c, err) : LZ_OK;
	if (s) {
		db_rollback(c);
		return s;
	}
	s = db_exec(c, "COMMIT", err);
	if (s)
		db_rollback(c);
	c->in_write = 0;
	c->audit_known = false;
	return s;
}

void db_rollback(db_conn *c)
{
	if (c->h && !sqlite3_get_autocommit(c->h))
		sqlite3_exec(c->h, "ROLLBACK", NULL, NULL, NULL);
	c->in_write = 0;
	c->audit_known = false;
}

int db_schema_version(db_conn *c)
{
	int64_t v = 0;
	lz_err e;
	int64_t has = 0;
	if (db_scalar_int(c, "SELECT count(*) FROM sqlite_master WHERE name='schema_migration'", 0, &has, &e) || !has)
		return 0;
	if (db_scalar_int(c, "SELECT max(version) FROM schema_migration", 0, &v, &e))
		return 0;
	return (int)v;
}

/* Steps in C that run right after a migration's SQL, in its transaction:
 * what SQL alone cannot do (hashing the audit rows of an older trail). */
static const struct {
	int version;
	lz_status (*fn)(db_conn *c, lz_err *err);
} c_steps[] = {
	{ 9, audit_chain_seal },
};

static lz_status run_c_steps(db_conn *c, int version, lz_err *err)
{
	for (size_t i = 0; i < sizeof c_steps / sizeof c_steps[0]; i++) {
		lz_status s = c_steps[i].version == version ? c_steps[i].fn(c, err) : LZ_OK;
		if (s)
			return s;
	}
	return LZ_OK;
}

lz_status db_migrate(db_conn *c, int *applied, lz_err *err)
{
	*applied = 0;
	/* The common case, an up-to-date database, must not take the write lock.
	 * Counted, not just the highest version: every migration must be there. */
	int64_t has = 0, applied_n = 0;
	lz_err e;
	if (db_scalar_int(c, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migration'", 0, &has, &e) == LZ_OK &&
	    has && db_scalar_int(c, "SELECT count(*) FROM schema_migration", 0, &applied_n, &e) == LZ_OK &&
	    applied_n >= db_migration_count)
		return LZ_OK;
	/* An upgrade that goes wrong must have a way back. */
	if (has && applied_n > 0 && !c->no_migrate_backup) {
		lz_status bs = backup_before_migrate(c, err);
		if (bs)
			return bs;
	}
	lz_status s = db_exec(c,
		"CREATE TABLE IF NOT EXISTS schema_migration ("
		" version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", err);
	if (s)
		return s;
	for (int i = 0; i < db_migration_count; i++) {
		const db_migration *m = &db_migrations[i];
		if ((s = db_begin_write(c, err)))
			return s;
		/* Checked inside the write lock: two sessions starting at once must
		 * not both apply the same migration. */
		sqlite3_stmt *st;
		if ((s = db_prepare(c, "SELECT 1 FROM schema_migration WHERE version=?", &st, err))) {
			db_rollback(c);
			return s;
		}
		sqlite3_bind_int(st, 1, m->version);
		int done = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (done) {
			db_rollback(c);
			continue;
		}
		int rc = sqlite3_exec(c->h, m->sql, NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			lz_fail(err, LZ_INTERNAL, _("migration %s failed: %s"), m->name, sqlite3_errmsg(c->h));
			db_rollback(c);
			return LZ_INTERNAL;
		}
		if ((s = run_c_steps(c, m->version, err))) {
			db_rollback(c);
			return s;
		}
		if ((s = db_prepare(c, "INSERT INTO schema_migration(version, name, applied_at)"
					" VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%S','now','localtime'))", &st, err))) {
			db_rollback(c);
			return s;
		}
		sqlite3_bind_int(st, 1, m->version);
		sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			s = db_error(c, rc, m->name, err);
			db_rollback(c);
			return s;
		}
		if ((s = db_commit(c, err)))
			return s;
		(*applied)++;
	}
	return LZ_OK;
}
