/* kinds_xun.c — 询 (tasks 5-9): inquiries with reply deadlines, interviews,
 * the Tiancheng index counts, rectifications, and the proposals rules make. */
#include "kinds_plan.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "record.h"
#include "settings.h"

#define F(name, label, zh, type, flags, width, choices, ref, help) \
	{ name, label, zh, type, flags, width, choices, ref, help, NULL }

/* --- inquiry ---------------------------------------------------------------- */

static const char *const inquiry_types[] = { "会议询问", "书面询问", "网上询问", NULL };
/* Tasks 5, 6 and 7 are the three ways of asking: one each. */
static const char *const inquiry_meeting[] = { "会议询问", NULL };
static const char *const inquiry_written[] = { "书面询问", NULL };
static const char *const inquiry_online[] = { "网上询问", NULL };
const char *const inquiry_states[] = { "待答复", "已答复", "逾期", NULL };

/* Written and online inquiries are due a set number of days after asking;
 * a meeting inquiry is answered on the spot. */
static lz_status inquiry_prepare(session *s, record *r, lz_err *err)
{
	const char *t = record_get_named(r, "inquiry_type");
	const char *asked = record_get_named(r, "asked_on");
	if (!t || !asked || record_get_named(r, "due") || strcmp(t, "会议询问") == 0)
		return LZ_OK;
	char d[11];
	long days;
	lz_status st = settings_get_int(s, "inquiry_reply_days", &days, err);
	if (st)
		return st;
	if (!date_parse(asked, d))
		return LZ_OK;   /* validation says what is wrong with it */
	date_add(d, days, d);
	record_set_named(r, "due", d);
	return LZ_OK;
}

static const kind_field inquiry_fields[] = {
	F("inquiry_type", N_("Inquiry type"), "询问方式", KF_ENUM, KF_REQUIRED, 8, inquiry_types, NULL, NULL),
	F("asker", N_("Asked by"), "询问人", KF_REF, 0, 8, NULL, "person",
	  N_("the commission member who asks (empty for the public online)")),
	F("asker_public", N_("Asked by (public)"), "网民/群众", KF_TEXT, KF_HIDDEN, 8, NULL, NULL,
	  N_("for online inquiries from the public: the name or handle given")),
	F("respondent", N_("Respondent"), "被询问人", KF_REF, KF_REQUIRED, 8, NULL, "person", NULL),
	F("question", N_("Question"), "询问内容", KF_TEXT, KF_REQUIRED | KF_SEARCH, 24, NULL, NULL, NULL),
	F("asked_on", N_("Asked on"), "询问日期", KF_DATE, KF_REQUIRED, 10, NULL, NULL, NULL),
	F("due", N_("Reply due"), "答复时限", KF_DATE, 0, 10, NULL, NULL,
	  N_("written and online inquiries: the asked date plus the days set in inquiry_reply_days, when left empty")),
	F("reply", N_("Reply"), "答复内容", KF_TEXT, KF_HIDDEN | KF_SEARCH, 24, NULL, NULL, NULL),
	F("replied_on", N_("Replied on"), "答复日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("published_on", N_("Published on"), "网上公开日期", KF_DATE, KF_HIDDEN, 10, NULL, NULL,
	  N_("online inquiries: when the reply was published on the website")),
	{ "state", N_("State"), "状态", KF_ENUM, KF_DERIVED, 6, inquiry_states, NULL, N_("worked out from the dates"),
	  "CASE WHEN t.replied_on IS NOT NULL THEN '已答复' WHEN t.due IS NOT NULL AND t.due < :today THEN '逾期'"
	  " ELSE '待答复' END" },
};

static const int inquiry_tasks[] = { 5, 6, 7, 0 };
static const kind_task_when inquiry_task_when[] = {
	{ 5, "inquiry_type", inquiry_meeting },
	{ 6, "inquiry_type", inquiry_written },
	{ 7, "inquiry_type", inquiry_online },
	{ 0, NULL, NULL }
};

const kind kind_inquiry = {
	.name = "inquiry", .label = N_("Inquiries"), .zh = "询问", .table = "inquiry",
	.fields = inquiry_fields, .nfields = sizeof inquiry_fields / sizeof inquiry_fields[0],
	.keys = { { "inquiry_type", "respondent", "asked_on", NULL } },
	.order = "asked_on", .display = "question", .owner = KO_PERSON, .owner_field = "respondent",
	.year_field = "asked_on", .due_field = "due", .state_field = "state", .closed_field = "replied_on",
	.tasks = inquiry_tasks, .task_when = inquiry_task_when, .prepare = inquiry_prepare,
};

