/* vetting.c — a promotion vetting's cadre, and their record gathered from
 * every kind that refers to a person. */
#include "vetting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "evaluation.h"
#include "i18n.h"
#include "kinds_plan.h"
#include "ledger.h"
#include "record.h"
#include "rule_util.h"
#include "sbuf.h"

static void copy(char *out, size_t n, const char *v)
{
	snprintf(out, n, "%s", v ? v : "");
}

/* Room for one more line. */
static vetting_line *new_line(vetting_sheet *v, lz_err *err)
{
	if ((v->n & 31) == 0) {
		vetting_line *nl = realloc(v->lines, (size_t)(v->n + 32) * sizeof *nl);
		if (!nl) {
			lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			return NULL;
		}
		v->lines = nl;
	}
	vetting_line *l = &v->lines[v->n];
	memset(l, 0, sizeof *l);
	return l;
}

/* Whether a record was late against its due date (closed after it, or still
 * open with it past); *days gets by how much. */
static bool late(session *s, const kind *k, const record *r, long *days, bool *open)
{
	const char *due = k->due_field ? record_get_named(r, k->due_field) : NULL;
	const char *closed = k->closed_field ? record_get_named(r, k->closed_field) : NULL;
	*days = 0;
	*open = !closed;
	if (!due || !k->closed_field)
		return false;
	*days = date_diff(due, closed ? closed : s->today);
	return *days > 0;
}

/* "label: value; …" over the fields a ledger shows, but the one naming the
 * cadre and the year; for kinds with a due date and a closing date, whether
 * in time. */
static lz_status summarise(session *s, const record *r, const kind_field *by, vetting_line *l, lz_err *err)
{
	const kind *k = r->k;
	sbuf b = { 0 };
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *f = &k->fields[i];
		const char *v = r->v[i];
		if (f == by || (f->flags & KF_HIDDEN) || !v || !*v)
			continue;
		/* A year of its own is the line's year column already. */
		if (f->type == KF_YEAR && k->year_field && strcmp(f->name, k->year_field) == 0)
			continue;
		char shown[512];
		const kind *rk = f->type == KF_REF ? kind_find(f->ref) : NULL;
		if (rk)
			record_display(s, rk, strtoll(v, NULL, 10), shown, sizeof shown);
		else if (f->type == KF_BOOL)
			copy(shown, sizeof shown, strcmp(v, "1") == 0 ? "是" : "否");
		else
			copy(shown, sizeof shown, v);
		sbuf_printf(&b, "%s%s: %s", b.len ? "; " : "", f->zh, shown);
	}
	long days;
	bool open;
	bool is_late = late(s, k, r, &days, &open);
	/* A kind that works out its own days late (三述) says so in its fields already. */
	if (k->due_field && k->closed_field && record_get_named(r, k->due_field) && !kind_field_named(k, "days_late")) {
		if (is_late)
			sbuf_printf(&b, "; 是否按时: 否(%s逾期%ld天)", open ? "未办结, 已" : "", days);
		else if (!open)
			sbuf_add(&b, "; 是否按时: 是");
	}
	const char *state = record_get_named(r, "state"), *truthful = record_get_named(r, "truthful");
	l->flagged = is_late || (k == &kind_accountability && state && strcmp(state, "待处理") == 0) ||
		     (truthful && strcmp(truthful, "0") == 0) || (k == &kind_case && by && strcmp(by->name, "subject") == 0);
	if (b.oom) {
		sbuf_free(&b);
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	l->summary = b.len ? sbuf_take(&b) : strdup("");
	return l->summary ? LZ_OK : lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
}

