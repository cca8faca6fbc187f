/* fuzz_import.c — libFuzzer over what an imported file meets: encoding
 * detection and conversion (enc.c), the CSV reader (csv.c), header mapping
 * and field validation (kind_parse_value), and the whole import check path
 * (import_bytes, dry run) against an in-memory database holding the demo
 * district, so references, keys and scope are resolved as in real use.
 *
 * Input: byte 0 picks the kind (any kind, administrative ones included),
 * byte 1 the encoding asked for, whether to run the import path (0x80) and
 * whether to write (0x40: the rows are written, rules run, audit rows made;
 * the database is made afresh every few hundred writes); the rest is the
 * file. Built and run by `make fuzz` (long) and `make check`
 * (60 s); crashes found are kept in tests/fuzz/corpus and replayed then. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "demo.h"
#include "enc.h"
#include "import.h"
#include "kind.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static session sess;
static int nkinds;
static int writes;

static void setup(void)
{
	lz_err err;
	if (nkinds)
		session_close(&sess);
	writes = 0;
	setenv("LIANGZE_TODAY", "2026-11-27", 1);
	if (session_open(&sess, ":memory:", "fuzz", true, NULL, &err) != LZ_OK)
		abort();
	long u, p;
	if (demo_fill(&sess, &u, &p, &err) != LZ_OK)
		abort();
	for (nkinds = 0; kind_all[nkinds];)
		nkinds++;
}

/* The reader and validation alone, over every cell of every row. */
static void read_cells(const kind *k, const char *utf8, size_t len)
{
	csv_reader *rd = csv_open(utf8, len);
	if (!rd)
		return;
	char **cells;
	size_t n;
	long line;
	lz_err err;
	int col_field[64];
	int ncol = 0;
	for (int row = 0; csv_next(rd, &cells, &n, &line, &err) == 1; row++) {
		for (size_t i = 0; i < n; i++) {
			if (row == 0) {
				if (ncol < 64)
					col_field[ncol++] = kind_field_by_header(k, cells[i]);
				continue;
			}
			int fi = i < (size_t)ncol ? col_field[i] : (int)(i % (size_t)k->nfields);
			if (fi < 0)
				continue;
			char *out = NULL;
			if (kind_parse_value(&k->fields[fi], cells[i], &out, &err) == LZ_OK)
				free(out);
		}
	}
	csv_close(rd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!nkinds)
		setup();
	if (size < 2)
		return 0;
	const kind *k = kind_all[data[0] % nkinds];
	static const enc_kind encs[] = { ENC_AUTO, ENC_UTF8, ENC_GB18030 };
	enc_kind want = encs[(data[1] & 0x7f) % 3];
	const char *bytes = (const char *)data + 2;
	size_t len = size - 2;

	char *utf8 = NULL;
	size_t ulen = 0;
	enc_kind got;
	lz_err err;
	if (enc_to_utf8(bytes, len, want, "fuzz.csv", &utf8, &ulen, &got, &err) == LZ_OK) {
		if (strlen(utf8) > ulen)
			abort();   /* the contract: NUL-terminated at ulen */
		read_cells(k, utf8, ulen);
		/* Back out as GB18030: valid UTF-8 in, so only LZ_BAD for a NUL. */
		char *gb = NULL;
		size_t gblen = 0;
		if (enc_from_utf8(utf8, ulen, ENC_GB18030, &gb, &gblen, &err) == LZ_OK)
			free(gb);
		free(utf8);
	}
	if (data[1] & 0x80) {
		import_result res;
		bool write = data[1] & 0x40;
		if (write && ++writes > 300)
			setup();
		import_bytes(&sess, k, bytes, len, "fuzz.csv", want, !write, &res, &err);
	}
	return 0;
}
