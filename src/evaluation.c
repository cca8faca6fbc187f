/* evaluation.c — the ratings of 三述 cadres added up per cadre and year. */
#include "evaluation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kinds_master.h"
#include "kinds_plan.h"
#include "record.h"
#include "rule_util.h"

/* Sums before the means are taken. */
typedef struct sums {
	long long all, group[EVALUATION_GROUPS], phase[EVALUATION_PHASES];
} sums;

static int index_of(const char *const *list, const char *v)
{
	for (int i = 0; v && list[i]; i++)
		if (strcmp(list[i], v) == 0)
			return i;
	return -1;
}

/* Hundredths of sum / count, rounded half away from zero (scores are never negative). */
static void finish(evaluation_mean *m, long long sum)
{
	m->mean = m->count ? (long)((sum * 200 + m->count) / (2LL * m->count)) : 0;
}

static void finish_all(evaluation_stats *st, const sums *sm)
{
	finish(&st->all, sm->all);
	for (int g = 0; g < EVALUATION_GROUPS; g++)
		finish(&st->group[g], sm->group[g]);
	for (int p = 0; p < EVALUATION_PHASES; p++)
		finish(&st->phase[p], sm->phase[p]);
}

/* Adds one (group, phase) bucket of count ratings summing to sum. */
static void add(evaluation_stats *st, sums *sm, const char *group, const char *phase, int count, long long sum)
{
	int g = index_of(evaluation_groups, group), p = index_of(evaluation_phases, phase);
	st->all.count += count;
	sm->all += sum;
	if (g >= 0 && g < EVALUATION_GROUPS) {
		st->group[g].count += count;
		sm->group[g] += sum;
	}
	if (p >= 0 && p < EVALUATION_PHASES) {
		st->phase[p].count += count;
		sm->phase[p] += sum;
	}
}

lz_status evaluation_summary(session *s, int64_t person, int year, evaluation_stats *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	record *p = NULL;
	/* Reading the person checks the scope, as every read does. */
	lz_status st = record_get(s, &kind_person, person, &p, err);
	record_free(p);
	if (st)
		return st;
	sqlite3_stmt *q;
	if ((st = db_prepare(&s->db,
			     "SELECT evaluator_group, phase, count(*), sum(score) FROM evaluation"
			     " WHERE person = ?1 AND year = ?2 GROUP BY evaluator_group, phase", &q, err)))
		return st;
	sqlite3_bind_int64(q, 1, person);
	sqlite3_bind_int(q, 2, year);
	sums sm = { 0 };
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		add(out, &sm, (const char *)sqlite3_column_text(q, 0), (const char *)sqlite3_column_text(q, 1),
		    sqlite3_column_int(q, 2), sqlite3_column_int64(q, 3));
	if (rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading evaluations"), err);
	sqlite3_finalize(q);
	finish_all(out, &sm);
	return st;
}

lz_status evaluation_year(session *s, int year, evaluation_row **rows, int *n, lz_err *err)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT p.id, p.code, p.name, u.name, p.unit, e.evaluator_group, e.phase, count(*), sum(e.score)"
				  " FROM evaluation e JOIN person p ON p.id = e.person JOIN unit u ON u.id = p.unit"
				  " WHERE e.year = ?1 GROUP BY p.id, e.evaluator_group, e.phase"
				  " ORDER BY u.code, p.code, p.id", &q, err);
	if (st)
		return st;
	sqlite3_bind_int(q, 1, year);
	sums sm = { 0 };
	int rc, cap = 0;
	evaluation_row *cur = NULL;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t person = sqlite3_column_int64(q, 0);
		if (!record_unit_in_scope(s, sqlite3_column_int64(q, 4)))
			continue;
		if (!cur || cur->person != person) {
			if (cur)
				finish_all(&cur->stats, &sm);
			if (*n == cap) {
				cap = cap ? cap * 2 : 32;
				evaluation_row *nr = realloc(*rows, (size_t)cap * sizeof *nr);
				if (!nr) {
					st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
					break;
				}
				*rows = nr;
			}
			cur = &(*rows)[(*n)++];
			memset(cur, 0, sizeof *cur);
			memset(&sm, 0, sizeof sm);
			cur->person = person;
			rule_col(q, 1, cur->code, sizeof cur->code);
			rule_col(q, 2, cur->name, sizeof cur->name);
			rule_col(q, 3, cur->unit, sizeof cur->unit);
		}
		add(&cur->stats, &sm, (const char *)sqlite3_column_text(q, 5), (const char *)sqlite3_column_text(q, 6),
		    sqlite3_column_int(q, 7), sqlite3_column_int64(q, 8));
	}
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading evaluations"), err);
	sqlite3_finalize(q);
	if (cur && !st)
		finish_all(&cur->stats, &sm);
	if (st) {
		free(*rows);
		*rows = NULL;
		*n = 0;
	}
	return st;
}

void evaluation_mean_text(const evaluation_mean *m, char *out, size_t outsz)
{
	if (!m->count)
		snprintf(out, outsz, "%s", "");
	else
		snprintf(out, outsz, "%ld.%02ld", m->mean / 100, m->mean % 100);
}
