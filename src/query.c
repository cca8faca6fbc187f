#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "i18n.h"
#include "sbuf.h"
#include "value.h"

struct query_cursor {
	const kind *k;
	sqlite3_stmt *st;
	sqlite3_stmt *tail;     /* rows with an empty sort value, read after st (see build_select) */
	int left;               /* rows still wanted; -1: no limit */
	/* The row's texts point into the statement (valid until its next step,
	 * as a row is until the next query_next): no copy per cell, which a
	 * ledger export of a million rows would feel. Decimals, worked out from
	 * cents, are the only texts of our own. */
	const char **value;
	const char **shown;
	char **dec;
};

static void free_row(query_cursor *c)
{
	for (int i = 0; i < c->k->nfields; i++) {
		if (c->dec[i]) {
			free(c->dec[i]);
			c->dec[i] = NULL;
		}
		c->value[i] = c->shown[i] = NULL;
	}
}

/* The SQL for field f of the row: its column, or the expression that works it out. */
static void field_sql(const kind_field *f, char *buf, size_t n)
{
	if (f->flags & KF_DERIVED)
		snprintf(buf, n, "(%s)", f->expr);
	else
		snprintf(buf, n, "t.%s", f->name);
}

/* The expression giving the owner unit of kind k's rows (alias t), or NULL. */
static const char *owner_expr(const kind *k, char *buf, size_t n)
{
	switch (k->owner) {
	case KO_SELF:
		return "t.id";
	case KO_FIELD:
		snprintf(buf, n, "t.%s", k->owner_field);
		return buf;
	case KO_PERSON:
		snprintf(buf, n, "(SELECT op.unit FROM person op WHERE op.id = t.%s)", k->owner_field);
		return buf;
	default:
		return NULL;
	}
}

/* The SQL that is true when a row of k counts as closed (due_closed), or
 * with open set, when it does not. Written out both ways rather than as NOT
 * of the other, so "replied_on IS NULL" matches the partial indexes of open
 * records. Empty values are stored as NULL. */
static void closed_sql(const kind *k, bool open, bool hint, sbuf *out)
{
	char buf[4096];
	if (!k->closed_field && !k->closed_states) {
		sbuf_add(out, open ? "0" : "1");
		return;
	}
	sbuf_add(out, open ? "(1" : "(0");
	if (k->closed_field) {
		field_sql(kind_field_named(k, k->closed_field), buf, sizeof buf);
		/* hint: with a year's range to walk instead, "replied_on IS NULL"
		 * is no equality worth an index: NULL is every open record's value,
		 * not the ten rows SQLite assumes without statistics. likelihood()
		 * says so and keeps the term (partial indexes still match it). */
		if (open && hint)
			sbuf_printf(out, " AND likelihood(%s IS NULL, 0.5)", buf);
		else
			sbuf_printf(out, open ? " AND %s IS NULL" : " OR %s IS NOT NULL", buf);
	}
	if (k->closed_states && k->state_field) {
		field_sql(kind_field_named(k, k->state_field), buf, sizeof buf);
		if (open)
			sbuf_printf(out, " AND (%s IS NULL OR %s NOT IN (''", buf, buf);
		else
			sbuf_printf(out, " OR %s IN (''", buf);
		/* The states are the descriptor's own constants, quoted by SQLite. */
		for (const char *const *c = k->closed_states; *c; c++) {
			char *q = sqlite3_mprintf(", %Q", *c);
			sbuf_add(out, q);
			sqlite3_free(q);
		}
		sbuf_add(out, open ? "))" : ")");
	}
	sbuf_add(out, ")");
}