/* The records of k naming the person in field f. */
static lz_status gather_field(session *s, vetting_sheet *v, const kind *k, const kind_field *f, lz_err *err)
{
	sbuf sql = { 0 };
	/* Table and column names come from the descriptors, never from input. */
	sbuf_printf(&sql, "SELECT id FROM %s WHERE %s = ? ORDER BY id", k->table, f->name);
	sqlite3_stmt *q;
	lz_status st = sql.oom ? lz_fail(err, LZ_INTERNAL, "%s", _("out of memory")) : db_prepare(&s->db, sbuf_str(&sql), &q, err);
	sbuf_free(&sql);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, v->person);
	int64_t *ids = NULL;
	int n = 0, rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if ((n & 31) == 0) {
			int64_t *ni = realloc(ids, (size_t)(n + 32) * sizeof *ni);
			if (!ni) {
				st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				break;
			}
			ids = ni;
		}
		ids[n++] = sqlite3_column_int64(q, 0);
	}
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, k->zh, err);
	sqlite3_finalize(q);
	/* Each record read whole, through the record layer's scope check, after
	 * the id query is done. */
	for (int i = 0; i < n && !st; i++) {
		if (k == &kind_vetting && ids[i] == v->id)
			continue;
		record *r = NULL;
		lz_err e;
		if (record_get(s, k, ids[i], &r, &e)) {
			v->hidden++;
			continue;
		}
		vetting_line *l = new_line(v, err);
		if (!l) {
			st = LZ_INTERNAL;
		} else {
			l->k = k;
			l->f = f;
			l->id = ids[i];
			const char *y = k->year_field ? record_get_named(r, k->year_field) : NULL;
			snprintf(l->year, sizeof l->year, "%.4s", y ? y : "");
			if ((st = summarise(s, r, f, l, err)) == LZ_OK)
				v->n++;
		}
		record_free(r);
	}
	free(ids);
	return st;
}

static void add_mean(sbuf *b, const char *label, const evaluation_mean *m)
{
	char t[32];
	evaluation_mean_text(m, t, sizeof t);
	if (m->count)
		sbuf_printf(b, "; %s: %s(%d)", label, t, m->count);
}

/* One line per year the cadre was evaluated: count, mean, by phase and group. */
static lz_status gather_evaluations(session *s, vetting_sheet *v, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, "SELECT DISTINCT year FROM evaluation WHERE person = ? ORDER BY year", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, v->person);
	int years[64], n = 0, rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && n < 64)
		years[n++] = sqlite3_column_int(q, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading evaluations"), err);
	sqlite3_finalize(q);
	for (int i = 0; i < n && !st; i++) {
		evaluation_stats e;
		if ((st = evaluation_summary(s, v->person, years[i], &e, err)))
			break;
		vetting_line *l = new_line(v, err);
		if (!l)
			return LZ_INTERNAL;
		char mean[32];
		sbuf b = { 0 };
		evaluation_mean_text(&e.all, mean, sizeof mean);
		sbuf_printf(&b, "%d年度评议%d人次, 平均分: %s", years[i], e.all.count, mean);
		for (int p = 0; p < EVALUATION_PHASES; p++)
			add_mean(&b, evaluation_phases[p], &e.phase[p]);
		for (int g = 0; g < EVALUATION_GROUPS; g++)
			add_mean(&b, evaluation_groups[g], &e.group[g]);
		l->k = &kind_evaluation;
		snprintf(l->year, sizeof l->year, "%d", years[i]);
		l->summary = b.oom ? NULL : sbuf_take(&b);
		sbuf_free(&b);
		if (!l->summary)
			return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		v->n++;
	}
	return st;
}

static lz_status load_vetting(session *s, int64_t id, vetting_sheet *v, lz_err *err)
{
	record *r = NULL;
	lz_status st = record_get(s, &kind_vetting, id, &r, err);
	if (st)
		return st;
	const char *p = record_get_named(r, "person");
	v->id = id;
	v->person = p ? strtoll(p, NULL, 10) : 0;
	copy(v->proposed_post, sizeof v->proposed_post, record_get_named(r, "proposed_post"));
	copy(v->started_on, sizeof v->started_on, record_get_named(r, "started_on"));
	copy(v->conclusion, sizeof v->conclusion, record_get_named(r, "conclusion"));
	copy(v->concluded_on, sizeof v->concluded_on, record_get_named(r, "concluded_on"));
	record_free(r);
	sqlite3_stmt *q;
	if ((st = db_prepare(&s->db,
			     "SELECT p.name, p.code, u.name, p.post FROM person p LEFT JOIN unit u ON u.id = p.unit WHERE p.id = ?",
			     &q, err)))
		return st;
	sqlite3_bind_int64(q, 1, v->person);
	if (sqlite3_step(q) == SQLITE_ROW) {
		rule_col(q, 0, v->person_name, sizeof v->person_name);
		rule_col(q, 1, v->person_code, sizeof v->person_code);
		rule_col(q, 2, v->unit_name, sizeof v->unit_name);
		rule_col(q, 3, v->post, sizeof v->post);
	}
	sqlite3_finalize(q);
	return LZ_OK;
}

