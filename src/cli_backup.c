/* cli_backup.c — `backup [-o FILE] [--keep N]`, `restore FILE` and
 * `undelete KIND ID`. */
#include "cli_backup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backup.h"
#include "i18n.h"
#include "restore.h"
#include "undelete.h"

static void print_info(const backup_info *b)
{
	printf(_("backup:     %s\n"), b->path);
	printf(_("size:       %lld bytes\n"), b->size);
	printf(_("records:    %lld\n"), (long long)b->v.records);
	printf(_("audit rows: %lld\n"), (long long)b->v.audit_rows);
	printf(_("audit head: %s\n"), b->v.head[0] ? b->v.head : "-");
}

lz_status cli_backup(const cli_cmd *c, lz_err *err)
{
	const char *out = cli_opt(c, "-o"), *keep = cli_opt(c, "--keep");
	char *end = NULL;
	long k = keep ? strtol(keep, &end, 10) : -1;
	if (c->npos > 1 || (keep && (*end || k < 1 || k > 100000)))
		return lz_fail(err, LZ_USAGE, "%s", _("usage: liangze backup [-o FILE] [--keep N] (N: backups to keep, at least 1)"));
	if (out && keep)
		return lz_fail(err, LZ_USAGE, "%s", _("--keep works on the backup folder's own names: leave out -o"));
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	backup_info b;
	st = backup_run(&s, out, &b, err);
	if (st == LZ_OK || st == LZ_DAMAGE)
		print_info(&b);
	if (st == LZ_OK && keep) {
		char dir[4096];
		int removed = 0;
		if (!(st = backup_folder(&s.db, dir, sizeof dir, err)) &&
		    !(st = backup_prune(dir, (int)k, &removed, err)))
			printf(_("removed:    %d older backup(s), keeping %ld\n"), removed, k);
	}
	session_close(&s);
	return st;
}

lz_status cli_restore(const cli_cmd *c, lz_err *err)
{
	if (c->npos != 2)
		return lz_fail(err, LZ_USAGE, "%s", _("usage: liangze restore FILE (a backup made by liangze backup)"));
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	restore_info r;
	if (!(st = restore_from(&s, c->raw_pos[1], &r, err))) {
		if (r.before.path[0])
			printf(_("current database backed up to %s\n"), r.before.path);
		else
			printf("%s\n", _("the current database was too damaged to back up"));
		printf(_("restored %s: %lld records, %lld audit rows, audit head %s (schema version %d, %d migrations applied)\n"),
		       c->raw_pos[1], (long long)r.restored.records, (long long)r.restored.audit_rows,
		       r.restored.head[0] ? r.restored.head : "-", r.from_version, r.migrated);
	}
	session_close(&s);
	return st;
}

lz_status cli_undelete(const cli_cmd *c, lz_err *err)
{
	char *end = NULL;
	long long id = c->npos == 3 ? strtoll(c->pos[2], &end, 10) : 0;
	if (c->npos != 3 || *end || id <= 0)
		return lz_fail(err, LZ_USAGE, "%s", _("usage: liangze undelete KIND ID (see the record's history)"));
	const kind *k = kind_find(c->pos[1]);
	if (!k)
		return lz_fail(err, LZ_USAGE, _("unknown kind '%s' (see: liangze kinds)"), c->pos[1]);
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	if (!(st = undelete_record(&s, k, id, err)))
		printf(_("%s #%lld is back\n"), kind_title(k), id);
	session_close(&s);
	return st;
}
