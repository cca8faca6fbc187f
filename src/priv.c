#include "priv.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

/* One process, one start: these describe how it was started. */
static struct {
	bool started;       /* started setgid (the shared-server install) */
	bool setgid;        /* ... and the group is not yet given up */
	gid_t group;        /* the installed group (the saved set-group-ID) */
	bool raised;        /* inside priv_enter_db .. priv_leave_db */
	mode_t old_umask;
	char dbdir[PATH_MAX];
	char dbpath[PATH_MAX + 16];
} pv;

/* Variables a privileged program must not let the person choose. glibc
 * already drops LD_*, GCONV_PATH, LOCPATH, NLSPATH, TMPDIR and the like for
 * a setgid start (AT_SECURE), and refuses message catalogs named with a
 * slash; these are the ones it does not know about. The group is given up
 * before the terminal starts, so ncurses would trust TERMINFO, TERMCAP and
 * ~/.terminfo again: a crafted terminal description then reaches a process
 * that holds the database open. */
static const char *const unsafe_env[] = {
	"LIANGZE_LOCALEDIR",   /* a crafted catalog's msgstr is a printf format */
	"LIANGZE_TODAY",       /* the test clock: rules would run on a chosen date */
	"TERMINFO", "TERMINFO_DIRS", "TERMCAP", "HOME",
	NULL
};

void priv_init(const char *dbdir)
{
	memset(&pv, 0, sizeof pv);
	snprintf(pv.dbdir, sizeof pv.dbdir, "%s", dbdir ? dbdir : "");
	snprintf(pv.dbpath, sizeof pv.dbpath, "%s/liangze.db", pv.dbdir);
	gid_t r = getgid(), e = getegid();
	if (r == e)
		return;
	pv.started = pv.setgid = true;
	pv.group = e;
	/* Drop first, before anything reads the environment or a file. The
	 * saved set-group-ID keeps the group for the one database open. */
	if (setegid(r) != 0) {
		/* Cannot run with fewer rights than given: give up the group. */
		if (setresgid(r, r, r) != 0)
			abort();
		pv.setgid = false;
	}
	for (const char *const *v = unsafe_env; *v; v++)
		unsetenv(*v);
}

bool priv_setgid(void)
{
	return pv.started;
}

const char *priv_default_db(void)
{
	return pv.dbpath;
}

/* Is path the installed database? Resolved while holding the group (the
 * folder is 2770), compared by the folder's real path and the exact name
 * liangze.db, so --db cannot reach another group file (the -wal of the
 * database, say) nor a folder swapped behind a symbolic link. */
static bool is_installed_db(const char *path)
{
	char dir[PATH_MAX], real[PATH_MAX], want[PATH_MAX];
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (strcmp(base, "liangze.db") != 0)
		return false;
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	if (!realpath(dir, real) || !realpath(pv.dbdir, want))
		return false;
	return strcmp(real, want) == 0;
}

lz_status priv_enter_db(const char *path, bool create, char *out, size_t outsz, bool *raised, lz_err *err)
{
	*raised = false;
	if (pv.setgid && setegid(pv.group) == 0) {
		if (is_installed_db(path)) {
			struct stat st;
			/* The first account of a new database becomes its admin: on a
			 * shared server that must not be whoever runs init first. */
			if (create && getuid() != 0 && stat(pv.dbpath, &st) != 0 && errno == ENOENT) {
				if (setegid(getgid()) != 0)
					abort();
				return lz_fail(err, LZ_DENIED, _("only root may create the shared database %s"), pv.dbpath);
			}
			pv.raised = true;
			*raised = true;
			pv.old_umask = umask(007);
			path = pv.dbpath;
		} else if (setegid(getgid()) != 0) {
			abort();
		}
	}
	if (snprintf(out, outsz, "%s", path) >= (int)outsz)
		return lz_fail(err, LZ_IO, "%s", _("database path too long"));
	return LZ_OK;
}

void priv_leave_db(void)
{
	if (!pv.setgid)
		return;
	if (pv.raised)
		umask(pv.old_umask);
	pv.raised = false;
	/* For good: real, effective and saved. Failing here would leave the
	 * group within reach of every later bug, so stop instead. */
	gid_t r = getgid();
	if (setresgid(r, r, r) != 0 || getegid() != r)
		abort();
	pv.setgid = false;
}
