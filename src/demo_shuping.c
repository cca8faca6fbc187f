/* demo_shuping.c — demo records of 述 and 评 (tasks 17, 19-23): this year's
 * and last year's three reports (三述) of the leading cadres of towns,
 * streets and departments, the discipline secretaries' duty-report meetings,
 * evaluations of last year's oral reporters, three years of satisfaction
 * surveys, and this year's vetting of cadres proposed for promotion.
 * The data is shaped for the rules that read it: a few reports late (one by
 * more than report_late_notice_max_days), one untrue, two of this year's not
 * in though due; two units below satisfaction_low and in their category's
 * bottom three two years running, next to units that miss only one of those
 * conditions, a score of exactly 80.00 and a tie at the bottom-three line.
 * Units the other demo parts single out (X23 and B38 after last year's
 * assessment, B29 and X21 interviewed over last year's survey, G04 over
 * complaints) are made to match. */
#include "demo_plan.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "demo_data.h"
#include "kinds_plan.h"
#include "record.h"

#define ID(buf, v) demo_plan_id(buf, v)

/* Towns, streets and departments report; the commission (B03) hears the
 * reports rather than making them. */
static int reporting_unit(const demo_plan_unit *u)
{
	return (strcmp(u->category, "乡镇") == 0 || strcmp(u->category, "街道") == 0 ||
		strcmp(u->category, "区级部门") == 0) && strcmp(u->code, "B03") != 0;
}

static int reports_in(const demo_plan_ctx *c, const demo_plan_person *p)
{
	return (p->principal || p->team) && reporting_unit(&c->units[p->unit]);
}

/* Reports to the plenary rather than in writing: what report_prepare fills in. */
static int reports_orally(const demo_plan_ctx *c, const demo_plan_person *p)
{
	return reports_in(c, p) && p->principal;
}

static int find(const demo_plan_ctx *c, const char *unit, const char *post)
{
	return demo_plan_person_find(c, demo_plan_unit_find(c, unit), post);
}

/* --- the three reports (三述) ------------------------------------------------------ */

#define ON_TIME 0
#define NOT_IN (-1)
#define UNTRUE (-2)
/* post NULL: the unit's principal. ago: 1 last year, 0 this year. late: days
 * after the due date the report came in, or one of the marks above. The
 * longest lies beyond report_late_notice_max_days (30), one exactly on it. */
static const struct { const char *unit, *post; int ago, late; } report_plan[] = {
	{ "B33", NULL, 1, 45 },
	{ "B31", NULL, 1, 30 },
	{ "B44", "副主席", 1, 21 },
	{ "X29", "副乡长", 1, 11 },
	{ "X12", "党委副书记", 1, 6 },
	{ "J05", "街道办事处副主任", 1, 3 },
	{ "X16", NULL, 1, UNTRUE },
	{ "X28", "乡人大主席", 0, 17 },
	{ "J03", NULL, 0, 8 },
	{ "B45", "副理事长", 0, 2 },
	{ "X24", "副乡长", 0, NOT_IN },
	{ "B51", "纪检组长", 0, NOT_IN },
};

/* Date d moved forward to first if earlier, back to today if later. */
static void keep_between(const demo_plan_ctx *c, const char *first, char d[11])
{
	if (strcmp(d, first) < 0)
		memcpy(d, first, 11);
	demo_plan_clamp(c, d);
}

