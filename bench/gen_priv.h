/* gen_priv.h — what the generic row engine (gen_rows.c) and the kinds'
 * touches (gen_kinds.c) share. Not for the benchmarks: they use gen.h. */
#ifndef LZ_GEN_PRIV_H
#define LZ_GEN_PRIV_H

#include "gen.h"

#define GEN_MAXF 64
#define GEN_VAL 320

/* The calendar the rows live in: days since 1970-01-01. Dates fall between
 * GEN_FIRST_YEAR-01-01 and the fixed "today" of the tests (2026-11-27), so a
 * seed gives the same file on any day. */
#define GEN_FIRST_YEAR 2010
#define GEN_LAST_YEAR 2026
#define GEN_TODAY_Y 2026
#define GEN_TODAY_M 11
#define GEN_TODAY_D 27

/* One row being made. */
typedef struct gen_rowbuf {
	long i;               /* row number */
	uint64_t rng;         /* this row's own random stream */
	char v[GEN_MAXF][GEN_VAL];
	int day[GEN_MAXF];    /* date fields: the day, else -1 */
	int base;             /* the row's main day */
} gen_rowbuf;

/* A kind's touches after the generic fill: values that follow a kind's own
 * rules (a case's stage dates, a report on time) or that must not set off a
 * rule the benchmark does not measure. */
typedef void (*gen_fix_fn)(const gen *g, gen_rowbuf *r);

typedef struct gen_kind_spec {
	const char *name;
	int share;            /* per mille of the records in a --plan */
	gen_fix_fn fix;       /* may be NULL */
} gen_kind_spec;

/* The kinds a plan generates (person first, then records), NULL-terminated. */
extern const gen_kind_spec gen_kind_specs[];

/* The spec of kind name, or NULL. */
const gen_kind_spec *gen_spec(const char *name);

/* --- helpers the touches use -------------------------------------------------- */

uint64_t gen_rand(gen_rowbuf *r);
uint32_t gen_below(gen_rowbuf *r, uint32_t n);

/* Days since 1970-01-01 of y-m-d, and back. */
int gen_days(int y, int m, int d);
void gen_ymd(int days, int *y, int *m, int *d);

/* The last day rows may carry. */
int gen_today(void);

/* Sets field name of r (no-op when the kind has no such field). */
void gen_set(const gen *g, gen_rowbuf *r, const char *name, const char *v);
void gen_set_day(const gen *g, gen_rowbuf *r, const char *name, int day);

/* The value of field name ("" when empty or absent). */
const char *gen_get(const gen *g, const gen_rowbuf *r, const char *name);

/* The configuration the file is made with. */
const gen_cfg *gen_config(const gen *g);

/* Writes one to three phrases of plausible Chinese text into out. */
void gen_text(gen_rowbuf *r, int phrases, char *out, size_t outsz);

/* A cadre's post for a unit category, and a rank. */
const char *gen_post(gen_rowbuf *r, const char *category);

#endif
