#include "history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "record.h"

static bool same(const char *a, const char *b)
{
	return (a == NULL) == (b == NULL) && (!a || strcmp(a, b) == 0);
}

static bool add_change(history_entry *e, const kind_field *f, const char *name, const char *b, const char *a)
{
	bool insert = strcmp(e->action, "insert") == 0, del = strcmp(e->action, "delete") == 0;
	/* A creation shows what was filled in, a deletion what was lost, any
	 * other row only what it changed. */
	if (insert ? a == NULL : del ? b == NULL : same(a, b))
		return true;
	history_change *n = realloc(e->ch, (size_t)(e->nch + 1) * sizeof *n);
	if (!n)
		return false;
	e->ch = n;
	e->ch[e->nch++] = (history_change){ f, name, b, a };
	return true;
}

/* The kind's fields in its order, then anything else the row keeps. */
static bool changes(const kind *k, history_entry *e)
{
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *f = &k->fields[i];
		if (f->flags & KF_DERIVED)
			continue;
		if (!add_change(e, f, f->name, audit_json_get(&e->before, f->name, NULL),
				audit_json_get(&e->after, f->name, NULL)))
			return false;
	}
	const audit_json *js[2] = { &e->after, &e->before };
	for (int j = 0; j < 2; j++)
		for (int i = 0; i < js[j]->n; i++) {
			const char *name = js[j]->key[i];
			bool in_after = false;
			if (j == 1)
				audit_json_get(&e->after, name, &in_after);
			if (kind_field_index(k, name) >= 0 || in_after)
				continue;
			bool dup = false;
			for (int c = 0; c < e->nch; c++)
				dup |= strcmp(e->ch[c].name, name) == 0;
			if (!dup && !add_change(e, NULL, name, audit_json_get(&e->before, name, NULL),
						audit_json_get(&e->after, name, NULL)))
				return false;
		}
	return true;
}

/* May the session read the record, as it is or as it last was? */
static lz_status check_read(session *s, history *h, lz_err *err)
{
	record *r = NULL;
	lz_status st;
	if (h->exists) {
		st = record_get(s, h->k, h->id, &r, err);
		record_free(r);
		return st;
	}
	if (h->k->owner == KO_ADMIN && s->role != ROLE_ADMIN)
		return lz_fail(err, LZ_DENIED, _("only an administrator may see %s"), _(h->k->label));
	if (h->k->owner == KO_ADMIN || h->k->owner == KO_NONE)
		return LZ_OK;
	/* Gone: whose it was is in the last row that had its values. */
	if (!(r = record_new(h->k)))
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	r->id = h->id;
	for (int i = h->n - 1; i >= 0; i--) {
		const audit_json *j = h->e[i].after.n ? &h->e[i].after : &h->e[i].before;
		if (!j->n)
			continue;
		for (int f = 0; f < h->k->nfields; f++)
			record_set(r, f, audit_json_get(j, h->k->fields[f].name, NULL));
		break;
	}
	/* KO_SELF: a deleted unit's own id no longer places it; its parent does. */
	if (h->k->owner == KO_SELF)
		r->id = 0;
	int in = record_unit_in_scope(s, record_owner_unit(s, r));
	record_free(r);
	if (!in)
		return lz_fail(err, LZ_BAD, _("no %s record with id %lld"), h->k->zh, (long long)h->id);
	return LZ_OK;
}

lz_status history_load(session *s, const kind *k, int64_t id, history *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	out->k = k;
	out->id = id;
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ?", k->table);
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, sql, &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	out->exists = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_finalize(q);
	if ((st = db_prepare(&s->db, "SELECT id, replace(at, 'T', ' '), login, action, before, after FROM audit"
				     " WHERE kind = ? AND record_id = ? ORDER BY id", &q, err)))
		return st;
	sqlite3_bind_text(q, 1, k->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		history_entry *n = realloc(out->e, (size_t)(out->n + 1) * sizeof *n);
		if (!n) {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			break;
		}
		out->e = n;
		history_entry *e = &out->e[out->n++];
		memset(e, 0, sizeof *e);
		e->audit_id = sqlite3_column_int64(q, 0);
		snprintf(e->at, sizeof e->at, "%s", (const char *)sqlite3_column_text(q, 1));
		snprintf(e->login, sizeof e->login, "%s", (const char *)sqlite3_column_text(q, 2));
		snprintf(e->action, sizeof e->action, "%s", (const char *)sqlite3_column_text(q, 3));
		/* A row that does not parse shows no fields; verify names it. */
		if (!audit_json_parse((const char *)sqlite3_column_text(q, 4), &e->before) ||
		    !audit_json_parse((const char *)sqlite3_column_text(q, 5), &e->after))
			continue;
		if (!changes(k, e)) {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			break;
		}
	}
	if (st == LZ_OK && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading the audit trail"), err);
	sqlite3_finalize(q);
	if (st == LZ_OK && !out->exists && out->n == 0)
		st = lz_fail(err, LZ_BAD, _("no %s record with id %lld"), k->zh, (long long)id);
	if (st == LZ_OK)
		st = check_read(s, out, err);
	if (st)
		history_free(out);
	return st;
}

void history_free(history *h)
{
	for (int i = 0; i < h->n; i++) {
		audit_json_free(&h->e[i].before);
		audit_json_free(&h->e[i].after);
		free(h->e[i].ch);
	}
	free(h->e);
	memset(h, 0, sizeof *h);
}

const char *history_action_title(const char *action)
{
	if (strcmp(action, "insert") == 0)
		return _("added");
	if (strcmp(action, "update") == 0)
		return _("changed");
	if (strcmp(action, "delete") == 0)
		return _("deleted");
	if (strcmp(action, "undelete") == 0)
		return _("undeleted");
	if (strcmp(action, "restore") == 0)
		return _("restored from a backup");
	return action; /* an action newer than this list: better raw than hidden */
}

void history_value(session *s, const history_change *c, const char *v, char *out, size_t outsz)
{
	out[0] = '\0';
	if (!v)
		return;
	if (c->f && c->f->type == KF_REF) {
		char name[256];
		record_display(s, kind_find(c->f->ref), strtoll(v, NULL, 10), name, sizeof name);
		snprintf(out, outsz, "%s", *name ? name : v);
	} else if (c->f && c->f->type == KF_BOOL) {
		snprintf(out, outsz, "%s", strcmp(v, "1") == 0 ? _("yes") : _("no"));
	} else {
		snprintf(out, outsz, "%s", v);
	}
}

const char *history_field_title(const history_change *c)
{
	return c->f ? kind_field_title(c->f) : c->name;
}
