/* proposal.c — confirming and dismissing what the rules propose. The records
 * a confirmation makes carry Chinese text as data, like the kinds' values:
 * the same words for everyone who reads the database. */
#include "proposal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"
#include "settings.h"
#include "tiancheng.h"

#define ST_PENDING "待确认"

/* Saves a new record of k from name/value pairs (NULL-terminated; a NULL
 * value leaves the field empty) inside the caller's transaction. */
static lz_status save_new(session *s, const kind *k, const char *const *kv, int64_t *id, lz_err *err)
{
	record *r = record_new(k);
	if (!r)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	for (int i = 0; kv[i]; i += 2)
		record_set_named(r, kv[i], kv[i + 1]);
	lz_status st = record_save_in(s, r, err);
	*id = r->id;
	record_free(r);
	return st;
}

static void id_text(int64_t id, char out[24])
{
	snprintf(out, 24, "%lld", (long long)id);
}

/* today + the days in setting name. */
static lz_status due_after(session *s, const char *setting, char out[11], lz_err *err)
{
	long days;
	lz_status st = settings_get_int(s, setting, &days, err);
	if (!st)
		date_add(s->today, days, out);
	return st;
}

/* The unit's principal and supervisory holders (0 when not recorded). */
static lz_status holders(session *s, int64_t unit, int64_t h[2], lz_err *err)
{
	sqlite3_stmt *q;
	h[0] = h[1] = 0;
	lz_status st = db_prepare(&s->db, "SELECT principal_holder, supervisor_holder FROM unit WHERE id = ?", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, unit);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		h[0] = sqlite3_column_int64(q, 0);
		h[1] = sqlite3_column_int64(q, 1);
	} else if (rc != SQLITE_DONE) {
		st = db_error(&s->db, rc, _("reading a unit"), err);
	}
	sqlite3_finalize(q);
	return st;
}

/* Interviews of the unit's two holders and one rectification (task 9:
 * 约谈询问, 督促开展专项整治). */
static lz_status confirm_tiancheng(session *s, const record *p, char *decision, size_t dsz, lz_err *err)
{
	const char *unit = record_get_named(p, "unit"), *period = record_get_named(p, "period");
	const char *reason = record_get_named(p, "reason");
	int64_t uid = unit ? strtoll(unit, NULL, 10) : 0;
	char pid[24], periods[256], trigger[32] = "天成指数";
	id_text(p->id, pid);
	snprintf(periods, sizeof periods, "%s", period ? period : "");
	/* The conditions as they stand: which of them made the proposal decides
	 * the interview's reason and the months it answers for. */
	tiancheng_ranking rk;
	lz_status st = tiancheng_rank(s, period ? period : "", &rk, err);
	if (st)
		return st;
	const tiancheng_row *row = tiancheng_find(&rk, uid);
	if (row && (row->persistent || row->serious))
		tiancheng_trigger_periods(&rk, row, periods, sizeof periods);
	if (row && row->serious && !row->persistent)
		snprintf(trigger, sizeof trigger, "重信越访");
	tiancheng_free(&rk);

	int64_t h[2], first = 0, ids[2] = { 0, 0 };
	if ((st = holders(s, uid, h, err)))
		return st;
	static const char *const role[2] = { "主体责任人", "监督责任人" };
	int n = h[0] && h[0] == h[1] ? 1 : 2; /* one person holding both is interviewed once */
	for (int i = 0; i < n && !st; i++) {
		char subject[24], content[2048];
		id_text(h[i], subject);
		if (h[i])
			snprintf(content, sizeof content, "约谈%s(待确认建议 #%s): %s", role[i], pid, reason ? reason : "");
		else
			snprintf(content, sizeof content, "本单位未登记%s, 约谈对象待补充(待确认建议 #%s): %s", role[i], pid,
				 reason ? reason : "");
		const char *kv[] = { "unit", unit, "subject", h[i] ? subject : NULL, "trigger", trigger,
				     "held_on", s->today, "periods", periods, "content", content,
				     "proposal", pid, NULL };
		st = save_new(s, &kind_interview, kv, &ids[i], err);
		if (!first)
			first = ids[i];
	}
	if (st)
		return st;
	char item[2048], source[32], deadline[11], iv[24];
	snprintf(item, sizeof item, "专项整治: %s", reason ? reason : "");
	snprintf(source, sizeof source, "天成指数 %s", period ? period : "");
	id_text(first, iv);
	if ((st = due_after(s, "rectification_days", deadline, err)))
		return st;
	const char *kv[] = { "unit", unit, "item", item, "source", source, "deadline", deadline, "interview", iv, NULL };
	int64_t rect = 0;
	if ((st = save_new(s, &kind_rectification, kv, &rect, err)))
		return st;
	if (n == 2)
		snprintf(decision, dsz, "已确认: 约谈记录 #%lld、#%lld, 整改 #%lld", (long long)ids[0], (long long)ids[1],
			 (long long)rect);
	else
		snprintf(decision, dsz, "已确认: 约谈记录 #%lld, 整改 #%lld", (long long)ids[0], (long long)rect);
	return LZ_OK;
}

