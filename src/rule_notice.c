/* rule_notice.c — overdue 目标任务通知书 propose a 督办书.
 * The proposal's period is the letter's due date, so each overdue notice of a
 * unit gets its own row under the table's UNIQUE(rule, unit, period). The
 * trigger reason is written once, when the proposal is made: rewriting the
 * days overdue every day would make the rule write something on every run.
 * When the trigger goes away the proposal is never deleted: it becomes
 * 触发已撤销 with why in its decision (处理意见) and the day in decided_on.
 *
 * The texts it stores are ledger data, in Chinese whatever the locale of the
 * account that ran it (cron runs in C), as the other rules write theirs.
 * Its writes are the system's, not the account's: whoever's save or run sets
 * it off, the outcome is the same, so it reads and writes proposals with the
 * whole district in view (as the Tiancheng rule does). */
#include "rule_notice.h"
#include "rule_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "due.h"
#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"

#define RULE_NAME "notice_overdue"
#define NOTICE "目标任务通知书"
#define PENDING "待确认"
#define WITHDRAWN "触发已撤销"

/* Runs fn as the rules do: an administrator without a scope, for this call only. */
static lz_status as_rule(session *s, lz_status (*fn)(session *, void *, lz_err *), void *arg, lz_err *err)
{
	rule_reach reach;
	rule_reach_district(s, &reach);
	lz_status st = fn(s, arg, err);
	rule_reach_restore(s, &reach);
	return st;
}

static lz_status save_fn(session *s, void *r, lz_err *err)
{
	return record_save_in(s, r, err);
}

typedef struct get_arg {
	int64_t id;
	record **out;
} get_arg;

static lz_status get_fn(session *s, void *arg, lz_err *err)
{
	get_arg *g = arg;
	return record_get(s, &kind_proposal, g->id, g->out, err);
}

static lz_status save_proposal(session *s, record *p, lz_err *err)
{
	return as_rule(s, save_fn, p, err);
}

static lz_status get_proposal(session *s, int64_t id, record **out, lz_err *err)
{
	get_arg g = { id, out };
	return as_rule(s, get_fn, &g, err);
}

/* The letter's values that matter here; NULL in *out when it no longer exists. */
static lz_status load_letter(session *s, int64_t id, record **out, lz_err *err)
{
	static const char *const cols[] = { "letter_type", "unit", "tasks", "due", "state", "done_on" };
	*out = NULL;
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, "SELECT letter_type, unit, tasks, due, state, done_on FROM letter WHERE id = ?",
				  &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		record *r = record_new(&kind_letter);
		if (!r)
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
		for (int i = 0; r && i < 6; i++)
			record_set_named(r, cols[i], (const char *)sqlite3_column_text(q, i));
		if (r)
			r->id = id;
		*out = r;
	} else if (rc != SQLITE_DONE) {
		st = db_error(&s->db, rc, _("reading letters"), err);
	}
	sqlite3_finalize(q);
	return st;
}

/* Whether letter (may be NULL) is a 通知书 due before today and not done;
 * *days gets the days overdue. */
static bool overdue(session *s, const record *letter, long *days)
{
	*days = 0;
	if (!letter || strcmp(record_get_named(letter, "letter_type"), NOTICE) != 0)
		return false;
	return due_of(letter->k, (const char *const *)letter->v, s->today, 0, days) == DUE_LATE;
}

/* Ids of the pending proposals this rule made from letter id. */
static lz_status pending_of(session *s, int64_t id, int64_t **ids, int *n, lz_err *err)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT id FROM proposal WHERE rule = '" RULE_NAME "' AND source_kind = 'letter'"
				  " AND source_id = ? AND state = '" PENDING "' ORDER BY id", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, id);
	int rc, cap = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
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
		st = db_error(&s->db, rc, _("reading proposals"), err);
	sqlite3_finalize(q);
	return st;
}

/* Why proposal p of letter (NULL: deleted) no longer holds, into why; false
 * while it still does. */
static bool withdrawn_because(session *s, const record *p, const record *letter, char *why, size_t n)
{
	long days;
	const char *type = letter ? record_get_named(letter, "letter_type") : NULL;
	const char *due = letter ? record_get_named(letter, "due") : NULL;
	const char *unit = letter ? record_get_named(letter, "unit") : NULL;
	const char *done = letter ? record_get_named(letter, "done_on") : NULL;
	if (!letter)
		snprintf(why, n, "触发条件已不成立: %s已删除", NOTICE);
	else if (strcmp(type, NOTICE) != 0)
		snprintf(why, n, "触发条件已不成立: 该文书已改为%s", type);
	else if (due_closed(letter->k, (const char *const *)letter->v))
		snprintf(why, n, "触发条件已不成立: %s已于 %s 办结", NOTICE, done ? done : s->today);
	else if (!overdue(s, letter, &days))
		snprintf(why, n, "触发条件已不成立: %s未逾期(办结时限 %s)", NOTICE, due ? due : "未定");
	else if (strcmp(due, record_get_named(p, "period")) != 0)
		snprintf(why, n, "触发条件已不成立: %s办结时限已改为 %s", NOTICE, due);
	else if (strcmp(unit, record_get_named(p, "unit")) != 0)
		snprintf(why, n, "触发条件已不成立: %s已改送其他单位", NOTICE);
	else
		return false;
	return true;
}