/* The SQL for a standing against the due date, as due_of() decides it. */
static void due_sql(const kind *k, query_due d, bool hint, sbuf *out)
{
	sbuf c = { 0 };
	closed_sql(k, d != QD_CLOSED, hint, &c);
	char due[4096] = "NULL";
	if (k->due_field)
		field_sql(kind_field_named(k, k->due_field), due, sizeof due);
	switch (d) {
	case QD_CLOSED:
	case QD_OPEN:
		sbuf_add(out, sbuf_str(&c));
		break;
	case QD_LATE:
		sbuf_printf(out, "(%s AND %s < :today)", sbuf_str(&c), due);
		break;
	case QD_SOON:
		sbuf_printf(out, "(%s AND %s >= :today AND %s <= date(:today, '+' || :warn || ' days'))",
			    sbuf_str(&c), due, due);
		break;
	default:
		sbuf_add(out, "1");
		break;
	}
	sbuf_free(&c);
}

/* " AND the owner is unit param or under it". A person's unit is reached
 * through the person, so that the record table's own index on the person
 * column does the work rather than a lookup per row. */
static void owner_in(sbuf *from, const kind *k, const char *own, const char *param, const char *cte)
{
	char subtree[256];
	snprintf(subtree, sizeof subtree, "WITH RECURSIVE %s(id) AS (SELECT %s UNION"
		 " SELECT u.id FROM unit u JOIN %s ON u.parent = %s.id) SELECT id FROM %s", cte, param, cte, cte, cte);
	if (k->owner == KO_PERSON)
		sbuf_printf(from, " AND t.%s IN (SELECT op.id FROM person op WHERE op.unit IN (%s))", k->owner_field, subtree);
	else
		sbuf_printf(from, " AND %s IN (%s)", own, subtree);
}

/* Whether LIANGZE_SEARCH_SCAN asks for the plain scan (to compare answers). */
static bool search_scan_forced(void)
{
	const char *e = getenv("LIANGZE_SEARCH_SCAN");
	return e && *e && strcmp(e, "0") != 0;
}

/* Whether the index holds more than a few hundred rows for MATCH m: read
 * up to that many, which costs little either way. */
static bool many_candidates(session *s, const kind *k, const char *m)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT 1 FROM fts_%s WHERE fts_%s MATCH ?1 LIMIT 300)",
		 k->table, k->table);
	sqlite3_stmt *q;
	lz_err e;
	if (db_prepare(&s->db, sql, &q, &e))
		return false;
	sqlite3_bind_text(q, 1, m, -1, SQLITE_STATIC);
	bool many = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) >= 300;
	sqlite3_finalize(q);
	return many;
}

/* Builds WITH, FROM and WHERE (everything after the select list) and the
 * parameters' order; bound by bind_filter in the same order. */
