/* duty_draw.h — the draw of discipline secretaries who report at a
 * duty-report meeting (纪委书记述职, task 20): N of the supervisory holders of
 * towns, streets and district departments drawn through the draw module, and
 * one duty report per secretary drawn, written in the same transaction as
 * the draw row and the meeting's link to it. */
#ifndef LZ_DUTY_DRAW_H
#define LZ_DUTY_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include "draw.h"
#include "session.h"

/* A meeting's draw as made. */
typedef struct duty_draw {
	draw_result draw;     /* the stored draw: seed, positions drawn */
	draw_item *pool;      /* the secretaries drawn from, in the fixed order */
	int npool;
	int64_t *reports;     /* the duty report of each secretary drawn, in the order drawn */
	int replaced;         /* undecided duty reports a redraw removed */
} duty_draw;

/* The draw's purpose as stored (and compared for a redraw): "纪委书记述职抽签: 述职大会#ID". */
void duty_draw_purpose(int64_t meeting, char *out, size_t outsz);

/* The pool: every person who is the supervisory holder (监督责任人) of a unit
 * of category 乡镇, 街道 or 区级部门, once, ordered by the code of the (first)
 * unit they hold it for, then person code, then id; each named "code
 * name(unit)". The whole district whatever the session's scope (the meeting
 * is the district's). Free with draw_pool_free. */
lz_status duty_draw_pool(session *s, draw_item **pool, int *n, lz_err *err);

/* Draws count secretaries (0: the meeting's draw_count) for meeting in one
 * write transaction: the draw row, a duty report (meeting, person) per
 * secretary drawn — an existing one is kept — and the meeting's draw and
 * draw_count. A meeting already drawn is drawn again only with redraw_of
 * naming its current draw and a reason; that removes the meeting's duty
 * reports with nothing recorded yet, and is refused while any has a report,
 * questions or a rating. LZ_BAD (nothing written) otherwise. Free out with
 * duty_draw_free. */
lz_status duty_draw_run(session *s, int64_t meeting, int count, int64_t redraw_of, const char *reason, duty_draw *out,
			lz_err *err);

/* Frees what out holds; out itself is the caller's. */
void duty_draw_free(duty_draw *out);

#endif
