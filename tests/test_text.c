/* test_text.c — UTF-8 helpers under the C and C.UTF-8 locales (and under
 * zh_CN.GB18030 when the system has it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "text.h"

/* Each test runs once per locale: the state is the locale name. */
static int set_loc(void **state)
{
	const char *name = *state;
	if (!setlocale(LC_ALL, name)) {
		/* C.UTF-8 is in glibc itself; it must exist. */
		if (strcmp(name, "C") == 0 || strcmp(name, "C.UTF-8") == 0)
			return -1;
	}
	return 0;
}

static int reset_loc(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C");
	return 0;
}

static void test_valid(void **state)
{
	(void)state;
	size_t bad = 99;
	assert_true(text_utf8_valid("abc \xe4\xb8\xad\xe6\x96\x87 \xf0\xa0\xae\xb7", 15, &bad));
	assert_true(text_utf8_valid("", 0, &bad));
	assert_false(text_utf8_valid("ab\xc0\x80", 4, &bad)); /* overlong NUL */
	assert_int_equal(bad, 2);
	assert_false(text_utf8_valid("\xe0\x80\x80", 3, &bad));
	assert_int_equal(bad, 0);
	assert_false(text_utf8_valid("x\xed\xa0\x80", 4, &bad)); /* surrogate */
	assert_int_equal(bad, 1);
	assert_false(text_utf8_valid("\xf4\x90\x80\x80", 4, &bad)); /* > U+10FFFF */
	assert_int_equal(bad, 0);
	assert_false(text_utf8_valid("\xe4\xb8\xad\xe6\x96", 5, &bad)); /* cut */
	assert_int_equal(bad, 3);
	/* Past the eight-byte ASCII fast path. */
	assert_false(text_utf8_valid("0123456789abc\xff", 14, &bad));
	assert_int_equal(bad, 13);
	assert_false(text_utf8_valid("0123456789abcdefgh\x80zz", 21, &bad));
	assert_int_equal(bad, 18);
	assert_false(text_utf8_valid("\xfe", 1, NULL));
}

