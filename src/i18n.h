/* i18n.h — gettext markers. Every string a person reads goes through _(). */
#ifndef LZ_I18N_H
#define LZ_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
