/* test_ledger.c — the ledger writer: exact CSV bytes (UTF-8 and GB18030),
 * xlsx read back with openpyxl, temporary files, errors. Run from the repo
 * root (tests/ledger_readback.py is found relative to it). */
#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ledger.h"

#define NCOLS 5

static const ledger_col COLS[NCOLS] = {
	{ "名称", LEDGER_TEXT },
	{ "数量", LEDGER_INT },
	{ "金额（元）", LEDGER_DECIMAL },
	{ "日期", LEDGER_DATE },
	{ "是否办结", LEDGER_BOOL },
};

static const char *const ROWS[][NCOLS] = {
	{ "纪委监委𠮷", "3", "-12.50", "2026-03-05", "1" },
	{ "=1+1", "-5", "0.10", "", "0" },
	{ "-5", "", "", NULL, "" },
	{ "@x", "0", "1234567.89", "2024-02-29", "1" },
	{ "甲,乙", "42", "-0.01", "1900-01-01", "0" },
	{ "他说\"好\"", "7", "3", "2099-12-31", NULL },
	{ "第一行\n第二行", "1", "1", "2026-01-01", "1" },
	{ "=A1,B1", "-2", "-3.5", "2026-12-31", "0" },
	{ "+1", NULL, NULL, NULL, NULL },
	{ "\tTab", NULL, NULL, NULL, NULL },
	{ "_x0041_", NULL, NULL, NULL, NULL },
};
#define NROWS ((int)(sizeof ROWS / sizeof ROWS[0]))

/* What the CSV must hold after the BOM. */
static const char CSV_BODY[] =
	"名称,数量,金额（元）,日期,是否办结\r\n"
	"纪委监委𠮷,3,-12.50,2026-03-05,是\r\n"
	"'=1+1,-5,0.10,,否\r\n"
	"'-5,,,,\r\n"
	"'@x,0,1234567.89,2024-02-29,是\r\n"
	"\"甲,乙\",42,-0.01,1900-01-01,否\r\n"
	"\"他说\"\"好\"\"\",7,3,2099-12-31,\r\n"
	"\"第一行\n第二行\",1,1,2026-01-01,是\r\n"
	"\"'=A1,B1\",-2,-3.5,2026-12-31,否\r\n"
	"'+1,,,,\r\n"
	"'\tTab,,,,\r\n"
	"_x0041_,,,,\r\n";

/* ---- helpers ---- */

static char *make_dir(void)
{
	char *d = strdup("/tmp/lz-ledger-XXXXXX");
	assert_non_null(d);
	assert_non_null(mkdtemp(d));
	return d;
}

static char *join(const char *dir, const char *name)
{
	char *p = NULL;
	assert_true(asprintf(&p, "%s/%s", dir, name) > 0);
	return p;
}

/* Names in dir other than . and .., joined by '|', sorted by readdir order. */
static int dir_list(const char *dir, char *out, size_t outsz)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	out[0] = '\0';
	for (struct dirent *e; (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n++)
			strncat(out, "|", outsz - strlen(out) - 1);
		strncat(out, e->d_name, outsz - strlen(out) - 1);
	}
	closedir(d);
	return n;
}

