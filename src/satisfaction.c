/* satisfaction.c — the satisfaction ranking of a year: each surveyed unit
 * ranked within its ranking category on its score in hundredths (exact, no
 * rounding), the bottom three, the low scores against the setting, and the
 * same unit's figures of the year before, which make the change columns and
 * the two-year condition that holds a unit to account. */
#include "satisfaction.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "record.h"
#include "settings.h"
#include "tiancheng.h"

void satisfaction_decimal(int64_t v, char out[32])
{
	int64_t a = v < 0 ? -v : v;
	snprintf(out, 32, "%s%lld.%02lld", v < 0 ? "-" : "", (long long)(a / 100), (long long)(a % 100));
}

static void rows_free(satisfaction_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		free(rows[i].code);
		free(rows[i].name);
		free(rows[i].holder_name);
	}
	free(rows);
}

void satisfaction_free(satisfaction_ranking *r)
{
	if (!r)
		return;
	rows_free(r->rows, r->nrows);
	r->rows = NULL;
	r->nrows = 0;
}

void satisfaction_free_all(satisfaction_ranking *r, int n)
{
	for (int i = 0; r && i < n; i++)
		satisfaction_free(&r[i]);
	free(r);
}

/* Unranked units last; best (highest score) first; then by code. */
static int row_cmp(const void *a, const void *b)
{
	const satisfaction_row *x = a, *y = b;
	int cx = x->cat < 0 ? TIANCHENG_NCAT : x->cat, cy = y->cat < 0 ? TIANCHENG_NCAT : y->cat;
	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* Ranks within each category of the sorted rows: ties share the better rank
 * (1, 2, 2, 4), and the bottom three are those with fewer than three
 * strictly worse — so ties at the edge all belong to it. */
static void year_rank(satisfaction_ranking *r)
{
	for (int a = 0; a < r->nrows;) {
		int b = a;
		while (b < r->nrows && r->rows[b].cat == r->rows[a].cat)
			b++;
		for (int i = a; i < b;) {
			int j = i;
			while (j < b && r->rows[j].score == r->rows[i].score)
				j++;
			/* rows a .. i-1 are strictly better, j .. b-1 strictly worse */
			for (int k = i; k < j; k++) {
				satisfaction_row *w = &r->rows[k];
				w->low = w->score < r->low;
				if (w->cat < 0)
					continue;
				w->rank = 1 + (i - a);
				w->of = b - a;
				w->bottom_three = b - j < 3;
			}
			i = j;
		}
		a = b;
	}
}

/* The year before's figures of each row, and the two-year condition. */
static void year_link(satisfaction_ranking *r, const satisfaction_ranking *prev)
{
	for (int i = 0; i < r->nrows; i++) {
		satisfaction_row *w = &r->rows[i];
		const satisfaction_row *p = prev ? satisfaction_find(prev, w->unit) : NULL;
		/* Categories are the unit's current one for both years, so a ranked
		 * unit is ranked in the same category the year before. */
		if (!p || w->cat < 0)
			continue;
		w->has_prev = true;
		w->prev_rank = p->rank;
		w->prev_score = p->score;
		w->prev_low = p->low;
		w->prev_bottom_three = p->bottom_three;
		w->accountable = w->low && w->bottom_three && p->low && p->bottom_three;
	}
}

static char *dup_text(sqlite3_stmt *q, int i)
{
	const char *v = (const char *)sqlite3_column_text(q, i);
	return strdup(v ? v : "");
}

/* The surveys of years from .. to, one ranking per year present, oldest first. */
static lz_status load_years(session *s, int from, int to, satisfaction_ranking **out, int *nout, lz_err *err)
{
	*out = NULL;
	*nout = 0;
	long low;
	lz_status st = settings_get_hundredths(s, "satisfaction_low", &low, err);
	if (st)
		return st;
	sqlite3_stmt *q;
	if ((st = db_prepare(&s->db,
			     "SELECT v.id, v.unit, v.year, v.score, v.respondents, u.code, u.name, u.category,"
			     " u.principal_holder, p.name FROM survey v JOIN unit u ON u.id = v.unit"
			     " LEFT JOIN person p ON p.id = u.principal_holder WHERE v.year BETWEEN ?1 AND ?2"
			     " ORDER BY v.year", &q, err)))
		return st;
	sqlite3_bind_int(q, 1, from);
	sqlite3_bind_int(q, 2, to);
	satisfaction_ranking *ys = NULL;
	int ny = 0, cap = 0, rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int year = sqlite3_column_int(q, 2);
		if (ny == 0 || ys[ny - 1].year != year) {
			satisfaction_ranking *n2 = realloc(ys, (size_t)(ny + 1) * sizeof *n2);
			if (!n2)
				break;
			ys = n2;
			memset(&ys[ny], 0, sizeof ys[ny]);
			ys[ny].year = year;
			ys[ny].low = low;
			ny++;
			cap = 0;
		}
		satisfaction_ranking *y = &ys[ny - 1];
		if (y->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			satisfaction_row *nr = realloc(y->rows, (size_t)cap * sizeof *nr);
			if (!nr)
				break;
			y->rows = nr;
		}
		satisfaction_row *w = &y->rows[y->nrows++];
		memset(w, 0, sizeof *w);
		w->survey = sqlite3_column_int64(q, 0);
		w->unit = sqlite3_column_int64(q, 1);
		w->score = sqlite3_column_int64(q, 3);
		w->respondents = sqlite3_column_type(q, 4) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(q, 4);
		w->code = dup_text(q, 5);
		w->name = dup_text(q, 6);
		w->cat = tiancheng_category((const char *)sqlite3_column_text(q, 7));
		w->holder = sqlite3_column_int64(q, 8);
		w->holder_name = dup_text(q, 9);
		w->in_scope = record_unit_in_scope(s, w->unit) != 0;
		if (!w->code || !w->name || !w->holder_name)
			break;
	}
	if (rc != SQLITE_DONE)
		st = rc == SQLITE_ROW ? lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"))
				      : db_error(&s->db, rc, _("reading satisfaction surveys"), err);
	sqlite3_finalize(q);
	if (st) {
		satisfaction_free_all(ys, ny);
		return st;
	}
	for (int i = 0; i < ny; i++) {
		qsort(ys[i].rows, (size_t)ys[i].nrows, sizeof *ys[i].rows, row_cmp);
		year_rank(&ys[i]);
		year_link(&ys[i], i > 0 && ys[i - 1].year == ys[i].year - 1 ? &ys[i - 1] : NULL);
	}
	*out = ys;
	*nout = ny;
	return LZ_OK;
}