static lz_status report(demo_plan_ctx *c, int who, int year, int fate, lz_err *err)
{
	const demo_plan_person *p = &c->people[who];
	int oral = reports_orally(c, p);
	char pb[24], yb[8], jan1[11], due[11], sub[11], com[11], cc[11], org[11], pub[11];
	snprintf(yb, sizeof yb, "%d", year);
	snprintf(jan1, sizeof jan1, "%04d-01-01", year % 10000);
	/* Principals report to the district committee before the month's end,
	 * the others to their own commission a few days later. */
	demo_plan_in_year(c, year, 2, oral ? 25 : 28, due);
	if (fate > 0)
		date_add(due, fate, sub);
	else
		date_add(due, -(1 + demo_plan_below(c, 20)), sub);
	keep_between(c, jan1, sub);
	/* Principals send theirs to the committee, copied to the commission
	 * and the organisation department (one in twelve forgets the latter);
	 * most of them are then published for online inquiries. */
	int forgot = demo_plan_below(c, 12) == 0, published = demo_plan_below(c, 10) < (year < c->year ? 7 : 5);
	memcpy(com, sub, sizeof com);
	date_add(sub, demo_plan_below(c, 2), cc);
	date_add(sub, demo_plan_below(c, 3), org);
	date_add(sub, 10 + demo_plan_below(c, 16), pub);
	demo_plan_clamp(c, cc);
	demo_plan_clamp(c, org);
	demo_plan_clamp(c, pub);
	int in = fate != NOT_IN, copies = in && oral;
	return demo_plan_add(c, &kind_report, NULL, err, "person", ID(pb, p->id), "year", yb, "due", due,
			     "submitted_on", in ? sub : NULL, "copied_committee_on", copies ? com : NULL,
			     "copied_commission_on", copies ? cc : NULL, "copied_org_on", copies && !forgot ? org : NULL,
			     "published_on", copies && published ? pub : NULL,
			     "truthful", fate == UNTRUE ? "0" : NULL, "note",
			     fate == UNTRUE ? "经核查,报告中未如实反映分管领域发生的违纪问题及配偶经商办企业情况" : NULL, NULL);
}

static lz_status reports(demo_plan_ctx *c, lz_err *err)
{
	enum { NPLAN = sizeof report_plan / sizeof report_plan[0] };
	int planned[NPLAN];
	for (int k = 0; k < NPLAN; k++)
		planned[k] = find(c, report_plan[k].unit, report_plan[k].post);
	for (int year = c->year - 1; year <= c->year; year++)
		for (int i = 0; i < c->npeople; i++) {
			if (!reports_in(c, &c->people[i]))
				continue;
			int fate = ON_TIME;
			for (int k = 0; k < NPLAN; k++)
				if (planned[k] == i && year == c->year - report_plan[k].ago)
					fate = report_plan[k].late;
			lz_status st = report(c, i, year, fate, err);
			if (st)
				return st;
		}
	return LZ_OK;
}

/* --- duty-report meetings of discipline secretaries (述职大会) ----------------------- */

#define DRAWN 5

static const char *const duty_work[] = {
	"处置问题线索%d件,立案%d件,开展廉政谈话%d人次,对惠民资金发放开展专项检查",
	"处置问题线索%d件,立案%d件,约谈提醒%d人次,督促落实中央八项规定精神",
	"受理信访举报%d件,立案%d件,开展监督检查%d次,推动廉政风险防控措施落地",
	"处置问题线索%d件,办结案件%d件,运用监督执纪“第一种形态”处理%d人次",
};
static const char *const duty_lacks[] = {
	"存在监督执纪“四种形态”运用不够充分等不足",
	"存在协助党委落实主体责任的办法不多等不足",
	"存在案件查办力量不足、“转职能、转方式、转作风”不到位等不足",
};
static const struct { const char *question, *answer; } duty_questions[] = {
	{ "你是否还分管纪检监察以外的业务工作?", "已按要求不再分管其他业务,集中精力抓监督执纪问责。" },
	{ "今年对同级党委班子成员开展过监督吗?怎样开展的?", "列席党委会议并同步记录,对两名班子成员进行了提醒谈话。" },
	{ "你单位信访举报件的办结率是多少?群众满意吗?", "办结率百分之九十五,对不满意的两件进行了回访和复查。" },
	{ "对上级交办的问题线索是如何办理的?有没有超期?", "全部按期办结并报告结果,无超期情况。" },
	{ "村级“小微权力”监督有哪些具体措施?", "推行村务公开清单和村监委会月报制度,每季度抽查一次。" },
};

static int among(const int *a, int n, int v)
{
	for (int i = 0; i < n; i++)
		if (a[i] == v)
			return 1;
	return 0;
}

/* Discipline secretaries of towns, streets and departments: the holders of
 * their units' supervisory responsibility, as duty_draw_pool has them. */
