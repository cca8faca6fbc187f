/* demo_plan.c — loads the demo district's units and people and runs the
 * 明 and 询 demo generators over them (see demo_plan.h). */
#include "demo_plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "demo_data.h"
#include "i18n.h"
#include "record.h"

/* Fixed: every demo database gets the same letters, inquiries and counts
 * (only their dates follow the day the demo was made). */
#define DEMO_PLAN_SEED UINT64_C(0x5d1a7c3e20141127)

void demo_plan_day(const demo_plan_ctx *c, long offset, char out[11])
{
	date_add(c->s->today, offset, out);
}

void demo_plan_in_year(const demo_plan_ctx *c, int year, int month, int day, char out[11])
{
	char jan1[11], first[11];
	/* day may run past the month's end: (1, 45) is 14 February. */
	snprintf(first, sizeof first, "%04d-%02d-01", year % 10000, month % 100);
	date_add(first, day - 1, out);
	if (strcmp(out, c->s->today) < 0)
		return;
	/* Not yet past: keep the day's place in the year, scaled to the days
	 * gone, so the order of the year's events survives. */
	snprintf(jan1, sizeof jan1, "%04d-01-01", year % 10000);
	long gone = date_diff(jan1, c->s->today);
	long doy = date_diff(jan1, out);
	if (gone < 0)
		gone = 0;
	date_add(jan1, doy * gone / 366, out);
}

void demo_plan_clamp(const demo_plan_ctx *c, char d[11])
{
	if (strcmp(d, c->s->today) > 0)
		memcpy(d, c->s->today, 11);
}

int demo_plan_unit_find(const demo_plan_ctx *c, const char *code)
{
	for (int i = 0; i < c->nunits; i++)
		if (strcmp(c->units[i].code, code) == 0)
			return i;
	return -1;
}

int demo_plan_person_find(const demo_plan_ctx *c, int u, const char *post_prefix)
{
	if (u < 0)
		return -1;
	for (int i = 0; i < c->npeople; i++) {
		const demo_plan_person *p = &c->people[i];
		if (p->unit != u)
			continue;
		if (post_prefix ? strncmp(p->post, post_prefix, strlen(post_prefix)) == 0
				: p->id == c->units[u].principal)
			return i;
	}
	return -1;
}

int demo_plan_below(demo_plan_ctx *c, int n)
{
	return (int)demo_rng_below(&c->rng, (uint32_t)n);
}

const char *demo_plan_id(char *buf, int64_t id)
{
	snprintf(buf, 24, "%lld", (long long)id);
	return buf;
}

lz_status demo_plan_add(demo_plan_ctx *c, const kind *k, int64_t *id, lz_err *err, ...)
{
	record *r = record_new(k);
	if (!r)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	va_list ap;
	va_start(ap, err);
	for (const char *name; (name = va_arg(ap, const char *));) {
		const char *v = va_arg(ap, const char *);
		if (!record_set_named(r, name, v)) {
			va_end(ap);
			record_free(r);
			return lz_fail(err, LZ_INTERNAL, _("demo data: %s has no field %s"), k->name, name);
		}
	}
	va_end(ap);
	lz_status st = record_save_in(c->s, r, err);
	if (st == LZ_OK) {
		c->added++;
		if (id)
			*id = r->id;
	}
	record_free(r);
	return st;
}

static void copy_text(char *dst, size_t n, sqlite3_stmt *q, int col)
{
	const unsigned char *t = sqlite3_column_text(q, col);
	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

static lz_status load_units(demo_plan_ctx *c, lz_err *err)
{
	int64_t n = 0;
	lz_status st = db_scalar_int(&c->s->db, "SELECT count(*) FROM unit", 0, &n, err);
	if (st)
		return st;
	c->units = calloc((size_t)n + 1, sizeof *c->units);
	if (!c->units)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	sqlite3_stmt *q;
	if ((st = db_prepare(&c->s->db, "SELECT id, code, name, category, coalesce(principal_holder, 0),"
				       " coalesce(supervisor_holder, 0) FROM unit ORDER BY id", &q, err)))
		return st;
	while (c->nunits < n && sqlite3_step(q) == SQLITE_ROW) {
		demo_plan_unit *u = &c->units[c->nunits++];
		u->id = sqlite3_column_int64(q, 0);
		copy_text(u->code, sizeof u->code, q, 1);
		copy_text(u->name, sizeof u->name, q, 2);
		copy_text(u->category, sizeof u->category, q, 3);
		u->principal = sqlite3_column_int64(q, 4);
		u->supervisor = sqlite3_column_int64(q, 5);
	}
	sqlite3_finalize(q);
	return LZ_OK;
}

static int unit_index(const demo_plan_ctx *c, int64_t id)
{
	for (int i = 0; i < c->nunits; i++)
		if (c->units[i].id == id)
			return i;
	return -1;
}

static lz_status load_people(demo_plan_ctx *c, lz_err *err)
{
	int64_t n = 0;
	lz_status st = db_scalar_int(&c->s->db, "SELECT count(*) FROM person", 0, &n, err);
	if (st)
		return st;
	c->people = calloc((size_t)n + 1, sizeof *c->people);
	if (!c->people)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	sqlite3_stmt *q;
	if ((st = db_prepare(&c->s->db, "SELECT id, unit, name, coalesce(post, ''), principal, team_member,"
				       " discipline_secretary, commission_member, coalesce(promoted_on, '')"
				       " FROM person ORDER BY id", &q, err)))
		return st;
	while (c->npeople < n && sqlite3_step(q) == SQLITE_ROW) {
		demo_plan_person *p = &c->people[c->npeople];
		p->id = sqlite3_column_int64(q, 0);
		p->unit = unit_index(c, sqlite3_column_int64(q, 1));
		if (p->unit < 0)
			continue;
		copy_text(p->name, sizeof p->name, q, 2);
		copy_text(p->post, sizeof p->post, q, 3);
		p->principal = sqlite3_column_int(q, 4);
		p->team = sqlite3_column_int(q, 5);
		p->disc = sqlite3_column_int(q, 6);
		p->comm = sqlite3_column_int(q, 7);
		copy_text(p->promoted_on, sizeof p->promoted_on, q, 8);
		c->npeople++;
	}
	sqlite3_finalize(q);
	return LZ_OK;
}

lz_status demo_plan_fill(session *s, lz_err *err)
{
	demo_plan_ctx c;
	memset(&c, 0, sizeof c);
	c.s = s;
	c.year = atoi(s->today);
	/* Each generator starts its own stream, so growing one part of the
	 * demo leaves the others' records as they were. */
	lz_status (*const part[])(demo_plan_ctx *, lz_err *) = { demo_plan_ming, demo_plan_xun, demo_plan_index,
									   demo_plan_chakao, demo_plan_shuping };
	lz_status st = load_units(&c, err);
	if (!st)
		st = load_people(&c, err);
	for (size_t i = 0; !st && i < sizeof part / sizeof part[0]; i++) {
		c.rng = DEMO_PLAN_SEED + i * UINT64_C(0x9e3779b97f4a7c15);
		st = part[i](&c, err);
	}
	free(c.units);
	free(c.people);
	return st;
}
