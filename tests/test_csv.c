/* test_csv.c — the RFC 4180 reader: quoting, line ends, line numbers,
 * errors, going back to a record, and speed on a million rows; and the
 * string map the importer finds repeated rows with. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csv.h"
#include "strmap.h"

/* Reads the next record and checks it against the expected fields. */
static void expect_rec(csv_reader *r, long line, size_t n, ...)
{
	char **f = NULL;
	size_t nf = 0;
	long ln = 0;
	lz_err err;
	lz_err_clear(&err);
	int rc = csv_next(r, &f, &nf, &ln, &err);
	if (rc != 1)
		print_error("csv_next: %d %s\n", rc, err.msg);
	assert_int_equal(rc, 1);
	assert_int_equal(ln, line);
	assert_int_equal(nf, n);
	va_list ap;
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(f[i], va_arg(ap, const char *));
	va_end(ap);
}

static void expect_end(csv_reader *r)
{
	char **f;
	size_t nf;
	long ln;
	lz_err err;
	assert_int_equal(csv_next(r, &f, &nf, &ln, &err), 0);
	assert_int_equal(csv_next(r, &f, &nf, &ln, &err), 0);
}

static void expect_err(csv_reader *r, const char *msg)
{
	char **f;
	size_t nf;
	long ln;
	lz_err err;
	lz_err_clear(&err);
	assert_int_equal(csv_next(r, &f, &nf, &ln, &err), -1);
	assert_int_equal(err.code, LZ_BAD);
	assert_string_equal(err.msg, msg);
	/* The reader stays failed. */
	lz_err_clear(&err);
	assert_int_equal(csv_next(r, &f, &nf, &ln, &err), -1);
	assert_string_equal(err.msg, msg);
}

static csv_reader *open_s(const char *s)
{
	csv_reader *r = csv_open(s, strlen(s));
	assert_non_null(r);
	return r;
}

static void test_simple(void **state)
{
	(void)state;
	csv_reader *r = open_s("单位,姓名,年份\n纪委,张三,2026\n");
	expect_rec(r, 1, 3, "单位", "姓名", "年份");
	expect_rec(r, 2, 3, "纪委", "张三", "2026");
	expect_end(r);
	csv_close(r);

	r = open_s("a,b\n1,2"); /* no newline at the end */
	expect_rec(r, 1, 2, "a", "b");
	expect_rec(r, 2, 2, "1", "2");
	expect_end(r);
	csv_close(r);

	r = open_s("a,b\r\n1,2\r\n"); /* CRLF */
	expect_rec(r, 1, 2, "a", "b");
	expect_rec(r, 2, 2, "1", "2");
	expect_end(r);
	csv_close(r);

	r = open_s("a,b\r1,2\r"); /* lone CR, as old Mac Excel wrote */
	expect_rec(r, 1, 2, "a", "b");
	expect_rec(r, 2, 2, "1", "2");
	expect_end(r);
	csv_close(r);
}

static void test_empty_fields(void **state)
{
	(void)state;
	csv_reader *r = open_s(",,\na,\n,b\n\"\",x\n a , b \n");
	expect_rec(r, 1, 3, "", "", "");
	expect_rec(r, 2, 2, "a", "");
	expect_rec(r, 3, 2, "", "b");
	expect_rec(r, 4, 2, "", "x");
	expect_rec(r, 5, 2, " a ", " b "); /* nothing trimmed */
	expect_end(r);
	csv_close(r);

	r = open_s("a,"); /* trailing comma at the end of the file */
	expect_rec(r, 1, 2, "a", "");
	expect_end(r);
	csv_close(r);
}