static lz_status build_where(session *s, const kind *k, const query_filter *f, bool joins, sbuf *from, int *nsearch,
			     lz_err *err)
{
	char ownbuf[160];
	const char *own = owner_expr(k, ownbuf, sizeof ownbuf);
	if (k->owner == KO_ADMIN && s->role != ROLE_ADMIN)
		return lz_fail(err, LZ_DENIED, _("only an administrator may see %s"), _(k->label));
	if (f->state && !k->state_field)
		return lz_fail(err, LZ_USAGE, _("%s records have no state to filter by"), k->zh);
	if (f->year && !k->year_field)
		return lz_fail(err, LZ_USAGE, _("%s records have no year to filter by"), k->zh);
	if (f->task && !kind_serves_task(k, f->task))
		return lz_fail(err, LZ_USAGE, _("%s records do not serve task %d"), k->zh, f->task);
	sbuf_printf(from, " FROM %s t", k->table);
	/* The referenced records' names: shown, and searched. */
	for (int i = 0; joins && i < k->nfields; i++) {
		const kind_field *fd = &k->fields[i];
		if (fd->type != KF_REF)
			continue;
		const kind *rk = kind_find(fd->ref);
		sbuf_printf(from, " LEFT JOIN %s r%d ON r%d.id = t.%s", rk->table, i, i, fd->name);
	}
	sbuf_add(from, " WHERE 1");
	int scoped = s->scope_unit && s->role != ROLE_ADMIN && own;
	/* Scope and the unit filter: the unit and the units under it. */
	if (scoped)
		owner_in(from, k, own, ":scope", "sub");
	if (f->unit && own)
		owner_in(from, k, own, ":unit", "sub2");
	if (f->year && strchr(k->year_field, '.')) {
		/* "meeting.held_on": the year of the record a reference names. */
		const char *dot = strchr(k->year_field, '.');
		char ref[64];
		snprintf(ref, sizeof ref, "%.*s", (int)(dot - k->year_field), k->year_field);
		const kind_field *rf = kind_field_named(k, ref);
		const kind *rk = rf && rf->type == KF_REF ? kind_find(rf->ref) : NULL;
		if (!rk)
			return lz_fail(err, LZ_INTERNAL, "%s: bad year field %s", k->name, k->year_field);
		sbuf_printf(from, " AND (SELECT substr(yr.%s, 1, 4) FROM %s yr WHERE yr.id = t.%s) = :year",
			    dot + 1, rk->table, ref);
	} else if (f->year) {
		const kind_field *yf = kind_field_named(k, k->year_field);
		char ys[4096];
		field_sql(yf, ys, sizeof ys);
		/* A range rather than substr(): dates and periods of the year sort
		 * between "2026" and "2027", and the column's index answers it. */
		if (yf->type == KF_YEAR)
			sbuf_printf(from, " AND %s = :year", ys);
		else
			sbuf_printf(from, " AND %s >= :year AND %s < :year_next", ys, ys);
	}
	if (f->category && own)
		sbuf_printf(from, " AND %s IN (SELECT uc.id FROM unit uc WHERE uc.category = :category)", own);
	if (f->task) {
		const kind_task_when *w = kind_task_condition(k, f->task);
		const kind_field *wf = w ? kind_field_named(k, w->field) : NULL;
		if (w && !wf)
			return lz_fail(err, LZ_INTERNAL, "%s: task %d names no field %s", k->name, f->task, w->field);
		if (wf) {
			char ws[4096];
			field_sql(wf, ws, sizeof ws);
			sbuf_printf(from, " AND %s IN (NULL", ws);
			/* The values are the descriptor's own constants, quoted by SQLite. */
			for (const char *const *v = w->values; v && *v; v++) {
				char *q = sqlite3_mprintf(", %Q", *v);
				sbuf_add(from, q);
				sqlite3_free(q);
			}
			sbuf_add(from, ")");
		}
	}
	if (f->cond) {
		int ci = f->cond->field ? kind_field_index(k, f->cond->field) : -1;
		char cs[4096];
		if (f->cond->sql)
			sbuf_printf(from, " AND (%s)", f->cond->sql);
		else if (ci >= 0) {
			field_sql(&k->fields[ci], cs, sizeof cs);
			sbuf_printf(from, " AND %s IS NOT NULL AND %s <> ''", cs, cs);
		}
	}
	if (f->due != QD_ANY) {
		sbuf c = { 0 };
		due_sql(k, f->due, f->year && *f->year, &c);
		sbuf_printf(from, " AND %s", sbuf_str(&c));
		sbuf_free(&c);
	}
	if (f->state)
	{
		char ss[4096];
		field_sql(kind_field_named(k, k->state_field), ss, sizeof ss);
		sbuf_printf(from, " AND %s = :state", ss);
	}
	*nsearch = 0;
	if (f->search && *f->search) {
		char m[1024];
		if (s->fts && fts_kind_indexed(k) && !search_scan_forced() && fts_match_expr(f->search, m, sizeof m) > 0) {
			/* Candidates from the index (a superset: every row holding the
			 * text holds its tokens), rows not yet reindexed, and rows whose
			 * referenced record's name holds it; instr() below decides. */
			/* Few candidates: read just those and sort them. Many: walk the
			 * rows in sort order and keep those among the candidates (the
			 * + stops SQLite from driving by them), which fills a page early. */
			sbuf_printf(from, " AND %st.id IN (SELECT rowid FROM fts_%s WHERE fts_%s MATCH :m"
				    " UNION SELECT id FROM fts_dirty WHERE tbl = '%s'",
				    many_candidates(s, k, m) ? "+" : "", k->table, k->table, k->table);
			for (int i = 0; i < k->nfields; i++) {
				const kind_field *fd = &k->fields[i];
				if (!(fd->flags & KF_SEARCH) || fd->type != KF_REF)
					continue;
				const kind *rk = kind_find(fd->ref);
				sbuf_printf(from, " UNION SELECT c%d.id FROM %s c%d WHERE c%d.%s IN"
					    " (SELECT id FROM %s WHERE instr(%s, :q) > 0)",
					    i, k->table, i, i, fd->name, rk->table, rk->display);
			}
			sbuf_add(from, ")");
		}
		/* instr() rather than LIKE: CJK-safe, and % and _ in the text are literal. */
		sbuf_add(from, " AND (0");
		for (int i = 0; i < k->nfields; i++) {
			if (!(k->fields[i].flags & KF_SEARCH))
				continue;
			if (k->fields[i].type == KF_REF)
				sbuf_printf(from, " OR instr(r%d.%s, :q) > 0", i, kind_find(k->fields[i].ref)->display);
			else
				sbuf_printf(from, " OR instr(t.%s, :q) > 0", k->fields[i].name);
			(*nsearch)++;
		}
		sbuf_add(from, ")");
	}
	return LZ_OK;
}

