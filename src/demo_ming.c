/* demo_ming.c — demo records of 明 (tasks 1-4): the year's documents, the
 * "three letters", commitments, duty letters with their review and
 * signature, and risk-sign cards. */
#include "demo_plan.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "kinds_plan.h"

#define ID(buf, v) demo_plan_id(buf, v)

static int is_town(const demo_plan_unit *u)
{
	return strcmp(u->category, "乡镇") == 0 || strcmp(u->category, "街道") == 0;
}

static int is_street(const demo_plan_unit *u)
{
	return strcmp(u->category, "街道") == 0;
}

/* "龙台镇" → "龙台", "北辰街道" → "北辰": the short name used in document numbers. */
static void short_name(const demo_plan_unit *u, char *out, size_t n)
{
	static const char *const suffix[] = { "街道", "镇", "乡" };
	snprintf(out, n, "%s", u->name);
	size_t len = strlen(out);
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		size_t sl = strlen(suffix[i]);
		if (len > sl && strcmp(out + len - sl, suffix[i]) == 0) {
			out[len - sl] = '\0';
			return;
		}
	}
}

/* --- documents ------------------------------------------------------------------ */

/* Lead units' implementing measures (part 四(一)); this_year 0: last year's. */
static const struct {
	int this_year;
	const char *unit, *title, *prefix, *tasks;
	int month, day, number;
} measures[] = {
	{ 0, "B03", "广安区乡镇(街道)、区级部门党委(党组)书记向区纪委全委会报告个人执行党风廉政建设责任制情况实施办法",
	  "广区纪发", "19;21", 3, 28, 12 },
	{ 0, "B03", "广安区党风廉政建设“天成指数”预警约谈实施办法", "广区纪发", "8;9", 4, 10, 15 },
	{ 0, "B04", "广安区新提拔科级领导干部家庭财产申报试点工作实施办法", "广区组通", "11", 4, 22, 21 },
	{ 0, "B28", "关于加强审计结果分析和运用推动落实“两个责任”的实施办法", "广区审发", "14", 5, 8, 9 },
	{ 1, "B03", "广安区落实“两个责任”会议询问、书面询问和网上询问实施办法", "广区纪发", "5;6;7", 3, 18, 10 },
	{ 1, "B03", "广安区党风政风行风群众满意度测评结果运用办法", "广区纪发", "22;23", 4, 15, 14 },
	{ 1, "B04", "关于将拟提拔任用干部落实党风廉政建设责任制情况纳入考察内容的实施办法", "广区组通", "17", 4, 8, 18 },
	{ 1, "B04", "领导干部年度考核中落实党风廉政建设责任制情况考核实施办法", "广区组通", "18", 5, 20, 26 },
	{ 1, "B28", "重点专项资金和重大政府投资项目审计发现问题移送办法", "广区审发", "14", 6, 12, 7 },
};

static lz_status add_document(demo_plan_ctx *c, int u, int year, const char *type, const char *title,
			      const char *number, const char *issued, const char *tasks, const char *duties,
			      const char *note, lz_err *err)
{
	char ub[24], yb[8];
	snprintf(yb, sizeof yb, "%d", year);
	return demo_plan_add(c, &kind_document, NULL, err, "year", yb, "unit", ID(ub, c->units[u].id), "doc_type", type,
			     "title", title, "doc_number", number, "issued_on", issued, "tasks", tasks, "duties", duties,
			     "note", note, NULL);
}

