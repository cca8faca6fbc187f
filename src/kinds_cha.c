/* kinds_cha.c — 查 (tasks 10-15): cases with their stages and dual reports,
 * asset declarations, checks, synchronous meeting records, audit findings. */
#include "kinds_plan.h"

#include <string.h>

#include "case_stage.h"
#include "i18n.h"
#include "record.h"

#define F(name, label, zh, type, flags, width, choices, ref, help) \
	{ name, label, zh, type, flags, width, choices, ref, help, NULL }

/* --- case ------------------------------------------------------------------- */

const char *const case_sources[] = { "信访举报", "巡查", "审计", "同步记录", "上级交办", "其他", NULL };
const char *const case_categories[] = {
	"贪污贿赂", "买官卖官", "徇私枉法", "腐化堕落", "失职渎职", "违反廉洁自律规定", "不落实“两个责任”", "违反作风规定", "其他", NULL
};
const char *const case_stages[] = { "线索受理", "初步核实", "立案审查", "审理", "结案", "了结", NULL };
static const char *const case_closed[] = { "结案", "了结", NULL };

static lz_status case_prepare(session *s, record *r, lz_err *err)
{
	lz_status st = plan_unit_from_person(s, r, "unit", "subject", err);
	return st ? st : case_stage_prepare(s, r, err);
}

/* 双报告: a stage's decision goes both to the same-level Party committee and
 * to the higher commission within dual_report_days of its date. A stage is
 * flagged when today is more than that many days after its date and either
 * report date is missing; dates sit only on stages reached (case_stage.h). */
#define DR_DAYS "coalesce((SELECT CAST(value AS INTEGER) FROM setting WHERE name = 'dual_report_days'), 5)"
#define DR_OPEN(d, p, h) "t." d " IS NOT NULL AND (t." p " IS NULL OR t." h " IS NULL)"
#define DR_DUE(d) "date(t." d ", '+' || " DR_DAYS " || ' days')"
#define DR_PART(label, d, p, h) \
	"CASE WHEN " DR_OPEN(d, p, h) " AND " DR_DUE(d) " < :today THEN " label " || ':' || CASE WHEN t." p \
	" IS NULL AND t." h " IS NULL THEN '党委、上级纪委' WHEN t." p " IS NULL THEN '党委' ELSE '上级纪委' END || ';'" \
	" ELSE '' END"
#define DR_STAGE_DUE(d, p, h) "CASE WHEN " DR_OPEN(d, p, h) " THEN " DR_DUE(d) " ELSE '9999-12-31' END"

