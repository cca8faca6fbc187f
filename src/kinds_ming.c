/* kinds_ming.c — 明 (tasks 1-4): the year's documents, the "three letters",
 * commitments, duty letters with their review and signature, risk cards. */
#include "kinds_plan.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "record.h"

#define F(name, label, zh, type, flags, width, choices, ref, help) \
	{ name, label, zh, type, flags, width, choices, ref, help, NULL }

const char *const plan_task_numbers[] = {
	"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19",
	"20", "21", "22", "23", NULL
};

/* Sections of part 二 of the plan, as the catalog's responsibility items name them. */
const char *const plan_duty_sections[] = {
	"二(一)1(1)", "二(一)1(2)", "二(一)1(3)", "二(一)1(4)", "二(一)1(5)", "二(一)1(6)", "二(一)1(7)", "二(一)1(8)",
	"二(一)1(9)", "二(一)2(1)", "二(一)2(2)", "二(一)2(3)", "二(一)2(4)", "二(一)3(1)", "二(一)3(2)", "二(一)3(3)",
	"二(一)3(4)", "二(二)1", "二(二)2", "二(二)3", "二(二)4", "二(二)5", NULL
};

lz_status plan_unit_from_person(session *s, record *r, const char *unit_field, const char *person_field, lz_err *err)
{
	(void)err;
	const char *p = record_get_named(r, person_field);
	if (record_get_named(r, unit_field) || !p)
		return LZ_OK;
	sqlite3_stmt *q;
	lz_err e;
	if (db_prepare(&s->db, "SELECT unit FROM person WHERE id = ?", &q, &e))
		return LZ_OK;   /* validation names the bad reference */
	sqlite3_bind_text(q, 1, p, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		record_set_named(r, unit_field, (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return LZ_OK;
}

/* --- document ------------------------------------------------------------ */

static const char *const doc_types[] = {
	"党风廉政建设和反腐败工作意见", "实施办法", "年终落实情况报告", "党委听取汇报记录", "公开承诺", "其他", NULL
};

static const kind_field document_fields[] = {
	F("year", N_("Year"), "年度", KF_YEAR, KF_REQUIRED, 6, NULL, NULL, NULL),
	F("unit", N_("Unit"), "单位", KF_REF, KF_REQUIRED, 16, NULL, "unit", N_("the unit that issued or keeps the document")),
	F("doc_type", N_("Document type"), "文件类别", KF_ENUM, KF_REQUIRED, 14, doc_types, NULL,
	  N_("the year's opinion (task 1), a lead unit's implementing measures (part 四), the year-end report to the higher Party committee and commission, a record of the Party committee hearing reports, a public commitment")),
	F("title", N_("Title"), "文件标题", KF_TEXT, KF_REQUIRED | KF_SEARCH | KF_LOOKUP, 28, NULL, NULL, NULL),
	F("doc_number", N_("Document number"), "文号", KF_TEXT, KF_SEARCH, 14, NULL, NULL, N_("e.g. 广区纪发〔2026〕1号")),
	F("issued_on", N_("Issued on"), "印发日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("tasks", N_("Tasks served"), "对应任务", KF_MULTI, KF_HIDDEN, 10, plan_task_numbers, NULL,
	  N_("numbers of the plan's tasks (1-23), separated by ;")),
	F("duties", N_("Responsibilities served"), "对应责任", KF_MULTI, KF_HIDDEN, 12, plan_duty_sections, NULL,
	  N_("sections of part 二 of the plan, e.g. 二(一)1(1)")),
	F("note", N_("Note"), "备注", KF_TEXT, KF_HIDDEN, 20, NULL, NULL, NULL),
};

static const int document_tasks[] = { 1, 0 };

const kind kind_document = {
	.name = "document", .label = N_("Documents"), .zh = "文件", .table = "document",
	.fields = document_fields, .nfields = sizeof document_fields / sizeof document_fields[0],
	.keys = { { "unit", "year", "title", NULL } },
	.order = "year", .display = "title", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "year", .tasks = document_tasks,
};

/* --- letter (三书) ---------------------------------------------------------- */

const char *const letter_types[] = { "责任分工告知书", "目标任务通知书", "任务落实督办书", NULL };
const char *const letter_states[] = { "草稿", "已发出", "已签收", "已办结", NULL };
static const char *const letter_closed[] = { "已办结", NULL };

/* Moving a letter on records the day it happened, unless a date was typed. */
static lz_status letter_prepare(session *s, record *r, lz_err *err)
{
	lz_status st = plan_unit_from_person(s, r, "unit", "person", err);
	const char *state = record_get_named(r, "state");
	if (st)
		return st;
	if (!state) {
		record_set_named(r, "state", "草稿");
		return LZ_OK;
	}
	static const struct { const char *state, *field; } stamp[] = {
		{ "已发出", "issued_on" }, { "已签收", "received_on" }, { "已办结", "done_on" },
	};
	int reached = 0;
	for (int i = 2; i >= 0; i--) {
		if (strcmp(state, stamp[i].state) == 0)
			reached = 1;
		if (reached && !record_get_named(r, stamp[i].field))
			record_set_named(r, stamp[i].field, s->today);
	}
	return LZ_OK;
}

static const kind_field letter_fields[] = {
	F("letter_type", N_("Letter type"), "文书类别", KF_ENUM, KF_REQUIRED, 14, letter_types, NULL,
	  N_("告知书 to leaders, 通知书 to lead units, 督办书 to those falling behind")),
	F("year", N_("Year"), "年度", KF_YEAR, KF_REQUIRED, 6, NULL, NULL, NULL),
	F("unit", N_("Unit"), "单位", KF_REF, KF_REQUIRED | KF_AUTO, 16, NULL, "unit",
	  N_("the unit addressed (for a letter to a person: that person's unit, filled in for you)")),
	F("person", N_("Addressed person"), "送达对象", KF_REF, 0, 8, NULL, "person", N_("for 告知书: the leader it is addressed to")),
	F("tasks", N_("Tasks assigned"), "分解任务", KF_MULTI, 0, 10, plan_task_numbers, NULL,
	  N_("numbers of the plan's tasks (1-23), separated by ;")),
	F("content", N_("Content"), "主要内容", KF_TEXT, KF_SEARCH | KF_HIDDEN, 24, NULL, NULL, NULL),
	F("issued_on", N_("Issued on"), "发出日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("received_on", N_("Received on"), "签收日期", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("acknowledged_on", N_("Acknowledged on"), "回执日期", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("due", N_("Due"), "办结时限", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("state", N_("State"), "状态", KF_ENUM, KF_REQUIRED, 6, letter_states, NULL,
	  N_("草稿 → 已发出 → 已签收 → 已办结; the date of each step is filled in when left empty")),
	F("done_on", N_("Done on"), "办结日期", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL),
	F("source_letter", N_("Follows letter"), "督办依据", KF_REF, KF_HIDDEN | KF_READONLY, 8, NULL, "letter",
	  N_("for 督办书: the overdue 通知书 it follows up")),
};

static const int letter_tasks[] = { 1, 0 };

const kind kind_letter = {
	.name = "letter", .label = N_("Letters"), .zh = "三书", .table = "letter",
	.fields = letter_fields, .nfields = sizeof letter_fields / sizeof letter_fields[0],
	.keys = { { "letter_type", "year", "person", NULL }, { "letter_type", "year", "unit", NULL } },
	.order = "year", .display = "letter_type", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "year", .due_field = "due", .state_field = "state", .closed_states = letter_closed,
	.tasks = letter_tasks, .prepare = letter_prepare,
};

/* --- commitment ------------------------------------------------------------ */

static const char *const commitment_types[] = { "年度责任承诺书", "任前廉政承诺", "新任纪检监察干部六项承诺", NULL };

/* 六项承诺 are made to the public by definition. */
static lz_status commitment_prepare(session *s, record *r, lz_err *err)
{
	(void)s;
	(void)err;
	const char *t = record_get_named(r, "commitment_type");
	if (t && strcmp(t, "新任纪检监察干部六项承诺") == 0)
		record_set_named(r, "public", "1");
	return LZ_OK;
}

static const kind_field commitment_fields[] = {
	F("commitment_type", N_("Commitment type"), "承诺类别", KF_ENUM, KF_REQUIRED, 14, commitment_types, NULL, NULL),
	F("person", N_("Person"), "承诺人", KF_REF, KF_REQUIRED, 8, NULL, "person", NULL),
	F("year", N_("Year"), "年度", KF_YEAR, KF_REQUIRED, 6, NULL, NULL, NULL),
	F("signed_on", N_("Signed on"), "签订日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("public", N_("Made to the public"), "向社会公开", KF_BOOL, 0, 4, NULL, NULL, NULL),
	F("content", N_("Content"), "承诺内容", KF_TEXT, KF_HIDDEN | KF_SEARCH, 24, NULL, NULL, NULL),
};

static const int commitment_tasks[] = { 2, 0 };

const kind kind_commitment = {
	.name = "commitment", .label = N_("Commitments"), .zh = "承诺", .table = "commitment",
	.fields = commitment_fields, .nfields = sizeof commitment_fields / sizeof commitment_fields[0],
	.keys = { { "commitment_type", "person", "year", NULL } },
	.order = "year", .display = "commitment_type", .owner = KO_PERSON, .owner_field = "person",
	.year_field = "year", .tasks = commitment_tasks, .prepare = commitment_prepare,
};

/* --- duty letter and endorsement (签字背书) ---------------------------------- */

static lz_status duty_letter_prepare(session *s, record *r, lz_err *err)
{
	return plan_unit_from_person(s, r, "unit", "responsible", err);
}

static const kind_field duty_letter_fields[] = {
	F("year", N_("Year"), "年度", KF_YEAR, KF_REQUIRED, 6, NULL, NULL, NULL),
	F("unit", N_("Unit"), "单位", KF_REF, KF_REQUIRED | KF_AUTO, 16, NULL, "unit", N_("filled in from the responsible person")),
	F("responsible", N_("Responsible person"), "责任人", KF_REF, KF_REQUIRED, 8, NULL, "person", NULL),
	F("object_person", N_("Responsible object (person)"), "责任对象", KF_REF, 0, 8, NULL, "person", NULL),
	F("object_unit", N_("Responsible object (unit)"), "责任对象单位", KF_REF, 0, 14, NULL, "unit", NULL),
	F("signed_on", N_("Signed on"), "签订日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("content", N_("Content"), "责任内容", KF_TEXT, KF_HIDDEN | KF_SEARCH, 24, NULL, NULL, NULL),
};

static const int duty_tasks[] = { 3, 0 };

const kind kind_duty_letter = {
	.name = "duty_letter", .label = N_("Duty letters"), .zh = "责任书", .table = "duty_letter",
	.fields = duty_letter_fields, .nfields = sizeof duty_letter_fields / sizeof duty_letter_fields[0],
	.keys = { { "year", "responsible", "object_person", NULL }, { "year", "responsible", "object_unit", NULL } },
	.order = "year", .display = "year", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "year", .tasks = duty_tasks, .prepare = duty_letter_prepare,
};

static const char *const endorsed_documents[] = { "责任分工", "责任分解", "年终工作总结报告", NULL };

static const kind_field endorsement_fields[] = {
	F("year", N_("Year"), "年度", KF_YEAR, KF_REQUIRED, 6, NULL, NULL, NULL),
	F("unit", N_("Unit"), "单位", KF_REF, KF_REQUIRED, 16, NULL, "unit", NULL),
	F("document_kind", N_("Document reviewed"), "审阅事项", KF_ENUM, KF_REQUIRED, 12, endorsed_documents, NULL, NULL),
	F("principal_opinion", N_("Principal holder's opinion"), "主体责任人审阅意见", KF_TEXT, 0, 16, NULL, NULL, NULL),
	F("principal_signed_on", N_("Principal holder signed on"), "主体责任人签名日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("supervisor_opinion", N_("Supervisory holder's opinion"), "监督责任人审阅意见", KF_TEXT, 0, 16, NULL, NULL, NULL),
	F("supervisor_signed_on", N_("Supervisory holder signed on"), "监督责任人签名日期", KF_DATE, 0, 10, NULL, NULL, NULL),
};

const kind kind_endorsement = {
	.name = "endorsement", .label = N_("Reviews and signatures"), .zh = "签字背书", .table = "endorsement",
	.fields = endorsement_fields, .nfields = sizeof endorsement_fields / sizeof endorsement_fields[0],
	.keys = { { "unit", "year", "document_kind", NULL } },
	.order = "year", .display = "document_kind", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "year", .tasks = duty_tasks,
};

/* --- risk card ------------------------------------------------------------- */

/* The card is issued by the holders of the person's unit unless others are named. */
static lz_status risk_card_prepare(session *s, record *r, lz_err *err)
{
	(void)err;
	const char *p = record_get_named(r, "person");
	if (!p || (record_get_named(r, "principal") && record_get_named(r, "supervisor")))
		return LZ_OK;
	sqlite3_stmt *q;
	lz_err e;
	if (db_prepare(&s->db, "SELECT u.principal_holder, u.supervisor_holder FROM person p JOIN unit u ON u.id = p.unit"
			       " WHERE p.id = ?", &q, &e))
		return LZ_OK;
	sqlite3_bind_text(q, 1, p, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		if (!record_get_named(r, "principal") && sqlite3_column_type(q, 0) != SQLITE_NULL)
			record_set_named(r, "principal", (const char *)sqlite3_column_text(q, 0));
		if (!record_get_named(r, "supervisor") && sqlite3_column_type(q, 1) != SQLITE_NULL)
			record_set_named(r, "supervisor", (const char *)sqlite3_column_text(q, 1));
	}
	sqlite3_finalize(q);
	return LZ_OK;
}

static const kind_field risk_card_fields[] = {
	F("person", N_("Person told"), "责任对象", KF_REF, KF_REQUIRED, 8, NULL, "person", NULL),
	F("issued_on", N_("Issued on"), "告知日期", KF_DATE, KF_REQUIRED, 10, NULL, NULL, NULL),
	F("signs", N_("Risk signs"), "廉政风险迹象", KF_TEXT, KF_REQUIRED | KF_SEARCH, 24, NULL, NULL, NULL),
	F("principal", N_("Principal holder"), "主体责任人", KF_REF, 0, 8, NULL, "person",
	  N_("filled in from the person's unit when left empty")),
	F("supervisor", N_("Supervisory holder"), "监督责任人", KF_REF, 0, 8, NULL, "person",
	  N_("filled in from the person's unit when left empty")),
	F("follow_up", N_("Follow-up"), "落实情况", KF_TEXT, KF_HIDDEN, 20, NULL, NULL, NULL),
	F("result", N_("Result"), "处理结果", KF_TEXT, 0, 14, NULL, NULL, NULL),
};

static const int risk_tasks[] = { 4, 0 };

const kind kind_risk_card = {
	.name = "risk_card", .label = N_("Risk-sign cards"), .zh = "廉政风险迹象告知卡", .table = "risk_card",
	.fields = risk_card_fields, .nfields = sizeof risk_card_fields / sizeof risk_card_fields[0],
	.keys = { { "person", "issued_on", NULL } },
	.order = "issued_on", .display = "signs", .owner = KO_PERSON, .owner_field = "person",
	.year_field = "issued_on", .tasks = risk_tasks, .prepare = risk_card_prepare,
};