static lz_status year_documents(demo_plan_ctx *c, int year, lz_err *err)
{
	char title[256], num[64], day[11];
	int committee = demo_plan_unit_find(c, "L01"), commission = demo_plan_unit_find(c, "B03");
	lz_status st;

	snprintf(title, sizeof title, "中共广安区委关于%d年党风廉政建设和反腐败工作的意见", year);
	snprintf(num, sizeof num, "广区委发〔%d〕5号", year);
	demo_plan_in_year(c, year, 2, 26, day);
	if ((st = add_document(c, committee, year, "党风廉政建设和反腐败工作意见", title, num, day, "1",
			       "二(一)1(1);二(一)1(2)", NULL, err)))
		return st;
	snprintf(title, sizeof title, "关于分解落实%d年党风廉政建设和反腐败工作任务的意见", year);
	snprintf(num, sizeof num, "广区纪发〔%d〕8号", year);
	demo_plan_in_year(c, year, 3, 6, day);
	if ((st = add_document(c, commission, year, "党风廉政建设和反腐败工作意见", title, num, day, "1;2;3",
			       "二(二)1", "随文附任务分解表,向牵头单位发出目标任务通知书", err)))
		return st;

	snprintf(title, sizeof title, "广安区%d年落实党委主体责任和纪委监督责任公开承诺", year);
	demo_plan_in_year(c, year, 3, 15, day);
	if ((st = add_document(c, committee, year, "公开承诺", title, NULL, day, NULL, NULL,
			       "在广安区纪检监察网和区政府公众信息网公开,接受社会监督(实施方案四(三))", err)))
		return st;
	snprintf(title, sizeof title, "区纪委监察局%d年履行监督责任公开承诺", year);
	demo_plan_in_year(c, year, 3, 20, day);
	if ((st = add_document(c, commission, year, "公开承诺", title, NULL, day, NULL, "二(二)1", NULL, err)))
		return st;

	for (size_t i = 0; i < sizeof measures / sizeof measures[0]; i++) {
		if (measures[i].this_year != (year == c->year))
			continue;
		snprintf(num, sizeof num, "%s〔%d〕%d号", measures[i].prefix, year, measures[i].number);
		demo_plan_in_year(c, year, measures[i].month, measures[i].day, day);
		if ((st = add_document(c, demo_plan_unit_find(c, measures[i].unit), year, "实施办法", measures[i].title,
				       num, day, measures[i].tasks, NULL, "实施方案四(一):牵头单位制定实施办法", err)))
			return st;
	}
	return LZ_OK;
}

/* Last year's year-end reports of every town and street, a few of them late
 * into January, and some reports heard by Party committees this year. */
static lz_status unit_documents(demo_plan_ctx *c, lz_err *err)
{
	char title[256], num[64], day[11], sn[64];
	int last = c->year - 1, n = 0;
	lz_status st;
	for (int u = 0; u < c->nunits; u++) {
		const demo_plan_unit *un = &c->units[u];
		if (!is_town(un))
			continue;
		const char *body = is_street(un) ? "党工委" : "党委";
		short_name(un, sn, sizeof sn);
		snprintf(title, sizeof title, "中共%s%s关于%d年度落实党风廉政建设责任制情况的报告", un->name, body, last);
		snprintf(num, sizeof num, "%s%s〔%d〕%d号", sn, is_street(un) ? "工委发" : "委发", last,
			 40 + demo_plan_below(c, 30));
		/* One in six reports late, in the new year. */
		if (demo_plan_below(c, 6) == 0)
			demo_plan_in_year(c, c->year, 1, 6 + demo_plan_below(c, 20), day);
		else
			demo_plan_in_year(c, last, 12, 10 + demo_plan_below(c, 18), day);
		if ((st = add_document(c, u, last, "年终落实情况报告", title, num, day, "1", "二(一)1(1)",
				       "报区委和区纪委", err)))
			return st;
		/* Every third town heard the first half-year's report in July. */
		if (n++ % 3 == 0) {
			snprintf(title, sizeof title, "%s%s会听取%d年上半年党风廉政建设工作情况汇报记录", un->name, body,
				 c->year);
			demo_plan_in_year(c, c->year, 7, 8 + demo_plan_below(c, 20), day);
			if ((st = add_document(c, u, c->year, "党委听取汇报记录", title, NULL, day, NULL, "二(一)1(9)",
					       "纪(工)委书记汇报,党委书记主持", err)))
				return st;
		}
	}
	static const char *const heard[] = { "B13", "B16", "B20", "B27", "B12" };
	for (size_t i = 0; i < sizeof heard / sizeof heard[0]; i++) {
		int u = demo_plan_unit_find(c, heard[i]);
		snprintf(title, sizeof title, "%s党组(党委)会听取%d年党风廉政建设工作情况汇报记录", c->units[u].name,
			 c->year);
		demo_plan_in_year(c, c->year, 6, 20 + 9 * (int)i, day);
		if ((st = add_document(c, u, c->year, "党委听取汇报记录", title, NULL, day, NULL, "二(一)1(9)",
				       "纪检组长汇报", err)))
			return st;
	}
	return LZ_OK;
}

