/* text.c — UTF-8 helpers. Widths come from wcwidth(); see text.h for which
 * locale answers. */
#include "text.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

static const char ELLIPSIS[] = "\xe2\x80\xa6"; /* U+2026 */

static locale_t utf8_loc = (locale_t)0;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

/* Made once and kept for the life of the process: newlocale is costly and
 * the object is small. */
static void utf8_loc_init(void)
{
	static const char *const names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		utf8_loc = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0);
		if (utf8_loc)
			return;
	}
}

static locale_t utf8_locale(void)
{
	pthread_once(&utf8_once, utf8_loc_init);
	return utf8_loc;
}

/* The terminal follows the locale, so its widths win when the locale knows
 * CJK at all; the C locale's wcwidth() answers -1 for every non-ASCII char. */
static bool codeset_knows_cjk(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "GB18030") == 0);
}

/* Locale switching is done lazily, once per string, and only when a
 * non-ASCII character shows up: ASCII never needs wcwidth(). */
typedef struct wctx {
	bool entered;
	bool switched;
	locale_t saved;
} wctx;

static void wctx_init(wctx *c)
{
	c->entered = false;
	c->switched = false;
	c->saved = (locale_t)0;
}

static int wctx_width(wctx *c, uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if (cp < 0x7f)
		return 1;
	if (!c->entered) {
		c->entered = true;
		if (!codeset_knows_cjk()) {
			locale_t u = utf8_locale();
			if (u) {
				c->saved = uselocale(u);
				c->switched = true;
			}
		}
	}
	int w = wcwidth((wchar_t)cp);
	if (w < 0 && !c->switched) {
		/* zh_CN.GB18030 calls emoji unprintable; ask Unicode's widths
		 * rather than guess. */
		locale_t u = utf8_locale();
		if (u) {
			locale_t old = uselocale(u);
			w = wcwidth((wchar_t)cp);
			uselocale(old);
		}
	}
	return w < 0 ? 1 : w;
}

static void wctx_done(wctx *c)
{
	if (c->switched)
		uselocale(c->saved);
	c->switched = false;
}

int text_decode(const char *s, size_t len, uint32_t *cp)
{
	if (len == 0)
		return -1;
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	int n;
	uint32_t v;
	unsigned lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0; /* overlong */
		else if (c == 0xed)
			hi = 0x9f; /* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90; /* overlong */
		else if (c == 0xf4)
			hi = 0x8f; /* beyond U+10FFFF */
	} else {
		return -1;
	}
	if (len < (size_t)n)
		return -1;
	if (u[1] < lo || u[1] > hi)
		return -1;
	v = (v << 6) | (u[1] & 0x3f);
	for (int i = 2; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		v = (v << 6) | (u[i] & 0x3f);
	}
	*cp = v;
	return n;
}

bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	size_t i = 0;
	while (i < len) {
		/* Files are mostly ASCII: test eight bytes at a time. */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		int n = text_decode(s + i, len - i, &cp);
		if (n < 0) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

/* One character or one invalid byte; *ok says which. */
static size_t step(const char *s, size_t len, uint32_t *cp, bool *ok)
{
	int n = text_decode(s, len, cp);
	if (n < 0) {
		*ok = false;
		*cp = '?';
		return 1;
	}
	*ok = true;
	return (size_t)n;
}

int text_cp_width(uint32_t cp)
{
	wctx c;
	wctx_init(&c);
	int w = wctx_width(&c, cp);
	wctx_done(&c);
	return w;
}

int text_width_n(const char *s, size_t len)
{
	if (!s)
		return 0;
	wctx c;
	wctx_init(&c);
	long total = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		bool ok;
		i += step(s + i, len - i, &cp, &ok);
		total += ok ? wctx_width(&c, cp) : 1;
		if (total > INT_MAX - 4)
			break;
	}
	wctx_done(&c);
	return (int)total;
}

int text_width(const char *utf8)
{
	return utf8 ? text_width_n(utf8, strlen(utf8)) : 0;
}

/* Walks whole characters while they fit both cols columns and room bytes;
 * copies them to out when out is not NULL, writing '?' for an invalid byte
 * so that out is always valid UTF-8. Returns bytes taken. */
static size_t take(const char *s, size_t len, int cols, size_t room, char *out, int *used)
{
	wctx c;
	wctx_init(&c);
	size_t i = 0;
	int w = 0;
	while (i < len) {
		uint32_t cp;
		bool ok;
		size_t n = step(s + i, len - i, &cp, &ok);
		int cw = ok ? wctx_width(&c, cp) : 1;
		if (cw > cols - w || n > room - i)
			break;
		if (out) {
			if (ok)
				memcpy(out + i, s + i, n);
			else
				out[i] = '?';
		}
		i += n;
		w += cw;
	}
	wctx_done(&c);
	if (used)
		*used = w;
	return i;
}

size_t text_fit(const char *utf8, int cols, int *used)
{
	if (!utf8 || cols < 0) {
		if (used)
			*used = 0;
		return 0;
	}
	size_t len = strlen(utf8);
	return take(utf8, len, cols, len, NULL, used);
}

int text_truncate(const char *utf8, int cols, char *out, size_t outsz)
{
	if (!out || outsz == 0)
		return 0;
	out[0] = '\0';
	if (!utf8 || cols <= 0)
		return 0;
	size_t len = strlen(utf8);
	size_t room = outsz - 1;
	int w;
	size_t n = take(utf8, len, cols, room, out, &w);
	if (n == len) {
		out[n] = '\0';
		return w;
	}
	int ew = text_width(ELLIPSIS);
	size_t eb = sizeof ELLIPSIS - 1;
	if (ew > cols || eb > room) {
		/* No room for the mark: a bare prefix still says more than nothing. */
		out[n] = '\0';
		return w;
	}
	n = take(utf8, len, cols - ew, room - eb, out, &w);
	memcpy(out + n, ELLIPSIS, eb + 1);
	return w + ew;
}

int text_pad(const char *utf8, int cols, char *out, size_t outsz)
{
	int w = text_truncate(utf8, cols, out, outsz);
	if (!out || outsz == 0)
		return w;
	size_t n = strlen(out);
	while (w < cols && n + 1 < outsz) {
		out[n++] = ' ';
		w++;
	}
	out[n] = '\0';
	return w;
}

size_t text_chars(const char *utf8)
{
	if (!utf8)
		return 0;
	size_t count = 0;
	const char *p = utf8;
	size_t len = strlen(utf8);
	const char *end = p + len;
	while (p < end) {
		uint32_t cp;
		bool ok;
		p += step(p, (size_t)(end - p), &cp, &ok);
		count++;
	}
	return count;
}