/* A 任务落实督办书 following the overdue 目标任务通知书 the proposal names. */
static lz_status confirm_notice(session *s, const record *p, char *decision, size_t dsz, lz_err *err)
{
	const char *sk = record_get_named(p, "source_kind"), *sid = record_get_named(p, "source_id");
	if (!sk || strcmp(sk, "letter") != 0 || !sid)
		return lz_fail(err, LZ_BAD, _("proposal %lld does not name the letter it follows"), (long long)p->id);
	record *notice = NULL;
	lz_status st = record_get(s, &kind_letter, strtoll(sid, NULL, 10), &notice, err);
	if (st)
		return st;
	char due[11], content[256];
	snprintf(content, sizeof content, "督办: 目标任务通知书 #%s 逾期未办结", sid);
	if (!(st = due_after(s, "supervise_days", due, err))) {
		const char *kv[] = { "letter_type", "任务落实督办书", "year", record_get_named(notice, "year"),
				     "unit", record_get_named(notice, "unit"), "tasks", record_get_named(notice, "tasks"),
				     "content", content, "state", "已发出", "due", due, "source_letter", sid, NULL };
		int64_t id = 0;
		if (!(st = save_new(s, &kind_letter, kv, &id, err)))
			snprintf(decision, dsz, "已确认: 任务落实督办书 #%lld", (long long)id);
	}
	record_free(notice);
	return st;
}

/* Loads pending proposal id for a decision by this account. */
static lz_status load_pending(session *s, int64_t id, record **out, lz_err *err)
{
	*out = NULL;
	if (s->role != ROLE_STAFF && s->role != ROLE_ADMIN)
		return lz_fail(err, LZ_DENIED, _("account %s is a viewer and may not decide proposals"), s->login);
	lz_status st = record_get(s, &kind_proposal, id, out, err);
	if (st)
		return st;
	const char *state = record_get_named(*out, "state");
	if (!state || strcmp(state, ST_PENDING) != 0) {
		st = lz_fail(err, LZ_BAD, _("proposal %lld is %s: only proposals waiting for a decision (待确认) can be decided"),
			     (long long)id, state ? state : "-");
		record_free(*out);
		*out = NULL;
	}
	return st;
}

static lz_status decide(session *s, record *p, const char *state, const char *decision, lz_err *err)
{
	record_set_named(p, "state", state);
	record_set_named(p, "decision", decision);
	record_set_named(p, "decided_on", s->today);
	return record_save_in(s, p, err);
}

lz_status proposal_confirm(session *s, int64_t id, lz_err *err)
{
	lz_status st = db_begin_write(&s->db, err);
	if (st)
		return st;
	record *p = NULL;
	char decision[256] = "";
	if (!(st = load_pending(s, id, &p, err))) {
		const char *rule = record_get_named(p, "rule");
		if (rule && strcmp(rule, "tiancheng") == 0)
			st = confirm_tiancheng(s, p, decision, sizeof decision, err);
		else if (rule && strcmp(rule, "notice_overdue") == 0)
			st = confirm_notice(s, p, decision, sizeof decision, err);
		else
			st = lz_fail(err, LZ_BAD, _("proposal %lld: no way to carry out rule '%s'"), (long long)id,
				     rule ? rule : "-");
		if (!st)
			st = decide(s, p, "已确认", decision, err);
	}
	record_free(p);
	if (!st)
		return db_commit(&s->db, err);
	db_rollback(&s->db);
	return st;
}

lz_status proposal_dismiss(session *s, int64_t id, const char *reason, lz_err *err)
{
	char *why = strdup(reason ? reason : "");
	if (!why)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	if (!*kind_trim(why)) {
		free(why);
		return lz_fail(err, LZ_BAD, "%s", _("a dismissal needs a reason"));
	}
	record *p = NULL;
	lz_status st = db_begin_write(&s->db, err);
	if (!st && !(st = load_pending(s, id, &p, err)))
		st = decide(s, p, "已驳回", why, err);
	record_free(p);
	free(why);
	if (st) {
		db_rollback(&s->db);
		return st;
	}
	return db_commit(&s->db, err);
}