static void bind_named(sqlite3_stmt *st, const char *name, const char *text, int64_t num, int is_num)
{
	int idx = sqlite3_bind_parameter_index(st, name);
	if (!idx)
		return;
	if (is_num)
		sqlite3_bind_int64(st, idx, num);
	else if (text)
		sqlite3_bind_text(st, idx, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, idx);
}

static void bind_filter(session *s, sqlite3_stmt *st, const query_filter *f)
{
	bind_named(st, ":scope", NULL, s->scope_unit, 1);
	bind_named(st, ":unit", NULL, f->unit, 1);
	if (f->year) {
		char next[16];
		snprintf(next, sizeof next, "%lld", strtoll(f->year, NULL, 10) + 1);
		bind_named(st, ":year", f->year, 0, 0);
		bind_named(st, ":year_next", next, 0, 0);
	}
	if (f->category)
		bind_named(st, ":category", f->category, 0, 0);
	bind_named(st, ":warn", NULL, f->warn_days, 1);
	if (f->search) {
		char m[1024];
		bind_named(st, ":q", f->search, 0, 0);
		if (sqlite3_bind_parameter_index(st, ":m") && fts_match_expr(f->search, m, sizeof m) > 0)
			bind_named(st, ":m", m, 0, 0);
	}
	if (f->state)
		bind_named(st, ":state", f->state, 0, 0);
	bind_named(st, ":today", s->today, 0, 0);
}

/* The whole SELECT for f into sql; *oi gets the sort field's index (-1: id).
 * Going backwards (DESC) after a row with a value, the rows still to come are
 * those before it in (value, id) order, then those without a value: one row
 * value comparison the sort index serves (tail 0), then a second query for
 * the empty ones (tail 1) — an OR of both would read the whole index. */
static bool has_tail(const query_filter *f, int oi)
{
	return f->after && f->after_value && f->desc && oi >= 0;
}

