/* kinds_shuping.c — 述 and 评 (tasks 17, 19-23): the three reports (三述),
 * duty-report meetings of discipline secretaries and the reports drawn at
 * them, evaluations of 三述 cadres, satisfaction surveys, and vetting. */
#include "kinds_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "record.h"

#define F(name, label, zh, type, flags, width, choices, ref, help) \
	{ name, label, zh, type, flags, width, choices, ref, help, NULL }

/* --- report (三述) ------------------------------------------------------------- */

const char *const report_modes[] = { "向区纪委全委会口头", "书面向同级纪委", NULL };

/* Principals of towns, streets and district departments report orally to the
 * commission's plenary; everyone else in writing to their own commission. */
static lz_status report_prepare(session *s, record *r, lz_err *err)
{
	(void)err;
	/* A report counts as truthful until found otherwise. */
	if (!record_get_named(r, "truthful"))
		record_set_named(r, "truthful", "1");
	const char *p = record_get_named(r, "person");
	if (record_get_named(r, "mode") || !p)
		return LZ_OK;
	sqlite3_stmt *q;
	lz_err e;
	if (db_prepare(&s->db, "SELECT p.principal, u.category FROM person p JOIN unit u ON u.id = p.unit WHERE p.id = ?", &q, &e))
		return LZ_OK;
	sqlite3_bind_text(q, 1, p, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		const char *cat = (const char *)sqlite3_column_text(q, 1);
		int oral = sqlite3_column_int(q, 0) && cat &&
			   (!strcmp(cat, "乡镇") || !strcmp(cat, "街道") || !strcmp(cat, "区级部门"));
		record_set_named(r, "mode", report_modes[oral ? 0 : 1]);
	}
	sqlite3_finalize(q);
	return LZ_OK;
}

