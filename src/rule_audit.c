/* rule_audit.c — audit_serious: each serious audit finding opens exactly one
 * accountability item for the person audited, or, when the finding names
 * nobody, for the unit's principal-responsibility holder. The item's reason
 * names both responsibilities the plan holds them to: the economic one
 * (经济责任) and the 党风廉政建设 one.
 *
 * The item follows its finding while it is pending: another
 * person, date or text rewrites it, and so does a new principal holder or a
 * renamed person. Who is held is the rule's call (to hold someone else, fix
 * the finding or the unit's holder); the measure is staff's, and the rule
 * never touches it. A finding no longer serious, or deleted,
 * withdraws it (触发已撤销, why appended to the reason, as the register has no
 * decision column); serious again brings it back. Once staff have handled it
 * (已处理) it is theirs. Nothing is written when nothing changed, so the rule
 * is idempotent.
 *
 * The texts it stores are ledger data in Chinese whatever the locale, and it
 * acts for the district whoever's save set it off (as the other rules do). */
#include "rule_audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"
#include "rule_util.h"

#define RULE_NAME "audit_serious"
#define PENDING "待处理"
#define WITHDRAWN "触发已撤销"

/* The finding's values the item is made from. */
typedef struct finding {
	bool exists, serious;
	char type[64], date[11], unit[24], unit_name[256], person[24], person_name[128];
	char holder[24], holder_name[128];
	char *text;
} finding;

static lz_status load_finding(session *s, int64_t id, finding *f, lz_err *err)
{
	memset(f, 0, sizeof *f);
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT f.audit_type, f.audited_on, f.unit, u.name, f.person, p.name, u.principal_holder, h.name,"
				  " f.finding, f.serious FROM audit_finding f JOIN unit u ON u.id = f.unit"
				  " LEFT JOIN person p ON p.id = f.person LEFT JOIN person h ON h.id = u.principal_holder"
				  " WHERE f.id = ?", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		f->exists = true;
		rule_col(q, 0, f->type, sizeof f->type);
		rule_col(q, 1, f->date, sizeof f->date);
		rule_col(q, 2, f->unit, sizeof f->unit);
		rule_col(q, 3, f->unit_name, sizeof f->unit_name);
		rule_col(q, 4, f->person, sizeof f->person);
		rule_col(q, 5, f->person_name, sizeof f->person_name);
		rule_col(q, 6, f->holder, sizeof f->holder);
		rule_col(q, 7, f->holder_name, sizeof f->holder_name);
		const char *t = (const char *)sqlite3_column_text(q, 8);
		f->text = strdup(t ? t : "");
		f->serious = sqlite3_column_int(q, 9) != 0;
		if (!f->text)
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	} else if (rc != SQLITE_DONE) {
		st = db_error(&s->db, rc, _("reading audit findings"), err);
	}
	sqlite3_finalize(q);
	return st;
}

/* Who is held to account, in which role, and why (Chinese, as kept). */
static void target(const finding *f, const char **person, const char **role, char *reason, size_t n)
{
	int len = snprintf(reason, n, "%s(%s)发现严重问题: %s。", f->type, f->date, f->text);
	size_t at = len < 0 ? 0 : (size_t)len < n ? (size_t)len : n - 1;
	if (*f->person) {
		*person = f->person;
		*role = "被审计人";
		snprintf(reason + at, n - at, "追究被审计人%s的经济责任和党风廉政建设责任。", f->person_name);
	} else if (*f->holder) {
		*person = f->holder;
		*role = "主体责任人";
		snprintf(reason + at, n - at, "审计发现未载明被审计人, 追究%s主体责任人%s的经济责任和党风廉政建设责任。",
			 f->unit_name, f->holder_name);
	} else {
		*person = NULL;
		*role = "主体责任人";
		snprintf(reason + at, n - at,
			 "审计发现未载明被审计人, %s未登记主体责任人: 须确定责任人, 追究其经济责任和党风廉政建设责任。",
			 f->unit_name);
	}
}

/* The item this rule made for finding id (the first, should there be more), or 0. */
static lz_status item_of(session *s, int64_t id, int64_t *item, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT min(id) FROM accountability WHERE rule = '" RULE_NAME "'"
				  " AND source_kind = 'audit_finding' AND source_id = ?", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	*item = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	return LZ_OK;
}

