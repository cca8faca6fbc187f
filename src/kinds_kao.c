/* kinds_kao.c — 考 (tasks 16, 18) and what the rules of every mechanism
 * write: responsibility assessments of units, annual reviews of cadres, the
 * accountability register, and the audited random draws. */
#include "kinds_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "record.h"
#include "settings.h"

#define F(name, label, zh, type, flags, width, choices, ref, help) \
	{ name, label, zh, type, flags, width, choices, ref, help, NULL }

/* --- assessment ---------------------------------------------------------------- */

/* The score items and the settings that give each its maximum. */
static const struct { const char *field, *setting; } score_items[] = {
	{ "score_lead", "assess_max_lead" }, { "score_duties", "assess_max_duties" },
	{ "score_style", "assess_max_style" }, { "score_cases", "assess_max_cases" },
	{ "score_supervision", "assess_max_supervision" }, { "score_education", "assess_max_education" },
};

static lz_status assessment_validate(session *s, const record *before, record *r, lz_err *err)
{
	(void)before;
	for (size_t i = 0; i < sizeof score_items / sizeof score_items[0]; i++) {
		const char *v = record_get_named(r, score_items[i].field);
		long max;
		lz_status st = settings_get_int(s, score_items[i].setting, &max, err);
		if (st)
			return st;
		if (v && (strtol(v, NULL, 10) < 0 || strtol(v, NULL, 10) > max)) {
			const kind_field *f = kind_field_named(r->k, score_items[i].field);
			return lz_fail(err, LZ_BAD, _("%s (%s): %s is outside 0 to %ld (setting %s)"), f->zh, f->name, v, max,
				       score_items[i].setting);
		}
	}
	return LZ_OK;
}

#define SETTING_INT(name, dflt) "coalesce((SELECT CAST(value AS INTEGER) FROM setting WHERE name = '" name "'), " dflt ")"
#define ASSESS_TOTAL \
	"(coalesce(t.score_lead, 0) + coalesce(t.score_duties, 0) + coalesce(t.score_style, 0) + coalesce(t.score_cases, 0)" \
	" + coalesce(t.score_supervision, 0) + coalesce(t.score_education, 0) - (SELECT coalesce(sum(i.points_deducted), 0)" \
	" FROM inspection i WHERE i.unit = t.unit AND substr(i.checked_on, 1, 4) = CAST(t.year AS TEXT)))"

const char *const assessment_grades[] = { "好", "较好", "一般", "差", NULL };

static const kind_field assessment_fields[] = {
	F("unit", N_("Unit"), "单位", KF_REF, KF_REQUIRED, 14, NULL, "unit", NULL),
	F("year", N_("Year"), "年度", KF_YEAR, KF_REQUIRED, 6, NULL, NULL, NULL),
	F("score_lead", N_("Leadership (score)"), "组织领导得分", KF_INT, 0, 4, NULL, NULL, N_("at most assess_max_lead points")),
	F("score_duties", N_("Carrying out duties (score)"), "履职尽责得分", KF_INT, 0, 4, NULL, NULL, N_("at most assess_max_duties points")),
	F("score_style", N_("Conduct (score)"), "作风建设得分", KF_INT, 0, 4, NULL, NULL, N_("at most assess_max_style points")),
	F("score_cases", N_("Cases (score)"), "查办案件得分", KF_INT, 0, 4, NULL, NULL, N_("at most assess_max_cases points")),
	F("score_supervision", N_("Supervision (score)"), "监督检查得分", KF_INT, 0, 4, NULL, NULL,
	  N_("at most assess_max_supervision points")),
	F("score_education", N_("Education (score)"), "宣传教育得分", KF_INT, 0, 4, NULL, NULL, N_("at most assess_max_education points")),
	{ "deducted", N_("Deducted by checks"), "检查扣分", KF_INT, KF_DERIVED, 4, NULL, NULL,
	  N_("points deducted by the year's supervision checks of the unit"),
	  "(SELECT coalesce(sum(i.points_deducted), 0) FROM inspection i WHERE i.unit = t.unit"
	  " AND substr(i.checked_on, 1, 4) = CAST(t.year AS TEXT))" },
	{ "total", N_("Total"), "总分", KF_INT, KF_DERIVED, 4, NULL, NULL, N_("the items less the deductions"), ASSESS_TOTAL },
	{ "grade", N_("Grade"), "等次", KF_ENUM, KF_DERIVED, 4, assessment_grades, NULL,
	  N_("from the total by the cut-offs in the settings (好 ≥ 90, 较好 ≥ 80, 一般 ≥ 60, else 差)"),
	  "CASE WHEN " ASSESS_TOTAL " >= " SETTING_INT("assess_cut_good", "90") " THEN '好' WHEN " ASSESS_TOTAL
	  " >= " SETTING_INT("assess_cut_fair", "80") " THEN '较好' WHEN " ASSESS_TOTAL " >= " SETTING_INT("assess_cut_pass", "60")
	  " THEN '一般' ELSE '差' END" },
	F("sent_on", N_("Sent to the personnel department on"), "通报组织人事部门日期", KF_DATE, 0, 10, NULL, NULL, NULL),
	F("note", N_("Note"), "备注", KF_TEXT, KF_HIDDEN, 16, NULL, NULL, NULL),
};

