/* demo_index.c — twelve months of Tiancheng counts (task 9) for every unit
 * of the ranked categories: mostly small numbers, with a few units made to
 * stand out so the Tiancheng rule has something to propose —
 *   龙台镇 (X10) in its category's worst three for the last four months,
 *   北辰街道 (J02) and 区住房城乡建设局 (B20) for the last three,
 *   石笋镇 (X05) with serious repeat and leapfrog petitions two months ago,
 *   彭家乡 (X17) high twice, twice again, but with no entry five months ago
 *   in between, so the missing month breaks its run.
 * No other unit is persistently high: the random counts are evened out
 * where they would make a run by chance. */
#include "demo_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kinds_plan.h"
#include "settings.h"

#define MONTHS 12
#define WORST 3   /* "worst three" (DESIGN.md, Ranking) */

enum { PET, COMP, OPIN, REP, LEAP, NCOUNT };

typedef struct cell {
	int n[NCOUNT];
	int present, fixed;
} cell;

typedef struct ranked {
	int unit;            /* index into the context's units */
	int group;           /* ranking category */
	cell m[MONTHS];      /* [0] twelve months ago … [11] last month */
	long index;          /* of the month being worked on, in hundredths */
	int run;             /* months running in the worst three */
	int flag;            /* in the worst three of the month being worked on */
} ranked;

/* The ranking categories of DESIGN.md: towns and streets rank together. */
static int group_of(const char *category)
{
	static const char *const cats[] = { "乡镇", "街道", "区级部门", "公共服务行业", "村(社区)" };
	static const int groups[] = { 0, 0, 1, 2, 3 };
	for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++)
		if (strcmp(category, cats[i]) == 0)
			return groups[i];
	return -1;
}

/* A designed month: back = months before today's month (1 = last month);
 * counts petitions, complaints, opinions, repeat, leapfrog; absent = no entry. */
typedef struct shape {
	const char *unit;
	int back;
	int n[NCOUNT];
	int absent;
} shape;

static const shape shapes[] = {
	{ "X10", 5, { 0, 0, 0, 0, 0 }, 0 }, { "X10", 4, { 5, 2, 1, 1, 0 }, 0 }, { "X10", 3, { 6, 1, 0, 0, 0 }, 0 },
	{ "X10", 2, { 4, 3, 1, 1, 0 }, 0 }, { "X10", 1, { 7, 2, 1, 0, 0 }, 0 },
	{ "J02", 4, { 0, 0, 0, 0, 0 }, 0 }, { "J02", 3, { 4, 3, 1, 0, 0 }, 0 }, { "J02", 2, { 5, 2, 1, 0, 0 }, 0 },
	{ "J02", 1, { 6, 2, 0, 1, 0 }, 0 },
	{ "B20", 4, { 0, 0, 0, 0, 0 }, 0 }, { "B20", 3, { 4, 2, 1, 0, 0 }, 0 }, { "B20", 2, { 3, 3, 1, 0, 0 }, 0 },
	{ "B20", 1, { 5, 2, 2, 0, 0 }, 0 },
	{ "X17", 8, { 0, 0, 0, 0, 0 }, 0 }, { "X17", 7, { 4, 1, 1, 0, 0 }, 0 }, { "X17", 6, { 3, 2, 1, 0, 0 }, 0 },
	{ "X17", 5, { 0, 0, 0, 0, 0 }, 1 }, { "X17", 4, { 4, 2, 0, 0, 0 }, 0 }, { "X17", 3, { 3, 2, 1, 0, 0 }, 0 },
	{ "X17", 2, { 0, 0, 0, 0, 0 }, 0 },
	/* Repeat and leapfrog are set to the serious level below. */
	{ "X05", 3, { 0, 0, 0, 0, 0 }, 0 }, { "X05", 2, { 2, 1, 0, -1, -1 }, 0 },
};

static void baseline(demo_plan_ctx *c, cell *x, int group, int propensity, long serious)
{
	memset(x, 0, sizeof *x);
	x->present = 1;
	if (group == 3) {
		/* Villages: far fewer petitions than a whole town. */
		x->n[PET] = demo_plan_below(c, 5) == 0;
		x->n[COMP] = demo_plan_below(c, 12) == 0;
		return;
	}
	int r = demo_plan_below(c, 12);
	x->n[PET] = r < 7 ? 0 : r < 10 ? 1 : 2;
	if (propensity == 2 && demo_plan_below(c, 3) == 0)
		x->n[PET]++;
	x->n[COMP] = demo_plan_below(c, 10) < 2;
	x->n[OPIN] = demo_plan_below(c, 25) == 0;
	/* Single repeat petitions only while they stay below the serious level. */
	x->n[REP] = serious > 1 && demo_plan_below(c, 30) == 0;
}

static long index_of(const cell *x, const long w[3])
{
	return x->n[PET] * w[0] + x->n[COMP] * w[1] + x->n[OPIN] * w[2];
}

/* Whether r is among the worst three of its group in month m: its index is
 * above 0 and fewer than three units with an entry have a higher one. */
static int in_worst(const ranked *all, int n, const ranked *r, int m)
{
	if (!r->m[m].present || r->index <= 0)
		return 0;
	int worse = 0;
	for (int i = 0; i < n; i++)
		worse += all[i].group == r->group && all[i].m[m].present && all[i].index > r->index;
	return worse < WORST;
}

/* Evens out month m so that no unit outside the shapes becomes
 * persistently high, then advances every unit's run. */