static void test_quoting(void **state)
{
	(void)state;
	csv_reader *r = open_s("\"x,y\",\"say \"\"hi\"\"\",\"multi\nline\",plain\n"
			       "next,\"\"\"\",\"\"\"a\"\"\"\n");
	expect_rec(r, 1, 4, "x,y", "say \"hi\"", "multi\nline", "plain");
	expect_rec(r, 3, 3, "next", "\"", "\"a\"");
	expect_end(r);
	csv_close(r);

	/* CRLF inside a quoted field is kept as it is; lines still count. */
	r = open_s("\"a\r\nb\",c\r\nd,\"e\r\n\r\nf\"\r\ng,h");
	expect_rec(r, 1, 2, "a\r\nb", "c");
	expect_rec(r, 3, 2, "d", "e\r\n\r\nf");
	expect_rec(r, 6, 2, "g", "h");
	expect_end(r);
	csv_close(r);

	/* A quoted field that closes right at the end of the file. */
	r = open_s("a,\"b,c\"");
	expect_rec(r, 1, 2, "a", "b,c");
	expect_end(r);
	csv_close(r);

	/* An empty line inside quotes is content, not a blank line. */
	r = open_s("\"\n\n\",z\n");
	expect_rec(r, 1, 2, "\n\n", "z");
	expect_end(r);
	csv_close(r);
}

static void test_blank_lines_and_bom(void **state)
{
	(void)state;
	csv_reader *r = open_s("\n\na\n\nb\r\n\r\n\r\n");
	expect_rec(r, 3, 1, "a");
	expect_rec(r, 5, 1, "b");
	expect_end(r);
	csv_close(r);

	r = open_s("\xef\xbb\xbfname,code\n");
	expect_rec(r, 1, 2, "name", "code");
	expect_end(r);
	csv_close(r);

	r = open_s("");
	expect_end(r);
	csv_close(r);
	r = open_s("\r\n\n\r\n");
	expect_end(r);
	csv_close(r);
	r = csv_open(NULL, 0);
	expect_end(r);
	csv_close(r);
	csv_close(NULL);
}

static void test_errors(void **state)
{
	(void)state;
	csv_reader *r = open_s("a,b\nc,\"open\nmore\nstuff\n");
	expect_rec(r, 1, 2, "a", "b");
	expect_err(r, "line 2: quoted field opened here is not closed");
	csv_close(r);

	r = open_s("\"a\"\"");
	expect_err(r, "line 1: quoted field opened here is not closed");
	csv_close(r);

	r = open_s("x\n\"a\nb\",1\n2,\"z\nq");
	expect_rec(r, 1, 1, "x");
	expect_rec(r, 2, 2, "a\nb", "1");
	expect_err(r, "line 4: quoted field opened here is not closed");
	csv_close(r);

	r = open_s("a,b\"c\n");
	expect_err(r, "line 1, field 2: quote inside an unquoted field "
		      "(quote the whole field and double the quotes inside)");
	csv_close(r);

	r = open_s("\"a\"b,c\n");
	expect_err(r, "line 1, field 1: text after the closing quote of a quoted field");
	csv_close(r);

	/* The error names the physical line, past a multi-line field. */
	r = open_s("\"x\ny\",\"1\" 2\n");
	expect_err(r, "line 2, field 2: text after the closing quote of a quoted field");
	csv_close(r);

	/* A quote followed by spaces before the comma is text after the quote. */
	r = open_s("k\n\"a\" ,b\n");
	expect_rec(r, 1, 1, "k");
	expect_err(r, "line 2, field 1: text after the closing quote of a quoted field");
	csv_close(r);

	r = csv_open("a,b\0c\n", 6);
	expect_err(r, "line 1, field 2: NUL byte in the text (is this really a CSV file?)");
	csv_close(r);
	r = csv_open("\"a\0\"\n", 5);
	expect_err(r, "line 1, field 1: NUL byte in the text (is this really a CSV file?)");
	csv_close(r);
}