/* --- letters ----------------------------------------------------------------------- */

static lz_status add_letter(demo_plan_ctx *c, const char *type, int year, int u, int person, const char *tasks,
			    const char *content, const char *issued, const char *received, const char *ack,
			    const char *due, const char *state, const char *done, int64_t source, int64_t *id, lz_err *err)
{
	char ub[24], pb[24], sb[24], yb[8];
	snprintf(yb, sizeof yb, "%d", year);
	return demo_plan_add(c, &kind_letter, id, err, "letter_type", type, "year", yb,
			     "unit", u >= 0 ? ID(ub, c->units[u].id) : NULL,
			     "person", person >= 0 ? ID(pb, c->people[person].id) : NULL, "tasks", tasks,
			     "content", content, "issued_on", issued, "received_on", received, "acknowledged_on", ack,
			     "due", due, "state", state, "done_on", done, "source_letter", source ? ID(sb, source) : NULL,
			     NULL);
}

/* 责任分工告知书 to every member of the district's leadership. */
static lz_status notices_to_leaders(demo_plan_ctx *c, lz_err *err)
{
	char issued[11], recv[11], ack[11], content[256];
	int n = 0;
	demo_plan_in_year(c, c->year, 3, 10, issued);
	for (int i = 0; i < c->npeople; i++) {
		const demo_plan_person *p = &c->people[i];
		if (strcmp(c->units[p->unit].category, "区领导机关") != 0 || !(p->principal || p->team))
			continue;
		snprintf(content, sizeof content, p->principal
			 ? "%s:履行党风廉政建设第一责任人职责,对%d年党风廉政建设和反腐败工作负总责,重要工作亲自部署、重大问题亲自过问"
			 : "%s:按照工作分工落实“一岗双责”,对%d年分管领域党风廉政建设负主要领导责任,定期研究、布置、检查和报告",
			 p->post, c->year);
		date_add(issued, 2 + demo_plan_below(c, 5), recv);
		date_add(recv, 1 + demo_plan_below(c, 4), ack);
		demo_plan_clamp(c, recv);
		demo_plan_clamp(c, ack);
		/* One leader has not signed for it yet. */
		int pending = n++ == 7;
		lz_status st = add_letter(c, "责任分工告知书", c->year, -1, i, p->principal ? "1;3;8" : "3;4", content, issued,
					  pending ? NULL : recv, pending ? NULL : ack, NULL, pending ? "已发出" : "已签收",
					  NULL, 0, NULL, err);
		if (st)
			return st;
	}
	return LZ_OK;
}

/* 目标任务通知书 this year to the lead units and some co-units: due is days
 * from today; done_ago > 0 closed it that many days ago; received 0: not
 * signed for yet. The commission leads every task but 18 (as 区纪委 also 20). */