static void test_decode(void **state)
{
	(void)state;
	uint32_t cp = 0;
	assert_int_equal(text_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(text_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(text_decode("\xe4\xb8\xad", 3, &cp), 3);
	assert_int_equal(cp, 0x4e2d);
	assert_int_equal(text_decode("\xf0\xa0\xae\xb7", 4, &cp), 4);
	assert_int_equal(cp, 0x20bb7);
	assert_int_equal(text_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	assert_int_equal(text_decode("\xe4\xb8\xad", 2, &cp), -1); /* len cuts it */
	assert_int_equal(text_decode("\xe4\x41\xad", 3, &cp), -1);
	assert_int_equal(text_decode("\x80", 1, &cp), -1);
	assert_int_equal(text_decode("\xc1\xbf", 2, &cp), -1);
	assert_int_equal(text_decode("", 0, &cp), -1);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("中文"), 4);
	assert_int_equal(text_width("a中b"), 4);
	assert_int_equal(text_width("纪委监委2026年"), 14);
	assert_int_equal(text_width("𠮷"), 2);
	assert_int_equal(text_width("！"), 2); /* fullwidth */
	assert_int_equal(text_width("e\xcc\x81"), 1); /* combining acute */
	assert_int_equal(text_width("a\tb\n"), 2);   /* controls take nothing */
	assert_int_equal(text_width("a\xff" "b"), 3); /* invalid byte: 1 */
	assert_int_equal(text_width("\xe4\xb8"), 2);  /* cut character: 1 per byte */
	assert_int_equal(text_width_n("中文abc", 4), 3); /* 中 + one stray byte */
	assert_int_equal(text_width_n("中文abc", 6), 4);
	assert_int_equal(text_cp_width(0x4e2d), 2);
	assert_int_equal(text_cp_width(0x41), 1);
	assert_int_equal(text_cp_width(0x07), 0);
	assert_int_equal(text_cp_width(0x85), 0);
	assert_int_equal(text_cp_width(0x301), 0);
	assert_int_equal(text_cp_width(0x1f600), 2);
	assert_int_equal(text_cp_width(0x10fffd), 1); /* private use: printable */
	/* The process locale is untouched afterwards. */
	assert_ptr_equal(uselocale((locale_t)0), LC_GLOBAL_LOCALE);
}

/* Widths of ambiguous characters are the locale's, hence only checked in
 * the UTF-8 and C locales, where they are 1. */
static void test_ambiguous_narrow(void **state)
{
	(void)state;
	assert_int_equal(text_width("…"), 1);
	assert_int_equal(text_width("€"), 1);
	assert_int_equal(text_width("—"), 1);
}

static void test_fit(void **state)
{
	(void)state;
	int used = -1;
	/* "a中文b": bytes a=0, 中=1..3, 文=4..6, b=7. */
	assert_int_equal(text_fit("a中文b", 0, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(text_fit("a中文b", 1, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit("a中文b", 2, &used), 1); /* 中 would need 2 more */
	assert_int_equal(used, 1);
	assert_int_equal(text_fit("a中文b", 3, &used), 4);
	assert_int_equal(used, 3);
	assert_int_equal(text_fit("a中文b", 4, &used), 4);
	assert_int_equal(used, 3);
	assert_int_equal(text_fit("a中文b", 5, &used), 7);
	assert_int_equal(used, 5);
	assert_int_equal(text_fit("a中文b", 6, &used), 8);
	assert_int_equal(used, 6);
	assert_int_equal(text_fit("a中文b", 100, &used), 8);
	assert_int_equal(used, 6);
	assert_int_equal(text_fit("a中文b", -3, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(text_fit("𠮷x", 1, &used), 0);
	assert_int_equal(text_fit("𠮷x", 2, &used), 4);
	/* A combining mark stays with its base. */
	assert_int_equal(text_fit("e\xcc\x81x", 1, &used), 3);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit("ab", 5, NULL), 2);
}

static void test_truncate(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(text_truncate("中文名称", 8, out, sizeof out), 8);
	assert_string_equal(out, "中文名称");
	assert_int_equal(text_truncate("中文名称", 7, out, sizeof out), 7);
	assert_string_equal(out, "中文名…");
	assert_int_equal(text_truncate("中文名称", 6, out, sizeof out), 5);
	assert_string_equal(out, "中文…");
	assert_int_equal(text_truncate("中文名称", 5, out, sizeof out), 5);
	assert_string_equal(out, "中文…");
	assert_int_equal(text_truncate("abcdef", 4, out, sizeof out), 4);
	assert_string_equal(out, "abc…");
	assert_int_equal(text_truncate("a中b", 3, out, sizeof out), 2);
	assert_string_equal(out, "a…");
	assert_int_equal(text_truncate("中文", 1, out, sizeof out), 1);
	assert_string_equal(out, "…");
	/* "中" alone would look complete: a cut string always shows the mark. */
	assert_int_equal(text_truncate("中文", 2, out, sizeof out), 1);
	assert_string_equal(out, "…");
	assert_int_equal(text_truncate("abc", 0, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_truncate("", 5, out, sizeof out), 0);
	assert_string_equal(out, "");
	/* Invalid bytes come out as '?', so the result is valid UTF-8. */
	assert_int_equal(text_truncate("a\xff" "b", 5, out, sizeof out), 3);
	assert_string_equal(out, "a?b");
	/* A small buffer cuts at a character boundary, never inside one. */
	assert_int_equal(text_truncate("中文名称", 20, out, 8), 3);
	assert_string_equal(out, "中…");
	assert_int_equal(text_truncate("abcdef", 20, out, 5), 2);
	assert_string_equal(out, "a…");
	assert_int_equal(text_truncate("中文", 20, out, 3), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_truncate("abc", 20, out, 1), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_truncate("abc", 20, out, 0), 0);
}

static void test_truncate_never_overflows(void **state)
{
	(void)state;
	const char *samples[] = { "纪委监委2026年第1季度", "a𠮷b中e\xcc\x81z", "…………", "ab" };
	char out[128];
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		for (int cols = 0; cols < 30; cols++) {
			int w = text_truncate(samples[i], cols, out, sizeof out);
			assert_true(w <= cols);
			assert_int_equal(w, text_width(out));
			assert_true(text_utf8_valid(out, strlen(out), NULL));
			int p = text_pad(samples[i], cols, out, sizeof out);
			assert_int_equal(p, cols);
			assert_int_equal(text_width(out), cols);
		}
	}
}

static void test_pad(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(text_pad("中a", 6, out, sizeof out), 6);
	assert_string_equal(out, "中a   ");
	assert_int_equal(text_pad("中文字", 5, out, sizeof out), 5);
	assert_string_equal(out, "中文…");
	/* A wide character that cannot fit leaves a space in its place. */
	assert_int_equal(text_pad("中文字", 4, out, sizeof out), 4);
	assert_string_equal(out, "中… ");
	assert_int_equal(text_pad("", 3, out, sizeof out), 3);
	assert_string_equal(out, "   ");
	/* Too small a buffer: the mark that says "cut" wins over text. */
	assert_int_equal(text_pad("abcdef", 10, out, 4), 1);
	assert_string_equal(out, "…");
}

static void test_chars(void **state)
{
	(void)state;
	assert_int_equal(text_chars(""), 0);
	assert_int_equal(text_chars(NULL), 0);
	assert_int_equal(text_chars("abc"), 3);
	assert_int_equal(text_chars("a中𠮷"), 3);
	assert_int_equal(text_chars("\xff\xfe"), 2);
	assert_int_equal(text_chars("e\xcc\x81"), 2);
}

static void test_width_zh_utf8(void **state)
{
	if (!setlocale(LC_ALL, "zh_CN.UTF-8"))
		skip();
	test_width(state);
	test_truncate(state);
}

/* GB18030 terminals draw ambiguous characters two columns wide, and glibc's
 * zh_CN.GB18030 says so; the ellipsis then costs 2. */
static void test_gb18030_locale(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "zh_CN.GB18030"))
		skip();
	assert_string_equal(nl_langinfo(CODESET), "GB18030");
	char out[64];
	assert_int_equal(text_width("中文"), 4);
	assert_int_equal(text_width("…"), 2);
	assert_int_equal(text_truncate("中文名称", 7, out, sizeof out), 6);
	assert_string_equal(out, "中文…");
	assert_int_equal(text_truncate("中文名称", 1, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_cp_width(0x1f600), 2); /* unknown to the locale */
}

#define PER_LOCALE(f, loc) cmocka_unit_test_prestate_setup_teardown(f, set_loc, reset_loc, (void *)(loc))
#define BOTH(f) PER_LOCALE(f, "C"), PER_LOCALE(f, "C.UTF-8")

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_valid),
		BOTH(test_decode),
		BOTH(test_width),
		BOTH(test_ambiguous_narrow),
		BOTH(test_fit),
		BOTH(test_truncate),
		BOTH(test_truncate_never_overflows),
		BOTH(test_pad),
		BOTH(test_chars),
		PER_LOCALE(test_width_zh_utf8, "C"),
		PER_LOCALE(test_gb18030_locale, "C"),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