static lz_status build_select(session *s, const kind *k, const query_filter *f, int tail, sbuf *sql, int *oi_out,
			      lz_err *err)
{
	const char *order = f->order ? f->order : k->order;
	int oi = kind_field_index(k, order);
	if (oi < 0 && strcmp(order, "id") != 0)
		return lz_fail(err, LZ_USAGE, _("%s has no field '%s' to sort by"), k->zh, order);
	sbuf from = { 0 };
	int nsearch;
	lz_status st = build_where(s, k, f, true, &from, &nsearch, err);
	if (st) {
		sbuf_free(&from);
		return st;
	}
	sbuf_add(sql, "SELECT t.id");
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *fd = &k->fields[i];
		if (fd->flags & KF_DERIVED)
			sbuf_printf(sql, ", (%s)", fd->expr);
		else
			sbuf_printf(sql, ", t.%s", fd->name);
		if (fd->type == KF_REF)
			sbuf_printf(sql, ", r%d.%s", i, kind_find(fd->ref)->display);
		else
			sbuf_add(sql, ", NULL");
	}
	sbuf_add(sql, sbuf_str(&from));
	sbuf_free(&from);
	const char *dir = f->desc ? "DESC" : "ASC";
	const char *cmp = f->desc ? (f->inclusive ? "<=" : "<") : (f->inclusive ? ">=" : ">");
	char col[4096];
	if (oi < 0)
		snprintf(col, sizeof col, "t.id");
	else
		field_sql(&k->fields[oi], col, sizeof col);
	if (f->after) {
		/* Empty values sort first (ASC) in SQLite: NULL < anything. */
		if (oi < 0)
			sbuf_printf(sql, " AND t.id %s :aid", cmp);
		else if (!f->after_value && !f->desc)
			sbuf_printf(sql, " AND (%s IS NOT NULL OR t.id %s :aid)", col, cmp);
		else if (!f->after_value)
			sbuf_printf(sql, " AND (%s IS NULL AND t.id %s :aid)", col, cmp);
		else if (!f->desc)
			sbuf_printf(sql, " AND (%s > :av OR (%s = :av AND t.id %s :aid))", col, col, cmp);
		else if (!tail)
			sbuf_printf(sql, " AND (%s, t.id) %s (:av, :aid)", col, cmp);
		else
			sbuf_printf(sql, " AND %s IS NULL", col);
	}
	if (oi < 0)
		sbuf_printf(sql, " ORDER BY t.id %s", dir);
	else
		sbuf_printf(sql, " ORDER BY %s %s, t.id %s", col, dir, dir);
	if (f->limit > 0)
		sbuf_printf(sql, " LIMIT %d", f->limit);
	*oi_out = oi;
	return LZ_OK;
}

static void bind_keyset(sqlite3_stmt *st, const kind *k, const query_filter *f, int oi)
{
	if (!f->after)
		return;
	bind_named(st, ":aid", NULL, f->after_id, 1);
	int av = sqlite3_bind_parameter_index(st, ":av");
	if (f->after_value && oi >= 0 && av)
		value_bind(st, av, &k->fields[oi], f->after_value);
}

lz_status query_sql(session *s, const kind *k, const query_filter *f, char **out, lz_err *err)
{
	sbuf sql = { 0 };
	int oi;
	lz_status st = build_select(s, k, f, 0, &sql, &oi, err);
	if (st) {
		sbuf_free(&sql);
		return st;
	}
	*out = sbuf_take(&sql);
	return *out ? LZ_OK : lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
}

lz_status query_plan(session *s, const kind *k, const query_filter *f, char **out, lz_err *err)
{
	sbuf sql = { 0 }, plan = { 0 };
	int oi;
	sbuf_add(&sql, "EXPLAIN QUERY PLAN ");
	lz_status st = build_select(s, k, f, 0, &sql, &oi, err);
	sqlite3_stmt *q = NULL;
	if (!st)
		st = db_prepare(&s->db, sbuf_str(&sql), &q, err);
	sbuf_free(&sql);
	if (st)
		return st;
	bind_filter(s, q, f);
	bind_keyset(q, k, f, oi);
	while (sqlite3_step(q) == SQLITE_ROW)
		sbuf_printf(&plan, "%s\n", (const char *)sqlite3_column_text(q, 3));
	sqlite3_finalize(q);
	*out = sbuf_take(&plan);
	return *out ? LZ_OK : lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
}