static const struct {
	const char *unit, *tasks, *content;
	int due, received, done_ago;
} this_year_notices[] = {
	{ "B03", "1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;19;20;21;22;23", "牵头落实明询查考述评六步工作法各项任务,按季度报送进展", 34, 1, 0 },
	{ "B04", "11;17;18", "牵头落实新提拔科级领导干部家庭财产申报、拟提拔干部廉政考察和领导干部年度考核", -12, 1, 0 },
	{ "B28", "14", "牵头加强经济责任审计结果分析运用,移送审计发现的违纪违法问题线索", -40, 1, 45 },
	{ "B01", "1;3;4;8;12;19", "协助落实三书、签字背书、廉政风险迹象告知、约谈和三述工作", 5, 1, 0 },
	{ "B02", "1;3;4;12;19", "协助落实政府系统责任分工、签字背书和片组巡查工作", -20, 1, 22 },
	{ "B32", "16;22;23", "协助完善责任制考核办法,组织党风政风行风群众满意度测评", -3, 0, 0 },
	{ "B08", "3;4;12", "协助落实区直机关责任书签订、廉政风险迹象告知和监督检查", 20, 1, 0 },
};

static lz_status notices_to_units(demo_plan_ctx *c, lz_err *err)
{
	char issued[11], recv[11], due[11], done[11], content[256];
	lz_status st;
	demo_plan_in_year(c, c->year, 3, 12, issued);
	for (size_t i = 0; i < sizeof this_year_notices / sizeof this_year_notices[0]; i++) {
		int u = demo_plan_unit_find(c, this_year_notices[i].unit);
		date_add(issued, 3 + (long)i % 4, recv);
		demo_plan_clamp(c, recv);
		demo_plan_day(c, this_year_notices[i].due, due);
		demo_plan_day(c, -this_year_notices[i].done_ago, done);
		int closed = this_year_notices[i].done_ago > 0, got = this_year_notices[i].received;
		snprintf(content, sizeof content, "%d年目标任务:%s", c->year, this_year_notices[i].content);
		if ((st = add_letter(c, "目标任务通知书", c->year, u, -1, this_year_notices[i].tasks, content, issued,
				     got ? recv : NULL, got ? recv : NULL, due, closed ? "已办结" : got ? "已签收" : "已发出",
				     closed ? done : NULL, 0, NULL, err)))
			return st;
	}

	/* Last year: everything closed, one of them only after a 督办书. */
	static const struct { const char *unit, *tasks; } last_year[] = {
		{ "B03", "1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;19;20;21;22;23" }, { "B04", "11;17;18" }, { "B28", "14" },
		{ "B01", "1;3;4;8;12;19" }, { "B02", "1;3;4;12;19" },
	};
	int last = c->year - 1;
	char ack[11];
	for (size_t i = 0; i < sizeof last_year / sizeof last_year[0]; i++) {
		int u = demo_plan_unit_find(c, last_year[i].unit);
		int late = strcmp(last_year[i].unit, "B04") == 0;
		int64_t id = 0;
		demo_plan_in_year(c, last, 3, 14, issued);
		demo_plan_in_year(c, last, 3, 18, recv);
		demo_plan_in_year(c, last, late ? 9 : 12, late ? 30 : 15, due);
		demo_plan_in_year(c, last, late ? 11 : 12, late ? 25 : 5 + 2 * (int)i, done);
		snprintf(content, sizeof content, "%d年目标任务:牵头或协助落实实施方案第三部分所列任务", last);
		if ((st = add_letter(c, "目标任务通知书", last, u, -1, last_year[i].tasks, content, issued, recv, recv, due,
				     "已办结", done, 0, &id, err)))
			return st;
		if (!late)
			continue;
		demo_plan_in_year(c, last, 10, 15, issued);
		demo_plan_in_year(c, last, 10, 17, recv);
		demo_plan_in_year(c, last, 10, 18, ack);
		demo_plan_in_year(c, last, 11, 15, due);
		demo_plan_in_year(c, last, 11, 20, done);
		snprintf(content, sizeof content,
			 "%d年目标任务通知书所列新提拔科级领导干部家庭财产申报试点工作进展滞后,请于%s前落实到位并书面报告", last,
			 due);
		if ((st = add_letter(c, "任务落实督办书", last, u, -1, "11", content, issued, recv, ack, due, "已办结", done,
				     id, NULL, err)))
			return st;
	}
	return LZ_OK;
}