lz_status vetting_gather(session *s, int64_t id, vetting_sheet *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	lz_status st = load_vetting(s, id, out, err);
	for (int i = 0; !st && kind_all[i]; i++) {
		const kind *k = kind_all[i];
		if (k->owner == KO_ADMIN)
			continue;
		/* One evaluator's rating says little; the year's sums say what matters. */
		if (k == &kind_evaluation) {
			st = gather_evaluations(s, out, err);
			continue;
		}
		for (int j = 0; j < k->nfields && !st; j++) {
			const kind_field *f = &k->fields[j];
			if (f->type == KF_REF && !(f->flags & KF_DERIVED) && f->ref && strcmp(f->ref, "person") == 0)
				st = gather_field(s, out, k, f, err);
		}
	}
	if (st)
		vetting_free(out);
	return st;
}

lz_status vetting_export(const vetting_sheet *v, const char *path, lz_err *err)
{
	static const ledger_col cols[] = {
		{ "类别", LEDGER_TEXT }, { "关联方式", LEDGER_TEXT }, { "编号", LEDGER_INT },
		{ "年度", LEDGER_TEXT }, { "情况", LEDGER_TEXT }, { "需关注", LEDGER_BOOL },
	};
	ledger_format fmt;
	ledger_book *b = NULL;
	lz_status st = ledger_format_from_path(path, &fmt, err);
	if (st || (st = ledger_open(&b, path, fmt, ENC_UTF8, 0, err)))
		return st;
	char sheet[256], title[512], id[24], year[8];
	snprintf(sheet, sizeof sheet, "拟提拔考察-%s", v->person_name);
	snprintf(title, sizeof title, "拟提拔考察: %s 拟任%s", v->person_name, v->proposed_post);
	if ((st = ledger_sheet(b, sheet, title, cols, 6, err))) {
		ledger_abort(b);
		return st;
	}
	char *self = NULL;
	if (asprintf(&self, "拟提拔干部: %s(%s%s%s %s); 拟任职务: %s; 考察日期: %s; 考察结论: %s; 结论日期: %s", v->person_name,
		     v->person_code, *v->person_code ? ", " : "", v->unit_name, v->post, v->proposed_post, v->started_on,
		     *v->conclusion ? v->conclusion : "未作结论", *v->concluded_on ? v->concluded_on : "—") < 0)
		self = NULL;
	snprintf(id, sizeof id, "%lld", (long long)v->id);
	snprintf(year, sizeof year, "%.4s", v->started_on);
	const char *first[] = { kind_vetting.zh, "本次考察", id, year, self ? self : "", "0" };
	st = ledger_row(b, first, err);
	free(self);
	for (int i = 0; i < v->n && !st; i++) {
		const vetting_line *l = &v->lines[i];
		snprintf(id, sizeof id, "%lld", (long long)l->id);
		const char *cells[] = { l->k->zh, l->f ? l->f->zh : "评议汇总", l->id ? id : NULL, l->year, l->summary,
					l->flagged ? "1" : "0" };
		st = ledger_row(b, cells, err);
	}
	if (!st && v->hidden) {
		char note[256];
		snprintf(note, sizeof note, "另有%d条记录不在本账号的单位范围内, 未列出", v->hidden);
		const char *cells[] = { "说明", NULL, NULL, NULL, note, "0" };
		st = ledger_row(b, cells, err);
	}
	if (st) {
		ledger_abort(b);
		return st;
	}
	return ledger_close(b, err);
}

void vetting_free(vetting_sheet *v)
{
	if (!v)
		return;
	for (int i = 0; i < v->n; i++)
		free(v->lines[i].summary);
	free(v->lines);
	v->lines = NULL;
	v->n = 0;
}
