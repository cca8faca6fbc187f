/* issue.c — a year's 告知书, 通知书 and 年度责任承诺书 made in one go. */
#include "issue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"
#include "sbuf.h"

static const char *const what_names[ISSUE_WHATS] = { "责任分工告知书", "目标任务通知书", "年度责任承诺书" };

const char *issue_what_name(int i)
{
	return i >= 0 && i < ISSUE_WHATS ? what_names[i] : "";
}

/* Whom a batch addresses: a person (0 for a unit's letter), their unit, and
 * for a 通知书 the tasks the unit leads ("1;2;3"). */
typedef struct addressee {
	int64_t person, unit;
	char *tasks;
} addressee;

typedef struct addressees {
	addressee *a;
	int n, cap;
} addressees;

static void addressees_free(addressees *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->a[i].tasks);
	free(l->a);
	memset(l, 0, sizeof *l);
}

static addressee *addressees_add(addressees *l)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		addressee *p = realloc(l->a, (size_t)cap * sizeof *p);
		if (!p)
			return NULL;
		l->a = p;
		l->cap = cap;
	}
	addressee *a = &l->a[l->n++];
	memset(a, 0, sizeof *a);
	return a;
}

/* Reads the addressees first, so no statement is reading while records are
 * written (and the rules those saves run read and write in turn). */
static lz_status read_people(session *s, const char *sql, addressees *out, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, sql, &q, err);
	if (st)
		return st;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		addressee *a = addressees_add(out);
		if (!a) {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			break;
		}
		a->person = sqlite3_column_int64(q, 0);
		a->unit = sqlite3_column_int64(q, 1);
	}
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading the cadres to issue to"), err);
	sqlite3_finalize(q);
	return st;
}

/* Lead units of the catalog's tasks that name a real unit, each once, with
 * the tasks it leads in ascending order. */
static lz_status read_lead_units(session *s, addressees *out, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT DISTINCT r.unit_id, r.task FROM catalog_task_unit_ref r"
				  " JOIN unit u ON u.id = r.unit_id"
				  " WHERE r.role = 'lead' AND r.unit_id IS NOT NULL ORDER BY u.code, r.unit_id, r.task",
				  &q, err);
	if (st)
		return st;
	int rc;
	sbuf tasks = { 0 };
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t unit = sqlite3_column_int64(q, 0);
		addressee *a = out->n ? &out->a[out->n - 1] : NULL;
		if (!a || a->unit != unit) {
			if (a)
				a->tasks = sbuf_take(&tasks);
			if (!(a = addressees_add(out))) {
				st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				break;
			}
			a->unit = unit;
		}
		sbuf_printf(&tasks, "%s%d", sbuf_str(&tasks)[0] ? ";" : "", sqlite3_column_int(q, 1));
	}
	if (out->n && !out->a[out->n - 1].tasks)
		out->a[out->n - 1].tasks = sbuf_take(&tasks);
	sbuf_free(&tasks);
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading the plan's lead units"), err);
	sqlite3_finalize(q);
	return st;
}

/* Saves r unless a record with the same key exists or it lies outside the
 * session's scope; counts which of the three happened under what. */
static lz_status issue_one(session *s, record *r, int key, int what, issue_counts *c, lz_err *err)
{
	int64_t id = 0;
	lz_err e;
	lz_status st = record_find_by_key(s, r, key, &id, &e);
	if (st == LZ_BAD || (st == LZ_OK && id)) {
		/* LZ_BAD: several match — it exists all the more. */
		c->existing[what]++;
		return LZ_OK;
	}
	if (st)
		return lz_fail(err, st, "%s", e.msg);
	/* The core's own check decides what is out of scope; the save checks again. */
	if (record_check_write(s, NULL, r, &e) == LZ_DENIED) {
		c->out_of_scope[what]++;
		return LZ_OK;
	}
	if ((st = record_save_in(s, r, err)))
		return st;
	c->made[what]++;
	return LZ_OK;
}

static lz_status issue_letters(session *s, const char *year, const addressees *l, int what, issue_counts *c,
			       lz_err *err)
{
	char due[16], id[24];
	/* The catalog's tasks are the year's work: a 通知书 is due by the year's
	 * end unless staff set another date on it. */
	snprintf(due, sizeof due, "%s-12-31", year);
	for (int i = 0; i < l->n; i++) {
		record *r = record_new(&kind_letter);
		if (!r)
			return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		record_set_named(r, "letter_type", what_names[what]);
		record_set_named(r, "year", year);
		snprintf(id, sizeof id, "%lld", (long long)l->a[i].unit);
		record_set_named(r, "unit", id);
		if (l->a[i].person) {
			snprintf(id, sizeof id, "%lld", (long long)l->a[i].person);
			record_set_named(r, "person", id);
		} else {
			record_set_named(r, "tasks", l->a[i].tasks);
			record_set_named(r, "due", due);
		}
		record_set_named(r, "state", "草稿");
		/* Key 0 is type + year + person, key 1 type + year + unit. */
		lz_status st = issue_one(s, r, l->a[i].person ? 0 : 1, what, c, err);
		record_free(r);
		if (st)
			return st;
	}
	return LZ_OK;
}

static lz_status issue_commitments(session *s, const char *year, const addressees *l, issue_counts *c, lz_err *err)
{
	char id[24];
	for (int i = 0; i < l->n; i++) {
		record *r = record_new(&kind_commitment);
		if (!r)
			return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		record_set_named(r, "commitment_type", what_names[ISSUE_COMMITMENT]);
		snprintf(id, sizeof id, "%lld", (long long)l->a[i].person);
		record_set_named(r, "person", id);
		record_set_named(r, "year", year);
		lz_status st = issue_one(s, r, 0, ISSUE_COMMITMENT, c, err);
		record_free(r);
		if (st)
			return st;
	}
	return LZ_OK;
}

lz_status issue_year(session *s, int year, issue_counts *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	if (s->role != ROLE_ADMIN && s->role != ROLE_STAFF)
		return lz_fail(err, LZ_DENIED, _("account %s is a viewer and may not issue letters or commitments"),
			       s->login);
	if (year < 1900 || year > 2999)
		return lz_fail(err, LZ_USAGE, _("'%d' is not a year like 2026"), year);
	char y[8];
	snprintf(y, sizeof y, "%d", year);
	addressees leaders = { 0 }, leads = { 0 }, cadres = { 0 };
	lz_status st = db_begin_write(&s->db, err);
	if (st)
		return st;
	if (!(st = read_people(s,
			       "SELECT p.id, p.unit FROM person p JOIN unit u ON u.id = p.unit"
			       " WHERE u.category = '区领导机关' AND (p.principal = 1 OR p.team_member = 1)"
			       " ORDER BY u.code, p.code, p.id", &leaders, err)) &&
	    !(st = read_lead_units(s, &leads, err)) &&
	    !(st = read_people(s,
			       "SELECT p.id, p.unit FROM person p JOIN unit u ON u.id = p.unit"
			       " WHERE p.principal = 1 OR p.team_member = 1 ORDER BY u.code, p.code, p.id", &cadres, err)) &&
	    !(st = issue_letters(s, y, &leaders, ISSUE_BRIEFING, out, err)) &&
	    !(st = issue_letters(s, y, &leads, ISSUE_NOTICE, out, err)))
		st = issue_commitments(s, y, &cadres, out, err);
	addressees_free(&leaders);
	addressees_free(&leads);
	addressees_free(&cadres);
	if (st || (st = db_commit(&s->db, err))) {
		db_rollback(&s->db);
		memset(out, 0, sizeof *out);
	}
	return st;
}
