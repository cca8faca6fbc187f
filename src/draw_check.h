/* draw_check.h — random checks (随机抽查, task 12): a number of units of one
 * category drawn through the draw module, and one check record per unit
 * drawn, written in the same transaction as the draw row. */
#ifndef LZ_DRAW_CHECK_H
#define LZ_DRAW_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "draw.h"
#include "session.h"

/* A random check as drawn. */
typedef struct draw_check {
	draw_result draw;     /* the stored draw: seed, positions drawn */
	draw_item *pool;      /* the units drawn from, by code (then id) */
	int npool;
	int64_t *checks;      /* the check made for each unit drawn, in the order drawn */
	int replaced;         /* checks of the earlier draw a redraw removed */
} draw_check;

/* The categories a random check draws from, for choosers: the ranking
 * categories (乡镇街道 takes 乡镇 and 街道 together, 区级部门 …), then the
 * unit categories not among them (乡镇, 街道, 区领导机关). Fills at most max
 * into out; returns how many. */
int draw_check_categories(const char **out, int max);

/* The draw's purpose as stored (and compared for a redraw): "随机抽查: 乡镇街道". */
void draw_check_purpose(const char *category, char *out, size_t outsz);

/* The units of category (as draw_check_categories names them; LZ_USAGE for
 * another word) within the session's scope, by code then id; free with
 * draw_pool_free. */
lz_status draw_check_pool(session *s, const char *category, draw_item **pool, int *n, lz_err *err);

/* Draws count units of category and makes a 随机抽查 check, dated today and
 * linked to the draw, for each, all in one write transaction. A redraw
 * (redraw_of, with a reason) removes the earlier draw's checks first, and is
 * refused while any of them has something recorded (inspectors, findings, a
 * notified date, points). Free out with draw_check_free. */
lz_status draw_check_run(session *s, const char *category, int count, int64_t redraw_of, const char *reason,
			 draw_check *out, lz_err *err);

/* Frees what out holds; out itself is the caller's. */
void draw_check_free(draw_check *out);

#endif
