/* gen.h — the deterministic data generator behind the benchmarks and the
 * stress tests (bench/gen.c has the command line; bench/README.md the usage).
 *
 * Every row is a pure function of (seed, kind, row number), so any row can be
 * made on its own, the same seed always gives the same bytes, and a file of
 * N rows is the first N rows of a file of N+1 (vocabulary excepted: its rows
 * are spread over the whole file). Values come from the kind descriptors
 * (src/kind.h): field types, enum choices, references to units by code and to
 * the generated cadres G000001.. by code. Key fields are laid out so that no
 * two rows of a file name the same record, however many rows are asked for
 * (up to the kind's capacity, which gen_open reports). */
#ifndef LZ_GEN_H
#define LZ_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "kind.h"
#include "sbuf.h"
#include "status.h"

/* --- the planted search vocabulary -------------------------------------------
 * Each word appears in the kind's vocabulary field (gen_vocab_field) of
 * exactly gen_vocab_rows(w, rows) rows of a file of `rows` rows, and nowhere
 * else in any generated file: their characters are used by nothing else. */
typedef struct gen_word {
	const char *word;   /* UTF-8, two or three Chinese characters */
	long per_million;   /* rows per 1,000,000 that carry it: 100, 1000, 10000 */
} gen_word;

#define GEN_VOCAB_N 6
extern const gen_word gen_vocab[GEN_VOCAB_N];

/* How many rows of a file of `rows` rows carry w: rows * per_million / 1e6, rounded down. */
long gen_vocab_rows(const gen_word *w, long rows);

/* --- units and people -------------------------------------------------------- */

typedef struct gen_unit {
	char code[32];
	char name[96];
	char category[32];
	char parent[32];   /* parent's code, "" at the top */
	unsigned weight;   /* relative number of cadres */
} gen_unit;

typedef struct gen_units {
	gen_unit *u;
	size_t n;
	unsigned *cum;     /* cumulative weights, for picking a cadre's unit */
} gen_units;

/* The demo district's units (src/demo_data.c). */
lz_status gen_units_demo(gen_units *us, lz_err *err);

/* Units from a CSV file with the unit kind's columns (单位编码/code,
 * 单位名称/name, optional 单位类别/category and 上级单位/parent, by code). */
lz_status gen_units_load(gen_units *us, const char *path, lz_err *err);

void gen_units_free(gen_units *us);

/* The code of generated cadre p (0-based): "G000001" for p = 0. */
void gen_person_code(long p, char out[16]);

/* The unit (index into us) of generated cadre p. Depends only on p and the
 * unit list, not on the seed, so record files of any seed fit a person file
 * of any seed made with the same units. */
size_t gen_person_unit(const gen_units *us, long p);

/* --- one kind's rows ---------------------------------------------------------- */

typedef struct gen_cfg {
	uint64_t seed;
	long rows;            /* rows in this file */
	long people;          /* generated cadres the rows may refer to */
	const gen_units *units;
} gen_cfg;

typedef struct gen gen;

/* Whether liangze's rows of kind k can be generated. */
int gen_supported(const kind *k);

/* Prepares rows of kind k; LZ_USAGE when the kind is not supported or the
 * file asks for more rows than the kind can hold without repeating a key
 * (the message gives the capacity). */
lz_status gen_open(gen **out, const kind *k, const gen_cfg *cfg, lz_err *err);

void gen_close(gen *g);

/* The field the vocabulary is planted in (its CSV header is its Chinese
 * label), or NULL when the kind has no searched text field. */
const kind_field *gen_vocab_field(const gen *g);

/* The most rows a file of this kind can hold (LONG_MAX: unbounded). */
long gen_capacity(const gen *g);

/* Appends the CSV header line (Chinese labels, LF) to out. */
void gen_header(gen *g, sbuf *out);

/* Appends CSV data row i (0-based, < rows) to out. */
void gen_row(gen *g, long i, sbuf *out);

#endif