static int secretary_ok(const demo_plan_ctx *c, int i)
{
	const demo_plan_unit *u = &c->units[c->people[i].unit];
	return u->supervisor == c->people[i].id && reporting_unit(u);
}

static int commission_member(demo_plan_ctx *c, int skip)
{
	int n = 0;
	for (int i = 0; i < c->npeople; i++)
		n += c->people[i].comm && i != skip;
	for (int i = 0, k = n ? demo_plan_below(c, n) : 0; n && i < c->npeople; i++)
		if (c->people[i].comm && i != skip && k-- == 0)
			return i;
	return -1;
}

static lz_status duty_report(demo_plan_ctx *c, int64_t meeting, int who, const char *rating, lz_err *err)
{
	char mb[24], pb[24], work[256], summary[512], questions[512];
	const demo_plan_person *p = &c->people[who];
	snprintf(work, sizeof work, duty_work[demo_plan_below(c, 4)], 8 + demo_plan_below(c, 20), 1 + demo_plan_below(c, 6),
		 10 + demo_plan_below(c, 40));
	snprintf(summary, sizeof summary, "%s%s述职:%s;%s。", c->units[p->unit].name, p->post, work,
		 duty_lacks[demo_plan_below(c, 3)]);
	int q1 = demo_plan_below(c, 5), q2 = (q1 + 1 + demo_plan_below(c, 4)) % 5;
	/* Two different members ask (a few tries: a district may have only one). */
	int a1 = commission_member(c, who), a2 = commission_member(c, who);
	for (int tries = 0; a2 == a1 && a1 >= 0 && tries < 8; tries++)
		a2 = commission_member(c, who);
	snprintf(questions, sizeof questions, "委员%s问:%s答:%s委员%s问:%s答:%s", a1 >= 0 ? c->people[a1].name : "",
		 duty_questions[q1].question, duty_questions[q1].answer, a2 >= 0 ? c->people[a2].name : "",
		 duty_questions[q2].question, duty_questions[q2].answer);
	return demo_plan_add(c, &kind_duty_report, NULL, err, "meeting", ID(mb, meeting), "person", ID(pb, p->id), "summary",
			     summary, "questions", questions, "rating", rating, NULL);
}

/* Five secretaries a year, none twice in a row; this year X26's, whose
 * commission was found weak (the 询 demo's interview), is among them. The
 * demo picks them from its own stream and leaves the meetings' draw empty:
 * duty_draw_run takes a fresh seed in a transaction of its own, and the
 * demo must come out the same every time. */
static lz_status duty_meetings(demo_plan_ctx *c, lz_err *err)
{
	int pool[200], n = 0, last[DRAWN] = { -1, -1, -1, -1, -1 };
	for (int i = 0; i < c->npeople && n < 200; i++)
		if (secretary_ok(c, i))
			pool[n++] = i;
	if (n < 2 * DRAWN)
		return LZ_OK;
	for (int year = c->year - 1; year <= c->year; year++) {
		char held[11], title[128];
		int64_t meeting = 0;
		demo_plan_in_year(c, year, 7, 16, held);
		snprintf(title, sizeof title, "%d年乡镇(街道)和区级部门纪委书记(纪检组长)述职大会", year);
		lz_status st = demo_plan_add(c, &kind_duty_meeting, &meeting, err, "held_on", held, "title", title,
					     "draw_count", "5", "note", "区纪委全委会委员现场询问评议", NULL);
		if (st)
			return st;
		int picked[DRAWN], weak = year == c->year ? find(c, "X26", "纪委书记") : -1;
		for (int k = 0; k < DRAWN; k++) {
			int who = weak;
			if (k || weak < 0)
				do
					who = pool[demo_plan_below(c, n)];
				while (among(picked, k, who) || among(last, DRAWN, who));
			picked[k] = who;
		}
		for (int k = 0; k < DRAWN; k++) {
			static const char *const usual[] = { "好", "好", "较好", "较好", "较好", "好" };
			const char *rating = picked[k] == weak ? "一般" : usual[demo_plan_below(c, 6)];
			if ((st = duty_report(c, meeting, picked[k], rating, err)))
				return st;
		}
		memcpy(last, picked, sizeof last);
	}
	return LZ_OK;
}