lz_status query_open(session *s, const kind *k, const query_filter *f, query_cursor **out, lz_err *err)
{
	sbuf sql = { 0 };
	int oi;
	lz_status st = build_select(s, k, f, 0, &sql, &oi, err);
	if (st) {
		sbuf_free(&sql);
		return st;
	}
	query_cursor *c = calloc(1, sizeof *c);
	if (!c || sql.oom) {
		free(c);
		sbuf_free(&sql);
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	c->k = k;
	c->value = calloc((size_t)k->nfields, sizeof *c->value);
	c->shown = calloc((size_t)k->nfields, sizeof *c->shown);
	c->dec = calloc((size_t)k->nfields, sizeof *c->dec);
	st = db_prepare(&s->db, sbuf_str(&sql), &c->st, err);
	if (st || !c->value || !c->shown || !c->dec) {
		sbuf_free(&sql);
		query_close(c);
		return st ? st : lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	bind_filter(s, c->st, f);
	bind_keyset(c->st, k, f, oi);
	c->left = f->limit > 0 ? f->limit : -1;
	if (has_tail(f, oi)) {
		sbuf_reset(&sql);
		if (!(st = build_select(s, k, f, 1, &sql, &oi, err)))
			st = db_prepare(&s->db, sbuf_str(&sql), &c->tail, err);
		sbuf_free(&sql);
		if (st) {
			query_close(c);
			return st;
		}
		bind_filter(s, c->tail, f);
		bind_keyset(c->tail, k, f, oi);
	}
	sbuf_free(&sql);
	*out = c;
	return LZ_OK;
}

int query_next(query_cursor *c, query_row *row, lz_err *err)
{
	free_row(c);
	if (c->left == 0)
		return 0;
	int rc = sqlite3_step(c->st);
	if (rc == SQLITE_DONE && c->tail) {
		sqlite3_finalize(c->st);
		c->st = c->tail;
		c->tail = NULL;
		rc = sqlite3_step(c->st);
	}
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW) {
		sqlite3 *h = sqlite3_db_handle(c->st);
		lz_fail(err, (rc & 0xff) == SQLITE_BUSY ? LZ_BUSY : LZ_INTERNAL, _("reading %s: %s"), c->k->zh,
			sqlite3_errmsg(h));
		return -1;
	}
	if (c->left > 0)
		c->left--;
	row->id = sqlite3_column_int64(c->st, 0);
	for (int i = 0; i < c->k->nfields; i++) {
		const kind_field *fd = &c->k->fields[i];
		int col = 1 + 2 * i;
		/* as value_column: NULL and "" are both empty */
		if (sqlite3_column_type(c->st, col) == SQLITE_NULL)
			continue;
		const char *v;
		if (fd->type == KF_DEC) {
			v = c->dec[i] = value_hundredths_text(sqlite3_column_int64(c->st, col));
			if (!v) {
				lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				return -1;
			}
		} else {
			v = (const char *)sqlite3_column_text(c->st, col);
			if (!v || !*v)
				continue;
		}
		c->value[i] = v;
		if (fd->type == KF_REF && sqlite3_column_type(c->st, col + 1) != SQLITE_NULL)
			c->shown[i] = (const char *)sqlite3_column_text(c->st, col + 1);
		else if (fd->type == KF_BOOL)
			c->shown[i] = strcmp(v, "1") == 0 ? "是" : "否";
		else
			c->shown[i] = v;
	}
	row->value = (const char *const *)c->value;
	row->shown = (const char *const *)c->shown;
	return 1;
}

void query_close(query_cursor *c)
{
	if (!c)
		return;
	if (c->value && c->shown && c->dec)
		free_row(c);
	free(c->value);
	free(c->shown);
	free(c->dec);
	sqlite3_finalize(c->st);
	sqlite3_finalize(c->tail);
	free(c);
}

/* Runs the counting SELECT in sql (freed here) with f's parameters and
 * reads its first n columns into out. */
static lz_status run_counts(session *s, const kind *k, const query_filter *f, sbuf *sql, int64_t *out, int n,
			    lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, sbuf_str(sql), &q, err);
	sbuf_free(sql);
	if (st)
		return st;
	bind_filter(s, q, f);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		for (int i = 0; i < n; i++)
			out[i] = sqlite3_column_int64(q, i);
	else
		st = db_error(&s->db, rc, k->zh, err);
	sqlite3_finalize(q);
	return st;
}