/* --- commitments ------------------------------------------------------------------- */

static lz_status commitments(demo_plan_ctx *c, lz_err *err)
{
	char pb[24], yb[8], day[11];
	lz_status st;
	snprintf(yb, sizeof yb, "%d", c->year);
	for (int i = 0; i < c->npeople; i++) {
		const demo_plan_person *p = &c->people[i];
		/* About one leading cadre in twelve has not signed this year's yet. */
		if (!(p->principal || p->team) || demo_plan_below(c, 12) == 0)
			continue;
		demo_plan_in_year(c, c->year, 1, 8 + demo_plan_below(c, 50), day);
		if ((st = demo_plan_add(c, &kind_commitment, NULL, err, "commitment_type", "年度责任承诺书", "person",
					ID(pb, p->id), "year", yb, "signed_on", day, "content",
					p->principal ? "履行党风廉政建设第一责任人职责,管好班子、带好队伍、管好自己"
						     : "落实“一岗双责”,抓好分管范围内党风廉政建设,严守廉洁自律规定",
					NULL)))
			return st;
	}
	/* Newly promoted cadres commit before taking up the post. */
	for (int i = 0; i < c->npeople; i++) {
		const demo_plan_person *p = &c->people[i];
		if (!*p->promoted_on || strcmp(p->promoted_on, c->s->today) > 0)
			continue;
		date_add(p->promoted_on, -2 - demo_plan_below(c, 7), day);
		snprintf(yb, sizeof yb, "%.4s", day);
		if ((st = demo_plan_add(c, &kind_commitment, NULL, err, "commitment_type", "任前廉政承诺", "person",
					ID(pb, p->id), "year", yb, "signed_on", day, "content",
					"任职前向组织承诺:严格遵守廉洁从政各项规定,不以权谋私,不收受礼金礼品,管好亲属和身边工作人员",
					NULL)))
			return st;
	}
	/* Six commitments: every other discipline secretary who sits on the
	 * commission (four of them), then two of the commission's own members. */
	int n = 0;
	for (int pass = 0; pass < 2; pass++) {
		int want = pass ? 6 : 4, k = 0;
		for (int i = 0; i < c->npeople && n < want; i++) {
			const demo_plan_person *p = &c->people[i];
			int own = strcmp(c->units[p->unit].code, "B03") == 0;
			if (!p->comm || (pass ? !own || p->team : own || !p->disc || k++ % 2))
				continue;
			int year = n % 2 ? c->year - 1 : c->year;
			snprintf(yb, sizeof yb, "%d", year);
			demo_plan_in_year(c, year, 2 + n, 5 + 3 * n, day);
			n++;
			if ((st = demo_plan_add(c, &kind_commitment, NULL, err, "commitment_type", "新任纪检监察干部六项承诺",
						"person", ID(pb, p->id), "year", yb, "signed_on", day, "content",
						"忠诚履职、秉公执纪、严守秘密、廉洁自律、接受监督、敢于担当", NULL)))
				return st;
		}
	}
	return LZ_OK;
}

/* --- duty letters and their review and signature ---------------------------------------- */