/* --- interview --------------------------------------------------------------- */

const char *const interview_triggers[] = { "考核", "社会评价", "满意度测评", "重大案件", "天成指数", "重信越访", "日常", NULL };

static lz_status interview_prepare(session *s, record *r, lz_err *err)
{
	return plan_unit_from_person(s, r, "unit", "subject", err);
}

static const kind_field interview_fields[] = {
	F("unit", N_("Unit"), "约谈单位", KF_REF, KF_REQUIRED | KF_AUTO, 14, NULL, "unit", N_("filled in from the person interviewed")),
	F("subject", N_("Person interviewed"), "约谈对象", KF_REF, 0, 8, NULL, "person", NULL),
	F("initiator", N_("Interviewer"), "约谈人", KF_REF, 0, 8, NULL, "person", NULL),
	F("trigger", N_("Reason"), "约谈事由", KF_ENUM, KF_REQUIRED, 8, interview_triggers, NULL, NULL),
	F("held_on", N_("Held on"), "约谈日期", KF_DATE, KF_REQUIRED, 10, NULL, NULL, NULL),
	F("periods", N_("Index months"), "对应月份", KF_TEXT, KF_HIDDEN | KF_READONLY, 14, NULL, NULL,
	  N_("the Tiancheng index months that led to the interview")),
	F("content", N_("What was said"), "约谈内容", KF_TEXT, KF_SEARCH, 20, NULL, NULL, NULL),
	F("follow_up", N_("Follow-up"), "督促整改情况", KF_TEXT, KF_HIDDEN, 20, NULL, NULL, NULL),
	F("proposal", N_("From proposal"), "来源建议", KF_REF, KF_HIDDEN | KF_READONLY, 6, NULL, "proposal", NULL),
};

static const int interview_tasks[] = { 8, 9, 0 };

const kind kind_interview = {
	.name = "interview", .label = N_("Interviews"), .zh = "约谈", .table = "interview",
	.fields = interview_fields, .nfields = sizeof interview_fields / sizeof interview_fields[0],
	.keys = { { "unit", "subject", "held_on", NULL }, { "unit", "held_on", "trigger", NULL } },
	.order = "held_on", .display = "trigger", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "held_on", .tasks = interview_tasks, .prepare = interview_prepare,
};

/* --- index entry (天成指数) ------------------------------------------------------ */

/* The index in hundredths, from the weights in force (settings, default 1). */
#define WEIGHT(name) "coalesce((SELECT CAST(value AS REAL) FROM setting WHERE name = '" name "'), 1)"

static const kind_field index_entry_fields[] = {
	F("unit", N_("Unit"), "单位", KF_REF, KF_REQUIRED, 16, NULL, "unit", NULL),
	F("period", N_("Month"), "期间", KF_PERIOD, KF_REQUIRED, 7, NULL, NULL, NULL),
	F("petitions", N_("Petitions and reports"), "信访举报", KF_INT, 0, 6, NULL, NULL, NULL),
	F("complaints", N_("Efficiency complaints"), "效能投诉", KF_INT, 0, 6, NULL, NULL, NULL),
	F("opinions", N_("Corruption-related online opinion"), "涉腐舆情", KF_INT, 0, 6, NULL, NULL, NULL),
	F("repeat_petitions", N_("Repeat petitions"), "重信重访", KF_INT, 0, 6, NULL, NULL, NULL),
	F("leapfrog_petitions", N_("Leapfrog petitions"), "越级上访", KF_INT, 0, 6, NULL, NULL, NULL),
	{ "tiancheng_index", N_("Tiancheng index"), "天成指数", KF_DEC, KF_DERIVED, 7, NULL, NULL,
	  N_("weighted sum of petitions, complaints and online opinion (weights in the settings)"),
	  "CAST(round((t.petitions * " WEIGHT("tiancheng_weight_petitions") " + t.complaints * "
	  WEIGHT("tiancheng_weight_complaints") " + t.opinions * " WEIGHT("tiancheng_weight_opinions") ") * 100) AS INTEGER)" },
};

static const int index_tasks[] = { 9, 0 };

const kind kind_index_entry = {
	.name = "index_entry", .label = N_("Tiancheng index counts"), .zh = "天成指数", .table = "index_entry",
	.fields = index_entry_fields, .nfields = sizeof index_entry_fields / sizeof index_entry_fields[0],
	.keys = { { "unit", "period", NULL } },
	.order = "period", .display = "period", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "period", .tasks = index_tasks,
};

