/* main.c — the program: locale and translations, then the command line. */
#include <locale.h>
#include <stdlib.h>

#include "cli.h"
#include "i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* LIANGZE_LOCALEDIR lets `make run` use the freshly built catalogs. */
	const char *dir = getenv("LIANGZE_LOCALEDIR");
	bindtextdomain("liangze", dir && *dir ? dir : LOCALEDIR);
	textdomain("liangze");
	return cli_main(argc, argv, NULL);
}