lz_status query_count(session *s, const kind *k, const query_filter *f, int64_t *n, lz_err *err)
{
	sbuf sql = { 0 };
	int nsearch = 0;
	sbuf_add(&sql, "SELECT count(*)");
	lz_status st = build_where(s, k, f, f->search && *f->search, &sql, &nsearch, err);
	if (st) {
		sbuf_free(&sql);
		return st;
	}
	return run_counts(s, k, f, &sql, n, 1, err);
}

/* The tally's SELECT for f (its due ignored) appended to sql. */
static lz_status tally_select(session *s, const kind *k, const query_filter *g, sbuf *sql, lz_err *err)
{
	int nsearch = 0;
	sbuf_add(sql, "SELECT count(*)");
	static const query_due parts[] = { QD_CLOSED, QD_OPEN, QD_LATE, QD_SOON };
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		sbuf d = { 0 };
		due_sql(k, parts[i], false, &d);
		sbuf_printf(sql, ", coalesce(sum(%s), 0)", sbuf_str(&d));
		sbuf_free(&d);
	}
	if (k->due_field) {
		sbuf d = { 0 };
		char due[4096];
		due_sql(k, QD_OPEN, false, &d);
		field_sql(kind_field_named(k, k->due_field), due, sizeof due);
		sbuf_printf(sql, ", coalesce(sum(%s AND %s IS NOT NULL), 0)", sbuf_str(&d), due);
		sbuf_free(&d);
	} else {
		sbuf_add(sql, ", 0");
	}
	return build_where(s, k, g, g->search && *g->search, sql, &nsearch, err);
}

lz_status query_tally_plan(session *s, const kind *k, const query_filter *f, char **out, lz_err *err)
{
	query_filter g = *f;
	g.due = QD_ANY;
	sbuf sql = { 0 }, plan = { 0 };
	sbuf_add(&sql, "EXPLAIN QUERY PLAN ");
	lz_status st = tally_select(s, k, &g, &sql, err);
	sqlite3_stmt *q = NULL;
	if (!st)
		st = db_prepare(&s->db, sbuf_str(&sql), &q, err);
	sbuf_free(&sql);
	if (st)
		return st;
	bind_filter(s, q, &g);
	while (sqlite3_step(q) == SQLITE_ROW)
		sbuf_printf(&plan, "%s\n", (const char *)sqlite3_column_text(q, 3));
	sqlite3_finalize(q);
	*out = sbuf_take(&plan);
	return *out ? LZ_OK : lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
}

lz_status query_tally_count(session *s, const kind *k, const query_filter *f, query_tally *t, lz_err *err)
{
	query_filter g = *f;
	g.due = QD_ANY;
	sbuf sql = { 0 };
	memset(t, 0, sizeof *t);
	lz_status st = tally_select(s, k, &g, &sql, err);
	if (st) {
		sbuf_free(&sql);
		return st;
	}
	int64_t v[6] = { 0 };
	st = run_counts(s, k, &g, &sql, v, 6, err);
	t->total = v[0];
	t->closed = v[1];
	t->open = v[2];
	t->late = v[3];
	t->soon = v[4];
	t->open_due = v[5];
	return st;
}
