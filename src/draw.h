/* draw.h — random draws (who reports, which units are checked), all through
 * one module so that every draw can be checked by anyone afterwards.
 *
 * The seed is 64 bits from getrandom(), kept as 16 hex digits. The generator
 * is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014; the constants of Vigna's reference code): the seed
 * is its state. A number below a bound n comes from the upper 32 bits of one
 * output by Lemire's multiply-and-reject method ("Fast random integer
 * generation in an interval", 2019), which rejects the few outputs that would
 * favour some numbers, so every number is exactly equally likely. The draw
 * itself is a partial Fisher–Yates shuffle of the positions 0..n-1: step i
 * swaps position i with one of i..n-1 chosen as above; the first count
 * positions, in that order, are the result.
 *
 * The pool comes in the order the caller's query fixes (units by code; people
 * by unit code, then person code, then id), so the same pool, seed and count
 * give the same result on any machine. The draw row (pool, seed, count,
 * result, who, when, and for a redraw the earlier draw and the reason) is
 * saved and audited before the result is handed back. */
#ifndef LZ_DRAW_H
#define LZ_DRAW_H

#include <stdbool.h>
#include <stdint.h>

#include "session.h"

#define DRAW_SEED_LEN 16

/* One entry of a pool: the record and the words that name it in the stored pool. */
typedef struct draw_item {
	int64_t id;
	char *code;   /* may be NULL: the entry is then named "#id name" */
	char *name;
} draw_item;

/* A stored draw. */
typedef struct draw_result {
	int64_t id;                     /* the draw row */
	char seed[DRAW_SEED_LEN + 1];
	int n, count;                   /* pool size, entries drawn */
	int *picked;                    /* count positions in the pool, in the order drawn (malloc'd) */
} draw_result;

/* A fresh seed from getrandom() as 16 lowercase hex digits (LZ_IO if the
 * kernel gives none). */
lz_status draw_new_seed(char out[DRAW_SEED_LEN + 1], lz_err *err);

/* Whether seed is 16 hex digits. */
bool draw_seed_valid(const char *seed);

/* Replays a draw: the positions (0..n-1) that seed draws, count of them in
 * order, into picked. Pure: the same arguments always give the same picks.
 * false when the seed is not 16 hex digits or not 0 < count <= n. */
bool draw_replay(const char *seed, int n, int count, int *picked);

/* The text that names item in a stored pool or result: "code name", or
 * "#id name" without a code; ';' (the separator) becomes '；'. Malloc'd. */
char *draw_item_text(const draw_item *item);

/* Draws count of the n entries of pool with a fresh seed and saves the draw
 * row through the record layer inside the caller's write transaction.
 * redraw_of (0: none) names the draw this one replaces: it must have the same
 * purpose and not have been drawn again already, and reason must say why
 * (LZ_BAD otherwise). out is filled (free with draw_result_free). */
lz_status draw_run_in(session *s, const char *purpose, const draw_item *pool, int n, int count, int64_t redraw_of,
		      const char *reason, draw_result *out, lz_err *err);

/* As draw_run_in, in its own write transaction: committed before it returns. */
lz_status draw_run(session *s, const char *purpose, const draw_item *pool, int n, int count, int64_t redraw_of,
		   const char *reason, draw_result *out, lz_err *err);

/* Replays stored draw id from its own pool and seed and compares the result:
 * LZ_OK when it matches, LZ_DAMAGE (err says what differs) when not, LZ_BAD
 * when there is no such draw. */
lz_status draw_verify(session *s, int64_t id, lz_err *err);

/* Frees out's picks; out itself is the caller's. */
void draw_result_free(draw_result *out);

/* Frees n pool entries and the array. */
void draw_pool_free(draw_item *pool, int n);

#endif