/* --- evaluations of last year's oral reporters (三述评议) ----------------------------- */

/* Principals whose units the other demo parts found wanting score lower. */
static const char *const weak_units[] = { "X23", "B38", "X10", "X08", "B18", "X21" };

static const char *const recipient_roles[][3] = {
	{ "群众代表", "村干部代表", "企业代表" },    /* towns and streets */
	{ "服务对象代表", "企业代表", "基层单位代表" },   /* departments */
};

static const char *evaluation_comment(demo_plan_ctx *c, int score)
{
	if (demo_plan_below(c, 3))
		return NULL;
	return score >= 90 ? "履职尽责,廉洁自律,管理服务对象认可度高"
		: score >= 75 ? "落实“一岗双责”较好,廉政风险防控还需加强"
			      : "对分管领域监督不够有力,问题整改落实不到位";
}

static lz_status evaluate(demo_plan_ctx *c, int who, int base, const char *group, const char *phase, int count,
			  lz_err *err)
{
	const demo_plan_person *p = &c->people[who];
	int dept = strcmp(c->units[p->unit].category, "区级部门") == 0, recipients = !strcmp(group, "管理服务对象");
	char used[12][64], pb[24], yb[8], sb[8], name[16], evaluator[64];
	int nused = 0;
	snprintf(yb, sizeof yb, "%d", c->year - 1);
	for (int k = 0; k < count && nused < 12; k++) {
		int again = 0, member = -1, tries = 0;
		do {
			if (recipients) {
				demo_name(&c->rng, name, sizeof name);
				snprintf(evaluator, sizeof evaluator, "%s(%s)", name, recipient_roles[dept][demo_plan_below(c, 3)]);
			} else {
				member = commission_member(c, who);
				snprintf(evaluator, sizeof evaluator, "%s", member >= 0 ? c->people[member].name : "");
			}
			again = 0;
			for (int j = 0; j < nused; j++)
				again |= strcmp(used[j], evaluator) == 0;
		} while (again && *evaluator && ++tries < 50);
		if (!*evaluator || again)
			break;
		snprintf(used[nused++], sizeof used[0], "%s", evaluator);
		/* Those served are a little harder to please than the members. */
		int score = base + demo_plan_below(c, 17) - 8 - (recipients ? 2 : 0);
		score = score < 60 ? 60 : score > 100 ? 100 : score;
		snprintf(sb, sizeof sb, "%d", score);
		lz_status st = demo_plan_add(c, &kind_evaluation, NULL, err, "person", ID(pb, p->id), "year", yb, "evaluator",
					     evaluator, "evaluator_group", group, "phase", phase, "score", sb, "comment",
					     evaluation_comment(c, score), NULL);
		if (st)
			return st;
	}
	return LZ_OK;
}

/* Before the plenary those served and a member or two mark each oral
 * reporter; on the spot more members and a recipient or two: 6 to 12 each. */
static lz_status evaluations(demo_plan_ctx *c, lz_err *err)
{
	for (int i = 0; i < c->npeople; i++) {
		if (!reports_orally(c, &c->people[i]))
			continue;
		int base = 80 + demo_plan_below(c, 15);
		for (size_t w = 0; w < sizeof weak_units / sizeof weak_units[0]; w++)
			if (strcmp(c->units[c->people[i].unit].code, weak_units[w]) == 0)
				base = 68 + demo_plan_below(c, 6);
		lz_status st;
		if ((st = evaluate(c, i, base, "管理服务对象", "会前", 2 + demo_plan_below(c, 3), err)) ||
		    (st = evaluate(c, i, base, "纪委委员", "会前", 1 + demo_plan_below(c, 2), err)) ||
		    (st = evaluate(c, i, base, "纪委委员", "会议现场", 2 + demo_plan_below(c, 3), err)) ||
		    (st = evaluate(c, i, base, "管理服务对象", "会议现场", 1 + demo_plan_below(c, 2), err)))
			return st;
	}
	return LZ_OK;
}

/* --- satisfaction surveys (满意度测评) ------------------------------------------------ */