static void even_out(ranked *all, int n, int m, const long w[3], long persist)
{
	for (int changed = 1; changed;) {
		changed = 0;
		for (int i = 0; i < n; i++)
			all[i].index = all[i].m[m].present ? index_of(&all[i].m[m], w) : 0;
		for (int i = 0; i < n && !changed; i++) {
			cell *x = &all[i].m[m];
			if (!x->fixed && all[i].run >= persist - 1 && in_worst(all, n, &all[i], m)) {
				x->n[PET] = x->n[COMP] = x->n[OPIN] = 0;
				changed = 1;
			}
		}
	}
	for (int i = 0; i < n; i++)
		all[i].flag = in_worst(all, n, &all[i], m);
	for (int i = 0; i < n; i++)
		all[i].run = all[i].flag ? all[i].run + 1 : 0;
}

static lz_status weights(demo_plan_ctx *c, long w[3], long *persist, long *serious, lz_err *err)
{
	static const char *const names[] = { "tiancheng_weight_petitions", "tiancheng_weight_complaints",
					     "tiancheng_weight_opinions" };
	lz_status st;
	for (int i = 0; i < 3; i++)
		if ((st = settings_get_hundredths(c->s, names[i], &w[i], err)))
			return st;
	if ((st = settings_get_int(c->s, "tiancheng_persist_months", persist, err)))
		return st;
	return settings_get_int(c->s, "tiancheng_serious_repeat", serious, err);
}

static void period_of(const demo_plan_ctx *c, int back, char out[8])
{
	int y = atoi(c->s->today), mo = atoi(c->s->today + 5);
	int t = y * 12 + (mo - 1) - back;
	snprintf(out, 8, "%04d-%02d", (t / 12) % 10000, t % 12 + 1);
}

static void apply_shapes(ranked *all, int n, const demo_plan_ctx *c, long serious)
{
	for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
		int u = demo_plan_unit_find(c, shapes[s].unit);
		int m = MONTHS - shapes[s].back;
		for (int i = 0; i < n; i++) {
			if (all[i].unit != u)
				continue;
			cell *x = &all[i].m[m];
			memcpy(x->n, shapes[s].n, sizeof x->n);
			if (x->n[REP] < 0) {
				x->n[REP] = (int)(serious + 1) / 2;
				x->n[LEAP] = (int)serious - x->n[REP];
			} else if (x->n[REP] + x->n[LEAP] >= serious) {
				x->n[REP] = x->n[LEAP] = 0;
			}
			x->present = !shapes[s].absent;
			x->fixed = 1;
		}
	}
}

/* Orders the k units in order worst first (ties by position), so a month
 * never looks worse part-way through than it ends: no unit entered later is
 * strictly worse than one entered earlier. An insertion sort: k is ~60. */
static void worst_first(const ranked *all, int *order, int k)
{
	for (int j = 1; j < k; j++) {
		int v = order[j], i = j;
		while (i > 0 && (all[order[i - 1]].index < all[v].index ||
				 (all[order[i - 1]].index == all[v].index && order[i - 1] > v))) {
			order[i] = order[i - 1];
			i--;
		}
		order[i] = v;
	}
}

static lz_status save_month(demo_plan_ctx *c, ranked *all, int n, int m, const long w[3], int *order, lz_err *err)
{
	char period[8], ub[24], v[NCOUNT][12];
	static const char *const fields[NCOUNT] = { "petitions", "complaints", "opinions", "repeat_petitions",
						    "leapfrog_petitions" };
	period_of(c, MONTHS - m, period);
	int k = 0;
	for (int i = 0; i < n; i++) {
		all[i].index = index_of(&all[i].m[m], w);
		if (all[i].m[m].present)
			order[k++] = i;
	}
	worst_first(all, order, k);
	for (int j = 0; j < k; j++) {
		const cell *x = &all[order[j]].m[m];
		for (int f = 0; f < NCOUNT; f++)
			snprintf(v[f], sizeof v[f], "%d", x->n[f]);
		lz_status st = demo_plan_add(c, &kind_index_entry, NULL, err, "unit",
					     demo_plan_id(ub, c->units[all[order[j]].unit].id), "period", period,
					     fields[PET], v[PET], fields[COMP], v[COMP], fields[OPIN], v[OPIN], fields[REP],
					     v[REP], fields[LEAP], v[LEAP], NULL);
		if (st)
			return st;
	}
	return LZ_OK;
}

lz_status demo_plan_index(demo_plan_ctx *c, lz_err *err)
{
	long w[3], persist = 3, serious = 2;
	lz_status st = weights(c, w, &persist, &serious, err);
	if (st)
		return st;
	ranked *all = calloc((size_t)c->nunits + 1, sizeof *all);
	int *order = calloc((size_t)c->nunits + 1, sizeof *order);
	int n = 0;
	if (!all || !order) {
		free(all);
		free(order);
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	for (int u = 0; u < c->nunits; u++) {
		int g = group_of(c->units[u].category);
		if (g < 0)
			continue;
		ranked *r = &all[n++];
		r->unit = u;
		r->group = g;
		int propensity = demo_plan_below(c, 3);
		for (int m = 0; m < MONTHS; m++)
			baseline(c, &r->m[m], g, propensity, serious);
	}
	apply_shapes(all, n, c, serious);
	for (int m = 0; m < MONTHS; m++)
		even_out(all, n, m, w, persist);
	for (int m = 0; m < MONTHS && !st; m++)
		st = save_month(c, all, n, m, w, order, err);
	free(all);
	free(order);
	return st;
}
