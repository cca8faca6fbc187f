/* text.h — UTF-8 helpers: validation, decoding, display width and fitting.
 * All strings here are UTF-8 whatever the process locale is. Widths come from
 * wcwidth() of the current locale when its codeset is UTF-8 or GB18030;
 * otherwise from C.UTF-8, so CJK is 2 columns even under LANG=C. Under
 * zh_CN.GB18030 glibc gives ambiguous-width characters (… — € §) 2 columns,
 * as GB18030 terminals draw them: never assume a fixed width for them. */
#ifndef LZ_TEXT_H
#define LZ_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True if s[0..len) is strict UTF-8 (no overlongs, surrogates or > U+10FFFF); else false and *bad_offset (if not NULL) = offset of the first bad byte. */
bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Decodes one strict UTF-8 character from s[0..len) into *cp; returns bytes used (1-4), or -1 if invalid, cut off by len, or len is 0. */
int text_decode(const char *s, size_t len, uint32_t *cp);

/* Display columns of a code point: 0 for controls and combining marks, 1 for an unknown printable, else wcwidth(); never negative. */
int text_cp_width(uint32_t cp);

/* Display columns of a NUL-terminated string; an invalid byte counts 1 column (text_truncate writes it as '?'). */
int text_width(const char *utf8);

/* Same as text_width for s[0..len), which need not be NUL-terminated. */
int text_width_n(const char *s, size_t len);

/* Bytes of the longest prefix of utf8 that fits in cols columns without splitting a character (combining marks stay with their base); *used (if not NULL) = its width. */
size_t text_fit(const char *utf8, int cols, int *used);

/* Copies utf8 into out (size outsz > 0), cut to at most cols columns and ending in "…" when it was cut; returns the result's width. */
int text_truncate(const char *utf8, int cols, char *out, size_t outsz);

/* Like text_truncate, then pads with spaces to exactly cols columns when out has room; returns the result's width. */
int text_pad(const char *utf8, int cols, char *out, size_t outsz);

/* Number of characters in a NUL-terminated string; each invalid byte counts as one. */
size_t text_chars(const char *utf8);

#endif
