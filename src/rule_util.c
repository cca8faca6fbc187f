#include "rule_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void rule_col(sqlite3_stmt *q, int i, char *out, size_t n)
{
	const char *v = (const char *)sqlite3_column_text(q, i);
	snprintf(out, n, "%s", v ? v : "");
}

lz_status rule_save_changed(session *s, record *r, const char *before, int *written, lz_err *err)
{
	char *after = record_json(r);
	lz_status st = LZ_OK;
	if (!after)
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	else if (r->id == 0 || !before || strcmp(before, after) != 0) {
		if ((st = record_save_in(s, r, err)) == LZ_OK)
			(*written)++;
	}
	free(after);
	return st;
}

lz_status rule_ids(session *s, const char *sql, int64_t arg, int64_t **ids, int *n, lz_err *err)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, sql, &q, err);
	if (st)
		return st;
	/* ?1 or :arg takes arg; :today takes the session's date. */
	const char *first = sqlite3_bind_parameter_count(q) > 0 ? sqlite3_bind_parameter_name(q, 1) : "";
	if (!first || *first == '?')
		sqlite3_bind_int64(q, 1, arg);
	int ai = sqlite3_bind_parameter_index(q, ":arg"), ti = sqlite3_bind_parameter_index(q, ":today");
	if (ai)
		sqlite3_bind_int64(q, ai, arg);
	if (ti)
		sqlite3_bind_text(q, ti, s->today, -1, SQLITE_STATIC);
	int rc, cap = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			int64_t *p = realloc(*ids, (size_t)cap * sizeof *p);
			if (!p) {
				st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				break;
			}
			*ids = p;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(q, 0);
	}
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading the records a rule covers"), err);
	sqlite3_finalize(q);
	return st;
}

void rule_reach_district(session *s, rule_reach *saved)
{
	saved->role = s->role;
	saved->scope = s->scope_unit;
	s->role = ROLE_ADMIN;
	s->scope_unit = 0;
}

void rule_reach_restore(session *s, const rule_reach *saved)
{
	s->role = saved->role;
	s->scope_unit = saved->scope;
}