static lz_status duty_letters(demo_plan_ctx *c, lz_err *err)
{
	char rb[24], ob[24], ub[24], yb[8], day[11], content[256];
	int secretary = demo_plan_person_find(c, demo_plan_unit_find(c, "L01"), NULL), n = 0;
	lz_status st;
	snprintf(yb, sizeof yb, "%d", c->year);
	for (int u = 0; u < c->nunits; u++) {
		const demo_plan_unit *un = &c->units[u];
		int dept = strcmp(un->category, "区级部门") == 0;
		/* The district signs with every town and street and with a third
		 * of the departments; each of those signs down to its team. */
		if (!is_town(un) && !(dept && n++ % 3 == 0))
			continue;
		int head = demo_plan_person_find(c, u, NULL);
		if (head < 0)
			continue;
		demo_plan_in_year(c, c->year, 2, 20 + demo_plan_below(c, 10), day);
		snprintf(content, sizeof content, "%d年度党风廉政建设责任书:区委与%s签订,明确领导班子、主要负责人和班子成员责任",
			 c->year, un->name);
		if ((st = demo_plan_add(c, &kind_duty_letter, NULL, err, "year", yb, "responsible",
					ID(rb, c->people[secretary].id), "object_person", ID(ob, c->people[head].id),
					"object_unit", ID(ub, un->id), "signed_on", day, "content", content, NULL)))
			return st;
		for (int i = 0; i < c->npeople; i++) {
			const demo_plan_person *p = &c->people[i];
			if (p->unit != u || !p->team || i == head)
				continue;
			demo_plan_in_year(c, c->year, 3, 1 + demo_plan_below(c, 20), day);
			snprintf(content, sizeof content, "%d年度党风廉政建设责任书:%s对分管领域党风廉政建设负主要领导责任",
				 c->year, p->post);
			/* Now and then one is still waiting for its signature. */
			int unsigned_yet = demo_plan_below(c, 60) == 0;
			if ((st = demo_plan_add(c, &kind_duty_letter, NULL, err, "year", yb, "responsible",
						ID(rb, c->people[head].id), "object_person", ID(ob, p->id), "signed_on",
						unsigned_yet ? NULL : day, "content", content, NULL)))
				return st;
		}
	}
	return LZ_OK;
}

static const char *const principal_opinions[] = {
	"同意。分工明确、责任到人,请各班子成员按照“一岗双责”抓好落实。",
	"已审阅,同意。任务分解具体,请纪委加强督促检查。",
	"同意。请对照年度目标任务逐项推进,年底前报告落实情况。",
};
static const char *const supervisor_opinions[] = {
	"已审阅。将按季度对各项责任落实情况开展监督检查。",
	"同意。建议进一步细化村(社区)层面的责任分解。",
	"已审阅,无异议。纪委将跟踪问效。",
};

static lz_status add_endorsement(demo_plan_ctx *c, int u, int year, const char *what, int month, lz_err *err)
{
	char ub[24], yb[8], pday[11], sday[11];
	/* One in nine misses one of the two signatures. */
	int miss = demo_plan_below(c, 9) == 0 ? 1 + demo_plan_below(c, 2) : 0;
	int day = 1 + demo_plan_below(c, 25);
	demo_plan_in_year(c, year, month, day, pday);
	demo_plan_in_year(c, year, month, day + 1 + demo_plan_below(c, 4), sday);
	const char *po = principal_opinions[demo_plan_below(c, 3)], *so = supervisor_opinions[demo_plan_below(c, 3)];
	snprintf(yb, sizeof yb, "%d", year);
	return demo_plan_add(c, &kind_endorsement, NULL, err, "year", yb, "unit", ID(ub, c->units[u].id),
			     "document_kind", what, "principal_opinion", miss == 1 ? NULL : po,
			     "principal_signed_on", miss == 1 ? NULL : pday, "supervisor_opinion", miss == 2 ? NULL : so,
			     "supervisor_signed_on", miss == 2 ? NULL : sday, NULL);
}

static lz_status endorsements(demo_plan_ctx *c, lz_err *err)
{
	lz_status st;
	int depts = 0;
	for (int u = 0; u < c->nunits; u++) {
		const demo_plan_unit *un = &c->units[u];
		if (is_town(un)) {
			if ((st = add_endorsement(c, u, c->year, "责任分工", 2, err)) ||
			    (st = add_endorsement(c, u, c->year, "责任分解", 3, err)) ||
			    (st = add_endorsement(c, u, c->year - 1, "年终工作总结报告", 12, err)))
				return st;
		} else if (strcmp(un->category, "区级部门") == 0 && depts++ < 10) {
			if ((st = add_endorsement(c, u, c->year, "责任分工", 3, err)))
				return st;
		}
	}
	return LZ_OK;
}

