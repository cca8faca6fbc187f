#include "backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"

/* Pages per step: the copy reads from one snapshot held open for the whole
 * backup, so steps only bound how long each call runs. */
#define BACKUP_CHUNK 256

lz_status backup_folder(db_conn *c, char *out, size_t outsz, lz_err *err)
{
	/* Read directly rather than through settings_get: this also runs before
	 * a migration, with no session yet. The table is there since 0001. */
	sqlite3_stmt *q;
	out[0] = '\0';
	if (sqlite3_prepare_v2(c->h, "SELECT value FROM setting WHERE name = 'backup_dir'", -1, &q, NULL) == SQLITE_OK) {
		if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
			snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(q, 0));
		sqlite3_finalize(q);
	}
	if (out[0])
		return LZ_OK;
	const char *slash = strrchr(c->path, '/');
	int n;
	if (!slash)
		n = snprintf(out, outsz, ".");
	else if (slash == c->path)
		n = snprintf(out, outsz, "/");
	else
		n = snprintf(out, outsz, "%.*s", (int)(slash - c->path), c->path);
	if (n < 0 || (size_t)n >= outsz)
		return lz_fail(err, LZ_IO, "%s", _("database path too long"));
	return LZ_OK;
}

lz_status backup_name(const char *dir, const char *tag, char *out, size_t outsz, lz_err *err)
{
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	for (int n = 1; n < 1000; n++) {
		char seq[16] = "";
		if (n > 1)
			snprintf(seq, sizeof seq, "-%d", n);
		int len = snprintf(out, outsz, "%s/liangze-%s%s%s.db", dir, stamp, seq, tag);
		if (len < 0 || (size_t)len >= outsz)
			return lz_fail(err, LZ_IO, "%s", _("backup path too long"));
		struct stat sb;
		if (lstat(out, &sb) != 0 && errno == ENOENT)
			return LZ_OK;
	}
	return lz_fail(err, LZ_IO, _("cannot find a free backup name in %s"), dir);
}

bool backup_is_plain_name(const char *name)
{
	/* liangze-YYYYMMDD-HHMMSS.db or liangze-YYYYMMDD-HHMMSS-N.db */
	static const char pat[] = "liangze-########-######";
	size_t pl = sizeof pat - 1;
	if (strlen(name) < pl + 3)
		return false;
	for (size_t i = 0; i < pl; i++)
		if (pat[i] == '#' ? (name[i] < '0' || name[i] > '9') : name[i] != pat[i])
			return false;
	const char *p = name + pl;
	if (*p == '-') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return strcmp(p, ".db") == 0;
}

static int cmp_names(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	/* The same second: "-2" after the plain name, "-10" after "-9". */
	size_t lx = strlen(x), ly = strlen(y);
	int c = strncmp(x, y, 23);
	if (c)
		return c;
	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

lz_status backup_prune(const char *dir, int keep, int *removed, lz_err *err)
{
	*removed = 0;
	DIR *d = opendir(dir);
	if (!d)
		return lz_fail(err, LZ_IO, _("cannot read folder %s: %s"), dir, strerror(errno));
	char **names = NULL;
	size_t n = 0, cap = 0;
	lz_status st = LZ_OK;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!backup_is_plain_name(de->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **nn = realloc(names, cap * sizeof *names);
			if (!nn) {
				st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				goto out;
			}
			names = nn;
		}
		if (!(names[n] = strdup(de->d_name))) {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			goto out;
		}
		n++;
	}
	qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; keep >= 0 && i + (size_t)keep < n; i++) {
		if (unlinkat(dirfd(d), names[i], 0) != 0) {
			st = lz_fail(err, LZ_IO, _("cannot remove %s/%s: %s"), dir, names[i], strerror(errno));
			goto out;
		}
		(*removed)++;
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return st;
}