#define SURVEY_YEARS 3
/* Hundredths for the years three, two and one back; 0: drawn like any
 * other unit's, from 84.00 up, so the set scores below stay at the bottom.
 * With satisfaction_low at 80 (below it is low):
 * X23, B38  low and bottom three two years running: to be held to account;
 * X27       low and bottom three, then bottom three at exactly 80.00;
 * X21, C14  low and bottom three last year only (X21 interviewed for it);
 * B29       low both years, but fourth from the bottom the year before;
 * B48, B36  low and bottom three the year before only;
 * G03, G08  tie for third from the bottom last year: four units in the
 *           bottom three of 公共服务行业. */
static const struct { const char *unit; int score[SURVEY_YEARS]; } survey_plan[] = {
	{ "X23", { 8150, 7642, 7715 } }, { "B38", { 8320, 7580, 7466 } }, { "X27", { 8230, 7850, 8000 } },
	{ "X21", { 0, 8630, 7890 } },    { "C14", { 0, 0, 7280 } },       { "B29", { 0, 7980, 7935 } },
	{ "B48", { 0, 7790, 8140 } },    { "B36", { 0, 7820, 0 } },       { "G04", { 0, 0, 8215 } },
	{ "G02", { 0, 0, 8310 } },       { "G03", { 0, 0, 8360 } },       { "G08", { 0, 0, 8360 } },
};

static int ranked_unit(const demo_plan_unit *u)
{
	static const char *const cats[] = { "乡镇", "街道", "区级部门", "公共服务行业", "村(社区)" };
	for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++)
		if (strcmp(u->category, cats[i]) == 0)
			return 1;
	return 0;
}

static lz_status surveys(demo_plan_ctx *c, lz_err *err)
{
	for (int u = 0; u < c->nunits; u++) {
		if (!ranked_unit(&c->units[u]))
			continue;
		const int *set = NULL;
		for (size_t i = 0; i < sizeof survey_plan / sizeof survey_plan[0]; i++)
			if (strcmp(c->units[u].code, survey_plan[i].unit) == 0)
				set = survey_plan[i].score;
		int village = strcmp(c->units[u].category, "村(社区)") == 0;
		/* A unit keeps roughly its standing from year to year. */
		int base = 8600 + demo_plan_below(c, 1000);
		for (int k = 0; k < SURVEY_YEARS; k++) {
			int score = base + demo_plan_below(c, 401) - 200;
			score = score < 8400 ? 8400 : score > 9800 ? 9800 : score;
			if (set && set[k])
				score = set[k];
			char ub[24], yb[8], sb[16], rb[8];
			snprintf(yb, sizeof yb, "%d", c->year - SURVEY_YEARS + k);
			snprintf(sb, sizeof sb, "%d.%02d", score / 100, score % 100);
			snprintf(rb, sizeof rb, "%d", village ? 100 + demo_plan_below(c, 101) : 150 + demo_plan_below(c, 251));
			lz_status st = demo_plan_add(c, &kind_survey, NULL, err, "unit", ID(ub, c->units[u].id), "year", yb,
						     "score", sb, "respondents", rb, NULL);
			if (st)
				return st;
		}
	}
	return LZ_OK;
}

/* --- vetting of cadres proposed for promotion (task 17) ----------------------------- */

/* The post a deputy is proposed for: the same title without 副, in the same
 * unit ("广福街道" + "街道办事处主任" reads 广福街道办事处主任). */
static void proposed_post(const demo_plan_ctx *c, int who, char *out, size_t n)
{
	const demo_plan_person *p = &c->people[who];
	const char *unit = c->units[p->unit].name, *post = p->post, *fu = strstr(post, "副");
	size_t ul = strlen(unit), sl = strlen("街道");
	if (ul >= sl && strcmp(unit + ul - sl, "街道") == 0 && strncmp(post, "街道", sl) == 0)
		post += sl;
	if (fu)
		snprintf(out, n, "%s%.*s%s", unit, (int)(fu - post), post, fu + strlen("副"));
	else
		snprintf(out, n, "%s党委副书记", unit);
}

