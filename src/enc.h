/* enc.h — whole-buffer encoding conversion at the edges (files in and out).
 * Inside the program everything is UTF-8; files may be UTF-8 (with or
 * without BOM) or GB18030, as Excel on Chinese Windows saves them. */
#ifndef LZ_ENC_H
#define LZ_ENC_H

#include <stddef.h>

#include "status.h"

typedef enum enc_kind {
	ENC_AUTO,    /* input only: UTF-8 if it has a BOM or is valid UTF-8, else GB18030 */
	ENC_UTF8,
	ENC_GB18030
} enc_kind;

/* Parses "auto", "utf-8", "utf8" or "gb18030" (any case) into *kind; LZ_USAGE with a message naming the value otherwise. */
lz_status enc_parse_name(const char *name, enc_kind *kind, lz_err *err);

/* The canonical name of kind: "auto", "UTF-8" or "GB18030". */
const char *enc_name(enc_kind kind);

/* Converts bytes[0..len) read from file fname (only used in messages; may be NULL) to malloc'd NUL-terminated UTF-8 in *out (length in *outlen), a leading BOM removed; *detected (if not NULL) gets the encoding used. A lone byte 0x80 in GB18030 input is read as U+20AC (code page 936's euro). Invalid or cut-off input: LZ_BAD naming line and column (in characters, from 1), *out untouched. */
lz_status enc_to_utf8(const char *bytes, size_t len, enc_kind want, const char *fname,
		      char **out, size_t *outlen, enc_kind *detected, lz_err *err);

/* Converts valid UTF-8 utf8[0..len) to malloc'd NUL-terminated bytes (length in *outlen) in encoding to (UTF-8 is copied; GB18030, never GBK); no BOM is added. LZ_BAD if the input is not valid UTF-8, LZ_USAGE for ENC_AUTO. */
lz_status enc_from_utf8(const char *utf8, size_t len, enc_kind to, char **out,
			size_t *outlen, lz_err *err);

#endif