lz_status backup_open_file(db_conn *c, const char *path, bool readonly, lz_err *err)
{
	memset(c, 0, sizeof *c);
	snprintf(c->path, sizeof c->path, "%s", path);
	c->busy_ms = 60000;
	const char *bt = getenv("LIANGZE_BUSY_TIMEOUT_MS");
	if (bt && *bt)
		c->busy_ms = atoi(bt);
	int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
	int rc = sqlite3_open_v2(path, &c->h, flags, NULL);
	if (rc != SQLITE_OK) {
		lz_fail(err, LZ_IO, _("cannot open %s: %s"), path, c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc));
		db_close(c);
		return LZ_IO;
	}
	sqlite3_extended_result_codes(c->h, 1);
	sqlite3_busy_timeout(c->h, c->busy_ms);
	/* Reading the schema tells a database from any other file. */
	lz_status st = db_exec(c, "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; SELECT count(*) FROM sqlite_master;", err);
	if (st) {
		if (st == LZ_INTERNAL || st == LZ_DAMAGE) {
			lz_err why = *err;
			st = lz_fail(err, LZ_DAMAGE, _("%s is not a database or is damaged: %s"), path, why.msg);
		}
		db_close(c);
	}
	return st;
}

/* The mode of the database file for owner and group, never for others: a
 * backup holds everything the database does. */
static mode_t backup_mode(const db_conn *c, gid_t *gid)
{
	struct stat sb;
	*gid = (gid_t)-1;
	if (stat(c->path, &sb) != 0)
		return 0600;
	*gid = sb.st_gid;
	return (sb.st_mode & 0660) | 0600;
}

static lz_status fsync_path(const char *path, int flags, lz_err *err)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0 || fsync(fd) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return lz_fail(err, LZ_IO, _("cannot sync %s: %s"), path, strerror(e));
	}
	close(fd);
	return LZ_OK;
}

/* Steps the copy until done; a busy destination or source is waited for up
 * to the busy timeout. */
lz_status backup_pages(sqlite3 *dst, sqlite3 *src, int busy_ms, const char *what, lz_err *err)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return lz_fail(err, LZ_IO, _("%s: %s"), what, sqlite3_errmsg(dst));
	int rc, waited = 0;
	for (;;) {
		rc = sqlite3_backup_step(b, BACKUP_CHUNK);
		if (rc == SQLITE_OK)
			continue;
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited < busy_ms) {
			sqlite3_sleep(20);
			waited += 20;
			continue;
		}
		break;
	}
	int frc = sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE && frc == SQLITE_OK)
		return LZ_OK;
	int bad = rc == SQLITE_DONE ? frc : rc;
	switch (bad & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return lz_fail(err, LZ_BUSY, _("%s: the database is still in use by another session after %d s; try again"),
			       what, busy_ms / 1000);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return lz_fail(err, LZ_DAMAGE, _("%s: the database file is damaged: %s"), what, sqlite3_errstr(bad));
	default:
		return lz_fail(err, LZ_IO, _("%s: %s"), what, sqlite3_errmsg(dst));
	}
}

