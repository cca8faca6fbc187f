#include "restore.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "i18n.h"
#include "sbuf.h"

static void remove_db_files(const char *path)
{
	char p[4200];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-journal", path);
	unlink(p);
}

/* The file's schema version; LZ_DAMAGE when it is no liangze database,
 * LZ_BAD when a newer liangze made it. */
static lz_status file_version(db_conn *f, const char *file, int *version, lz_err *err)
{
	int64_t has = 0, v = 0;
	lz_err e;
	if (db_scalar_int(f, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migration'", 0, &has, &e) != LZ_OK)
		return lz_fail(err, LZ_DAMAGE, _("%s cannot be read: %s"), file, e.msg);
	if (!has || db_scalar_int(f, "SELECT max(version) FROM schema_migration", 0, &v, &e) != LZ_OK || v <= 0)
		return lz_fail(err, LZ_DAMAGE, _("%s is not a liangze database"), file);
	int ours = db_migrations[db_migration_count - 1].version;
	if (v > ours)
		return lz_fail(err, LZ_BAD, _("%s comes from a newer liangze (schema version %lld; this one knows up to %d)"),
			       file, (long long)v, ours);
	*version = (int)v;
	return LZ_OK;
}

/* Copies file to a scratch database beside the live one, migrates it and
 * verifies it. */
static lz_status check_file(session *s, const char *file, const char *scratch, restore_info *out, lz_err *err)
{
	db_conn f;
	lz_status st = backup_open_file(&f, file, true, err);
	if (st)
		return st;
	if (!(st = file_version(&f, file, &out->from_version, err)))
		st = backup_copy(&f, scratch, err);
	db_close(&f);
	if (st)
		return st;
	db_conn w;
	if ((st = db_open(&w, scratch, false, err)))
		return st;
	w.busy_ms = s->db.busy_ms;
	w.no_migrate_backup = true;
	lz_err e;
	if ((st = db_migrate(&w, &out->migrated, &e))) {
		st = lz_fail(err, LZ_DAMAGE, _("%s cannot be brought to this schema: %s"), file, e.msg);
	} else if ((st = verify_db(&w, &out->restored, &e))) {
		st = lz_fail(err, st == LZ_DAMAGE ? LZ_DAMAGE : st, _("%s does not verify, nothing restored: %s"), file, e.msg);
	}
	db_close(&w);
	return st;
}

static lz_status audit_restore(session *s, const char *file, const restore_info *in, lz_err *err)
{
	sbuf b = { 0 };
	sbuf_add(&b, "{\"file\":");
	sbuf_json_str(&b, file);
	sbuf_add(&b, ",\"head\":");
	sbuf_json_str(&b, in->restored.head);
	sbuf_add(&b, ",\"backup_before\":");
	sbuf_json_str(&b, in->before.path);
	sbuf_add(&b, "}");
	lz_status st = db_begin_write(&s->db, err);
	if (!st && (st = audit_write(s, "database", 0, "restore", NULL, sbuf_str(&b), err)))
		db_rollback(&s->db);
	else if (!st)
		st = db_commit(&s->db, err);
	sbuf_free(&b);
	return st;
}

lz_status restore_from(session *s, const char *file, restore_info *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	if (s->role != ROLE_ADMIN)
		return lz_fail(err, LZ_DENIED, _("account %s may not restore: only an administrator may"), s->login);
	if (access(file, R_OK) != 0)
		return lz_fail(err, LZ_IO, _("cannot read %s: %s"), file, strerror(errno));
	char dir[4096], scratch[4200];
	lz_status st = backup_folder(&s->db, dir, sizeof dir, err);
	if (st)
		return st;
	/* Beside the backups: on the same disk, readable only as they are. */
	snprintf(scratch, sizeof scratch, "%s/.liangze-restore-%ld.db", dir, (long)getpid());
	remove_db_files(scratch);
	if ((st = check_file(s, file, scratch, out, err)))
		goto out;
	lz_err e;
	st = backup_make(&s->db, NULL, "-before-restore", &out->before, &e);
	if (st && st != LZ_DAMAGE) {
		/* A live database that does not verify is exactly when a restore is
		 * needed: its copy is kept, and the restore goes on. */
		st = lz_fail(err, st, _("not restoring: the backup of the current database failed: %s"), e.msg);
		goto out;
	}
	if (st && access(out->before.path, F_OK) != 0)
		out->before.path[0] = '\0'; /* too damaged to copy: restore all the same */
	db_conn w;
	if ((st = db_open(&w, scratch, false, err)))
		goto out;
	st = backup_pages(s->db.h, w.h, s->db.busy_ms, s->db.path, err);
	db_close(&w);
	if (!st)
		st = audit_restore(s, file, out, err);
out:
	remove_db_files(scratch);
	return st;
}
