/* restore.h — bringing a backup back into the live database.
 * The file is checked on a scratch copy first (migrated forward if it comes
 * from an older schema, then verified); only a copy that verifies is taken.
 * The live database is backed up, then the file's content is copied into it
 * through the live connection with SQLite's backup API — never by replacing
 * the file, whose -wal and -shm open sessions share. Open sessions see the
 * change as a new data version and reload. */
#ifndef LZ_RESTORE_H
#define LZ_RESTORE_H

#include "backup.h"
#include "session.h"

/* What a restore did. */
typedef struct restore_info {
	verify_result restored; /* the file's content, as verified */
	int from_version;       /* the file's schema version */
	int migrated;           /* migrations applied to the scratch copy */
	backup_info before;     /* the backup of the live database taken first */
} restore_info;

/* Restores file into s's database (admin only). LZ_DAMAGE when the file
 * does not verify, LZ_BAD when it is from a newer liangze; nothing changes
 * then. An audit row "restore" records who restored which file. */
lz_status restore_from(session *s, const char *file, restore_info *out, lz_err *err);

#endif