static void remove_dir(char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		for (struct dirent *e; (e = readdir(d));) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *p = join(dir, e->d_name);
			unlink(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(dir);
	free(dir);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	assert_non_null(buf);
	for (size_t r; (r = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
		n += r;
		if (n + 1 == cap) {
			buf = realloc(buf, cap *= 2);
			assert_non_null(buf);
		}
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void write_sample(ledger_book *b, const char *sheet, const char *title)
{
	lz_err err;
	assert_int_equal(ledger_sheet(b, sheet, title, COLS, NCOLS, &err), LZ_OK);
	for (int r = 0; r < NROWS; r++)
		assert_int_equal(ledger_row(b, ROWS[r], &err), LZ_OK);
	assert_int_equal(ledger_row_count(b), NROWS);
}

static char *iconv_gb18030(const char *utf8, size_t len, size_t *outlen)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t cap = len * 2 + 16, ol = cap;
	char *out = malloc(cap), *op = out, *ip = (char *)utf8;
	size_t il = len;
	assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
	iconv_close(cd);
	*outlen = cap - ol;
	return out;
}

/* ---- tests ---- */

static void test_format_from_path(void **state)
{
	(void)state;
	ledger_format f;
	lz_err err;
	assert_int_equal(ledger_format_from_path("a.xlsx", &f, &err), LZ_OK);
	assert_int_equal(f, LEDGER_FMT_XLSX);
	assert_int_equal(ledger_format_from_path("dir/台账.XLSX", &f, &err), LZ_OK);
	assert_int_equal(f, LEDGER_FMT_XLSX);
	assert_int_equal(ledger_format_from_path("/x/y.Csv", &f, &err), LZ_OK);
	assert_int_equal(f, LEDGER_FMT_CSV);
	assert_int_equal(ledger_format_from_path("a.txt", &f, &err), LZ_USAGE);
	assert_non_null(strstr(err.msg, "a.txt"));
	assert_int_equal(ledger_format_from_path("noext", &f, &err), LZ_USAGE);
	assert_int_equal(ledger_format_from_path("d.csv/file", &f, &err), LZ_USAGE);
	assert_int_equal(ledger_format_from_path("a.xlsx.bak", &f, &err), LZ_USAGE);
}

static void test_csv_utf8_bytes(void **state)
{
	(void)state;
	char *dir = make_dir(), *path = join(dir, "台账.csv"), names[512];
	ledger_book *b;
	lz_err err;
	assert_int_equal(ledger_open(&b, path, LEDGER_FMT_CSV, ENC_UTF8, 0, &err), LZ_OK);
	assert_null(ledger_xlsx_workbook(b));
	write_sample(b, "ignored in csv", "ignored too");
	/* nothing under the real name until close */
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(ledger_close(b, &err), LZ_OK);

	size_t len;
	char *got = slurp(path, &len);
	char want[4096];
	snprintf(want, sizeof want, "\xEF\xBB\xBF%s", CSV_BODY);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(got, want, len);
	assert_int_equal(dir_list(dir, names, sizeof names), 1);
	assert_string_equal(names, "台账.csv");
	free(got);
	free(path);
	remove_dir(dir);
}

static void test_csv_gb18030_bytes(void **state)
{
	(void)state;
	char *dir = make_dir(), *path = join(dir, "gb.csv"), names[512];
	ledger_book *b;
	lz_err err;
	assert_int_equal(ledger_open(&b, path, LEDGER_FMT_CSV, ENC_GB18030, 0, &err), LZ_OK);
	write_sample(b, "s", NULL);
	assert_int_equal(ledger_close(b, &err), LZ_OK);

	size_t len, wlen;
	char *got = slurp(path, &len);
	char *want = iconv_gb18030(CSV_BODY, strlen(CSV_BODY), &wlen);
	assert_int_equal(len, wlen);
	assert_memory_equal(got, want, len);
	/* no BOM; 𠮷 U+20BB7 is a four-byte sequence in GB18030 */
	assert_int_not_equal((unsigned char)got[0], 0xEF);
	assert_non_null(memmem(got, len, "\x95\x34\xb2\x35", 4));
	assert_int_equal(dir_list(dir, names, sizeof names), 1);
	free(want);
	free(got);
	free(path);
	remove_dir(dir);
}

/* A big CSV goes out in chunks; each must be whole rows (GB18030 too). */
static void test_csv_chunks(void **state)
{
	(void)state;
	char *dir = make_dir(), *path = join(dir, "big.csv");
	ledger_book *b;
	lz_err err;
	assert_int_equal(ledger_open(&b, path, LEDGER_FMT_CSV, ENC_GB18030, 0, &err), LZ_OK);
	assert_int_equal(ledger_sheet(b, "s", NULL, COLS, NCOLS, &err), LZ_OK);
	for (int r = 0; r < 20000; r++)
		assert_int_equal(ledger_row(b, ROWS[0], &err), LZ_OK);
	assert_int_equal(ledger_close(b, &err), LZ_OK);
	size_t len, rowlen;
	char *got = slurp(path, &len);
	char *row = iconv_gb18030("纪委监委𠮷,3,-12.50,2026-03-05,是\r\n",
				  strlen("纪委监委𠮷,3,-12.50,2026-03-05,是\r\n"), &rowlen);
	char *head = strstr(got, "\r\n");
	assert_non_null(head);
	head += 2;
	assert_int_equal(len - (size_t)(head - got), 20000 * rowlen);
	for (int r = 0; r < 20000; r++)
		assert_memory_equal(head + (size_t)r * rowlen, row, rowlen);
	free(row);
	free(got);
	free(path);
	remove_dir(dir);
}

static const char READBACK_WANT[] =
	"{\"data\": {"
	"\"history_\": {\"auto_filter\": \"A1:B1\", \"cells\": [[\"编号\", \"说明\"]], "
	"\"fit_to_height\": 0, \"fit_to_page\": true, \"fit_to_width\": 1, "
	"\"freeze_panes\": \"A2\", \"header_bold\": true, \"header_fill\": [\"FFD9E1F2\"], "
	"\"orientation\": \"landscape\", \"page_footer\": \"Page &P of &N\", "
	"\"page_header\": null, \"paper_size\": 9, \"print_title_rows\": \"$1:$1\", "
	"\"row2_formats\": [], \"widths\": {\"A\": 7, \"B\": 7}}, "
	"\"案件_线索_2026_一_\": {\"auto_filter\": \"A1:E12\", \"cells\": ["
	"[\"名称\", \"数量\", \"金额（元）\", \"日期\", \"是否办结\"], "
	"[\"纪委监委𠮷\", 3, -12.5, \"2026-03-05\", \"是\"], "
	"[\"=1+1\", -5, 0.1, null, \"否\"], "
	"[\"-5\", null, null, null, null], "
	"[\"@x\", 0, 1234567.89, \"2024-02-29\", \"是\"], "
	"[\"甲,乙\", 42, -0.01, \"1900-01-01\", \"否\"], "
	"[\"他说\\\"好\\\"\", 7, 3, \"2099-12-31\", null], "
	"[\"第一行\\n第二行\", 1, 1, \"2026-01-01\", \"是\"], "
	"[\"=A1,B1\", -2, -3.5, \"2026-12-31\", \"否\"], "
	"[\"+1\", null, null, null, null], "
	"[\"\\tTab\", null, null, null, null], "
	"[\"_x005F_x0041_\", null, null, null, null]], "
	"\"fit_to_height\": 0, \"fit_to_page\": true, \"fit_to_width\": 1, "
	"\"freeze_panes\": \"A2\", \"header_bold\": true, \"header_fill\": [\"FFD9E1F2\"], "
	"\"orientation\": \"landscape\", \"page_footer\": \"Page &P of &N\", "
	"\"page_header\": \"2026年 案件台账 && 汇总\", \"paper_size\": 9, "
	"\"print_title_rows\": \"$1:$1\", "
	"\"row2_formats\": [\"General\", \"0\", \"0.00\", \"yyyy-mm-dd\", \"General\"], "
	"\"widths\": {\"A\": 12, \"B\": 7, \"C\": 13, \"D\": 12, \"E\": 11}}, "
	"\"案件_线索_2026_一_(2)\": {\"auto_filter\": \"A1:E2\", \"cells\": ["
	"[\"名称\", \"数量\", \"金额（元）\", \"日期\", \"是否办结\"], "
	"[\"纪委监委𠮷\", 3, -12.5, \"2026-03-05\", \"是\"]], "
	"\"fit_to_height\": 0, \"fit_to_page\": true, \"fit_to_width\": 1, "
	"\"freeze_panes\": \"A2\", \"header_bold\": true, \"header_fill\": [\"FFD9E1F2\"], "
	"\"orientation\": \"landscape\", \"page_footer\": \"Page &P of &N\", "
	"\"page_header\": null, \"paper_size\": 9, \"print_title_rows\": \"$1:$1\", "
	"\"row2_formats\": [\"General\", \"0\", \"0.00\", \"yyyy-mm-dd\", \"General\"], "
	"\"widths\": {\"A\": 12, \"B\": 7, \"C\": 13, \"D\": 12, \"E\": 11}}}, "
	"\"sheets\": [\"案件_线索_2026_一_\", \"案件_线索_2026_一_(2)\", \"history_\"]}";

static char *readback(const char *xlsx)
{
	char *cmd = NULL;
	assert_true(asprintf(&cmd, "/usr/bin/python3 tests/ledger_readback.py '%s'", xlsx) > 0);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, n = 0;
	char *out = malloc(cap);
	assert_non_null(out);
	for (size_t r; (r = fread(out + n, 1, cap - n - 1, p)) > 0;) {
		n += r;
		if (n + 1 == cap) {
			out = realloc(out, cap *= 2);
			assert_non_null(out);
		}
	}
	out[n] = '\0';
	int rc = pclose(p);
	free(cmd);
	if (rc != 0)
		fail_msg("ledger_readback.py failed (status %d) on %s", rc, xlsx);
	if (n > 0 && out[n - 1] == '\n')
		out[n - 1] = '\0';
	return out;
}

static void test_xlsx_readback(void **state)
{
	(void)state;
	char *dir = make_dir(), *path = join(dir, "ledger.xlsx"), names[512];
	ledger_book *b;
	lz_err err;
	static const ledger_col two[] = { { "编号", LEDGER_INT }, { "说明", LEDGER_TEXT } };
	assert_int_equal(ledger_open(&b, path, LEDGER_FMT_XLSX, ENC_AUTO, 0, &err), LZ_OK);
	assert_non_null(ledger_xlsx_workbook(b));
	assert_null(ledger_xlsx_worksheet(b));
	write_sample(b, "案件/线索:2026[一]", "2026年 案件台账 & 汇总");
	assert_non_null(ledger_xlsx_worksheet(b));
	assert_string_equal(ledger_sheet_name(b), "案件_线索_2026_一_");
	assert_int_equal(ledger_sheet(b, "案件/线索:2026[一]", NULL, COLS, NCOLS, &err), LZ_OK);
	assert_int_equal(ledger_row(b, ROWS[0], &err), LZ_OK);
	assert_string_equal(ledger_sheet_name(b), "案件_线索_2026_一_(2)");
	assert_int_equal(ledger_sheet(b, "history", "", two, 2, &err), LZ_OK);
	assert_int_equal(ledger_row_count(b), 0);
	assert_int_equal(ledger_close(b, &err), LZ_OK);
	assert_int_equal(dir_list(dir, names, sizeof names), 1);
	assert_string_equal(names, "ledger.xlsx");

	char *got = readback(path);
	if (strcmp(got, READBACK_WANT) != 0) {
		fprintf(stderr, "got:  %s\nwant: %s\n", got, READBACK_WANT);
		fail_msg("the read-back differs");
	}
	free(got);
	free(path);
	remove_dir(dir);
}

/* The read-back really looks: a changed value must not compare equal. */
static void test_readback_detects_change(void **state)
{
	(void)state;
	char *dir = make_dir(), *path = join(dir, "one.xlsx");
	ledger_book *b;
	lz_err err;
	static const ledger_col one[] = { { "日期", LEDGER_DATE } };
	const char *row[] = { "2026-03-06" };
	assert_int_equal(ledger_open(&b, path, LEDGER_FMT_XLSX, ENC_UTF8, LEDGER_IN_MEMORY, &err),
			 LZ_OK);
	assert_int_equal(ledger_sheet(b, "s", NULL, one, 1, &err), LZ_OK);
	assert_int_equal(ledger_row(b, row, &err), LZ_OK);
	assert_int_equal(ledger_close(b, &err), LZ_OK);
	char *got = readback(path);
	assert_non_null(strstr(got, "[[\"日期\"], [\"2026-03-06\"]]"));
	assert_null(strstr(got, "2026-03-05"));
	free(got);
	free(path);
	remove_dir(dir);
}

static void test_sheet_names(void **state)
{
	(void)state;
	char *dir = make_dir(), *path = join(dir, "names.xlsx");
	ledger_book *b;
	lz_err err;
	static const ledger_col one[] = { { "x", LEDGER_TEXT } };
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "a/b:c*d?e[f]g\\h", "a_b_c_d_e_f_g_h" },
		{ "", "Sheet2" },
		{ NULL, "Sheet3" },
		{ "'引号'", "_引号_" },
		{ "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五",
		  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一" },
		{ "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二",
		  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八(2)" },
		/* 𠮷 takes two of Excel's 31 units */
		{ "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十𠮷",
		  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十" },
		{ "SHEET2", "SHEET2(2)" },
		{ "Tab\there", "Tab_here" },
	};
	assert_int_equal(ledger_open(&b, path, LEDGER_FMT_XLSX, ENC_UTF8, 0, &err), LZ_OK);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(ledger_sheet(b, cases[i].in, NULL, one, 1, &err), LZ_OK);
		assert_string_equal(ledger_sheet_name(b), cases[i].want);
	}
	assert_int_equal(ledger_close(b, &err), LZ_OK);
	char *got = readback(path);
	assert_non_null(strstr(got, "\"sheets\": [\"a_b_c_d_e_f_g_h\", \"Sheet2\", \"Sheet3\", "
				    "\"_引号_\""));
	assert_non_null(strstr(got, "\"SHEET2(2)\", \"Tab_here\"]"));
	free(got);
	free(path);
	remove_dir(dir);
}

static void test_abort_removes_temp(void **state)
{
	(void)state;
	char *dir = make_dir(), names[512];
	for (int fmt = 0; fmt < 2; fmt++) {
		char *path = join(dir, fmt ? "a.csv" : "a.xlsx");
		ledger_book *b;
		lz_err err;
		assert_int_equal(ledger_open(&b, path, fmt ? LEDGER_FMT_CSV : LEDGER_FMT_XLSX,
					     ENC_UTF8, 0, &err),
				 LZ_OK);
		write_sample(b, "s", NULL);
		/* only a hidden temporary exists while writing */
		assert_int_equal(dir_list(dir, names, sizeof names), 1);
		assert_true(names[0] == '.');
		assert_non_null(strstr(names, ".tmp-"));
		ledger_abort(b);
		assert_int_equal(dir_list(dir, names, sizeof names), 0);
		free(path);
	}
	ledger_abort(NULL);
	remove_dir(dir);
}

static void test_missing_and_unwritable_dir(void **state)
{
	(void)state;
	ledger_book *b = (ledger_book *)1;
	lz_err err;
	assert_int_equal(ledger_open(&b, "/nonexistent-lz/sub/x.xlsx", LEDGER_FMT_XLSX, ENC_UTF8, 0,
				     &err),
			 LZ_IO);
	assert_null(b);
	assert_non_null(strstr(err.msg, "/nonexistent-lz/sub/x.xlsx"));
	assert_non_null(strstr(err.msg, strerror(ENOENT)));

	/* root ignores folder permissions: use a folder no one may write */
	char *dir = NULL, *path;
	if (geteuid() != 0) {
		dir = make_dir();
		assert_int_equal(chmod(dir, 0555), 0);
		path = join(dir, "x.csv");
	} else {
		path = strdup("/sys/lz-ledger-test.csv");
	}
	assert_int_equal(ledger_open(&b, path, LEDGER_FMT_CSV, ENC_UTF8, 0, &err), LZ_IO);
	assert_non_null(strstr(err.msg, path));
	/* a container may mount /sys read-only */
	if (!strstr(err.msg, strerror(EACCES)) && !strstr(err.msg, strerror(EROFS)))
		fail_msg("no reason in: %s", err.msg);
	if (dir) {
		chmod(dir, 0755);
		remove_dir(dir);
	}
	free(path);
}

static void expect_bad_cell(ledger_format fmt, const ledger_col *col, const char *cell,
			    const char *msg_part)
{
	char *dir = make_dir(), *path = join(dir, fmt == LEDGER_FMT_CSV ? "b.csv" : "b.xlsx");
	char names[512];
	ledger_book *b;
	lz_err err;
	ledger_col cols[2] = { { "序号", LEDGER_INT }, *col };
	const char *ok[] = { "1", NULL };
	const char *bad[] = { "2", cell };
	assert_int_equal(ledger_open(&b, path, fmt, ENC_UTF8, 0, &err), LZ_OK);
	assert_int_equal(ledger_sheet(b, "表", NULL, cols, 2, &err), LZ_OK);
	assert_int_equal(ledger_row(b, ok, &err), LZ_OK);
	assert_int_equal(ledger_row(b, bad, &err), LZ_BAD);
	if (!strstr(err.msg, msg_part) || !strstr(err.msg, "sheet \"表\", row 3, column 2"))
		fail_msg("unexpected message for %s: %s", msg_part, err.msg);
	assert_non_null(strstr(err.msg, col->header));
	/* the book refuses more, and closing leaves nothing behind */
	assert_int_equal(ledger_row(b, ok, &err), LZ_BAD);
	memset(&err, 0, sizeof err);
	assert_int_equal(ledger_close(b, &err), LZ_BAD);
	assert_non_null(strstr(err.msg, msg_part));
	assert_int_equal(dir_list(dir, names, sizeof names), 0);
	free(path);
	remove_dir(dir);
}

static void test_bad_cells(void **state)
{
	(void)state;
	static const ledger_col text = { "说明", LEDGER_TEXT }, num = { "数量", LEDGER_INT },
				dec = { "金额", LEDGER_DECIMAL }, date = { "日期", LEDGER_DATE },
				flag = { "标志", LEDGER_BOOL };
	for (int f = 0; f < 2; f++) {
		ledger_format fmt = f ? LEDGER_FMT_CSV : LEDGER_FMT_XLSX;
		expect_bad_cell(fmt, &text, "ab\xff", "UTF-8");
		expect_bad_cell(fmt, &text, "\xe7\xba", "UTF-8"); /* cut off */
		expect_bad_cell(fmt, &text, "\xed\xa0\x80", "UTF-8"); /* surrogate */
		expect_bad_cell(fmt, &num, "1.5", "whole number");
		expect_bad_cell(fmt, &num, "1234567890123456", "whole number");
		expect_bad_cell(fmt, &num, "+3", "whole number");
		expect_bad_cell(fmt, &dec, "1.", "decimal");
		expect_bad_cell(fmt, &dec, ".5", "decimal");
		expect_bad_cell(fmt, &dec, "1e5", "decimal");
		expect_bad_cell(fmt, &dec, "1,5", "decimal");
		expect_bad_cell(fmt, &date, "2026-02-30", "date");
		expect_bad_cell(fmt, &date, "2026/3/5", "date");
		expect_bad_cell(fmt, &date, "1899-12-31", "date");
		expect_bad_cell(fmt, &date, " 2026-03-05", "date");
		/* the quick check of canonical dates (days up to the 28th) */
		expect_bad_cell(fmt, &date, "2026-13-05", "date");
		expect_bad_cell(fmt, &date, "2026-00-05", "date");
		expect_bad_cell(fmt, &date, "2026-03-00", "date");
		expect_bad_cell(fmt, &date, "3000-03-05", "date");
		expect_bad_cell(fmt, &date, "2026-3-05", "date");
		expect_bad_cell(fmt, &date, "2026-03-05 ", "date");
		expect_bad_cell(fmt, &date, "2026-03-0", "date");
		expect_bad_cell(fmt, &date, "2026-03-0x", "date");
		expect_bad_cell(fmt, &date, "2023-02-29", "date");
		expect_bad_cell(fmt, &flag, "2", "1 or 0");
		expect_bad_cell(fmt, &flag, "是", "1 or 0");
	}
}

static void test_cell_length(void **state)
{
	(void)state;
	/* 32767 characters fit a cell; one more does not (xlsx only) */
	size_t n = 32767;
	char *s = malloc(n * 3 + 4);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + 3 * i, "纪", 3);
	s[3 * n] = '\0';
	static const ledger_col col[] = { { "长文本", LEDGER_TEXT } };
	const char *row[] = { s };
	char *dir = make_dir(), *path = join(dir, "long.xlsx"), *cpath = join(dir, "long.csv");
	ledger_book *b;
	lz_err err;
	assert_int_equal(ledger_open(&b, path, LEDGER_FMT_XLSX, ENC_UTF8, 0, &err), LZ_OK);
	assert_int_equal(ledger_sheet(b, "s", NULL, col, 1, &err), LZ_OK);
	assert_int_equal(ledger_row(b, row, &err), LZ_OK);
	memcpy(s + 3 * n, "纪", 4);
	assert_int_equal(ledger_row(b, row, &err), LZ_BAD);
	assert_non_null(strstr(err.msg, "32767"));
	ledger_abort(b);
	assert_int_equal(ledger_open(&b, cpath, LEDGER_FMT_CSV, ENC_UTF8, 0, &err), LZ_OK);
	assert_int_equal(ledger_sheet(b, "s", NULL, col, 1, &err), LZ_OK);
	assert_int_equal(ledger_row(b, row, &err), LZ_OK);
	assert_int_equal(ledger_close(b, &err), LZ_OK);
	free(s);
	free(path);
	free(cpath);
	remove_dir(dir);
}

static void test_csv_one_sheet(void **state)
{
	(void)state;
	char *dir = make_dir(), *path = join(dir, "one.csv"), names[512];
	ledger_book *b;
	lz_err err;
	assert_int_equal(ledger_open(&b, path, LEDGER_FMT_CSV, ENC_UTF8, 0, &err), LZ_OK);
	write_sample(b, "s", NULL);
	assert_int_equal(ledger_sheet(b, "t", NULL, COLS, NCOLS, &err), LZ_USAGE);
	assert_non_null(strstr(err.msg, "one.csv"));
	assert_int_equal(ledger_close(b, &err), LZ_USAGE);
	assert_int_equal(dir_list(dir, names, sizeof names), 0);
	free(path);
	remove_dir(dir);
}

static void test_replaces_existing(void **state)
{
	(void)state;
	char *dir = make_dir(), *path = join(dir, "r.csv"), names[512];
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("old\n", f);
	fclose(f);
	ledger_book *b;
	lz_err err;
	static const ledger_col one[] = { { "x", LEDGER_TEXT } };
	const char *row[] = { "new" };
	assert_int_equal(ledger_open(&b, path, LEDGER_FMT_CSV, ENC_UTF8, 0, &err), LZ_OK);
	assert_int_equal(ledger_sheet(b, "s", NULL, one, 1, &err), LZ_OK);
	assert_int_equal(ledger_row(b, row, &err), LZ_OK);
	size_t len;
	char *old = slurp(path, &len);
	assert_string_equal(old, "old\n"); /* untouched until close */
	free(old);
	assert_int_equal(ledger_close(b, &err), LZ_OK);
	char *got = slurp(path, &len);
	assert_string_equal(got, "\xEF\xBB\xBFx\r\nnew\r\n");
	assert_int_equal(dir_list(dir, names, sizeof names), 1);
	free(got);
	free(path);
	remove_dir(dir);
}

static long max_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Streaming: memory must not grow with the rows. ASan's quarantine keeps
 * freed blocks, so only the plain build checks the numbers. */
static void test_flat_memory(void **state)
{
	(void)state;
	char *dir = make_dir(), *path = join(dir, "big.xlsx");
	ledger_book *b;
	lz_err err;
	const char *row[] = { "纪委监委第一纪检监察室", "12", "3456.78", "2026-03-05", "1" };
	assert_int_equal(ledger_open(&b, path, LEDGER_FMT_XLSX, ENC_UTF8, 0, &err), LZ_OK);
	assert_int_equal(ledger_sheet(b, "大表", NULL, COLS, NCOLS, &err), LZ_OK);
	for (int r = 0; r < 20000; r++)
		assert_int_equal(ledger_row(b, row, &err), LZ_OK);
	long before = max_rss_kb();
	for (int r = 0; r < 180000; r++)
		assert_int_equal(ledger_row(b, row, &err), LZ_OK);
	long after = max_rss_kb();
	assert_int_equal(ledger_close(b, &err), LZ_OK);
#if !defined(__SANITIZE_ADDRESS__)
	if (after - before > 8 * 1024)
		fail_msg("memory grew by %ld KB over 180000 rows", after - before);
#else
	(void)before;
	(void)after;
#endif
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size > 100000);
	free(path);
	remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_from_path),
		cmocka_unit_test(test_csv_utf8_bytes),
		cmocka_unit_test(test_csv_gb18030_bytes),
		cmocka_unit_test(test_csv_chunks),
		cmocka_unit_test(test_xlsx_readback),
		cmocka_unit_test(test_readback_detects_change),
		cmocka_unit_test(test_sheet_names),
		cmocka_unit_test(test_abort_removes_temp),
		cmocka_unit_test(test_missing_and_unwritable_dir),
		cmocka_unit_test(test_bad_cells),
		cmocka_unit_test(test_cell_length),
		cmocka_unit_test(test_csv_one_sheet),
		cmocka_unit_test(test_replaces_existing),
		cmocka_unit_test(test_flat_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