static const kind_field report_fields[] = {
	F("person", N_("Cadre reporting"), "述职人", KF_REF, KF_REQUIRED, 8, NULL, "person", NULL),
	F("year", N_("Year"), "年度", KF_YEAR, KF_REQUIRED, 6, NULL, NULL, NULL),
	F("mode", N_("Mode"), "述职方式", KF_ENUM, KF_REQUIRED | KF_AUTO, 14, report_modes, NULL,
	  N_("oral to the commission's plenary for principals of towns, streets and departments, else written; filled in when left empty")),
	F("due", N_("Due"), "报告时限", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("submitted_on", N_("Submitted on"), "报告日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("copied_committee_on", N_("Sent to the district Party committee on"), "报区委日期", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("copied_commission_on", N_("Copied to the district commission on"), "抄送区纪委日期", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("copied_org_on", N_("Copied to the organisation department on"), "抄送区委组织部日期", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("published_on", N_("Published online on"), "网上公开日期", KF_DATE, KF_HIDDEN, 10, NULL, NULL,
	  N_("online inquiries (task 7) can then point at it")),
	F("truthful", N_("Truthful"), "如实报告", KF_BOOL, 0, 4, NULL, NULL, N_("set to no when the report was found untrue")),
	{ "timely", N_("Timely"), "及时报告", KF_TEXT, KF_DERIVED, 4, NULL, NULL, N_("worked out from the dates"),
	  "CASE WHEN t.due IS NULL THEN NULL WHEN t.submitted_on IS NOT NULL AND t.submitted_on <= t.due THEN '是'"
	  " WHEN t.submitted_on IS NULL AND t.due >= :today THEN NULL ELSE '否' END" },
	{ "days_late", N_("Days late"), "逾期天数", KF_INT, KF_DERIVED, 4, NULL, NULL, N_("worked out from the dates"),
	  "CASE WHEN t.due IS NULL THEN NULL WHEN t.submitted_on IS NOT NULL THEN"
	  " nullif(max(0, CAST(julianday(t.submitted_on) - julianday(t.due) AS INTEGER)), 0)"
	  " ELSE nullif(max(0, CAST(julianday(:today) - julianday(t.due) AS INTEGER)), 0) END" },
	F("note", N_("Note"), "备注", KF_TEXT, KF_HIDDEN, 16, NULL, NULL, NULL),
};

/* Task 7 (开展网上询问) is served by the online inquiries about these
 * reports, not by the reports themselves: the plan's 述 task is 19. */
static const int report_tasks[] = { 19, 0 };

const kind kind_report = {
	.name = "report", .label = N_("Three reports"), .zh = "三述", .table = "report",
	.fields = report_fields, .nfields = sizeof report_fields / sizeof report_fields[0],
	.keys = { { "person", "year", NULL } },
	.order = "year", .display = "year", .owner = KO_PERSON, .owner_field = "person",
	.year_field = "year", .due_field = "due", .closed_field = "submitted_on",
	.tasks = report_tasks, .prepare = report_prepare,
};

/* --- duty-report meeting and its reports (纪委书记述职) -------------------------------- */

static const kind_field duty_meeting_fields[] = {
	F("held_on", N_("Held on"), "会议日期", KF_DATE, KF_REQUIRED, 10, NULL, NULL, NULL),
	F("title", N_("Meeting"), "会议名称", KF_TEXT, KF_REQUIRED | KF_SEARCH | KF_LOOKUP, 24, NULL, NULL, NULL),
	F("draw_count", N_("Secretaries to draw"), "抽取人数", KF_INT, 0, 4, NULL, NULL, NULL),
	F("draw", N_("Draw"), "抽签记录", KF_REF, KF_READONLY, 6, NULL, "draw", NULL),
	F("note", N_("Note"), "备注", KF_TEXT, KF_HIDDEN, 16, NULL, NULL, NULL),
};

static const int duty_meeting_tasks[] = { 20, 0 };

const kind kind_duty_meeting = {
	.name = "duty_meeting", .label = N_("Duty-report meetings"), .zh = "述职大会", .table = "duty_meeting",
	.fields = duty_meeting_fields, .nfields = sizeof duty_meeting_fields / sizeof duty_meeting_fields[0],
	.keys = { { "held_on", "title", NULL } },
	.order = "held_on", .display = "title", .owner = KO_NONE,
	.year_field = "held_on", .tasks = duty_meeting_tasks,
};

const char *const duty_ratings[] = { "好", "较好", "一般", "差", NULL };

static const kind_field duty_report_fields[] = {
	F("meeting", N_("Meeting"), "述职大会", KF_REF, KF_REQUIRED, 16, NULL, "duty_meeting", NULL),
	F("person", N_("Secretary reporting"), "述职人", KF_REF, KF_REQUIRED, 8, NULL, "person", NULL),
	F("summary", N_("Report"), "述职内容", KF_TEXT, KF_SEARCH, 24, NULL, NULL, NULL),
	F("questions", N_("Questions of commission members"), "纪委委员询问", KF_TEXT, KF_HIDDEN, 20, NULL, NULL, NULL),
	F("rating", N_("Rating"), "评议结果", KF_ENUM, 0, 4, duty_ratings, NULL, NULL),
};

const kind kind_duty_report = {
	.name = "duty_report", .label = N_("Duty reports"), .zh = "纪委书记述职", .table = "duty_report",
	.fields = duty_report_fields, .nfields = sizeof duty_report_fields / sizeof duty_report_fields[0],
	.keys = { { "meeting", "person", NULL } },
	.order = "meeting", .display = "summary", .owner = KO_PERSON, .owner_field = "person",
	.year_field = "meeting.held_on", .tasks = duty_meeting_tasks,
};

/* --- evaluation ------------------------------------------------------------------ */

const char *const evaluation_groups[] = { "管理服务对象", "纪委委员", "其他", NULL };
const char *const evaluation_phases[] = { "会前", "会议现场", NULL };

static lz_status evaluation_validate(session *s, const record *before, record *r, lz_err *err)
{
	(void)s;
	(void)before;
	const char *v = record_get_named(r, "score");
	if (v && (strtol(v, NULL, 10) < 0 || strtol(v, NULL, 10) > 100))
		return lz_fail(err, LZ_BAD, _("评议得分 (score): %s is outside 0 to 100"), v);
	return LZ_OK;
}

static const kind_field evaluation_fields[] = {
	F("person", N_("Cadre evaluated"), "被评议人", KF_REF, KF_REQUIRED, 8, NULL, "person", NULL),
	F("year", N_("Year"), "年度", KF_YEAR, KF_REQUIRED, 6, NULL, NULL, NULL),
	F("evaluator", N_("Evaluator"), "评议人", KF_TEXT, KF_REQUIRED | KF_SEARCH, 10, NULL, NULL, NULL),
	F("evaluator_group", N_("Evaluator group"), "评议人类别", KF_ENUM, KF_REQUIRED, 10, evaluation_groups, NULL, NULL),
	F("phase", N_("Phase"), "评议阶段", KF_ENUM, KF_REQUIRED, 8, evaluation_phases, NULL, NULL),
	F("score", N_("Score"), "评议得分", KF_INT, KF_REQUIRED, 4, NULL, NULL, N_("0 to 100")),
	F("comment", N_("Comment"), "评议意见", KF_TEXT, KF_HIDDEN, 16, NULL, NULL, NULL),
};

static const int evaluation_tasks[] = { 21, 0 };

const kind kind_evaluation = {
	.name = "evaluation", .label = N_("Evaluations"), .zh = "三述评议", .table = "evaluation",
	.fields = evaluation_fields, .nfields = sizeof evaluation_fields / sizeof evaluation_fields[0],
	.keys = { { "person", "year", "evaluator", "phase" } },
	.order = "year", .display = "evaluator", .owner = KO_PERSON, .owner_field = "person",
	.year_field = "year", .tasks = evaluation_tasks, .validate = evaluation_validate,
};

/* --- survey ----------------------------------------------------------------------- */

static lz_status survey_validate(session *s, const record *before, record *r, lz_err *err)
{
	(void)before;
	const char *v = record_get_named(r, "score");
	if (v && (strtod(v, NULL) < 0 || strtod(v, NULL) > 100))
		return lz_fail(err, LZ_BAD, _("满意度得分 (score): %s is outside 0 to 100"), v);
	/* Only units of the ranking categories are surveyed and ranked. */
	const char *u = record_get_named(r, "unit");
	sqlite3_stmt *q;
	lz_err e;
	if (!u || db_prepare(&s->db, "SELECT category, name FROM unit WHERE id = ?", &q, &e))
		return LZ_OK;
	sqlite3_bind_text(q, 1, u, -1, SQLITE_STATIC);
	lz_status st = LZ_OK;
	if (sqlite3_step(q) == SQLITE_ROW) {
		const char *cat = (const char *)sqlite3_column_text(q, 0);
		if (cat && strcmp(cat, "乡镇") && strcmp(cat, "街道") && strcmp(cat, "区级部门") && strcmp(cat, "公共服务行业") &&
		    strcmp(cat, "村(社区)"))
			st = lz_fail(err, LZ_BAD, _("单位 (unit): %s is a unit of category %s, which is not ranked by satisfaction"),
				     (const char *)sqlite3_column_text(q, 1), cat);
	}
	sqlite3_finalize(q);
	return st;
}

static const kind_field survey_fields[] = {
	F("year", N_("Year"), "年度", KF_YEAR, KF_REQUIRED, 6, NULL, NULL, NULL),
	F("unit", N_("Unit"), "单位", KF_REF, KF_REQUIRED, 16, NULL, "unit", NULL),
	F("score", N_("Satisfaction score"), "满意度得分", KF_DEC, KF_REQUIRED, 7, NULL, NULL, N_("0 to 100, two decimals allowed")),
	F("respondents", N_("Respondents"), "样本数", KF_INT, 0, 6, NULL, NULL, NULL),
};

static const int survey_tasks[] = { 22, 23, 0 };

const kind kind_survey = {
	.name = "survey", .label = N_("Satisfaction surveys"), .zh = "满意度测评", .table = "survey",
	.fields = survey_fields, .nfields = sizeof survey_fields / sizeof survey_fields[0],
	.keys = { { "unit", "year", NULL } },
	.order = "year", .display = "year", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "year", .tasks = survey_tasks, .validate = survey_validate,
};

/* --- vetting (task 17) ----------------------------------------------------------- */

const char *const vetting_conclusions[] = { "同意提拔", "暂缓提拔", "不同意提拔", NULL };

static const kind_field vetting_fields[] = {
	F("person", N_("Cadre proposed"), "拟提拔干部", KF_REF, KF_REQUIRED, 8, NULL, "person", NULL),
	F("proposed_post", N_("Proposed post"), "拟任职务", KF_TEXT, KF_REQUIRED | KF_SEARCH, 16, NULL, NULL, NULL),
	F("started_on", N_("Vetting started on"), "考察日期", KF_DATE, KF_REQUIRED, 10, NULL, NULL, NULL),
	F("conclusion", N_("Conclusion"), "考察结论", KF_ENUM, 0, 8, vetting_conclusions, NULL, NULL),
	F("concluded_on", N_("Concluded on"), "结论日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("note", N_("Note"), "备注", KF_TEXT, KF_HIDDEN, 16, NULL, NULL, NULL),
};

static const int vetting_tasks[] = { 17, 0 };

const kind kind_vetting = {
	.name = "vetting", .label = N_("Vetting for promotion"), .zh = "拟提拔考察", .table = "vetting",
	.fields = vetting_fields, .nfields = sizeof vetting_fields / sizeof vetting_fields[0],
	.keys = { { "person", "started_on", NULL } },
	.order = "started_on", .display = "proposed_post", .owner = KO_PERSON, .owner_field = "person",
	.year_field = "started_on", .closed_field = "concluded_on", .tasks = vetting_tasks,
};
