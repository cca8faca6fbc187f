/* test_enc.c — conversion at the edges. GB18030 input is made here with
 * iconv from known UTF-8, so the expected text is never typed as bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <iconv.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "enc.h"
#include "text.h"

/* UTF-8 -> GB18030 with iconv directly, independent of enc.c. */
static char *gb(const char *utf8, size_t *n)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t inleft = strlen(utf8), cap = inleft * 2 + 8, outleft = cap;
	char *buf = malloc(cap), *op = buf, *ip = (char *)utf8;
	assert_non_null(buf);
	assert_true(iconv(cd, &ip, &inleft, &op, &outleft) != (size_t)-1);
	iconv_close(cd);
	*n = cap - outleft;
	return buf;
}

/* Concatenation of byte runs, for building files with bad bytes in them. */
static char *cat(size_t *n, const char *a, size_t an, const char *b, size_t bn)
{
	char *r = malloc(an + bn + 1);
	assert_non_null(r);
	memcpy(r, a, an);
	memcpy(r + an, b, bn);
	*n = an + bn;
	return r;
}

static void expect_ok(const char *in, size_t n, enc_kind want, const char *utf8, enc_kind det)
{
	char *out = NULL;
	size_t outlen = 0;
	enc_kind got = ENC_AUTO;
	lz_err err;
	lz_err_clear(&err);
	assert_int_equal(enc_to_utf8(in, n, want, "t.csv", &out, &outlen, &got, &err), LZ_OK);
	assert_int_equal(got, det);
	assert_int_equal(outlen, strlen(utf8));
	assert_memory_equal(out, utf8, outlen + 1); /* NUL-terminated too */
	free(out);
}

static void expect_bad(const char *in, size_t n, enc_kind want, const char *msg)
{
	char *out = (char *)0x1;
	size_t outlen = 7;
	lz_err err;
	lz_err_clear(&err);
	assert_int_equal(enc_to_utf8(in, n, want, "t.csv", &out, &outlen, NULL, &err), LZ_BAD);
	assert_int_equal(err.code, LZ_BAD);
	assert_string_equal(err.msg, msg);
	assert_ptr_equal(out, (char *)0x1);
}

static void test_names(void **state)
{
	(void)state;
	enc_kind k = ENC_UTF8;
	lz_err err;
	assert_int_equal(enc_parse_name("auto", &k, &err), LZ_OK);
	assert_int_equal(k, ENC_AUTO);
	assert_int_equal(enc_parse_name("UTF-8", &k, &err), LZ_OK);
	assert_int_equal(k, ENC_UTF8);
	assert_int_equal(enc_parse_name("Utf8", &k, &err), LZ_OK);
	assert_int_equal(k, ENC_UTF8);
	assert_int_equal(enc_parse_name("GB18030", &k, &err), LZ_OK);
	assert_int_equal(k, ENC_GB18030);
	assert_int_equal(enc_parse_name("AUTO", &k, &err), LZ_OK);
	assert_int_equal(k, ENC_AUTO);
	k = ENC_UTF8;
	assert_int_equal(enc_parse_name("gbk", &k, &err), LZ_USAGE);
	assert_string_equal(err.msg, "unknown encoding 'gbk' (use auto, utf-8 or gb18030)");
	assert_int_equal(k, ENC_UTF8);
	assert_int_equal(enc_parse_name("", &k, &err), LZ_USAGE);
	assert_int_equal(enc_parse_name(NULL, &k, &err), LZ_USAGE);
	assert_string_equal(enc_name(ENC_UTF8), "UTF-8");
	assert_string_equal(enc_name(ENC_GB18030), "GB18030");
	assert_string_equal(enc_name(ENC_AUTO), "auto");
}

static void test_utf8_in(void **state)
{
	(void)state;
	const char *t = "单位,姓名\n纪委,张三𠮷\n";
	expect_ok(t, strlen(t), ENC_AUTO, t, ENC_UTF8);
	expect_ok(t, strlen(t), ENC_UTF8, t, ENC_UTF8);
	char bom[64];
	snprintf(bom, sizeof bom, "\xef\xbb\xbf%s", t);
	expect_ok(bom, strlen(bom), ENC_AUTO, t, ENC_UTF8);
	expect_ok(bom, strlen(bom), ENC_UTF8, t, ENC_UTF8);
	expect_ok("\xef\xbb\xbf", 3, ENC_AUTO, "", ENC_UTF8);
	expect_ok("", 0, ENC_AUTO, "", ENC_UTF8);
	expect_ok(NULL, 0, ENC_GB18030, "", ENC_GB18030);
	/* Only the leading BOM goes: one inside the text is content. */
	expect_ok("a\xef\xbb\xbf", 4, ENC_AUTO, "a\xef\xbb\xbf", ENC_UTF8);
	/* Pure ASCII is valid UTF-8. */
	expect_ok("a,b\r\n1,2\r\n", 10, ENC_AUTO, "a,b\r\n1,2\r\n", ENC_UTF8);
}

