/* backup.h — consistent copies of the live database, taken while others keep
 * working, with SQLite's online backup API (never a file copy: the -wal file
 * holds committed pages a copy of the main file would miss).
 * A backup is one self-contained file (rollback journal mode, no -wal), with
 * the database's own permission bits for owner and group and none for others,
 * written under a hidden name and renamed into place when complete. */
#ifndef LZ_BACKUP_H
#define LZ_BACKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "session.h"
#include "status.h"
#include "verify.h"

/* What a finished backup holds. */
typedef struct backup_info {
	char path[4096];
	long long size;         /* bytes */
	verify_result v;        /* records, audit rows and head hash of the copy */
} backup_info;

/* The folder for backups of c: the setting backup_dir, else the database's folder. */
lz_status backup_folder(db_conn *c, char *out, size_t outsz, lz_err *err);

/* A name in dir that does not exist yet: liangze-YYYYMMDD-HHMMSS<tag>.db
 * (local time; "-2", "-3" … added on a clash). tag is "" for plain backups,
 * which alone --keep counts and removes. */
lz_status backup_name(const char *dir, const char *tag, char *out, size_t outsz, lz_err *err);

/* Copies the database of c into path (which must not exist) as one snapshot
 * (a read transaction on c for the whole copy, so writers go on in WAL mode). */
lz_status backup_copy(db_conn *c, const char *path, lz_err *err);

/* Backs c up to path (NULL: backup_name in backup_folder with tag) and runs
 * verify_db on the copy; *out filled. LZ_DAMAGE when the copy does not
 * verify (the file is kept: it may still be the best copy there is). */
lz_status backup_make(db_conn *c, const char *path, const char *tag, backup_info *out, lz_err *err);

/* backup_make for an administrator (a backup holds every unit's records,
 * beyond any scope): LZ_DENIED for other accounts. */
lz_status backup_run(session *s, const char *path, backup_info *out, lz_err *err);

/* Removes the oldest plain backups (liangze-YYYYMMDD-HHMMSS[-N].db) in dir
 * beyond the newest keep; *removed gets how many. Other files are never touched. */
lz_status backup_prune(const char *dir, int keep, int *removed, lz_err *err);

/* Copies every page of src's main database into dst's with the backup API,
 * waiting up to busy_ms for locks; what names the copy in messages. */
lz_status backup_pages(sqlite3 *dst, sqlite3 *src, int busy_ms, const char *what, lz_err *err);

/* Whether name has the pattern of a plain backup made by liangze. */
bool backup_is_plain_name(const char *name);

/* Opens the database file at path without creating it or changing its
 * journal mode (read-only when readonly), with foreign keys on and the busy timeout. */
lz_status backup_open_file(db_conn *c, const char *path, bool readonly, lz_err *err);

/* Before db_migrate changes an existing database: a copy as it is, at its
 * old schema (not verified: verify needs the new one), named with the tag
 * "-before-migration"; its path goes to c->migrate_backup. */
lz_status backup_before_migrate(db_conn *c, lz_err *err);

#endif
