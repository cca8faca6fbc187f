/* sbuf.h — a growable byte string. Used to build SQL from descriptors,
 * JSON for audit rows and text output; never for pasting user text into SQL. */
#ifndef LZ_SBUF_H
#define LZ_SBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sbuf {
	char *s;      /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
	bool oom;     /* an allocation failed: content is incomplete */
} sbuf;

/* Appends n bytes of p. */
void sbuf_addn(sbuf *b, const char *p, size_t n);

/* Appends a NUL-terminated string. */
void sbuf_add(sbuf *b, const char *p);

/* Appends printf-formatted text. */
void sbuf_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends s as a JSON string literal (quotes and escapes included); NULL as null. */
void sbuf_json_str(sbuf *b, const char *s);

/* The content, never NULL ("" when empty). */
const char *sbuf_str(const sbuf *b);

/* Empties b, keeping its memory. */
void sbuf_reset(sbuf *b);

/* Frees the memory; b is empty afterwards. */
void sbuf_free(sbuf *b);

/* Hands the malloc'd string to the caller (never NULL unless oom); b is empty afterwards. */
char *sbuf_take(sbuf *b);

#endif