static lz_status add_vetting(demo_plan_ctx *c, int who, int ago, const char *conclusion, int took, const char *note,
			     lz_err *err)
{
	char pb[24], post[160], on[11], done[11];
	proposed_post(c, who, post, sizeof post);
	demo_plan_day(c, -ago, on);
	date_add(on, took, done);
	demo_plan_clamp(c, done);
	return demo_plan_add(c, &kind_vetting, NULL, err, "person", ID(pb, c->people[who].id), "proposed_post", post,
			     "started_on", on, "conclusion", conclusion, "concluded_on", conclusion ? done : NULL, "note", note,
			     NULL);
}

/* Deputies of towns, streets and departments whose record the vetting can
 * draw on: rated well last year, with commitments or inquiries behind
 * them, and no case or accountability item; one per unit. */
static lz_status well_rated(demo_plan_ctx *c, int *out, int want, int *got, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&c->s->db,
		       "SELECT p.id FROM person p JOIN annual_review a ON a.person = p.id AND a.year = ?"
		       " WHERE p.principal = 0 AND p.team_member = 1 AND p.post LIKE '%副%'"
		       " AND a.overall IN ('优秀', '称职')"
		       " AND NOT EXISTS (SELECT 1 FROM case_file k WHERE k.subject = p.id)"
		       " AND NOT EXISTS (SELECT 1 FROM accountability x WHERE x.person = p.id)"
		       " ORDER BY a.overall = '优秀' DESC, (SELECT count(*) FROM commitment m WHERE m.person = p.id)"
		       " + (SELECT count(*) FROM inquiry i WHERE i.respondent = p.id) DESC, p.id",
		       &q, err);
	if (st)
		return st;
	sqlite3_bind_int(q, 1, c->year - 1);
	int n = 0;
	while (n < want && sqlite3_step(q) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		for (int i = 0; i < c->npeople; i++) {
			const demo_plan_person *p = &c->people[i];
			if (p->id != id || !reporting_unit(&c->units[p->unit]))
				continue;
			int same = 0;
			for (int j = 0; j < n; j++)
				same |= c->people[out[j]].unit == p->unit;
			if (!same)
				out[n++] = i;
		}
	}
	sqlite3_finalize(q);
	*got = n;
	return LZ_OK;
}

static lz_status vettings(demo_plan_ctx *c, lz_err *err)
{
	lz_status st;
	/* Held back by what the 查 and 考 demo records against them: a warning
	 * still in force (the case in 石笋镇) and a report copied for show. */
	int warned = find(c, "X05", "党委副书记"), copied = find(c, "X27", "纪委书记");
	if (warned >= 0 && (st = add_vetting(c, warned, 30, "暂缓提拔", 18,
					     "考察发现其受党内警告处分,处分影响期未满,按规定暂缓提拔", err)))
		return st;
	if (copied >= 0 && (st = add_vetting(c, copied, 42, "暂缓提拔", 15,
					     "“三述”报告照搬照抄被责令检查,落实监督责任情况评价为一般", err)))
		return st;
	static const struct { int ago, took; const char *conclusion, *note; } plan[] = {
		{ 75, 21, "同意提拔", "落实“一岗双责”情况良好,年度廉政考评称职以上,无反映其问题的信访举报" },
		{ 56, 19, "同意提拔", "签订廉政承诺并按时“三述”,分管领域未发生违纪问题" },
		{ 14, 0, NULL, "正在征求区纪委意见" },
		{ 5, 0, NULL, NULL },
	};
	int who[4], n = 0;
	if ((st = well_rated(c, who, 4, &n, err)))
		return st;
	for (int i = 0; i < n; i++)
		if ((st = add_vetting(c, who[i], plan[i].ago, plan[i].conclusion, plan[i].took, plan[i].note, err)))
			return st;
	return LZ_OK;
}

lz_status demo_plan_shuping(demo_plan_ctx *c, lz_err *err)
{
	lz_status st;
	if (!(st = reports(c, err)) && !(st = duty_meetings(c, err)) && !(st = evaluations(c, err)) &&
	    !(st = surveys(c, err)))
		st = vettings(c, err);
	return st;
}