static const kind_field case_fields[] = {
	F("case_no", N_("Case number"), "案件编号", KF_TEXT, KF_UNIQUE | KF_SEARCH | KF_LOOKUP, 10, NULL, NULL, NULL),
	F("source", N_("Source of the clue"), "线索来源", KF_ENUM, KF_REQUIRED, 8, case_sources, NULL, NULL),
	F("subject", N_("Person investigated"), "被调查人", KF_REF, 0, 8, NULL, "person", NULL),
	F("unit", N_("Unit"), "所在单位", KF_REF, KF_REQUIRED | KF_AUTO, 14, NULL, "unit", N_("filled in from the person investigated")),
	F("category", N_("Category"), "问题类别", KF_ENUM, KF_REQUIRED, 12, case_categories, NULL, NULL),
	F("summary", N_("Summary"), "主要问题", KF_TEXT, KF_HIDDEN | KF_SEARCH, 24, NULL, NULL, NULL),
	F("serious", N_("Serious"), "严重违纪违法", KF_BOOL, 0, 4, NULL, NULL,
	  N_("a serious case also opens accountability reviews of the unit's two responsibility holders (一案三查)")),
	F("stage", N_("Stage"), "办理阶段", KF_ENUM, KF_REQUIRED | KF_AUTO, 8, case_stages, NULL,
	  N_("线索受理 → 初步核实 → 立案审查 → 审理 → 结案, or 了结 at any stage with a reason; a stage reached gets today's date when its date is empty")),
	F("back_reason", N_("Reason for going back"), "退回理由", KF_TEXT, KF_HIDDEN, 16, NULL, NULL,
	  N_("required, and new each time, when the stage goes back or a closed case is reopened")),
	F("clue_on", N_("Clue received on"), "受理日期", KF_DATE, KF_REQUIRED | KF_AUTO, 10, NULL, NULL, NULL),
	F("clue_party_on", N_("Clue reported to the Party committee"), "受理报同级党委", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("clue_higher_on", N_("Clue reported to the higher commission"), "受理报上级纪委", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("verify_on", N_("Preliminary verification on"), "初核日期", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("verify_party_on", N_("Verification reported to the Party committee"), "初核报同级党委", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("verify_higher_on", N_("Verification reported to the higher commission"), "初核报上级纪委", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("filed_on", N_("Case filed on"), "立案日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("filed_party_on", N_("Filing reported to the Party committee"), "立案报同级党委", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("filed_higher_on", N_("Filing reported to the higher commission"), "立案报上级纪委", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("trial_on", N_("Trial on"), "审理日期", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("trial_party_on", N_("Trial reported to the Party committee"), "审理报同级党委", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("trial_higher_on", N_("Trial reported to the higher commission"), "审理报上级纪委", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("closed_on", N_("Closed on"), "结案日期", KF_DATE, 0, 10, NULL, NULL, N_("the date of 结案, or of 了结")),
	F("closed_party_on", N_("Closure reported to the Party committee"), "结案报同级党委", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("closed_higher_on", N_("Closure reported to the higher commission"), "结案报上级纪委", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("ended_reason", N_("Reason for ending"), "了结理由", KF_TEXT, KF_HIDDEN, 16, NULL, NULL, N_("required for 了结")),
	F("outcome", N_("Outcome"), "处理结果", KF_TEXT, 0, 14, NULL, NULL, N_("the discipline imposed; required to close")),
	F("published_on", N_("Published as a typical case on"), "典型案件曝光日期", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	{ "dual_report", N_("Dual reports overdue"), "双报告逾期", KF_TEXT, KF_DERIVED, 14, NULL, NULL,
	  N_("stages reported late: more than dual_report_days after the stage, the Party committee or the higher commission has not been told"),
	  "nullif(rtrim(" DR_PART("'受理'", "clue_on", "clue_party_on", "clue_higher_on")
	  " || " DR_PART("'初核'", "verify_on", "verify_party_on", "verify_higher_on")
	  " || " DR_PART("'立案'", "filed_on", "filed_party_on", "filed_higher_on")
	  " || " DR_PART("'审理'", "trial_on", "trial_party_on", "trial_higher_on")
	  " || " DR_PART("CASE WHEN t.stage = '了结' THEN '了结' ELSE '结案' END", "closed_on", "closed_party_on", "closed_higher_on")
	  ", ';'), '')" },
	{ "report_due", N_("Reports due by"), "双报告期限", KF_DATE, KF_DERIVED | KF_HIDDEN, 10, NULL, NULL,
	  N_("the earliest date by which a stage's missing report is due"),
	  "nullif(min(" DR_STAGE_DUE("clue_on", "clue_party_on", "clue_higher_on")
	  ", " DR_STAGE_DUE("verify_on", "verify_party_on", "verify_higher_on")
	  ", " DR_STAGE_DUE("filed_on", "filed_party_on", "filed_higher_on")
	  ", " DR_STAGE_DUE("trial_on", "trial_party_on", "trial_higher_on")
	  ", " DR_STAGE_DUE("closed_on", "closed_party_on", "closed_higher_on") "), '9999-12-31')" },
};

static const int case_tasks[] = { 10, 15, 0 };

const kind kind_case = {
	.name = "case", .label = N_("Cases"), .zh = "案件", .table = "case_file",
	.fields = case_fields, .nfields = sizeof case_fields / sizeof case_fields[0],
	.keys = { { "case_no", NULL }, { "subject", "clue_on", NULL } },
	.order = "clue_on", .display = "category", .owner = KO_FIELD, .owner_field = "unit",
	/* Due: the dual reports of open cases. A closed case's late closure
	 * report still shows in dual_report and in the case view. */
	.year_field = "clue_on", .due_field = "report_due", .state_field = "stage", .closed_states = case_closed,
	.tasks = case_tasks, .prepare = case_prepare, .validate = case_stage_validate,
};

/* --- declaration --------------------------------------------------------------- */

static const kind_field declaration_fields[] = {
	F("person", N_("Cadre"), "申报人", KF_REF, KF_REQUIRED, 8, NULL, "person", N_("a newly promoted section-level cadre")),
	F("declared_on", N_("Declared on"), "申报日期", KF_DATE, KF_REQUIRED, 10, NULL, NULL, NULL),
	F("assets", N_("Assets declared"), "家庭财产情况", KF_TEXT, KF_SEARCH, 24, NULL, NULL, NULL),
	F("internal_from", N_("Published in the unit from"), "单位内部公示起", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("internal_to", N_("Published in the unit until"), "单位内部公示止", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("public_from", N_("Public notice from"), "社会公示起", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("public_to", N_("Public notice until"), "社会公示止", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("objections", N_("Objections received"), "收到异议", KF_TEXT, 0, 14, NULL, NULL, NULL),
	F("handling", N_("How they were handled"), "异议处理情况", KF_TEXT, KF_HIDDEN, 16, NULL, NULL, NULL),
};

static const int declaration_tasks[] = { 11, 0 };

const kind kind_declaration = {
	.name = "declaration", .label = N_("Asset declarations"), .zh = "财产申报", .table = "declaration",
	.fields = declaration_fields, .nfields = sizeof declaration_fields / sizeof declaration_fields[0],
	.keys = { { "person", "declared_on", NULL } },
	.order = "declared_on", .display = "declared_on", .owner = KO_PERSON, .owner_field = "person",
	.year_field = "declared_on", .tasks = declaration_tasks,
};

/* --- check (片组巡查, 随机抽查) ------------------------------------------------------- */

const char *const check_types[] = { "片组巡查", "随机抽查", NULL };

static const kind_field check_fields[] = {
	F("check_type", N_("Check type"), "检查方式", KF_ENUM, KF_REQUIRED, 8, check_types, NULL, NULL),
	F("unit", N_("Unit checked"), "被检查单位", KF_REF, KF_REQUIRED, 14, NULL, "unit", NULL),
	F("checked_on", N_("Checked on"), "检查日期", KF_DATE, KF_REQUIRED, 10, NULL, NULL, NULL),
	F("inspectors", N_("Inspectors"), "检查人员", KF_TEXT, KF_SEARCH, 12, NULL, NULL, NULL),
	F("findings", N_("Findings"), "发现问题", KF_TEXT, KF_SEARCH, 24, NULL, NULL, NULL),
	F("notified_on", N_("Result notified on"), "通报日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("points_deducted", N_("Points deducted"), "扣分", KF_INT, 0, 4, NULL, NULL,
	  N_("carried into the unit's responsibility assessment for the year")),
	F("draw", N_("From draw"), "抽签记录", KF_REF, KF_HIDDEN | KF_READONLY, 6, NULL, "draw", NULL),
};

static const int check_tasks[] = { 12, 0 };

/* No points deducted is 0 (the column is NOT NULL, the assessment adds it up). */
static lz_status check_prepare(session *s, record *r, lz_err *err)
{
	(void)s;
	(void)err;
	if (!record_get_named(r, "points_deducted"))
		record_set_named(r, "points_deducted", "0");
	return LZ_OK;
}

const kind kind_check = {
	.name = "check", .label = N_("Supervision checks"), .zh = "监督检查", .table = "inspection",
	.fields = check_fields, .nfields = sizeof check_fields / sizeof check_fields[0],
	.keys = { { "unit", "checked_on", "check_type", NULL } },
	.order = "checked_on", .display = "check_type", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "checked_on", .tasks = check_tasks, .prepare = check_prepare,
};

/* --- meeting record (同步记录) ---------------------------------------------------- */

const char *const meeting_items[] = { "重大事项决策", "重要干部任免", "重要项目安排", "大额资金使用", "考核评比奖惩", NULL };

static const kind_field meeting_fields[] = {
	F("unit", N_("Unit"), "单位", KF_REF, KF_REQUIRED, 14, NULL, "unit", NULL),
	F("met_on", N_("Meeting date"), "会议日期", KF_DATE, KF_REQUIRED, 10, NULL, NULL, NULL),
	F("item_kind", N_("Item"), "议题类别", KF_ENUM, KF_REQUIRED, 12, meeting_items, NULL, NULL),
	F("summary", N_("Summary"), "记录内容", KF_TEXT, KF_REQUIRED | KF_SEARCH, 24, NULL, NULL, NULL),
	F("recorder", N_("Recorder"), "记录人", KF_REF, 0, 8, NULL, "person", NULL),
	F("must_report", N_("Must be reported"), "须报告区纪委", KF_BOOL, 0, 4, NULL, NULL,
	  N_("the item involves a team member's petition, public opinion or a major risk sign")),
	F("reported_on", N_("Reported to the district commission on"), "报告日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	{ "report_state", N_("Report"), "报告情况", KF_TEXT, KF_DERIVED, 6, NULL, NULL, N_("worked out"),
	  "CASE WHEN t.must_report = 0 THEN NULL WHEN t.reported_on IS NOT NULL THEN '已报告' ELSE '未报告' END" },
};

static const int meeting_tasks[] = { 13, 0 };

const kind kind_meeting_record = {
	.name = "meeting_record", .label = N_("Meeting records"), .zh = "同步记录", .table = "meeting_record",
	.fields = meeting_fields, .nfields = sizeof meeting_fields / sizeof meeting_fields[0],
	.keys = { { "unit", "met_on", "item_kind", NULL } },
	.order = "met_on", .display = "item_kind", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "met_on", .tasks = meeting_tasks,
};

/* --- audit finding ----------------------------------------------------------------- */

const char *const audit_types[] = { "经济责任审计", "专项资金审计", "重大投资项目审计", NULL };

static const kind_field audit_fields[] = {
	F("audit_type", N_("Audit type"), "审计类别", KF_ENUM, KF_REQUIRED, 12, audit_types, NULL, NULL),
	F("unit", N_("Unit"), "被审计单位", KF_REF, KF_REQUIRED, 14, NULL, "unit", NULL),
	F("person", N_("Person audited"), "被审计人", KF_REF, 0, 8, NULL, "person", NULL),
	F("audited_on", N_("Audited on"), "审计日期", KF_DATE, KF_REQUIRED, 10, NULL, NULL, NULL),
	F("finding", N_("Finding"), "审计发现", KF_TEXT, KF_REQUIRED | KF_SEARCH, 24, NULL, NULL, NULL),
	F("serious", N_("Serious"), "严重违纪违法", KF_BOOL, 0, 4, NULL, NULL,
	  N_("a serious finding also holds someone to account for the 党风廉政建设 responsibility")),
	F("handling", N_("Handling"), "处理情况", KF_TEXT, KF_HIDDEN, 16, NULL, NULL, NULL),
};

static const int audit_tasks[] = { 14, 0 };

const kind kind_audit_finding = {
	.name = "audit_finding", .label = N_("Audit findings"), .zh = "审计发现", .table = "audit_finding",
	.fields = audit_fields, .nfields = sizeof audit_fields / sizeof audit_fields[0],
	.keys = { { "unit", "audited_on", "finding", NULL } },
	.order = "audited_on", .display = "finding", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "audited_on", .tasks = audit_tasks,
};
