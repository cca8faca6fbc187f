/* demo_plan.h — demo records of the plan's mechanisms 明 询 查 考 (tasks 1-16, 18):
 * documents, letters, commitments, duty letters and signatures, risk cards,
 * inquiries, interviews, Tiancheng counts and rectifications, written through
 * the record layer so that validation, audit rows and rules all run.
 * Every choice comes from a fixed-seed PRNG and every date is placed
 * relative to the session's today, so a demo made on any day has things on
 * time, due within the week, overdue and closed. */
#ifndef LZ_DEMO_PLAN_H
#define LZ_DEMO_PLAN_H

#include <stdint.h>

#include "kind.h"
#include "session.h"

/* Adds the 明 and 询 demo records inside the caller's write transaction; the
 * units, people and holders must be there already (demo_fill). */
lz_status demo_plan_fill(session *s, lz_err *err);

/* --- shared by demo_plan.c, demo_ming.c and demo_xun.c ------------------- */

typedef struct demo_plan_unit {
	int64_t id;
	char code[8];
	char name[64];
	char category[24];
	int64_t principal, supervisor;   /* holders' person ids, 0 if none */
} demo_plan_unit;

typedef struct demo_plan_person {
	int64_t id;
	int unit;                /* index into demo_plan_ctx.units */
	char name[32];
	char post[96];
	int principal, team, disc, comm;
	char promoted_on[11];    /* "" if never promoted */
} demo_plan_person;

typedef struct demo_plan_ctx {
	session *s;
	uint64_t rng;            /* splitmix64 state (demo_rng_next) */
	int year;                /* today's year */
	demo_plan_unit *units;
	int nunits;
	demo_plan_person *people;
	int npeople;
	long added;              /* records saved so far */
} demo_plan_ctx;

/* Writes today + offset days into out. */
void demo_plan_day(const demo_plan_ctx *c, long offset, char out[11]);

/* Writes day (which may run past the month's end) of month of year into
 * out; a day not yet past is pulled back proportionally into the part of the
 * year already gone, so no record of the demo is dated in the future. */
void demo_plan_in_year(const demo_plan_ctx *c, int year, int month, int day, char out[11]);

/* Moves date d back to today if it is later. */
void demo_plan_clamp(const demo_plan_ctx *c, char d[11]);

/* Index of the unit with code, or -1. */
int demo_plan_unit_find(const demo_plan_ctx *c, const char *code);

/* Index of the first person of unit u whose post starts with post_prefix
 * (NULL: the unit's principal holder), or -1. */
int demo_plan_person_find(const demo_plan_ctx *c, int u, const char *post_prefix);

/* A value in [0, n) from the context's PRNG (n > 0). */
int demo_plan_below(demo_plan_ctx *c, int n);

/* Writes id as decimal text into buf (size >= 24) and returns buf. */
const char *demo_plan_id(char *buf, int64_t id);

/* Saves a new record of kind k whose fields are given as name, value pairs
 * (value NULL for empty) ending with a NULL name; *id (may be NULL) gets its
 * id. */
lz_status demo_plan_add(demo_plan_ctx *c, const kind *k, int64_t *id, lz_err *err, ...) __attribute__((sentinel));

/* The 明 records (demo_ming.c). */
lz_status demo_plan_ming(demo_plan_ctx *c, lz_err *err);

/* The 询 records (demo_xun.c): inquiries, interviews, rectifications. */
lz_status demo_plan_xun(demo_plan_ctx *c, lz_err *err);

/* Twelve months of Tiancheng counts for every ranked unit (demo_index.c). */
lz_status demo_plan_index(demo_plan_ctx *c, lz_err *err);

/* The 查 and 考 records (demo_chakao.c): cases, declarations, checks, meeting
 * records, audit findings, last year's assessments and annual reviews, and
 * accountability items entered by hand. */
lz_status demo_plan_chakao(demo_plan_ctx *c, lz_err *err);

/* The 述 and 评 records (demo_shuping.c): this year's and last year's 三述,
 * duty-report meetings, evaluations, three years of satisfaction surveys
 * shaped for the satisfaction rule, and this year's vetting. */
lz_status demo_plan_shuping(demo_plan_ctx *c, lz_err *err);

#endif
