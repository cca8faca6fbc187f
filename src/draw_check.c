/* draw_check.c — random checks: the pool of a category's units, the draw,
 * and the checks it makes. */
#include "draw_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kinds_master.h"
#include "kinds_plan.h"
#include "record.h"
#include "tiancheng.h"

#define CHECK_TYPE "随机抽查"

static const char *const *unit_categories(void)
{
	const kind_field *f = kind_field_named(&kind_unit, "category");
	return f ? f->choices : NULL;
}

int draw_check_categories(const char **out, int max)
{
	int n = 0;
	for (int i = 0; tiancheng_categories[i] && n < max; i++)
		out[n++] = tiancheng_categories[i];
	for (const char *const *c = unit_categories(); c && *c && n < max; c++) {
		bool seen = false;
		for (int i = 0; i < n && !seen; i++)
			seen = strcmp(out[i], *c) == 0;
		if (!seen)
			out[n++] = *c;
	}
	return n;
}

void draw_check_purpose(const char *category, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s: %s", CHECK_TYPE, category);
}

/* Whether a unit of category unit_cat belongs to the pool of category cat:
 * a ranking category takes the unit categories ranked in it. */
static bool in_category(const char *cat, const char *unit_cat)
{
	if (!unit_cat)
		return false;
	for (int i = 0; tiancheng_categories[i]; i++)
		if (strcmp(cat, tiancheng_categories[i]) == 0)
			return tiancheng_category(unit_cat) == i;
	return strcmp(cat, unit_cat) == 0;
}

static lz_status known_category(const char *category, lz_err *err)
{
	const char *cats[16];
	int n = draw_check_categories(cats, 16);
	char list[512] = "";
	for (int i = 0; i < n; i++) {
		if (category && strcmp(category, cats[i]) == 0)
			return LZ_OK;
		size_t len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", cats[i]);
	}
	return lz_fail(err, LZ_USAGE, _("a random check draws from one of these categories: %s; not '%s'"), list,
		       category ? category : "");
}

lz_status draw_check_pool(session *s, const char *category, draw_item **pool, int *n, lz_err *err)
{
	*pool = NULL;
	*n = 0;
	lz_status st = known_category(category, err);
	if (st)
		return st;
	sqlite3_stmt *q;
	/* The fixed order the draw module asks for: by code, the id breaking ties. */
	if ((st = db_prepare(&s->db, "SELECT id, code, name, category FROM unit ORDER BY code, id", &q, err)))
		return st;
	int rc, cap = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		if (!in_category(category, (const char *)sqlite3_column_text(q, 3)) || !record_unit_in_scope(s, id))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			draw_item *np = realloc(*pool, (size_t)cap * sizeof *np);
			if (!np) {
				st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				break;
			}
			*pool = np;
		}
		const char *code = (const char *)sqlite3_column_text(q, 1);
		const char *name = (const char *)sqlite3_column_text(q, 2);
		draw_item *it = &(*pool)[(*n)++];
		it->id = id;
		it->code = code ? strdup(code) : NULL;
		it->name = strdup(name ? name : "");
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

/* Removes the checks the replaced draw made, unless one already holds results. */
static lz_status remove_replaced(session *s, int64_t draw, int *removed, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT i.id, u.name, i.inspectors IS NOT NULL OR i.findings IS NOT NULL"
				  " OR i.notified_on IS NOT NULL OR i.points_deducted <> 0"
				  " FROM inspection i JOIN unit u ON u.id = i.unit WHERE i.draw = ? ORDER BY i.id",
				  &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, draw);
	int64_t *ids = NULL;
	int n = 0, cap = 0, rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sqlite3_column_int(q, 2)) {
			st = lz_fail(err, LZ_BAD,
				     _("the check of %s (id %lld) made by draw %lld already has results recorded; "
				       "a redraw would lose them"),
				     (const char *)sqlite3_column_text(q, 1), (long long)sqlite3_column_int64(q, 0),
				     (long long)draw);
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
		st = db_error(&s->db, rc, _("reading checks"), err);
	sqlite3_finalize(q);
	/* Deleted after the read has finished: no statement stays open across writes. */
	for (int i = 0; i < n && !st; i++)
		if ((st = record_delete_in(s, &kind_check, ids[i], err)) == LZ_OK)
			(*removed)++;
	free(ids);
	return st;
}

static lz_status make_check(session *s, int64_t unit, int64_t draw, int64_t *id, lz_err *err)
{
	record *r = record_new(&kind_check);
	if (!r)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	char u[24], d[24];
	snprintf(u, sizeof u, "%lld", (long long)unit);
	snprintf(d, sizeof d, "%lld", (long long)draw);
	record_set_named(r, "check_type", CHECK_TYPE);
	record_set_named(r, "unit", u);
	record_set_named(r, "checked_on", s->today);
	record_set_named(r, "draw", d);
	lz_status st = record_save_in(s, r, err);
	*id = r->id;
	record_free(r);
	return st;
}

static lz_status run_in(session *s, const char *category, int count, int64_t redraw_of, const char *reason,
			draw_check *out, lz_err *err)
{
	char purpose[128];
	draw_check_purpose(category, purpose, sizeof purpose);
	lz_status st = draw_check_pool(s, category, &out->pool, &out->npool, err);
	if (st || (st = draw_run_in(s, purpose, out->pool, out->npool, count, redraw_of, reason, &out->draw, err)))
		return st;
	if (redraw_of && (st = remove_replaced(s, redraw_of, &out->replaced, err)))
		return st;
	out->checks = calloc((size_t)count, sizeof *out->checks);
	if (!out->checks)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	for (int i = 0; i < count && !st; i++)
		st = make_check(s, out->pool[out->draw.picked[i]].id, out->draw.id, &out->checks[i], err);
	return st;
}

lz_status draw_check_run(session *s, const char *category, int count, int64_t redraw_of, const char *reason,
			 draw_check *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	lz_status st = known_category(category, err);
	if (st || (st = db_begin_write(&s->db, err)))
		return st;
	/* The pool is read inside the write transaction, so it is the pool the
	 * checks are written against. */
	if ((st = run_in(s, category, count, redraw_of, reason, out, err)) || (st = db_commit(&s->db, err))) {
		db_rollback(&s->db);
		draw_check_free(out);
	}
	return st;
}

void draw_check_free(draw_check *out)
{
	if (!out)
		return;
	draw_result_free(&out->draw);
	draw_pool_free(out->pool, out->npool);
	free(out->checks);
	memset(out, 0, sizeof *out);
}
