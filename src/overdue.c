/* overdue.c — the overdue records of every kind, in one sorted list. */
#include "overdue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"

/* The unit that owns row values v, and the person it names (shown). */
static void owner_of(session *s, sqlite3_stmt *pu, const kind *k, const query_row *r, overdue_row *o)
{
	int oi = k->owner_field ? kind_field_index(k, k->owner_field) : -1;
	const char *pid = NULL;
	if (k->owner == KO_PERSON && oi >= 0) {
		pid = r->value[oi];
		snprintf(o->person, sizeof o->person, "%s", r->shown[oi] ? r->shown[oi] : "");
	} else {
		if (oi >= 0 && r->value[oi])
			o->unit = strtoll(r->value[oi], NULL, 10);
		for (int i = 0; i < k->nfields; i++)
			if (k->fields[i].type == KF_REF && strcmp(k->fields[i].ref, "person") == 0 && r->value[i]) {
				snprintf(o->person, sizeof o->person, "%s", r->shown[i] ? r->shown[i] : "");
				break;
			}
	}
	(void)s;
	sqlite3_reset(pu);
	sqlite3_bind_int64(pu, 1, o->unit);
	if (pid)
		sqlite3_bind_text(pu, 2, pid, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(pu, 2);
	if (sqlite3_step(pu) == SQLITE_ROW) {
		o->unit = sqlite3_column_int64(pu, 0);
		snprintf(o->unit_code, sizeof o->unit_code, "%s", (const char *)sqlite3_column_text(pu, 1));
		snprintf(o->unit_name, sizeof o->unit_name, "%s", (const char *)sqlite3_column_text(pu, 2));
	}
	sqlite3_reset(pu);
}

static int by_days(const void *a, const void *b)
{
	const overdue_row *x = a, *y = b;
	if (x->days != y->days)
		return x->days > y->days ? -1 : 1;
	int c = strcmp(x->k->name, y->k->name);
	if (c)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

static lz_status add_kind(session *s, sqlite3_stmt *pu, const kind *k, const char *year, int64_t unit,
			  overdue_list *out, lz_err *err)
{
	query_filter f = { 0 };
	f.year = year;
	f.unit = unit;
	f.due = QD_LATE;
	f.order = k->due_field; /* the index of open records by due date answers it */
	query_cursor *c;
	lz_status st = query_open(s, k, &f, &c, err);
	if (st)
		return st;
	int di = kind_field_index(k, k->due_field);
	query_row r;
	int rc;
	while ((rc = query_next(c, &r, err)) == 1) {
		if (out->n == out->cap) {
			int cap = out->cap ? out->cap * 2 : 64;
			overdue_row *p = realloc(out->rows, (size_t)cap * sizeof *p);
			if (!p) {
				query_close(c);
				return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			}
			out->rows = p;
			out->cap = cap;
		}
		overdue_row *o = &out->rows[out->n++];
		memset(o, 0, sizeof *o);
		o->k = k;
		o->id = r.id;
		snprintf(o->due, sizeof o->due, "%s", r.value[di] ? r.value[di] : "");
		o->days = date_diff(o->due, s->today);
		owner_of(s, pu, k, &r, o);
	}
	query_close(c);
	return rc < 0 ? LZ_INTERNAL : LZ_OK;
}

lz_status overdue_collect(session *s, const char *year, int64_t unit, overdue_list *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *pu;
	/* The unit itself, or the unit of the person ?2. */
	lz_status st = db_prepare(&s->db, "SELECT id, code, name FROM unit WHERE id = coalesce("
				  "(SELECT p.unit FROM person p WHERE p.id = ?2), ?1)", &pu, err);
	if (st)
		return st;
	for (const kind *const *kp = kind_all; !st && *kp; kp++) {
		const kind *k = *kp;
		if (!k->due_field || k->owner == KO_ADMIN || (year && !k->year_field))
			continue;
		st = add_kind(s, pu, k, year, unit, out, err);
	}
	sqlite3_finalize(pu);
	if (st) {
		overdue_free(out);
		return st;
	}
	if (out->n)
		qsort(out->rows, (size_t)out->n, sizeof *out->rows, by_days);
	return LZ_OK;
}

void overdue_free(overdue_list *l)
{
	free(l->rows);
	memset(l, 0, sizeof *l);
}
