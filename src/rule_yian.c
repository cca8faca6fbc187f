/* rule_yian.c — yian_sancha (一案三查): one case, three lines of inquiry. The
 * person investigated is the case itself; a serious case opens the other two,
 * accountability items for the unit's principal holder (主体责任人) and
 * supervisory holder (监督责任人).
 *
 * The items follow their case while pending (or withdrawn): another unit,
 * another holder recorded, another date rewrites them; a case no longer
 * serious, or deleted, withdraws them (触发已撤销, why appended to the reason,
 * as the register has no decision column); serious again brings them back.
 * Once staff have handled one (已处理) it is theirs. Nothing is written when
 * nothing changed, so the rule is idempotent: a case marked twice opens
 * nothing new and leaves no audit row.
 *
 * The texts it stores are ledger data in Chinese whatever the locale, and it
 * acts for the district whoever's save set it off (as the other rules do). */
#include "rule_yian.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"
#include "rule_util.h"

#define RULE_NAME "yian_sancha"
#define PENDING "待处理"
#define WITHDRAWN "触发已撤销"

/* The two holders, in the order the items are made. */
static const struct {
	const char *role, *column, *duty;
} holders[2] = {
	{ "主体责任人", "principal_holder", "主体责任" },
	{ "监督责任人", "supervisor_holder", "监督责任" },
};

/* The case's values the items are made from. */
typedef struct case_facts {
	bool exists, serious;
	char label[96], category[64], subject[128], year[5], unit[24], unit_name[256];
	char holder[2][24], holder_name[2][128];
} case_facts;

static lz_status load_case(session *s, int64_t id, case_facts *c, lz_err *err)
{
	memset(c, 0, sizeof *c);
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT c.serious, coalesce(c.case_no, '#' || c.id), c.category, p.name,"
				  " substr(coalesce(c.filed_on, c.clue_on, ?2), 1, 4), c.unit, u.name,"
				  " u.principal_holder, h1.name, u.supervisor_holder, h2.name"
				  " FROM case_file c JOIN unit u ON u.id = c.unit LEFT JOIN person p ON p.id = c.subject"
				  " LEFT JOIN person h1 ON h1.id = u.principal_holder LEFT JOIN person h2 ON h2.id = u.supervisor_holder"
				  " WHERE c.id = ?1", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, s->today, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		c->exists = true;
		c->serious = sqlite3_column_int(q, 0) != 0;
		rule_col(q, 1, c->label, sizeof c->label);
		rule_col(q, 2, c->category, sizeof c->category);
		rule_col(q, 3, c->subject, sizeof c->subject);
		rule_col(q, 4, c->year, sizeof c->year);
		rule_col(q, 5, c->unit, sizeof c->unit);
		rule_col(q, 6, c->unit_name, sizeof c->unit_name);
		for (int i = 0; i < 2; i++) {
			rule_col(q, 7 + 2 * i, c->holder[i], sizeof c->holder[i]);
			rule_col(q, 8 + 2 * i, c->holder_name[i], sizeof c->holder_name[i]);
		}
	} else if (rc != SQLITE_DONE) {
		st = db_error(&s->db, rc, _("reading cases"), err);
	}
	sqlite3_finalize(q);
	return st;
}

/* Why holder h is held to account (Chinese, as kept). */
static void reason_for(const case_facts *c, int h, char *out, size_t n)
{
	char who[192] = "";
	if (*c->subject)
		snprintf(who, sizeof who, ", 被调查人%s", c->subject);
	int len = snprintf(out, n, "一案三查: 案件%s(%s%s)认定为严重违纪违法, ", c->label, c->category, who);
	size_t at = len < 0 ? 0 : (size_t)len < n ? (size_t)len : n - 1;
	if (*c->holder[h])
		snprintf(out + at, n - at, "追究%s%s%s的%s。", c->unit_name, holders[h].role, c->holder_name[h],
			 holders[h].duty);
	else
		snprintf(out + at, n - at, "%s未登记%s: 须确定责任人, 追究其%s。", c->unit_name, holders[h].role,
			 holders[h].duty);
}

/* The item this rule made for case id and role (the first, should there be more), or 0. */
static lz_status item_of(session *s, int64_t id, const char *role, int64_t *item, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT min(id) FROM accountability WHERE rule = '" RULE_NAME "'"
				  " AND source_kind = 'case' AND source_id = ? AND role = ?", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, role, -1, SQLITE_STATIC);
	*item = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	return LZ_OK;
}