static void test_gb18030_in(void **state)
{
	(void)state;
	const char *t = "单位,姓名,备注\n纪委监委,张三,𠮷𠀀\r\n区财政局,李四,“引号”\n";
	size_t n;
	char *g = gb(t, &n);
	assert_true(n < strlen(t)); /* really converted: 2 bytes a CJK char */
	expect_ok(g, n, ENC_AUTO, t, ENC_GB18030);
	expect_ok(g, n, ENC_GB18030, t, ENC_GB18030);
	free(g);

	/* 4-byte sequences, with the bytes spelled out by the standard. */
	expect_ok("\x95\x32\x82\x36", 4, ENC_AUTO, "\xf0\xa0\x80\x80", ENC_GB18030); /* U+20000 */
	g = gb("𠮷", &n);
	assert_int_equal(n, 4);
	assert_memory_equal(g, "\x95\x34\xb2\x35", 4);
	expect_ok(g, n, ENC_AUTO, "𠮷", ENC_GB18030);
	free(g);

	/* GB18030's own BOM (U+FEFF) is stripped too. */
	expect_ok("\x84\x31\x95\x33\xd6\xd0", 6, ENC_AUTO, "中", ENC_GB18030);
}

static void test_euro_0x80(void **state)
{
	(void)state;
	/* 0x80 as a lone byte is code page 936's euro. */
	expect_ok("a\x80" "b\xd6\xd0\x80", 6, ENC_AUTO, "a€b中€", ENC_GB18030);
	expect_ok("\x80", 1, ENC_GB18030, "€", ENC_GB18030);
	/* 0x80 as a second byte belongs to a two-byte character. */
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char in[] = "\x81\x80", exp[8] = { 0 };
	char *ip = in, *op = exp;
	size_t il = 2, ol = sizeof exp - 1;
	assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
	iconv_close(cd);
	assert_string_not_equal(exp, "€");
	expect_ok("\x81\x80\x80", 3, ENC_AUTO, strcat(exp, "€"), ENC_GB18030);
	/* Many euros: the output grows past its first guess (3 bytes each). */
	size_t big = 100000;
	char *many = malloc(big);
	memset(many, 0x80, big);
	char *out = NULL;
	size_t outlen = 0;
	lz_err err;
	assert_int_equal(enc_to_utf8(many, big, ENC_AUTO, "e.csv", &out, &outlen, NULL, &err), LZ_OK);
	assert_int_equal(outlen, big * 3);
	assert_memory_equal(out + outlen - 3, "€", 3);
	assert_int_equal(out[outlen], '\0');
	free(out);
	free(many);
}

static void test_gb18030_bad(void **state)
{
	(void)state;
	size_t n, m;
	char *g = gb("单位,名称\n张三,纪委", &n);
	/* 0xFF is never valid; it stands on line 2 after "张三,纪委" (5 chars). */
	char *f = cat(&m, g, n, "\xff\xd6\xd0\n", 4);
	expect_bad(f, m, ENC_AUTO, "t.csv: line 2, column 6: invalid GB18030 byte sequence");
	expect_bad(f, m, ENC_GB18030, "t.csv: line 2, column 6: invalid GB18030 byte sequence");
	expect_bad(f, m, ENC_UTF8, "t.csv: line 1, column 1: invalid UTF-8 byte sequence");
	free(f);
	/* A lead byte followed by a byte that cannot trail it. */
	f = cat(&m, g, n, "\n\xd6\x20", 3);
	expect_bad(f, m, ENC_AUTO, "t.csv: line 3, column 1: invalid GB18030 byte sequence");
	free(f);
	/* Cut at the end of the file: two bytes of a four-byte sequence. */
	f = cat(&m, g, n, "\r\nab\x95\x32", 6);
	expect_bad(f, m, ENC_AUTO,
		   "t.csv: line 3, column 3: GB18030 byte sequence cut off at the end of the file");
	free(f);
	f = cat(&m, g, n, "\xd6", 1);
	expect_bad(f, m, ENC_GB18030,
		   "t.csv: line 2, column 6: GB18030 byte sequence cut off at the end of the file");
	free(f);
	free(g);
	expect_bad("\xff", 1, ENC_AUTO, "t.csv: line 1, column 1: invalid GB18030 byte sequence");
	/* No file name: the message still has a place holder for it. */
	lz_err err;
	char *out;
	assert_int_equal(enc_to_utf8("\xff", 1, ENC_GB18030, NULL, &out, NULL, NULL, &err), LZ_BAD);
	assert_string_equal(err.msg, "-: line 1, column 1: invalid GB18030 byte sequence");
}

