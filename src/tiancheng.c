/* tiancheng.c — the Tiancheng index of a month: each unit's index worked out
 * exactly in hundredths from its counts and the weights in force, ranked
 * within its ranking category, with the worst three, persistence over the
 * months before and the serious repeat and leapfrog petitions. */
#include "tiancheng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "record.h"
#include "settings.h"

const char *const tiancheng_categories[] = { "乡镇街道", "区级部门", "公共服务行业", "村(社区)", NULL };

int tiancheng_category(const char *unit_category)
{
	if (!unit_category)
		return -1;
	if (strcmp(unit_category, "乡镇") == 0 || strcmp(unit_category, "街道") == 0)
		return 0;
	for (int i = 1; i < TIANCHENG_NCAT; i++)
		if (strcmp(unit_category, tiancheng_categories[i]) == 0)
			return i;
	return -1;
}

void tiancheng_period_add(const char *period, int months, char out[8])
{
	int y = atoi(period), m = atoi(period + 5);
	long n = (long)y * 12 + (m - 1) + months;
	snprintf(out, 8, "%04ld-%02ld", (n / 12) % 10000, n % 12 + 1);
}

/* One month as read and ranked: the rows sorted as a ranking shows them, and
 * their positions sorted by unit id for looking a unit up. */
typedef struct tc_month {
	char period[8];
	tiancheng_row *rows;
	int n;
	int *by_unit;
} tc_month;

struct tiancheng_calc {
	session *s;
	int persist;
	long serious_at;
	int64_t w[3];
	tc_month **m;
	int nm, cap;
};

static void month_free(tc_month *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->n; i++) {
		free(m->rows[i].code);
		free(m->rows[i].name);
	}
	free(m->rows);
	free(m->by_unit);
	free(m);
}

void tiancheng_calc_free(tiancheng_calc *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->nm; i++)
		month_free(c->m[i]);
	free(c->m);
	free(c);
}

lz_status tiancheng_calc_new(session *s, tiancheng_calc **out, lz_err *err)
{
	*out = NULL;
	tiancheng_calc *c = calloc(1, sizeof *c);
	if (!c)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	c->s = s;
	long persist = 3, w[3] = { 100, 100, 100 };
	lz_status st = settings_get_int(s, "tiancheng_persist_months", &persist, err);
	if (!st)
		st = settings_get_int(s, "tiancheng_serious_repeat", &c->serious_at, err);
	if (!st)
		st = settings_get_hundredths(s, "tiancheng_weight_petitions", &w[0], err);
	if (!st)
		st = settings_get_hundredths(s, "tiancheng_weight_complaints", &w[1], err);
	if (!st)
		st = settings_get_hundredths(s, "tiancheng_weight_opinions", &w[2], err);
	if (st) {
		free(c);
		return st;
	}
	/* The settings table bounds it, but a run of under one month means nothing. */
	c->persist = persist < 1 ? 1 : (int)persist;
	for (int i = 0; i < 3; i++)
		c->w[i] = w[i];
	*out = c;
	return LZ_OK;
}

/* Unranked units last; worst (highest index) first; then by code. */
static int row_cmp(const void *a, const void *b)
{
	const tiancheng_row *x = a, *y = b;
	int cx = x->cat < 0 ? TIANCHENG_NCAT : x->cat, cy = y->cat < 0 ? TIANCHENG_NCAT : y->cat;
	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (x->index != y->index)
		return x->index > y->index ? -1 : 1;
	return strcmp(x->code, y->code);
}

static int unit_cmp(const void *a, const void *b, void *arg)
{
	const tc_month *m = arg;
	int64_t x = m->rows[*(const int *)a].unit, y = m->rows[*(const int *)b].unit;
	return x < y ? -1 : x > y;
}

/* Ranks within each category of the sorted rows: ties share the better rank,
 * and the worst three are those with fewer than three strictly worse. */
static void month_rank(tc_month *m)
{
	for (int a = 0; a < m->n;) {
		int b = a;
		while (b < m->n && m->rows[b].cat == m->rows[a].cat)
			b++;
		if (m->rows[a].cat >= 0) {
			for (int i = a; i < b;) {
				int j = i;
				while (j < b && m->rows[j].index == m->rows[i].index)
					j++;
				/* rows i .. j-1 tie: i - a are worse, b - j are better */
				for (int k = i; k < j; k++) {
					m->rows[k].rank = 1 + (b - j);
					m->rows[k].of = b - a;
					m->rows[k].worst_three = m->rows[k].index > 0 && i - a < 3;
				}
				i = j;
			}
		}
		a = b;
	}
}

