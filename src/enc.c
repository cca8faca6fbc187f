/* enc.c — whole-buffer conversion with glibc iconv, strict: no //IGNORE and
 * no //TRANSLIT, because both lose data silently. */
#include "enc.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "text.h"

static const char BOM[] = "\xef\xbb\xbf";
#define BOM_LEN 3

lz_status enc_parse_name(const char *name, enc_kind *kind, lz_err *err)
{
	static const struct {
		const char *name;
		enc_kind kind;
	} names[] = {
		{ "auto", ENC_AUTO },
		{ "utf-8", ENC_UTF8 },
		{ "utf8", ENC_UTF8 },
		{ "gb18030", ENC_GB18030 },
	};
	for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++) {
		if (strcasecmp(name, names[i].name) == 0) {
			*kind = names[i].kind;
			return LZ_OK;
		}
	}
	return lz_fail(err, LZ_USAGE, _("unknown encoding '%s' (use auto, utf-8 or gb18030)"),
		       name ? name : "");
}

const char *enc_name(enc_kind kind)
{
	switch (kind) {
	case ENC_AUTO:
		return "auto";
	case ENC_UTF8:
		return "UTF-8";
	case ENC_GB18030:
		return "GB18030";
	}
	return "?";
}

static bool has_bom(const char *s, size_t len)
{
	return len >= BOM_LEN && memcmp(s, BOM, BOM_LEN) == 0;
}

/* Line and column (characters, from 1) of the position just after the valid
 * UTF-8 text u[0..n); a leading BOM is not a column. */
static void locate(const char *u, size_t n, long *line, long *col)
{
	size_t start = has_bom(u, n) ? BOM_LEN : 0;
	long ln = 1;
	const char *p = u + start, *end = u + n, *nl;
	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		ln++;
		p = nl + 1;
	}
	long c = 1;
	for (; p < end; p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			c++;
	*line = ln;
	*col = c;
}

