/* duty_draw.c — the secretaries' pool, the draw, and the duty reports it makes. */
#include "duty_draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"

/* A meeting whose count was never set draws this many (the column's default). */
#define DEFAULT_COUNT 3

void duty_draw_purpose(int64_t meeting, char *out, size_t outsz)
{
	snprintf(out, outsz, "纪委书记述职抽签: 述职大会#%lld", (long long)meeting);
}

lz_status duty_draw_pool(session *s, draw_item **pool, int *n, lz_err *err)
{
	*pool = NULL;
	*n = 0;
	sqlite3_stmt *q;
	/* The fixed order the draw module asks for; a person holding it for two
	 * units stands once, at the first of them (SQLite takes the bare
	 * columns from the row that gives min()). */
	lz_status st = db_prepare(&s->db,
				  "SELECT p.id, p.code, p.name, u.name, min(u.code) FROM unit u JOIN person p ON p.id = u.supervisor_holder"
				  " WHERE u.category IN ('乡镇', '街道', '区级部门') GROUP BY p.id ORDER BY 5, 2, 1", &q, err);
	if (st)
		return st;
	int rc, cap = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			draw_item *np = realloc(*pool, (size_t)cap * sizeof *np);
			if (!np) {
				st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				break;
			}
			*pool = np;
		}
		const char *code = (const char *)sqlite3_column_text(q, 1);
		const char *name = (const char *)sqlite3_column_text(q, 2);
		const char *unit = (const char *)sqlite3_column_text(q, 3);
		draw_item *it = &(*pool)[(*n)++];
		it->id = sqlite3_column_int64(q, 0);
		it->code = code ? strdup(code) : NULL;
		if (asprintf(&it->name, "%s(%s)", name ? name : "", unit ? unit : "") < 0)
			it->name = NULL;
		if (!it->name || (code && !it->code)) {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			break;
		}
	}
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading units"), err);
	sqlite3_finalize(q);
	if (st) {
		draw_pool_free(*pool, *n);
		*pool = NULL;
		*n = 0;
	}
	return st;
}

/* Removes the meeting's duty reports, unless one already holds something. */
static lz_status remove_undecided(session *s, int64_t meeting, int *removed, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT d.id, p.name, d.summary IS NOT NULL OR d.questions IS NOT NULL OR d.rating IS NOT NULL"
				  " FROM duty_report d JOIN person p ON p.id = d.person WHERE d.meeting = ? ORDER BY d.id",
				  &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, meeting);
	int64_t *ids = NULL;
	int n = 0, cap = 0, rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sqlite3_column_int(q, 2)) {
			st = lz_fail(err, LZ_BAD,
				     _("the duty report of %s (id %lld) already has a report, questions or a rating recorded; "
				       "a redraw would lose them"),
				     (const char *)sqlite3_column_text(q, 1), (long long)sqlite3_column_int64(q, 0));
			break;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			int64_t *ni = realloc(ids, (size_t)cap * sizeof *ni);
			if (!ni) {
				st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				break;
			}
			ids = ni;
		}
		ids[n++] = sqlite3_column_int64(q, 0);
	}
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading duty reports"), err);
	sqlite3_finalize(q);
	/* Deleted after the read has finished: no statement stays open across writes. */
	for (int i = 0; i < n && !st; i++)
		if ((st = record_delete_in(s, &kind_duty_report, ids[i], err)) == LZ_OK)
			(*removed)++;
	free(ids);
	return st;
}

/* The duty report of person at meeting: the existing one, or a new one. */
static lz_status make_report(session *s, int64_t meeting, int64_t person, int64_t *id, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, "SELECT id FROM duty_report WHERE meeting = ? AND person = ?", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, meeting);
	sqlite3_bind_int64(q, 2, person);
	*id = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	if (*id)
		return LZ_OK;
	record *r = record_new(&kind_duty_report);
	if (!r)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	char m[24], p[24];
	snprintf(m, sizeof m, "%lld", (long long)meeting);
	snprintf(p, sizeof p, "%lld", (long long)person);
	record_set_named(r, "meeting", m);
	record_set_named(r, "person", p);
	st = record_save_in(s, r, err);
	*id = r->id;
	record_free(r);
	return st;
}

/* Whether the meeting may be drawn (again) as asked; *current gets its draw. */
static lz_status check_meeting(const record *m, int64_t meeting, int64_t redraw_of, int64_t *current, lz_err *err)
{
	const char *d = record_get_named(m, "draw");
	*current = d ? strtoll(d, NULL, 10) : 0;
	if (*current && !redraw_of)
		return lz_fail(err, LZ_BAD,
			       _("meeting %lld was drawn already (draw %lld); drawing again names that draw and needs a reason"),
			       (long long)meeting, (long long)*current);
	if (redraw_of && !*current)
		return lz_fail(err, LZ_BAD, _("meeting %lld has not been drawn yet: there is nothing to draw again"),
			       (long long)meeting);
	if (redraw_of && redraw_of != *current)
		return lz_fail(err, LZ_BAD, _("draw %lld is not the draw of meeting %lld (that is draw %lld)"),
			       (long long)redraw_of, (long long)meeting, (long long)*current);
	return LZ_OK;
}

static lz_status run_in(session *s, int64_t meeting, int count, int64_t redraw_of, const char *reason, duty_draw *out,
			lz_err *err)
{
	record *m = NULL;
	int64_t current;
	char purpose[128], num[24], did[24];
	lz_status st = record_get(s, &kind_duty_meeting, meeting, &m, err);
	if (st || (st = check_meeting(m, meeting, redraw_of, &current, err)))
		goto out;
	if (count <= 0) {
		const char *c = record_get_named(m, "draw_count");
		count = c && atoi(c) > 0 ? atoi(c) : DEFAULT_COUNT;
	}
	duty_draw_purpose(meeting, purpose, sizeof purpose);
	if ((st = duty_draw_pool(s, &out->pool, &out->npool, err)) ||
	    (st = draw_run_in(s, purpose, out->pool, out->npool, count, redraw_of, reason, &out->draw, err)))
		goto out;
	if (redraw_of && (st = remove_undecided(s, meeting, &out->replaced, err)))
		goto out;
	if (!(out->reports = calloc((size_t)count, sizeof *out->reports))) {
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		goto out;
	}
	for (int i = 0; i < count && !st; i++)
		st = make_report(s, meeting, out->pool[out->draw.picked[i]].id, &out->reports[i], err);
	if (st)
		goto out;
	snprintf(num, sizeof num, "%d", count);
	snprintf(did, sizeof did, "%lld", (long long)out->draw.id);
	record_set_named(m, "draw", did);
	record_set_named(m, "draw_count", num);
	st = record_save_in(s, m, err);
out:
	record_free(m);
	return st;
}

lz_status duty_draw_run(session *s, int64_t meeting, int count, int64_t redraw_of, const char *reason, duty_draw *out,
			lz_err *err)
{
	memset(out, 0, sizeof *out);
	lz_status st = db_begin_write(&s->db, err);
	if (st)
		return st;
	/* The pool is read inside the write transaction, so it is the pool the
	 * reports are written against. */
	if ((st = run_in(s, meeting, count, redraw_of, reason, out, err)) || (st = db_commit(&s->db, err))) {
		db_rollback(&s->db);
		duty_draw_free(out);
	}
	return st;
}

void duty_draw_free(duty_draw *out)
{
	if (!out)
		return;
	draw_result_free(&out->draw);
	draw_pool_free(out->pool, out->npool);
	free(out->reports);
	memset(out, 0, sizeof *out);
}