static lz_status month_load(tiancheng_calc *c, const char *period, tc_month **out, lz_err *err)
{
	tc_month *m = calloc(1, sizeof *m);
	if (!m)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	snprintf(m->period, sizeof m->period, "%s", period);
	sqlite3_stmt *q;
	lz_status st = db_prepare(&c->s->db,
				  "SELECT e.id, e.unit, u.code, u.name, u.category, e.petitions, e.complaints, e.opinions,"
				  " e.repeat_petitions, e.leapfrog_petitions FROM index_entry e JOIN unit u ON u.id = e.unit"
				  " WHERE e.period = ?", &q, err);
	if (st) {
		free(m);
		return st;
	}
	sqlite3_bind_text(q, 1, period, -1, SQLITE_STATIC);
	int rc, cap = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (m->n == cap) {
			cap = cap ? cap * 2 : 64;
			tiancheng_row *nr = realloc(m->rows, (size_t)cap * sizeof *nr);
			if (!nr)
				break;
			m->rows = nr;
		}
		tiancheng_row *r = &m->rows[m->n++];
		memset(r, 0, sizeof *r);
		r->entry = sqlite3_column_int64(q, 0);
		r->unit = sqlite3_column_int64(q, 1);
		const char *code = (const char *)sqlite3_column_text(q, 2);
		const char *name = (const char *)sqlite3_column_text(q, 3);
		r->code = strdup(code ? code : "");
		r->name = strdup(name ? name : "");
		r->cat = tiancheng_category((const char *)sqlite3_column_text(q, 4));
		r->petitions = sqlite3_column_int(q, 5);
		r->complaints = sqlite3_column_int(q, 6);
		r->opinions = sqlite3_column_int(q, 7);
		r->repeat = sqlite3_column_int(q, 8);
		r->leapfrog = sqlite3_column_int(q, 9);
		/* Counts times weights in hundredths: exact, no rounding needed. */
		r->index = r->petitions * c->w[0] + r->complaints * c->w[1] + r->opinions * c->w[2];
		r->serious = r->repeat + r->leapfrog >= c->serious_at;
		if (!r->code || !r->name) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	if (rc != SQLITE_DONE)
		st = rc == SQLITE_ROW || rc == SQLITE_NOMEM ? lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"))
							     : db_error(&c->s->db, rc, _("reading the Tiancheng index"), err);
	sqlite3_finalize(q);
	if (!st && m->n && !(m->by_unit = malloc((size_t)m->n * sizeof *m->by_unit)))
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	if (st) {
		month_free(m);
		return st;
	}
	*out = m;
	if (m->n == 0)
		return LZ_OK; /* a month without entries: nothing to sort */
	qsort(m->rows, (size_t)m->n, sizeof *m->rows, row_cmp);
	month_rank(m);
	for (int i = 0; i < m->n; i++)
		m->by_unit[i] = i;
	qsort_r(m->by_unit, (size_t)m->n, sizeof *m->by_unit, unit_cmp, m);
	return LZ_OK;
}

/* The month period, read once per calculation. */
static lz_status month_get(tiancheng_calc *c, const char *period, tc_month **out, lz_err *err)
{
	for (int i = 0; i < c->nm; i++)
		if (strcmp(c->m[i]->period, period) == 0) {
			*out = c->m[i];
			return LZ_OK;
		}
	if (c->nm == c->cap) {
		int cap = c->cap ? c->cap * 2 : 16;
		tc_month **nm = realloc(c->m, (size_t)cap * sizeof *nm);
		if (!nm)
			return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		c->m = nm;
		c->cap = cap;
	}
	lz_status st = month_load(c, period, out, err);
	if (!st)
		c->m[c->nm++] = *out;
	return st;
}