lz_status satisfaction_rank(session *s, int year, satisfaction_ranking *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	satisfaction_ranking *ys;
	int n;
	lz_status st = load_years(s, year - 1, year, &ys, &n, err);
	if (st)
		return st;
	long low = 0;
	for (int i = 0; i < n; i++)
		if (ys[i].year == year) {
			*out = ys[i];
			memset(&ys[i], 0, sizeof ys[i]);
		}
	/* A year without surveys still says what counts as low. */
	if (!out->rows && !(st = settings_get_hundredths(s, "satisfaction_low", &low, err)))
		out->low = low;
	satisfaction_free_all(ys, n);
	return st;
}

lz_status satisfaction_rank_all(session *s, satisfaction_ranking **out, int *n, lz_err *err)
{
	return load_years(s, 0, 9999, out, n, err);
}

const satisfaction_row *satisfaction_find(const satisfaction_ranking *r, int64_t unit)
{
	for (int i = 0; r && i < r->nrows; i++)
		if (r->rows[i].unit == unit)
			return &r->rows[i];
	return NULL;
}

int satisfaction_shown(const satisfaction_ranking *r)
{
	int n = 0;
	for (int i = 0; i < r->nrows; i++)
		n += r->rows[i].cat >= 0 && r->rows[i].in_scope;
	return n;
}

lz_status satisfaction_latest_year(session *s, int *year, bool *found, lz_err *err)
{
	sqlite3_stmt *q;
	*year = 0;
	*found = false;
	lz_status st = db_prepare(&s->db, "SELECT max(year) FROM survey", &q, err);
	if (st)
		return st;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL) {
		*year = sqlite3_column_int(q, 0);
		*found = true;
	} else if (rc != SQLITE_ROW) {
		st = db_error(&s->db, rc, _("reading satisfaction surveys"), err);
	}
	sqlite3_finalize(q);
	return st;
}