static lz_status withdraw_stale(session *s, int64_t id, const record *letter, int *written, lz_err *err)
{
	int64_t *ids;
	int n;
	lz_status st = pending_of(s, id, &ids, &n, err);
	for (int i = 0; !st && i < n; i++) {
		record *p;
		char why[512];
		if ((st = get_proposal(s, ids[i], &p, err)))
			break;
		if (withdrawn_because(s, p, letter, why, sizeof why)) {
			record_set_named(p, "state", WITHDRAWN);
			record_set_named(p, "decision", why);
			record_set_named(p, "decided_on", s->today);
			if ((st = save_proposal(s, p, err)) == LZ_OK)
				(*written)++;
		}
		record_free(p);
	}
	free(ids);
	return st;
}

/* Makes the proposal for an overdue letter, or brings back one that was
 * withdrawn when the letter is overdue again; leaves pending, confirmed and
 * rejected ones as they are. */
static lz_status propose(session *s, const record *letter, long days, int *written, lz_err *err)
{
	char reason[512], src[24];
	const char *tasks = record_get_named(letter, "tasks");
	snprintf(reason, sizeof reason, "%s(任务 %s)逾期 %ld 天未办结(办结时限 %s), 建议发出任务落实督办书", NOTICE,
		 tasks ? tasks : "未列明", days, record_get_named(letter, "due"));
	snprintf(src, sizeof src, "%lld", (long long)letter->id);
	record *p = record_new(&kind_proposal);
	if (!p)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	record_set_named(p, "rule", RULE_NAME);
	record_set_named(p, "unit", record_get_named(letter, "unit"));
	record_set_named(p, "period", record_get_named(letter, "due"));
	int64_t id = 0;
	lz_status st = record_find_by_key(s, p, 0, &id, err);
	if (!st && id) {
		record_free(p);
		p = NULL;
		if ((st = get_proposal(s, id, &p, err)))
			return st;
		if (strcmp(record_get_named(p, "state"), WITHDRAWN) != 0) {
			record_free(p);
			return LZ_OK;
		}
		record_set_named(p, "decision", NULL);
		record_set_named(p, "decided_on", NULL);
	}
	if (!st) {
		record_set_named(p, "reason", reason);
		record_set_named(p, "state", PENDING);
		record_set_named(p, "source_kind", "letter");
		record_set_named(p, "source_id", src);
		if ((st = save_proposal(s, p, err)) == LZ_OK)
			(*written)++;
	}
	record_free(p);
	return st;
}

/* Withdraws first, then proposes, so that a row freed by one letter can be
 * taken up by another in the same pass. */
static lz_status evaluate(session *s, int64_t id, int pass, int *written, lz_err *err)
{
	record *letter;
	long days;
	lz_status st = load_letter(s, id, &letter, err);
	if (st)
		return st;
	if (pass == 0)
		st = withdraw_stale(s, id, letter, written, err);
	else if (overdue(s, letter, &days))
		st = propose(s, letter, days, written, err);
	record_free(letter);
	return st;
}

static lz_status notice_on_save(session *s, const kind *k, int64_t id, int *written, lz_err *err)
{
	if (k != &kind_letter)
		return LZ_OK;
	lz_status st = evaluate(s, id, 0, written, err);
	return st ? st : evaluate(s, id, 1, written, err);
}

/* Every overdue 通知书 and every letter with a pending proposal. */
static lz_status notice_on_date(session *s, int *written, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT id FROM letter WHERE letter_type = '" NOTICE "' AND due < ?1"
				  " AND state <> '已办结'"
				  " UNION SELECT source_id FROM proposal WHERE rule = '" RULE_NAME "'"
				  " AND source_kind = 'letter' AND state = '" PENDING "' ORDER BY 1", &q, err);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, s->today, -1, SQLITE_STATIC);
	int64_t *ids = NULL;
	int n = 0, cap = 0, rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			int64_t *p = realloc(ids, (size_t)cap * sizeof *p);
			if (!p) {
				st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				break;
			}
			ids = p;
		}
		ids[n++] = id;
	}
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading letters"), err);
	sqlite3_finalize(q);
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; !st && i < n; i++)
			st = evaluate(s, ids[i], pass, written, err);
	free(ids);
	return st;
}

static const char *const notice_kinds[] = { "letter", NULL };

const struct rule rule_notice_overdue = {
	.name = RULE_NAME,
	.kinds = notice_kinds,
	.settings = NULL,
	.on_save = notice_on_save,
	.on_date = notice_on_date,
};