static const int assessment_tasks[] = { 16, 0 };

const kind kind_assessment = {
	.name = "assessment", .label = N_("Responsibility assessments"), .zh = "责任制考核", .table = "assessment",
	.fields = assessment_fields, .nfields = sizeof assessment_fields / sizeof assessment_fields[0],
	.keys = { { "unit", "year", NULL } },
	.order = "year", .display = "year", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "year", .tasks = assessment_tasks, .validate = assessment_validate,
};

/* --- annual review -------------------------------------------------------------- */

const char *const review_ratings[] = { "好", "较好", "一般", "差", NULL };
const char *const review_grades[] = { "优秀", "称职", "基本称职", "不称职", NULL };

static const kind_field review_fields[] = {
	F("person", N_("Cadre"), "干部", KF_REF, KF_REQUIRED, 8, NULL, "person", NULL),
	F("year", N_("Year"), "年度", KF_YEAR, KF_REQUIRED, 6, NULL, NULL, NULL),
	F("duty_rating", N_("Carrying out duties (rating)"), "履责", KF_ENUM, 0, 4, review_ratings, NULL, NULL),
	F("integrity_rating", N_("Integrity (rating)"), "守廉", KF_ENUM, 0, 4, review_ratings, NULL, NULL),
	F("risk_rating", N_("Risk prevention (rating)"), "防险", KF_ENUM, 0, 4, review_ratings, NULL, NULL),
	F("overall", N_("Overall grade"), "年度考核等次", KF_ENUM, 0, 8, review_grades, NULL, NULL),
	F("note", N_("Note"), "备注", KF_TEXT, KF_HIDDEN, 16, NULL, NULL, NULL),
};

static const int review_tasks[] = { 18, 0 };

const kind kind_annual_review = {
	.name = "annual_review", .label = N_("Annual reviews"), .zh = "年度考核", .table = "annual_review",
	.fields = review_fields, .nfields = sizeof review_fields / sizeof review_fields[0],
	.keys = { { "person", "year", NULL } },
	.order = "year", .display = "overall", .owner = KO_PERSON, .owner_field = "person",
	.year_field = "year", .tasks = review_tasks,
};

/* --- accountability (问责) --------------------------------------------------------- */

const char *const accountability_rules[] = { "yian_sancha", "audit_serious", "satisfaction", "report_late", "manual", NULL };
const char *const accountability_measures[] = {
	"通报批评", "诫勉谈话", "责令检查", "组织处理", "纪律处分", "其他", NULL
};
const char *const accountability_states[] = { "待处理", "已处理", "触发已撤销", NULL };
static const char *const accountability_closed[] = { "已处理", "触发已撤销", NULL };

/* Items entered by hand are 'manual' and start open. */
static lz_status accountability_prepare(session *s, record *r, lz_err *err)
{
	(void)err;
	if (!record_get_named(r, "rule"))
		record_set_named(r, "rule", "manual");
	if (!record_get_named(r, "state"))
		record_set_named(r, "state", "待处理");
	if (!record_get_named(r, "year"))
		record_set_named(r, "year", (char[5]){ s->today[0], s->today[1], s->today[2], s->today[3], 0 });
	return plan_unit_from_person(s, r, "unit", "person", err);
}

/* Items a rule raised are kept for good, so the rule does not raise them
 * again and the trail stays whole; only items entered by hand can go. */
static lz_status accountability_may_delete(session *s, const record *r, lz_err *err)
{
	(void)s;
	const char *rule = record_get_named(r, "rule");
	if (rule && strcmp(rule, "manual") != 0)
		return lz_fail(err, LZ_DENIED, _("an item raised by the rule %s is kept for good: mark it 已处理 instead"), rule);
	return LZ_OK;
}