lz_status backup_copy(db_conn *c, const char *path, lz_err *err)
{
	char tmp[4200];
	const char *slash = strrchr(path, '/');
	int dl = slash ? (int)(slash - path + 1) : 0;
	snprintf(tmp, sizeof tmp, "%.*s.%s.part", dl, path, slash ? slash + 1 : path);
	gid_t gid;
	mode_t mode = backup_mode(c, &gid);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return lz_fail(err, LZ_IO, _("cannot write %s: %s"), tmp, strerror(errno));
	/* The umask must not widen or narrow what the database itself allows;
	 * the group follows the database's (installed setgid: liangze's group). */
	if (gid != (gid_t)-1 && fchown(fd, (uid_t)-1, gid) != 0) {
		/* not a member of the group: the file keeps the user's group */
	}
	if (fchmod(fd, mode) != 0) {
		int e = errno;
		close(fd);
		unlink(tmp);
		return lz_fail(err, LZ_IO, _("cannot write %s: %s"), tmp, strerror(e));
	}
	close(fd);

	sqlite3 *dst = NULL;
	lz_status st = LZ_OK;
	int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		st = lz_fail(err, LZ_IO, _("cannot write %s: %s"), tmp, dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		goto out;
	}
	/* One snapshot for the whole copy: without it a write by another
	 * session between steps would restart the copy, maybe for ever. */
	bool own_txn = sqlite3_get_autocommit(c->h);
	if (own_txn) {
		if ((st = db_begin_read(c, err)))
			goto out;
		int64_t n;
		if ((st = db_scalar_int(c, "SELECT count(*) FROM sqlite_master", 0, &n, err)))
			goto out_txn;
	}
	st = backup_pages(dst, c->h, c->busy_ms, path, err);
out_txn:
	if (own_txn)
		db_rollback(c);
	if (st)
		goto out;
	/* A backup is one file: no -wal or -shm to carry along or lose. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		st = lz_fail(err, LZ_IO, _("cannot write %s: %s"), tmp, sqlite3_errmsg(dst));
		goto out;
	}
	sqlite3_close(dst);
	dst = NULL;
	if ((st = fsync_path(tmp, O_RDONLY, err)))
		goto out;
	if (rename(tmp, path) != 0) {
		st = lz_fail(err, LZ_IO, _("cannot write %s: %s"), path, strerror(errno));
		goto out;
	}
	char dir[4096];
	snprintf(dir, sizeof dir, "%.*s", dl ? dl : 1, dl ? path : ".");
	fsync_path(dir, O_RDONLY | O_DIRECTORY, err); /* best effort: some file systems refuse */
	lz_err_clear(err);
out:
	if (dst)
		sqlite3_close(dst);
	if (st)
		unlink(tmp);
	return st;
}

lz_status backup_make(db_conn *c, const char *path, const char *tag, backup_info *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	lz_status st;
	if (path) {
		snprintf(out->path, sizeof out->path, "%s", path);
		struct stat sb;
		if (lstat(path, &sb) == 0)
			return lz_fail(err, LZ_IO, _("%s exists already: a backup never replaces a file"), path);
	} else {
		char dir[4096];
		if ((st = backup_folder(c, dir, sizeof dir, err)) ||
		    (st = backup_name(dir, tag ? tag : "", out->path, sizeof out->path, err)))
			return st;
	}
	if ((st = backup_copy(c, out->path, err)))
		return st;
	struct stat sb;
	if (stat(out->path, &sb) == 0)
		out->size = (long long)sb.st_size;
	db_conn copy;
	if ((st = backup_open_file(&copy, out->path, true, err)))
		return st;
	lz_err e;
	st = verify_db(&copy, &out->v, &e);
	db_close(&copy);
	if (st)
		return lz_fail(err, st, _("the backup %s does not verify: %s"), out->path, e.msg);
	return LZ_OK;
}

lz_status backup_run(session *s, const char *path, backup_info *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	if (s->role != ROLE_ADMIN)
		return lz_fail(err, LZ_DENIED, _("account %s may not make backups: a backup holds every unit's records; only an administrator may"),
			       s->login);
	return backup_make(&s->db, path, "", out, err);
}

lz_status backup_before_migrate(db_conn *c, lz_err *err)
{
	char dir[4096];
	lz_status st = backup_folder(c, dir, sizeof dir, err);
	if (!st)
		st = backup_name(dir, "-before-migration", c->migrate_backup, sizeof c->migrate_backup, err);
	if (!st)
		st = backup_copy(c, c->migrate_backup, err);
	if (st) {
		lz_err why = *err;
		c->migrate_backup[0] = '\0';
		return lz_fail(err, st, _("not migrating the database: the backup before it failed: %s"), why.msg);
	}
	return LZ_OK;
}
