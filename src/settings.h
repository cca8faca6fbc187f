/* settings.h — named settings the rules use (thresholds, weights, days), with
 * built-in defaults; only values an admin changed are stored. Changes are
 * audited and re-run the rules that depend on them. */
#ifndef LZ_SETTINGS_H
#define LZ_SETTINGS_H

#include <stddef.h>

#include "session.h"

typedef enum setting_type { ST_INT, ST_DEC, ST_TEXT } setting_type;

typedef struct setting_def {
	const char *name;
	setting_type type;
	const char *dflt;
	long min, max;       /* ST_INT and ST_DEC (whole part) range */
	const char *help;    /* English msgid */
} setting_def;

/* All settings, NULL name-terminated. */
extern const setting_def settings_defs[];

/* The definition of name, or NULL. */
const setting_def *settings_find(const char *name);

/* The current value of name (stored or default) into out. LZ_USAGE if unknown. */
lz_status settings_get(session *s, const char *name, char *out, size_t outsz, lz_err *err);

/* The current value of an ST_INT setting. */
lz_status settings_get_int(session *s, const char *name, long *out, lz_err *err);

/* The current value of an ST_DEC setting, in hundredths. */
lz_status settings_get_hundredths(session *s, const char *name, long *out, lz_err *err);

/* Sets name to value (admin only), validated, audited, and re-runs the rules
 * that depend on it, all in one write transaction. value NULL restores the default. */
lz_status settings_set(session *s, const char *name, const char *value, lz_err *err);

/* settings_set inside the caller's write transaction (which it neither opens nor ends). */
lz_status settings_set_in(session *s, const char *name, const char *value, lz_err *err);

#endif
