/* priv.h — the shared-server install: liangze setgid to a group that alone
 * can reach the database folder (mode 2770). The group is held only while
 * the one installed database is opened; then it is given up for good, so
 * everything else (exports, imports, the terminal) runs with the person's
 * own rights and no later bug can take the group back. */
#ifndef LZ_PRIV_H
#define LZ_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* The first call in main: if started setgid, remembers the group, drops to
 * the real group at once and removes environment variables that must not
 * steer a privileged program. dbdir is the installed database folder. */
void priv_init(const char *dbdir);

/* True when liangze was started setgid (the shared-server install). */
bool priv_setgid(void);

/* The installed database, dbdir/liangze.db (the default when setgid). */
const char *priv_default_db(void);

/* Before opening path: when setgid and path names the installed database,
 * takes the group back, sets umask 007, writes the canonical path to out and
 * returns *raised=true. Otherwise copies path to out with *raised=false.
 * Refuses (LZ_DENIED) creating the installed database unless root. */
lz_status priv_enter_db(const char *path, bool create, char *out, size_t outsz, bool *raised, lz_err *err);

/* After the database is open (or failed to open): gives up the group for
 * good (real, effective and saved) and restores the umask. Idempotent. */
void priv_leave_db(void);

#endif