static const tiancheng_row *month_find(const tc_month *m, int64_t unit)
{
	int lo = 0, hi = m->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		const tiancheng_row *r = &m->rows[m->by_unit[mid]];
		if (r->unit == unit)
			return r;
		if (r->unit < unit)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

void tiancheng_free(tiancheng_ranking *r)
{
	for (int i = 0; r && i < r->nrows; i++) {
		free(r->rows[i].code);
		free(r->rows[i].name);
	}
	if (r) {
		free(r->rows);
		r->rows = NULL;
		r->nrows = 0;
	}
}

lz_status tiancheng_calc_rank(tiancheng_calc *c, const char *period, tiancheng_ranking *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	snprintf(out->period, sizeof out->period, "%s", period);
	out->persist_months = c->persist;
	out->serious_at = c->serious_at;
	memcpy(out->weights, c->w, sizeof out->weights);
	tc_month *m;
	lz_status st = month_get(c, period, &m, err);
	if (st)
		return st;
	if (m->n && !(out->rows = calloc((size_t)m->n, sizeof *out->rows)))
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	int n = m->n;
	for (int i = 0; i < n; i++) {
		tiancheng_row *r = &out->rows[i];
		*r = m->rows[i];
		r->code = strdup(r->code);
		r->name = strdup(r->name);
		out->nrows = i + 1;
		if (!r->code || !r->name) {
			tiancheng_free(out);
			return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		}
		r->in_scope = record_unit_in_scope(c->s, r->unit) != 0;
	}
	/* Persistent: in the worst three in each month of the window; a month
	 * without an entry for the unit breaks the run. */
	for (int i = 0; i < n; i++) {
		tiancheng_row *r = &out->rows[i];
		r->persistent = r->worst_three;
		for (int k = 1; r->persistent && k < c->persist; k++) {
			char p[8];
			tc_month *pm;
			tiancheng_period_add(period, -k, p);
			if ((st = month_get(c, p, &pm, err))) {
				tiancheng_free(out);
				return st;
			}
			const tiancheng_row *pr = month_find(pm, r->unit);
			r->persistent = pr && pr->worst_three;
		}
	}
	return LZ_OK;
}

lz_status tiancheng_rank(session *s, const char *period, tiancheng_ranking *out, lz_err *err)
{
	tiancheng_calc *c;
	memset(out, 0, sizeof *out);
	lz_status st = tiancheng_calc_new(s, &c, err);
	if (st)
		return st;
	st = tiancheng_calc_rank(c, period, out, err);
	tiancheng_calc_free(c);
	return st;
}

const tiancheng_row *tiancheng_find(const tiancheng_ranking *r, int64_t unit)
{
	for (int i = 0; i < r->nrows; i++)
		if (r->rows[i].unit == unit)
			return &r->rows[i];
	return NULL;
}

lz_status tiancheng_latest_period(session *s, char out[8], bool *found, lz_err *err)
{
	sqlite3_stmt *q;
	out[0] = '\0';
	*found = false;
	lz_status st = db_prepare(&s->db, "SELECT max(period) FROM index_entry", &q, err);
	if (st)
		return st;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_text(q, 0)) {
		snprintf(out, 8, "%s", (const char *)sqlite3_column_text(q, 0));
		*found = true;
	} else if (rc != SQLITE_ROW) {
		st = db_error(&s->db, rc, _("reading the Tiancheng index"), err);
	}
	sqlite3_finalize(q);
	return st;
}

void tiancheng_trigger_periods(const tiancheng_ranking *r, const tiancheng_row *row, char *out, size_t outsz)
{
	size_t len = 0;
	out[0] = '\0';
	if (!row->persistent) {
		snprintf(out, outsz, "%s", r->period);
		return;
	}
	for (int k = r->persist_months - 1; k >= 0 && len < outsz; k--) {
		char p[8];
		tiancheng_period_add(r->period, -k, p);
		int w = snprintf(out + len, outsz - len, "%s%s", len ? ";" : "", p);
		if (w < 0)
			break;
		len += (size_t)w;
	}
}

/* Whole hundredths as "12.30" (the index is never negative). */
static void hundredths(int64_t v, char out[32])
{
	snprintf(out, 32, "%lld.%02lld", (long long)(v / 100), (long long)(v % 100));
}

/* The reason is kept in the proposal as data, like the kinds' Chinese values:
 * everyone who reads the database sees the same words. It names the unit's
 * own figures only, not its rank: other units' saves (a whole import) would
 * otherwise rewrite it, and audit it, once per row. */
void tiancheng_reason(const tiancheng_ranking *r, const tiancheng_row *row, char *out, size_t outsz)
{
	char idx[32], first[8];
	size_t len = 0;
	out[0] = '\0';
	hundredths(row->index, idx);
	if (row->persistent) {
		tiancheng_period_add(r->period, -(r->persist_months - 1), first);
		int w = snprintf(out, outsz, "天成指数排名居高不下: %s至%s连续%d个月位列%s后三名(%s 指数 %s)", first,
				 r->period, r->persist_months, tiancheng_categories[row->cat], r->period, idx);
		len = w > 0 ? (size_t)w : 0;
	}
	if (row->serious && len < outsz)
		snprintf(out + len, outsz - len, "%s重信重访和越级上访情况严重: %s 重信重访 %ld 次、越级上访 %ld 次, 合计 %ld 次(标准 %ld 次)",
			 len ? "; " : "", r->period, row->repeat, row->leapfrog, row->repeat + row->leapfrog, r->serious_at);
}