static void test_utf8_bad(void **state)
{
	(void)state;
	/* Forced UTF-8 on bytes that are not. */
	const char *t = "名称\n纪委ab\xe4\xb8" "x\n";
	expect_bad(t, strlen(t), ENC_UTF8, "t.csv: line 2, column 5: invalid UTF-8 byte sequence");
	/* A UTF-8 BOM settles the encoding even in auto. */
	const char *b = "\xef\xbb\xbf" "ab\xc0\xaf";
	expect_bad(b, strlen(b), ENC_AUTO, "t.csv: line 1, column 3: invalid UTF-8 byte sequence");
	/* Auto, a UTF-8 file with one bad byte late: report it as UTF-8. */
	const char *u = "单位\n纪委,张三\n李四,\xff\n";
	expect_bad(u, strlen(u), ENC_AUTO, "t.csv: line 3, column 4: invalid UTF-8 byte sequence");
	/* Cut at the end of the file. */
	const char *c = "ab\n\xe4\xb8";
	expect_bad(c, strlen(c), ENC_UTF8,
		   "t.csv: line 2, column 1: UTF-8 byte sequence cut off at the end of the file");
	const char *c4 = "\xf0\xa0\xae";
	expect_bad(c4, strlen(c4), ENC_UTF8,
		   "t.csv: line 1, column 1: UTF-8 byte sequence cut off at the end of the file");
	/* Not a cut: the bytes are wrong already. */
	const char *w = "\xe0\x80";
	expect_bad(w, strlen(w), ENC_UTF8, "t.csv: line 1, column 1: invalid UTF-8 byte sequence");
	/* UTF-16 gets a message that says what to do. */
	lz_err err;
	char *out;
	assert_int_equal(enc_to_utf8("\xff\xfe" "a\0", 4, ENC_AUTO, "u.csv", &out, NULL, NULL, &err),
			 LZ_BAD);
	assert_string_equal(err.msg,
			    "u.csv: the file is UTF-16; save it as \"CSV UTF-8\" or \"CSV\" and try again");
}

static void test_from_utf8(void **state)
{
	(void)state;
	const char *t = "单位,姓名\n纪委,张三𠮷€\n";
	char *out = NULL;
	size_t outlen = 0;
	lz_err err;
	assert_int_equal(enc_from_utf8(t, strlen(t), ENC_GB18030, &out, &outlen, &err), LZ_OK);
	size_t n;
	char *g = gb(t, &n);
	assert_int_equal(outlen, n);
	assert_memory_equal(out, g, n);
	assert_int_equal(out[outlen], '\0');
	/* And back again. */
	char *back = NULL;
	size_t blen = 0;
	assert_int_equal(enc_to_utf8(out, outlen, ENC_GB18030, "x", &back, &blen, NULL, &err), LZ_OK);
	assert_string_equal(back, t);
	free(back);
	free(out);
	free(g);

	assert_int_equal(enc_from_utf8("\xf0\xa0\x80\x80", 4, ENC_GB18030, &out, &outlen, &err), LZ_OK);
	assert_int_equal(outlen, 4);
	assert_memory_equal(out, "\x95\x32\x82\x36", 4);
	free(out);

	assert_int_equal(enc_from_utf8(t, strlen(t), ENC_UTF8, &out, &outlen, &err), LZ_OK);
	assert_int_equal(outlen, strlen(t));
	assert_string_equal(out, t);
	free(out);

	assert_int_equal(enc_from_utf8("", 0, ENC_GB18030, &out, &outlen, &err), LZ_OK);
	assert_int_equal(outlen, 0);
	assert_string_equal(out, "");
	free(out);

	assert_int_equal(enc_from_utf8("ab\xff", 3, ENC_GB18030, &out, &outlen, &err), LZ_BAD);
	assert_string_equal(err.msg, "text to write is not valid UTF-8 (byte 2)");
	assert_int_equal(enc_from_utf8("ab\xee\x9e\x8d", 5, ENC_GB18030, &out, &outlen, &err), LZ_BAD);
	assert_string_equal(err.msg, "character U+E78D (byte 2) cannot be written in GB18030");
	assert_int_equal(enc_from_utf8("ab\xee\x80\x80", 5, ENC_GB18030, &out, &outlen, &err), LZ_OK);
	assert_int_equal(outlen, 4); /* U+E000 is AAA1 */
	assert_memory_equal(out, "ab\xaa\xa1", 5);
	free(out);
	assert_int_equal(enc_from_utf8("ab", 2, ENC_AUTO, &out, &outlen, &err), LZ_USAGE);
	assert_string_equal(err.msg, "cannot write in encoding 'auto': choose utf-8 or gb18030");
}