static char *dup_bytes(const char *s, size_t len)
{
	char *d = malloc(len + 1);
	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

static bool ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* Output of iconv into a buffer that grows on E2BIG. */
typedef struct obuf {
	char *buf;
	size_t cap; /* one byte is always kept back for the final NUL */
	char *op;
	size_t oleft;
} obuf;

static bool obuf_init(obuf *o, size_t cap)
{
	o->buf = malloc(cap);
	o->cap = cap;
	o->op = o->buf;
	o->oleft = cap - 1;
	return o->buf != NULL;
}

static bool obuf_grow(obuf *o, size_t need)
{
	size_t used = (size_t)(o->op - o->buf);
	size_t cap = o->cap;
	while (cap - 1 - used < need) {
		if (cap > SIZE_MAX / 2)
			return false;
		cap *= 2;
	}
	char *nb = realloc(o->buf, cap);
	if (!nb)
		return false;
	o->buf = nb;
	o->cap = cap;
	o->op = nb + used;
	o->oleft = cap - 1 - used;
	return true;
}

/* Why a conversion stopped, for the caller to word. */
typedef enum conv_end { CONV_DONE, CONV_BAD, CONV_CUT, CONV_NOMEM, CONV_OPEN } conv_end;

/* Converts in[0..len) with iconv in one big call (re-entered only for E2BIG
 * and the euro byte); on CONV_BAD or CONV_CUT *o holds the output of the
 * valid prefix and *stop the input offset where it stopped. */
static conv_end convert(const char *to, const char *from, bool euro80, const char *in,
			size_t len, size_t cap, obuf *o, size_t *stop)
{
	iconv_t cd = iconv_open(to, from);
	if (cd == (iconv_t)-1)
		return CONV_OPEN;
	conv_end rc = CONV_DONE;
	if (!obuf_init(o, cap)) {
		rc = CONV_NOMEM;
		goto done;
	}
	char *ip = (char *)in;
	size_t ileft = len;
	while (ileft > 0) {
		if (iconv(cd, &ip, &ileft, &o->op, &o->oleft) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			if (!obuf_grow(o, o->cap)) {
				rc = CONV_NOMEM;
				break;
			}
		} else if (errno == EILSEQ && euro80 && (unsigned char)*ip == 0x80) {
			/* Code page 936 has a one-byte euro that GB18030 lacks;
			 * Excel writes it, so read it rather than refuse the file. */
			if (o->oleft < 3 && !obuf_grow(o, 3)) {
				rc = CONV_NOMEM;
				break;
			}
			memcpy(o->op, "\xe2\x82\xac", 3);
			o->op += 3;
			o->oleft -= 3;
			ip++;
			ileft--;
		} else {
			rc = errno == EINVAL ? CONV_CUT : CONV_BAD;
			break;
		}
	}
	*stop = (size_t)(ip - in);
done:
	iconv_close(cd);
	return rc;
}

static lz_status conv_fail(conv_end why, const char *fname, const char *encname, size_t len,
			   lz_err *err)
{
	if (why == CONV_NOMEM)
		return lz_fail(err, LZ_INTERNAL, _("%s: out of memory converting %zu bytes"),
			       fname, len);
	return lz_fail(err, LZ_INTERNAL, _("%s: the system cannot convert %s: %s"), fname,
		       encname, strerror(errno));
}

static lz_status bad_at(lz_err *err, const char *fname, const char *encname, long line,
			long col, bool cut)
{
	if (cut)
		return lz_fail(err, LZ_BAD,
			       _("%s: line %ld, column %ld: %s byte sequence cut off at the end of the file"),
			       fname, line, col, encname);
	return lz_fail(err, LZ_BAD, _("%s: line %ld, column %ld: invalid %s byte sequence"),
		       fname, line, col, encname);
}

/* The result of trying one encoding, kept so that auto can report the
 * attempt that got further. */
typedef struct attempt {
	lz_status rc;
	size_t stop;    /* input offset of the first bad byte */
	long line, col;
	bool cut;
} attempt;

/* True if s[0..n) is the start of a valid sequence that the end of the
 * file cut off: padding it with continuation bytes makes it valid. */
static bool utf8_cut(const char *s, size_t n)
{
	static const unsigned char pads[] = { 0x80, 0xbf };
	if (n == 0 || n >= 4)
		return false;
	for (size_t k = 0; k < sizeof pads; k++) {
		char tmp[4];
		uint32_t cp;
		memcpy(tmp, s, n);
		memset(tmp + n, pads[k], 4 - n);
		int used = text_decode(tmp, 4, &cp);
		if (used > (int)n)
			return true;
	}
	return false;
}

static lz_status from_utf8_file(const char *bytes, size_t len, char **out, size_t *outlen,
				attempt *a)
{
	size_t bad;
	a->cut = false;
	if (!text_utf8_valid(bytes, len, &bad)) {
		a->rc = LZ_BAD;
		a->stop = bad;
		a->cut = utf8_cut(bytes + bad, len - bad);
		locate(bytes, bad, &a->line, &a->col);
		return LZ_BAD;
	}
	size_t skip = has_bom(bytes, len) ? BOM_LEN : 0;
	*out = dup_bytes(bytes + skip, len - skip);
	if (!*out)
		return a->rc = LZ_INTERNAL;
	*outlen = len - skip;
	return a->rc = LZ_OK;
}

static lz_status from_gb18030_file(const char *bytes, size_t len, char **out, size_t *outlen,
				   attempt *a, const char *fname, lz_err *err)
{
	obuf o = { 0 };
	size_t stop = 0;
	/* GB18030 turns 2 bytes into at most 3 of UTF-8; most files never grow. */
	size_t cap = len / 2 < SIZE_MAX - len - 16 ? len + len / 2 + 16 : len + 1;
	conv_end why = convert("UTF-8", "GB18030", true, bytes, len, cap, &o, &stop);
	a->cut = false;
	if (why == CONV_BAD || why == CONV_CUT) {
		a->rc = LZ_BAD;
		a->stop = stop;
		a->cut = why == CONV_CUT;
		locate(o.buf, (size_t)(o.op - o.buf), &a->line, &a->col);
		free(o.buf);
		return LZ_BAD;
	}
	if (why != CONV_DONE) {
		free(o.buf);
		return a->rc = conv_fail(why, fname, "GB18030", len, err);
	}
	size_t n = (size_t)(o.op - o.buf);
	if (has_bom(o.buf, n)) {
		memmove(o.buf, o.buf + BOM_LEN, n - BOM_LEN);
		n -= BOM_LEN;
	}
	o.buf[n] = '\0';
	*out = o.buf;
	*outlen = n;
	return a->rc = LZ_OK;
}

lz_status enc_to_utf8(const char *bytes, size_t len, enc_kind want, const char *fname,
		      char **out, size_t *outlen, enc_kind *detected, lz_err *err)
{
	if (!fname)
		fname = "-";
	if (!bytes && len > 0)
		return lz_fail(err, LZ_INTERNAL, _("enc_to_utf8: NULL input"));
	if (!bytes)
		bytes = "";
	if (want != ENC_AUTO && want != ENC_UTF8 && want != ENC_GB18030)
		return lz_fail(err, LZ_INTERNAL, _("enc_to_utf8: unknown encoding %d"), (int)want);
	char *res = NULL;
	size_t reslen = 0;
	attempt u8 = { LZ_OK, 0, 0, 0, false }, gb = u8;
	enc_kind used = want;

	if (want == ENC_AUTO && len >= 2 &&
	    (memcmp(bytes, "\xff\xfe", 2) == 0 || memcmp(bytes, "\xfe\xff", 2) == 0))
		return lz_fail(err, LZ_BAD,
			       _("%s: the file is UTF-16; save it as \"CSV UTF-8\" or \"CSV\" and try again"),
			       fname);

	if (want == ENC_UTF8 || want == ENC_AUTO) {
		used = ENC_UTF8;
		from_utf8_file(bytes, len, &res, &reslen, &u8);
		/* A UTF-8 BOM settles the question even when the bytes are bad. */
		if (u8.rc == LZ_BAD && (want == ENC_UTF8 || has_bom(bytes, len)))
			return bad_at(err, fname, "UTF-8", u8.line, u8.col, u8.cut);
		if (u8.rc == LZ_INTERNAL)
			return conv_fail(CONV_NOMEM, fname, "UTF-8", len, err);
	}
	if (want == ENC_GB18030 || (want == ENC_AUTO && u8.rc == LZ_BAD)) {
		used = ENC_GB18030;
		from_gb18030_file(bytes, len, &res, &reslen, &gb, fname, err);
		if (gb.rc == LZ_BAD) {
			/* Neither fits: the one that read further is the likelier
			 * encoding, so its complaint is the useful one. */
			if (want == ENC_AUTO &&
			    (u8.stop > gb.stop || (u8.stop == gb.stop && !ascii(bytes, u8.stop))))
				return bad_at(err, fname, "UTF-8", u8.line, u8.col, u8.cut);
			return bad_at(err, fname, "GB18030", gb.line, gb.col, gb.cut);
		}
		if (gb.rc != LZ_OK)
			return gb.rc;
	}
	*out = res;
	if (outlen)
		*outlen = reslen;
	if (detected)
		*detected = used;
	return LZ_OK;
}

lz_status enc_from_utf8(const char *utf8, size_t len, enc_kind to, char **out,
			size_t *outlen, lz_err *err)
{
	if (!utf8 && len > 0)
		return lz_fail(err, LZ_INTERNAL, _("enc_from_utf8: NULL input"));
	if (!utf8)
		utf8 = "";
	if (to != ENC_UTF8 && to != ENC_GB18030)
		return lz_fail(err, LZ_USAGE,
			       _("cannot write in encoding '%s': choose utf-8 or gb18030"),
			       enc_name(to));
	size_t bad;
	if (!text_utf8_valid(utf8, len, &bad))
		return lz_fail(err, LZ_BAD, _("text to write is not valid UTF-8 (byte %zu)"), bad);
	if (to == ENC_UTF8) {
		char *d = dup_bytes(utf8, len);
		if (!d)
			return conv_fail(CONV_NOMEM, "-", "UTF-8", len, err);
		*out = d;
		if (outlen)
			*outlen = len;
		return LZ_OK;
	}
	obuf o = { 0 };
	size_t stop = 0;
	size_t cap = len / 4 < SIZE_MAX - len - 16 ? len + len / 4 + 16 : len + 1;
	conv_end why = convert("GB18030", "UTF-8", false, utf8, len, cap, &o, &stop);
	if (why == CONV_BAD || why == CONV_CUT) {
		uint32_t cp = 0;
		text_decode(utf8 + stop, len - stop, &cp);
		free(o.buf);
		return lz_fail(err, LZ_BAD,
			       _("character U+%04X (byte %zu) cannot be written in GB18030"),
			       (unsigned)cp, stop);
	}
	if (why != CONV_DONE) {
		free(o.buf);
		return conv_fail(why, "-", "GB18030", len, err);
	}
	size_t n = (size_t)(o.op - o.buf);
	o.buf[n] = '\0';
	*out = o.buf;
	if (outlen)
		*outlen = n;
	return LZ_OK;
}
