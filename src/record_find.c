/* record_find.c — finding records by what people type and know them by:
 * a code or a name, an import key, the text that names one in a list. */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sbuf.h"
#include "value.h"

lz_status record_resolve(session *s, const kind *k, const char *text, int64_t prefer_unit,
			 int64_t *id, lz_err *err)
{
	*id = 0;
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *f = &k->fields[i];
		if (!(f->flags & KF_LOOKUP))
			continue;
		char sql[256];
		const char *owner = k->owner == KO_FIELD ? k->owner_field : "id";
		snprintf(sql, sizeof sql, "SELECT id, %s FROM %s WHERE %s = ? ORDER BY id LIMIT 50",
			 k->owner == KO_PERSON ? "NULL" : owner, k->table, f->name);
		sqlite3_stmt *q;
		lz_status st = db_cached(&s->db, sql, &q, err);
		if (st)
			return st;
		sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
		int n = 0, npref = 0;
		int64_t first = 0, pref = 0;
		while (sqlite3_step(q) == SQLITE_ROW) {
			int64_t rid = sqlite3_column_int64(q, 0);
			if (!n++)
				first = rid;
			if (prefer_unit && sqlite3_column_int64(q, 1) == prefer_unit && !npref++)
				pref = rid;
		}
		db_release(&s->db, q);
		if (n == 1) {
			*id = first;
			return LZ_OK;
		}
		if (n > 1 && npref == 1) {
			*id = pref;
			return LZ_OK;
		}
		if (n > 1)
			return lz_fail(err, LZ_BAD, _("'%s' names %d %s records; use the code to say which"), text, n, k->zh);
	}
	return lz_fail(err, LZ_BAD, _("no %s is called '%s'"), k->zh, text);
}

static void key_sql_slot(const void *tag, int slot, sbuf *sql)
{
	const kind *k = tag;
	int key = slot - 100;
	sbuf_printf(sql, "SELECT id FROM %s WHERE 1", k->table);
	for (const char *const *f = k->keys[key]; *f; f++)
		sbuf_printf(sql, " AND %s = ?", *f);
	sbuf_add(sql, " LIMIT 2");
}

lz_status record_find_by_key(session *s, const record *r, int key, int64_t *id, lz_err *err)
{
	const kind *k = r->k;
	*id = 0;
	int n = 0;
	for (const char *const *f = k->keys[key]; *f; f++)
		n++;
	sqlite3_stmt *q;
	/* Slots from 100: record.c's statements of the same kind use the low ones. */
	lz_status st = db_cached_tagged(&s->db, k, 100 + key, key_sql_slot, &q, err);
	if (st)
		return st;
	for (int i = 0; i < n; i++) {
		int fi = kind_field_index(k, k->keys[key][i]);
		value_bind(q, i + 1, &k->fields[fi], r->v[fi]);
	}
	int found = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (found++)
			break;
		*id = sqlite3_column_int64(q, 0);
	}
	db_release(&s->db, q);
	if (found > 1) {
		*id = 0;
		return lz_fail(err, LZ_BAD, _("several %s records match this row; give the code to say which"), k->zh);
	}
	return LZ_OK;
}

void record_display(session *s, const kind *k, int64_t id, char *out, size_t outsz)
{
	char sql[160];
	out[0] = '\0';
	if (!k || !id)
		return;
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?", k->display, k->table);
	sqlite3_stmt *q;
	lz_err e;
	if (db_cached(&s->db, sql, &q, &e))
		return;
	sqlite3_bind_int64(q, 1, id);
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(q, 0));
	else
		snprintf(out, outsz, "#%lld", (long long)id);
	db_release(&s->db, q);
}