/* --- risk-sign cards ----------------------------------------------------------------- */

static const struct { const char *unit, *post, *signs; } risk_signs[] = {
	{ "B20", "副局长", "工程项目招投标把关不严,存在围标串标苗头" },
	{ "B21", "副局长", "农村公路建设项目质量监管不到位,验收走过场" },
	{ "B14", "副局长", "城乡低保审核把关不严,有人情保、关系保反映" },
	{ "B36", "副局长", "公务接待超标准苗头,接待清单与公函不符" },
	{ "B16", "副局长", "惠民资金发放公示不及时,资金拨付进度滞后" },
	{ "B18", "副局长", "土地出让审批环节廉政风险点防控措施不落实" },
	{ "B30", "副局长", "行政执法自由裁量权使用不规范,处罚标准不一" },
	{ "B27", "副局长", "药品耗材采购议价不透明,与供应商往来密切" },
	{ "B12", "副局长", "教辅材料征订中存在变相摊派苗头" },
	{ "B23", "副局长", "农机购置补贴申报审核不严,存在虚报冒领风险" },
	{ "B37", "副局长", "扶贫项目资金使用公示不完整,群众反映较多" },
	{ "X01", "副镇长", "场镇建设项目工程变更签证不规范" },
	{ "X02", "副镇长", "征地拆迁补偿款发放台账不清" },
	{ "X10", "副镇长", "惠民资金发放公示不及时,存在优亲厚友反映" },
	{ "X12", "副镇长", "危房改造补助对象评定程序不规范" },
	{ "J02", "街道办事处副主任", "辖区门面租赁收入管理不规范,未纳入账内核算" },
	{ "J04", "街道办事处副主任", "公务用车使用登记不全,有公车私用苗头" },
	{ "X15", "副乡长", "退耕还林补助资金兑付不及时" },
	{ "X20", "副乡长", "村级财务代理记账票据审核不严" },
	{ "G05", "副院长", "医疗设备采购论证不充分,存在指定品牌倾向" },
	{ "G02", "副总经理", "工程安装收费项目未公示,群众投诉较多" },
};

static lz_status risk_cards(demo_plan_ctx *c, lz_err *err)
{
	char pb[24], day[11];
	lz_status st;
	for (size_t i = 0; i < sizeof risk_signs / sizeof risk_signs[0]; i++) {
		int p = demo_plan_person_find(c, demo_plan_unit_find(c, risk_signs[i].unit), risk_signs[i].post);
		if (p < 0)
			continue;
		long ago = 12 + (long)i * 14 + demo_plan_below(c, 10);
		demo_plan_day(c, -ago, day);
		/* Older cards have been followed up; the newest are still open. */
		const char *follow = ago > 90 ? "主体责任人和监督责任人当面告知,责任对象作出书面说明并制定整改措施,纪委跟踪回访"
			: ago > 40 ? "已当面告知,责任对象正在整改,纪委一个月后回访" : NULL;
		const char *result = ago > 90 ? (i % 4 == 0 ? "经核查问题属实,给予诫勉谈话并完成整改" : "已整改到位")
			: ago > 40 ? "整改中" : NULL;
		if ((st = demo_plan_add(c, &kind_risk_card, NULL, err, "person", ID(pb, c->people[p].id), "issued_on", day,
					"signs", risk_signs[i].signs, "follow_up", follow, "result", result, NULL)))
			return st;
	}
	return LZ_OK;
}

lz_status demo_plan_ming(demo_plan_ctx *c, lz_err *err)
{
	lz_status st;
	if ((st = year_documents(c, c->year - 1, err)) || (st = year_documents(c, c->year, err)) ||
	    (st = unit_documents(c, err)) || (st = notices_to_leaders(c, err)) || (st = notices_to_units(c, err)) ||
	    (st = commitments(c, err)) || (st = duty_letters(c, err)) || (st = endorsements(c, err)))
		return st;
	return risk_cards(c, err);
}