/* Every Unicode scalar value outside the private-use area goes to GB18030
 * and comes back unchanged. In that area glibc 2.36 refuses 24 code points
 * (U+E78D…U+E864) whose GB18030 codes now belong to standard characters
 * (vertical forms U+FE10…, CJK ideographs); test_from_utf8 checks one. */
static void test_all_scalars_round_trip(void **state)
{
	(void)state;
	size_t cap = 0x110000 * 4 + 1, n = 0;
	char *u = malloc(cap);
	assert_non_null(u);
	for (uint32_t cp = 1; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		if (cp == 0xfeff) /* would be taken for a BOM at the start: keep it out */
			continue;
		if (cp >= 0xe000 && cp <= 0xf8ff) /* private use: see above */
			continue;
		unsigned char *p = (unsigned char *)u + n;
		if (cp < 0x80) {
			p[0] = (unsigned char)cp;
			n += 1;
		} else if (cp < 0x800) {
			p[0] = (unsigned char)(0xc0 | cp >> 6);
			p[1] = (unsigned char)(0x80 | (cp & 0x3f));
			n += 2;
		} else if (cp < 0x10000) {
			p[0] = (unsigned char)(0xe0 | cp >> 12);
			p[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
			p[2] = (unsigned char)(0x80 | (cp & 0x3f));
			n += 3;
		} else {
			p[0] = (unsigned char)(0xf0 | cp >> 18);
			p[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
			p[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
			p[3] = (unsigned char)(0x80 | (cp & 0x3f));
			n += 4;
		}
	}
	assert_true(text_utf8_valid(u, n, NULL));
	char *g = NULL, *back = NULL;
	size_t gl = 0, bl = 0;
	lz_err err;
	lz_err_clear(&err);
	assert_int_equal(enc_from_utf8(u, n, ENC_GB18030, &g, &gl, &err), LZ_OK);
	enc_kind det = ENC_AUTO;
	assert_int_equal(enc_to_utf8(g, gl, ENC_AUTO, "all", &back, &bl, &det, &err), LZ_OK);
	assert_int_equal(det, ENC_GB18030);
	assert_int_equal(bl, n);
	assert_memory_equal(back, u, n);
	free(u);
	free(g);
	free(back);
}

/* Big input goes through in big chunks: 20 MB of mixed text. */
static void test_big(void **state)
{
	(void)state;
	const char *line = "3201020001,纪委监委第一纪检监察室,张三,2026-03-05,“一案三查”,0.95\r\n";
	size_t ll = strlen(line), reps = 20u * 1024 * 1024 / ll, n = ll * reps;
	char *u = malloc(n + 1);
	for (size_t i = 0; i < reps; i++)
		memcpy(u + i * ll, line, ll);
	u[n] = '\0';
	char *g = NULL, *back = NULL;
	size_t gl = 0, bl = 0;
	lz_err err;
	clock_t t0 = clock();
	assert_int_equal(enc_from_utf8(u, n, ENC_GB18030, &g, &gl, &err), LZ_OK);
	assert_int_equal(enc_to_utf8(g, gl, ENC_AUTO, "big", &back, &bl, NULL, &err), LZ_OK);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_int_equal(bl, n);
	assert_memory_equal(back, u, n);
	print_message("20 MB there and back: %.2f s\n", secs);
	free(u);
	free(g);
	free(back);
}

int main(void)
{
	setlocale(LC_ALL, "C");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_utf8_in),
		cmocka_unit_test(test_gb18030_in),
		cmocka_unit_test(test_euro_0x80),
		cmocka_unit_test(test_gb18030_bad),
		cmocka_unit_test(test_utf8_bad),
		cmocka_unit_test(test_from_utf8),
		cmocka_unit_test(test_all_scalars_round_trip),
		cmocka_unit_test(test_big),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
