#include "bulk_index.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static bool field_is(const kind *k, const char *col, unsigned flags, bool self_ref)
{
	int f = kind_field_index(k, col);
	if (f < 0)
		return false;
	const kind_field *fd = &k->fields[f];
	return (fd->flags & flags) || (self_ref && fd->type == KF_REF && strcmp(fd->ref, k->name) == 0);
}

/* Whether an index with columns cols[0..n) serves one of the importer's
 * lookups: its leading columns are exactly one of k's keys, or it starts
 * with a unique, lookup or self-referring field. */
static bool used_by_import(const kind *k, char cols[][64], int n)
{
	if (n == 0)
		return true; /* an expression index: not ours to judge */
	if (field_is(k, cols[0], KF_UNIQUE | KF_LOOKUP, true))
		return true;
	for (int key = 0; key < KIND_MAX_KEYS && k->keys[key][0]; key++) {
		int len = 0, hit = 0;
		for (const char *const *kf = k->keys[key]; *kf; kf++)
			len++;
		for (int i = 0; i < len && i < n; i++)
			for (const char *const *kf = k->keys[key]; *kf; kf++)
				if (strcmp(cols[i], *kf) == 0)
					hit++;
		if (hit == len)
			return true;
	}
	return false;
}

static lz_status add(bulk_index *b, const char *sql, lz_err *err)
{
	char **ns = realloc(b->sql, (size_t)(b->n + 1) * sizeof *ns);
	char *copy = strdup(sql);
	if (!ns || !copy) {
		free(copy);
		if (ns)
			b->sql = ns;
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	b->sql = ns;
	b->sql[b->n++] = copy;
	return LZ_OK;
}

lz_status bulk_index_drop(db_conn *c, const kind *k, bulk_index *b, lz_err *err)
{
	sqlite3_stmt *list, *info;
	lz_status st = db_prepare(c,
		"SELECT l.name, m.sql FROM pragma_index_list(?1) l JOIN sqlite_master m ON m.name = l.name"
		" WHERE l.origin = 'c' AND NOT l.\"unique\" AND m.type = 'index' AND m.sql IS NOT NULL", &list, err);
	if (st)
		return st;
	if ((st = db_prepare(c, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno", &info, err))) {
		sqlite3_finalize(list);
		return st;
	}
	sqlite3_bind_text(list, 1, k->table, -1, SQLITE_STATIC);
	/* Names first, drops after: DROP INDEX changes the schema the list walks. */
	char (*names)[64] = NULL;
	int nn = 0;
	while (!st && sqlite3_step(list) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(list, 0);
		char cols[16][64];
		int n = 0;
		sqlite3_reset(info);
		sqlite3_bind_text(info, 1, name, -1, SQLITE_TRANSIENT);
		bool expr = false;
		while (sqlite3_step(info) == SQLITE_ROW) {
			const char *col = (const char *)sqlite3_column_text(info, 0);
			if (!col)
				expr = true;
			else if (n < 16)
				snprintf(cols[n++], sizeof cols[0], "%s", col);
		}
		if (expr || used_by_import(k, cols, n))
			continue;
		void *nm = realloc(names, (size_t)(nn + 1) * sizeof *names);
		if (!nm) {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			break;
		}
		names = nm;
		snprintf(names[nn++], sizeof names[0], "%s", name);
		st = add(b, (const char *)sqlite3_column_text(list, 1), err);
	}
	sqlite3_finalize(list);
	sqlite3_finalize(info);
	for (int i = 0; i < nn && !st; i++) {
		char *sql = sqlite3_mprintf("DROP INDEX \"%w\"", names[i]);
		st = sql ? db_exec(c, sql, err) : lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		sqlite3_free(sql);
	}
	free(names);
	return st;
}

lz_status bulk_index_restore(db_conn *c, bulk_index *b, lz_err *err)
{
	for (int i = 0; i < b->n; i++) {
		lz_status st = db_exec(c, b->sql[i], err);
		if (st)
			return st;
	}
	return LZ_OK;
}

void bulk_index_free(bulk_index *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->sql[i]);
	free(b->sql);
	b->sql = NULL;
	b->n = 0;
}
