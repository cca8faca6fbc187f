/* main.c — the program: locale and translations, then the command line. */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "outconv.h"
#include "priv.h"
#include "ui.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif
/* The shared-server install's database folder (make install sets it). */
#ifndef LZ_DBDIR
#define LZ_DBDIR "/var/lib/liangze"
#endif

/* Where the catalogs are: $LIANGZE_LOCALEDIR, else build/locale beside a
 * binary run from its source tree (so ./liangze speaks Chinese without an
 * install), else the installed folder — always that one when setgid. */
static const char *locale_dir(char *buf, size_t n)
{
	if (priv_setgid())
		return LOCALEDIR;
	const char *env = getenv("LIANGZE_LOCALEDIR");
	if (env && *env)
		return env;
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			struct stat st;
			snprintf(buf, n, "%s/build/locale", exe);
			if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
				return buf;
		}
	}
	return LOCALEDIR;
}

int main(int argc, char **argv)
{
	char buf[PATH_MAX + 32];
	priv_init(LZ_DBDIR);
	setlocale(LC_ALL, "");
	bindtextdomain("liangze", locale_dir(buf, sizeof buf));
	textdomain("liangze");
	outconv_setup();
	char **u = outconv_argv(argc, argv);
	int rc = cli_main(argc, u, argv, ui_run, outconv_stdio);
	outconv_argv_free(argc, u, argv);
	return rc;
}