static void test_growth(void **state)
{
	(void)state;
	/* 100 fields and a 10,000-byte field: past every first capacity. */
	size_t cap = 200000, n = 0;
	char *s = malloc(cap);
	for (int i = 0; i < 100; i++)
		n += (size_t)snprintf(s + n, cap - n, "%sf%d", i ? "," : "", i);
	s[n++] = '\n';
	s[n++] = '"';
	for (int i = 0; i < 10000; i++)
		s[n++] = (i % 100 == 99) ? '\n' : 'x';
	s[n++] = '"';
	s[n++] = ',';
	s[n++] = 'e';
	s[n++] = '\n';
	s[n++] = 'z';
	csv_reader *r = csv_open(s, n);
	char **f;
	size_t nf;
	long ln;
	lz_err err;
	assert_int_equal(csv_next(r, &f, &nf, &ln, &err), 1);
	assert_int_equal(nf, 100);
	assert_string_equal(f[0], "f0");
	assert_string_equal(f[57], "f57");
	assert_string_equal(f[99], "f99");
	assert_int_equal(csv_next(r, &f, &nf, &ln, &err), 1);
	assert_int_equal(ln, 2);
	assert_int_equal(nf, 2);
	assert_int_equal(strlen(f[0]), 10000);
	assert_int_equal(f[0][99], '\n');
	assert_string_equal(f[1], "e");
	assert_int_equal(csv_next(r, &f, &nf, &ln, &err), 1);
	assert_int_equal(ln, 2 + 100 + 1); /* 100 line breaks inside the field */
	assert_string_equal(f[0], "z");
	expect_end(r);
	csv_close(r);
	free(s);
}

/* A million rows of ten fields, some quoted, checked field by field. */
static void test_million_rows(void **state)
{
	(void)state;
	const char *row = "3201020001,纪委监委,张三,\"a,b\",2026-03-05,1,0,\"\"\"q\"\"\",95.50,x\r\n";
	size_t rl = strlen(row), rows = 1000000, n = rl * rows;
	char *s = malloc(n);
	assert_non_null(s);
	for (size_t i = 0; i < rows; i++)
		memcpy(s + i * rl, row, rl);
	csv_reader *r = csv_open(s, n);
	char **f;
	size_t nf, count = 0, bytes = 0;
	long ln = 0;
	lz_err err;
	clock_t t0 = clock();
	while (csv_next(r, &f, &nf, &ln, &err) == 1) {
		assert_int_equal(nf, 10);
		bytes += strlen(f[3]) + strlen(f[7]);
		count++;
	}
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_int_equal(count, rows);
	assert_int_equal(ln, (long)rows);
	assert_int_equal(bytes, rows * (3 + 3));
	print_message("1,000,000 rows x 10 fields: %.2f s\n", secs);
	csv_close(r);
	free(s);
}

/* csv_tell and csv_seek: a record is read again from where it started,
 * with its physical line, after others were read (the importer's second pass). */
static void test_seek(void **state)
{
	(void)state;
	const char *text = "\xef\xbb\xbf" "a,b\n\n\"x\ny\",2\r\nlast,3";
	csv_reader *r = csv_open(text, strlen(text));
	size_t off[3];
	long at[3];
	for (int i = 0; i < 3; i++) {
		char **f;
		size_t n;
		long line;
		csv_tell(r, &off[i], &at[i]);
		assert_int_equal(csv_next(r, &f, &n, &line, NULL), 1);
	}
	csv_seek(r, off[1], at[1]);
	expect_rec(r, 3, 2, "x\ny", "2");
	expect_rec(r, 5, 2, "last", "3");
	csv_seek(r, off[0], at[0]);
	expect_rec(r, 1, 2, "a", "b");
	csv_close(r);
}

/* strmap: every key found with its first value, absent keys not, across growth. */
static void test_strmap(void **state)
{
	(void)state;
	strmap m = { 0 };
	char k[32];
	long v;
	for (long i = 0; i < 100000; i++) {
		snprintf(k, sizeof k, "key\x1f%ld", i);
		assert_true(strmap_put(&m, k, i));
		assert_true(strmap_put(&m, k, -1)); /* present: kept as it was */
	}
	assert_int_equal(m.n, 100000);
	for (long i = 0; i < 100000; i++) {
		snprintf(k, sizeof k, "key\x1f%ld", i);
		assert_true(strmap_get(&m, k, &v));
		assert_int_equal(v, i);
		snprintf(k, sizeof k, "key\x1f%ld", i + 100000);
		assert_false(strmap_get(&m, k, &v));
	}
	strmap_free(&m);
	assert_false(strmap_get(&m, "key", &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_blank_lines_and_bom),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_million_rows),
		cmocka_unit_test(test_seek),
		cmocka_unit_test(test_strmap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