/* Brings the item of finding id in line with the finding. */
static lz_status sync_finding(session *s, int64_t id, int *written, lz_err *err)
{
	finding f;
	int64_t item = 0;
	record *r = NULL;
	char *before = NULL;
	lz_status st = load_finding(s, id, &f, err);
	if (!st)
		st = item_of(s, id, &item, err);
	if (st || (!item && !(f.exists && f.serious)))
		goto out;
	if (item) {
		if ((st = record_get(s, &kind_accountability, item, &r, err)))
			goto out;
		const char *state = record_get_named(r, "state");
		if (state && strcmp(state, PENDING) != 0 && strcmp(state, WITHDRAWN) != 0)
			goto out; /* handled: staff have the last word */
		if (!(f.exists && f.serious) && state && strcmp(state, WITHDRAWN) == 0)
			goto out; /* already withdrawn */
		before = record_json(r);
	} else if (!(r = record_new(&kind_accountability))) {
		st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		goto out;
	}
	char reason[2048], src[24];
	if (f.exists && f.serious) {
		const char *person, *role;
		char year[5];
		target(&f, &person, &role, reason, sizeof reason);
		snprintf(src, sizeof src, "%lld", (long long)id);
		snprintf(year, sizeof year, "%.4s", f.date);
		record_set_named(r, "rule", RULE_NAME);
		record_set_named(r, "source_kind", "audit_finding");
		record_set_named(r, "source_id", src);
		record_set_named(r, "year", year);
		record_set_named(r, "unit", f.unit);
		record_set_named(r, "person", person);
		record_set_named(r, "role", role);
		record_set_named(r, "state", PENDING);
		record_set_named(r, "reason", reason);
	} else {
		const char *old = record_get_named(r, "reason");
		snprintf(reason, sizeof reason, "%s 触发已撤销(%s): %s", old ? old : "", s->today,
			 f.exists ? "该审计发现已不再标为严重违纪违法" : "该审计发现记录已删除");
		record_set_named(r, "state", WITHDRAWN);
		record_set_named(r, "reason", reason);
	}
	st = rule_save_changed(s, r, before, written, err);
out:
	free(before);
	free(f.text);
	record_free(r);
	return st;
}

/* Syncs the findings sql names, with the district's reach: the item of a
 * finding belongs to the finding's unit, whoever saved what set it off. Its
 * rows still go through the record layer (validation, audit under the
 * account's name). */
static lz_status sync_all(session *s, const char *sql, int64_t arg, int *written, lz_err *err)
{
	int64_t *ids;
	int n;
	lz_status st = rule_ids(s, sql, arg, &ids, &n, err);
	rule_reach reach;
	rule_reach_district(s, &reach);
	for (int i = 0; i < n && !st; i++)
		st = sync_finding(s, ids[i], written, err);
	rule_reach_restore(s, &reach);
	free(ids);
	return st;
}

/* A saved finding; for a saved person, the findings whose items name them
 * (the reason carries the name); for a saved unit, its findings that name
 * nobody (a new principal holder takes over their items). */
static lz_status audit_on_save(session *s, const kind *k, int64_t id, int *written, lz_err *err)
{
	if (k == &kind_audit_finding)
		return sync_all(s, "SELECT ?1", id, written, err);
	if (strcmp(k->name, "person") == 0)
		return sync_all(s,
				"SELECT f.id FROM audit_finding f JOIN unit u ON u.id = f.unit WHERE f.serious = 1"
				" AND (f.person = ?1 OR (f.person IS NULL AND u.principal_holder = ?1)) ORDER BY 1",
				id, written, err);
	return sync_all(s,
			"SELECT id FROM audit_finding WHERE unit = ?1 AND serious = 1 AND person IS NULL"
			" UNION SELECT source_id FROM accountability WHERE rule = '" RULE_NAME "'"
			" AND source_kind = 'audit_finding' AND unit = ?1 AND state = '" PENDING "' ORDER BY 1",
			id, written, err);
}

/* Every serious finding and every finding with a pending item. */
static lz_status audit_on_date(session *s, int *written, lz_err *err)
{
	return sync_all(s,
			"SELECT id FROM audit_finding WHERE serious = 1 UNION SELECT source_id FROM accountability"
			" WHERE rule = '" RULE_NAME "' AND source_kind = 'audit_finding' AND state = '" PENDING "' ORDER BY 1",
			0, written, err);
}

static const char *const audit_kinds[] = { "audit_finding", "unit", "person", NULL };

const struct rule rule_audit_serious = {
	.name = RULE_NAME,
	.kinds = audit_kinds,
	.settings = NULL,
	.on_save = audit_on_save,
	.on_date = audit_on_date,
};