static const kind_field accountability_fields[] = {
	F("rule", N_("Raised by"), "问责依据", KF_ENUM, KF_REQUIRED | KF_AUTO | KF_READONLY, 10, accountability_rules, NULL,
	  N_("the rule that raised it, or manual for items entered by hand")),
	F("source_kind", N_("Source kind"), "来源类别", KF_TEXT, KF_READONLY, 8, NULL, NULL, NULL),
	F("source_id", N_("Source id"), "来源编号", KF_INT, KF_READONLY, 6, NULL, NULL, NULL),
	F("year", N_("Year"), "年度", KF_YEAR, KF_REQUIRED | KF_AUTO, 6, NULL, NULL, NULL),
	F("unit", N_("Unit"), "单位", KF_REF, KF_REQUIRED | KF_AUTO, 14, NULL, "unit", N_("filled in from the person when left empty")),
	F("person", N_("Person held to account"), "责任人", KF_REF, 0, 8, NULL, "person", NULL),
	F("role", N_("Responsibility"), "责任类型", KF_TEXT, 0, 10, NULL, NULL,
	  N_("e.g. 主体责任人, 监督责任人, 当事人")),
	F("measure", N_("Measure"), "问责方式", KF_ENUM, 0, 8, accountability_measures, NULL, NULL),
	F("state", N_("State"), "状态", KF_ENUM, KF_REQUIRED | KF_AUTO, 8, accountability_states, NULL, NULL),
	F("reason", N_("Reason"), "问责事由", KF_TEXT, KF_REQUIRED | KF_SEARCH, 30, NULL, NULL, NULL),
};

static const int accountability_tasks[] = { 14, 15, 19, 22, 0 };

const kind kind_accountability = {
	.name = "accountability", .label = N_("Accountability"), .zh = "问责", .table = "accountability",
	.fields = accountability_fields, .nfields = sizeof accountability_fields / sizeof accountability_fields[0],
	.keys = { { "rule", "source_kind", "source_id", "person", NULL } },
	.order = "year", .display = "reason", .owner = KO_FIELD, .owner_field = "unit",
	.year_field = "year", .state_field = "state", .closed_states = accountability_closed,
	.tasks = accountability_tasks, .prepare = accountability_prepare, .may_delete = accountability_may_delete,
};

/* --- draw ------------------------------------------------------------------------- */

static const kind_field draw_fields[] = {
	F("purpose", N_("Purpose"), "抽签事项", KF_TEXT, KF_REQUIRED | KF_READONLY | KF_SEARCH, 20, NULL, NULL, NULL),
	F("pool", N_("Pool"), "抽签范围", KF_TEXT, KF_READONLY | KF_HIDDEN, 30, NULL, NULL, NULL),
	F("seed", N_("Seed"), "随机种子", KF_TEXT, KF_REQUIRED | KF_READONLY, 16, NULL, NULL, NULL),
	F("count", N_("Drawn"), "抽取数", KF_INT, KF_REQUIRED | KF_READONLY, 4, NULL, NULL, NULL),
	F("result", N_("Result"), "抽取结果", KF_TEXT, KF_REQUIRED | KF_READONLY, 30, NULL, NULL, NULL),
	F("redraw_of", N_("Redraw of"), "重抽自", KF_REF, KF_READONLY, 6, NULL, "draw", NULL),
	F("reason", N_("Reason for redrawing"), "重抽理由", KF_TEXT, KF_READONLY, 16, NULL, NULL, NULL),
	F("drawn_at", N_("Drawn at"), "抽签时间", KF_TEXT, KF_REQUIRED | KF_READONLY, 19, NULL, NULL, NULL),
	F("drawn_by", N_("Drawn by"), "抽签人", KF_TEXT, KF_REQUIRED | KF_READONLY, 8, NULL, NULL, NULL),
};

static const int draw_tasks[] = { 12, 20, 0 };

const kind kind_draw = {
	.name = "draw", .label = N_("Random draws"), .zh = "随机抽签", .table = "draw",
	.fields = draw_fields, .nfields = sizeof draw_fields / sizeof draw_fields[0],
	.keys = { { "drawn_at", "purpose", NULL } },
	.order = "drawn_at", .display = "purpose", .owner = KO_NONE,
	.year_field = "drawn_at", .tasks = draw_tasks, .system = true,
};