/* --- rectification ------------------------------------------------------------- */

const char *const rectification_states[] = { "整改中", "已完成", "逾期", NULL };

static const kind_field rectification_fields[] = {
	F("unit", N_("Unit"), "整改单位", KF_REF, KF_REQUIRED, 14, NULL, "unit", NULL),
	F("item", N_("What must be put right"), "整改事项", KF_TEXT, KF_REQUIRED | KF_SEARCH, 24, NULL, NULL, NULL),
	F("source", N_("Source"), "问题来源", KF_TEXT, KF_SEARCH, 14, NULL, NULL,
	  N_("what found it: a Tiancheng index month, a survey, a check …")),
	F("deadline", N_("Deadline"), "整改时限", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("result", N_("Result"), "整改结果", KF_TEXT, KF_HIDDEN, 20, NULL, NULL, NULL),
	F("closed_on", N_("Closed on"), "完成日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("interview", N_("From interview"), "来源约谈", KF_REF, KF_HIDDEN | KF_READONLY, 6, NULL, "interview", NULL),
	{ "state", N_("State"), "状态", KF_ENUM, KF_DERIVED, 6, rectification_states, NULL, N_("worked out from the dates"),
	  "CASE WHEN t.closed_on IS NOT NULL THEN '已完成' WHEN t.deadline IS NOT NULL AND t.deadline < :today THEN '逾期'"
	  " ELSE '整改中' END" },
};

static const int rect_tasks[] = { 9, 22, 0 };

const kind kind_rectification = {
	.name = "rectification", .label = N_("Rectifications"), .zh = "整改", .table = "rectification",
	.fields = rectification_fields, .nfields = sizeof rectification_fields / sizeof rectification_fields[0],
	.keys = { { "unit", "item", NULL } },
	.order = "deadline", .display = "item", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "deadline", .due_field = "deadline", .state_field = "state", .closed_field = "closed_on",
	.tasks = rect_tasks,
};

/* --- proposal ------------------------------------------------------------------- */

const char *const proposal_rules[] = { "tiancheng", "notice_overdue", NULL };
const char *const proposal_states[] = { "待确认", "已确认", "已驳回", "触发已撤销", NULL };
static const char *const proposal_closed[] = { "已确认", "已驳回", "触发已撤销", NULL };

static const kind_field proposal_fields[] = {
	F("rule", N_("Rule"), "规则", KF_ENUM, KF_REQUIRED | KF_READONLY, 10, proposal_rules, NULL,
	  N_("tiancheng: index persistently high or serious repeat petitions; notice_overdue: a 通知书 past its due date")),
	F("unit", N_("Unit"), "单位", KF_REF, KF_REQUIRED | KF_READONLY, 14, NULL, "unit", NULL),
	F("period", N_("Period"), "期间", KF_TEXT, KF_REQUIRED | KF_READONLY, 7, NULL, NULL, NULL),
	F("reason", N_("Reason"), "触发原因", KF_TEXT, KF_REQUIRED | KF_READONLY | KF_SEARCH, 30, NULL, NULL, NULL),
	F("state", N_("State"), "状态", KF_ENUM, KF_REQUIRED | KF_READONLY, 8, proposal_states, NULL, NULL),
	F("decision", N_("Decision"), "处理意见", KF_TEXT, KF_READONLY, 16, NULL, NULL, NULL),
	F("decided_on", N_("Decided on"), "处理日期", KF_DATE, KF_READONLY, 10, NULL, NULL, NULL),
	F("source_kind", N_("Source kind"), "来源类别", KF_TEXT, KF_HIDDEN | KF_READONLY, 8, NULL, NULL, NULL),
	F("source_id", N_("Source id"), "来源编号", KF_INT, KF_HIDDEN | KF_READONLY, 6, NULL, NULL, NULL),
};

static const int proposal_tasks[] = { 1, 8, 9, 0 };

const kind kind_proposal = {
	.name = "proposal", .label = N_("Proposals to confirm"), .zh = "待确认建议", .table = "proposal",
	.fields = proposal_fields, .nfields = sizeof proposal_fields / sizeof proposal_fields[0],
	.keys = { { "rule", "unit", "period", NULL } },
	.order = "period", .display = "reason", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "period", .state_field = "state", .closed_states = proposal_closed,
	.tasks = proposal_tasks, .system = true,
};