/* Brings the item of holder h of case id in line with the case. */
static lz_status sync_item(session *s, int64_t id, const case_facts *c, int h, int *written, lz_err *err)
{
	bool wanted = c->exists && c->serious;
	int64_t item = 0;
	record *r = NULL;
	char *before = NULL;
	lz_status st = item_of(s, id, holders[h].role, &item, err);
	if (st || (!item && !wanted))
		return st;
	if (item) {
		if ((st = record_get(s, &kind_accountability, item, &r, err)))
			return st;
		const char *state = record_get_named(r, "state");
		if (state && strcmp(state, PENDING) != 0 && strcmp(state, WITHDRAWN) != 0)
			goto out; /* handled: staff have the last word */
		if (!wanted && state && strcmp(state, WITHDRAWN) == 0)
			goto out; /* already withdrawn */
		before = record_json(r);
	} else if (!(r = record_new(&kind_accountability))) {
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	char reason[2048], src[24];
	if (wanted) {
		reason_for(c, h, reason, sizeof reason);
		snprintf(src, sizeof src, "%lld", (long long)id);
		record_set_named(r, "rule", RULE_NAME);
		record_set_named(r, "source_kind", "case");
		record_set_named(r, "source_id", src);
		record_set_named(r, "year", c->year);
		record_set_named(r, "unit", c->unit);
		record_set_named(r, "person", c->holder[h]);
		record_set_named(r, "role", holders[h].role);
		record_set_named(r, "state", PENDING);
		record_set_named(r, "reason", reason);
	} else {
		const char *old = record_get_named(r, "reason");
		snprintf(reason, sizeof reason, "%s 触发已撤销(%s): %s", old ? old : "", s->today,
			 c->exists ? "该案件已不再认定为严重违纪违法" : "该案件记录已删除");
		record_set_named(r, "state", WITHDRAWN);
		record_set_named(r, "reason", reason);
	}
	st = rule_save_changed(s, r, before, written, err);
out:
	free(before);
	record_free(r);
	return st;
}

static lz_status sync_case(session *s, int64_t id, int *written, lz_err *err)
{
	case_facts c;
	lz_status st = load_case(s, id, &c, err);
	for (int h = 0; h < 2 && !st; h++)
		st = sync_item(s, id, &c, h, written, err);
	return st;
}

/* Syncs the cases sql names, with the district's reach: the items of a case
 * belong to the case's unit, whoever saved what set it off (a staff member of
 * a village marking a case there still opens the items at once). Their rows
 * go through the record layer (validation, audit under the account's name). */
static lz_status sync_all(session *s, const char *sql, int64_t arg, int *written, lz_err *err)
{
	int64_t *ids;
	int n;
	lz_status st = rule_ids(s, sql, arg, &ids, &n, err);
	rule_reach reach;
	rule_reach_district(s, &reach);
	for (int i = 0; i < n && !st; i++)
		st = sync_case(s, ids[i], written, err);
	rule_reach_restore(s, &reach);
	free(ids);
	return st;
}

/* A saved (or deleted) case; for a saved unit, its serious cases and those
 * with pending items (a holder recorded or changed, a case moved away). */
static lz_status yian_on_save(session *s, const kind *k, int64_t id, int *written, lz_err *err)
{
	if (k == &kind_case)
		return sync_all(s, "SELECT ?1", id, written, err);
	return sync_all(s,
			"SELECT id FROM case_file WHERE unit = ?1 AND serious = 1"
			" UNION SELECT source_id FROM accountability WHERE rule = '" RULE_NAME "'"
			" AND source_kind = 'case' AND unit = ?1 AND state = '" PENDING "' ORDER BY 1",
			id, written, err);
}

/* Every serious case and every case with a pending item. */
static lz_status yian_on_date(session *s, int *written, lz_err *err)
{
	return sync_all(s,
			"SELECT id FROM case_file WHERE serious = 1 UNION SELECT source_id FROM accountability"
			" WHERE rule = '" RULE_NAME "' AND source_kind = 'case' AND state = '" PENDING "' ORDER BY 1",
			0, written, err);
}

static const char *const yian_kinds[] = { "case", "unit", NULL };

const struct rule rule_yian_sancha = {
	.name = RULE_NAME,
	.kinds = yian_kinds,
	.settings = NULL,
	.on_save = yian_on_save,
	.on_date = yian_on_date,
};
