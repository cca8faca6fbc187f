/* status.h — status codes and error values shared by every module.
 * Functions return an lz_status and fill an lz_err; only main() turns a
 * status into an exit code (the codes equal the documented exit codes). */
#ifndef LZ_STATUS_H
#define LZ_STATUS_H

#include <stddef.h>

typedef enum lz_status {
	LZ_OK = 0,      /* success */
	LZ_USAGE = 1,   /* wrong command line: unknown kind, option, argument */
	LZ_BAD = 2,     /* bad content: validation, encoding, CSV syntax; nothing written */
	LZ_DENIED = 3,  /* not permitted: role or unit scope */
	LZ_BUSY = 4,    /* database busy after the timeout */
	LZ_IO = 5,      /* file or I/O error */
	LZ_DAMAGE = 6,  /* damage found (verify, restore) */
	LZ_INTERNAL = 7 /* a bug or an unexpected library error */
} lz_status;

#define LZ_ERR_MAX 1024

typedef struct lz_err {
	lz_status code;
	char msg[LZ_ERR_MAX];
} lz_err;

/* Sets err (if not NULL) to code and a printf-formatted message; returns code. */
lz_status lz_fail(lz_err *err, lz_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clears err to LZ_OK with an empty message. */
void lz_err_clear(lz_err *err);

#endif
