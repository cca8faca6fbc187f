/* demo_xun.c — demo records of 询 (tasks 5-9): meeting, written and online
 * inquiries, interviews and rectifications. Deadlines sit around today so
 * that some are answered on time, some late, some overdue and some due
 * within the week. */
#include "demo_plan.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "kinds_plan.h"
#include "settings.h"

#define ID(buf, v) demo_plan_id(buf, v)

/* Asked at the plenary after a principal's report, answered on the spot. */
static const struct { const char *question, *reply; } meeting_plan[] = {
	{ "你单位今年查处的违纪案件中,对主体责任人是如何追究责任的?",
	  "对相关责任人进行了约谈并在全单位通报,责任倒查已形成书面材料报区纪委。" },
	{ "你作为第一责任人,全年专题研究党风廉政建设工作几次?解决了哪些具体问题?",
	  "全年专题研究四次,重点解决了村级财务管理和工程项目监管问题。" },
	{ "群众反映你单位惠民资金发放公示不及时,你是如何督促整改的?",
	  "已督促分管领导限期补公示,并建立惠民资金发放台账,由纪委每季度抽查。" },
	{ "你单位班子成员落实“一岗双责”情况如何考核?考核结果怎么运用?",
	  "每半年开展一次“一岗双责”述职,考核结果与评优评先和干部使用挂钩。" },
	{ "你对下一级党组织主要负责人开展约谈提醒几次?发现了哪些苗头性问题?",
	  "约谈提醒十二人次,发现并纠正了公务接待不规范、村务公开滞后等问题。" },
	{ "你单位公务接待和公车使用方面存在哪些廉政风险?采取了什么防控措施?",
	  "存在接待清单不全、公车使用登记不规范的风险,已实行公务卡结算和派车单制度。" },
	{ "你单位“天成指数”排名靠后的原因是什么?下一步有何整改措施?",
	  "主要是征地拆迁遗留问题引发重复信访,已成立专班逐件化解,实行领导包案。" },
	{ "你如何支持纪(工)委聚焦监督执纪问责主业?",
	  "纪(工)委书记不再分管其他业务工作,办案经费单列,重要线索第一时间听取汇报。" },
};

static const char *const written_questions[] = {
	"请书面说明你分管领域落实“一岗双责”的具体措施及成效。",
	"请说明你分管的工程建设项目招投标监管情况,是否存在规避招标问题。",
	"请说明你本人及配偶、子女从业情况,以及遵守廉洁自律规定情况。",
	"请说明你分管科室公务接待、公务用车管理情况及存在的问题。",
	"请说明你分管领域廉政风险点排查和防控措施落实情况。",
	"请说明你单位落实中央八项规定精神和改进作风规定的情况。",
	"请说明你分管的专项资金使用和监管情况,是否存在截留挪用。",
	"请说明你对分管部门负责人开展廉政谈话和监督检查的情况。",
};

/* Commission members who ask: the commission's own and the town members. */
static int pick_asker(demo_plan_ctx *c, int skip)
{
	int n = 0;
	for (int i = 0; i < c->npeople; i++)
		n += c->people[i].comm && i != skip;
	int k = demo_plan_below(c, n);
	for (int i = 0; i < c->npeople; i++)
		if (c->people[i].comm && i != skip && k-- == 0)
			return i;
	return -1;
}

/* Leading cadres outside the leadership, the commission and the villages:
 * principals, or team members who are not. */
static int respondent_ok(const demo_plan_ctx *c, const demo_plan_person *p, int principal)
{
	const demo_plan_unit *u = &c->units[p->unit];
	if (strcmp(u->category, "区领导机关") == 0 || strcmp(u->category, "村(社区)") == 0 || strcmp(u->code, "B03") == 0)
		return 0;
	return principal ? p->principal : p->team && !p->principal;
}

/* The k-th pick from the candidates, stepping by a prime so that nearby k
 * land in different units. */
static int pick_respondent(demo_plan_ctx *c, int k, int principal)
{
	int n = 0;
	for (int i = 0; i < c->npeople; i++)
		n += respondent_ok(c, &c->people[i], principal);
	if (!n)
		return -1;
	int want = (int)(((long)k * 37) % n);
	for (int i = 0; i < c->npeople; i++)
		if (respondent_ok(c, &c->people[i], principal) && want-- == 0)
			return i;
	return -1;
}

static lz_status add_inquiry(demo_plan_ctx *c, const char *type, int asker, const char *pub, int respondent,
			     const char *question, const char *asked, const char *reply, const char *replied,
			     const char *published, lz_err *err)
{
	char ab[24], rb[24];
	return demo_plan_add(c, &kind_inquiry, NULL, err, "inquiry_type", type,
			     "asker", asker >= 0 ? ID(ab, c->people[asker].id) : NULL, "asker_public", pub,
			     "respondent", ID(rb, c->people[respondent].id), "question", question, "asked_on", asked,
			     "reply", reply, "replied_on", replied, "published_on", published, NULL);
}

/* Due offsets from today and reply offsets from the due date (NO_REPLY: none yet). */
#define NO_REPLY 9999
static const struct { int due, reply; } written_plan[] = {
	{ -60, -5 }, { -45, -2 }, { -30, 0 }, { -12, -6 },    /* answered on time */
	{ -50, 6 }, { -25, 3 }, { -8, 4 },                     /* answered late */
	{ -2, NO_REPLY }, { -9, NO_REPLY }, { -21, NO_REPLY }, /* overdue */
	{ 0, NO_REPLY }, { 4, NO_REPLY }, { 6, NO_REPLY },    /* due within the week */
	{ 11, NO_REPLY }, { 9, -10 },                          /* not due yet */
};
/* Online: the unit whose principal must answer on the website. */
static const struct { int due, reply; const char *who, *unit, *question; } online_plan[] = {
	{ -70, -3, "网民“清风徐来”", "X07", "我村低保评定为什么没有公示?请镇上给个说法。" },
	{ -40, -1, "群众张某", "B20", "小区旁边的工程招标是怎么定的?施工方是谁的关系?" },
	{ -20, 2, "网民“蜀道行”", "G04", "公交公司投诉电话长期打不通,投诉了也没人回复。" },
	{ -5, -4, "网民“渠江晓月”", "G05", "医院挂号收费项目不明白,希望公开收费标准。" },
	{ -3, NO_REPLY, "群众李某", "X13", "村里修路的钱花了多少,能不能在网上公开一下?" },
	{ 2, NO_REPLY, "网民“小平故里人”", "J03", "街道办事大厅经常找不到人,办个证跑了好几趟。" },
	{ 8, NO_REPLY, "网民“广安老乡”", "X15", "退耕还林补助今年什么时候发放?为什么比往年晚?" },
	{ -15, -10, "群众王某", "B48", "城管执法过程中态度粗暴,请纪委管一管。" },
};

static lz_status inquiries(demo_plan_ctx *c, lz_err *err)
{
	char asked[11], due[11], replied[11], pub[11];
	long days = 15;
	lz_status st = settings_get_int(c->s, "inquiry_reply_days", &days, err);
	if (st)
		return st;
	/* The plenary where principals report and commission members ask on the spot. */
	for (int i = 0; i < (int)(sizeof meeting_plan / sizeof meeting_plan[0]); i++) {
		int year = i < 6 ? c->year : c->year - 1;
		demo_plan_in_year(c, year, 1, year == c->year ? 22 : 24, asked);
		int r = pick_respondent(c, 3 + 5 * i, 1), a = pick_asker(c, r);
		if (r < 0)
			continue;
		if ((st = add_inquiry(c, "会议询问", a, NULL, r, meeting_plan[i].question, asked, meeting_plan[i].reply,
				      asked, NULL, err)))
			return st;
	}
	/* Written inquiries: asked so that the reply falls due on the planned
	 * day (the due date itself is filled in from the setting). */
	for (size_t i = 0; i < sizeof written_plan / sizeof written_plan[0]; i++) {
		demo_plan_day(c, written_plan[i].due - days, asked);
		demo_plan_day(c, written_plan[i].due, due);
		int r = pick_respondent(c, 7 + 4 * (int)i, 0), a = pick_asker(c, r);
		if (r < 0)
			continue;
		int answered = written_plan[i].reply != NO_REPLY;
		if (answered)
			date_add(due, written_plan[i].reply, replied);
		const char *q = written_questions[i % (sizeof written_questions / sizeof written_questions[0])];
		if ((st = add_inquiry(c, "书面询问", a, NULL, r, q, asked,
				      answered ? "已书面答复询问人,说明了具体措施和整改计划,询问人表示认可" : NULL,
				      answered ? replied : NULL, NULL, err)))
			return st;
	}
	/* Online inquiries from the public, answered on the website. */
	for (size_t i = 0; i < sizeof online_plan / sizeof online_plan[0]; i++) {
		demo_plan_day(c, online_plan[i].due - days, asked);
		demo_plan_day(c, online_plan[i].due, due);
		int r = demo_plan_person_find(c, demo_plan_unit_find(c, online_plan[i].unit), NULL);
		if (r < 0)
			continue;
		int answered = online_plan[i].reply != NO_REPLY;
		if (answered) {
			date_add(due, online_plan[i].reply, replied);
			date_add(replied, 1, pub);
			demo_plan_clamp(c, pub);
		}
		if ((st = add_inquiry(c, "网上询问", -1, online_plan[i].who, r, online_plan[i].question, asked,
				      answered ? "感谢您的监督。经核实,已责成相关科室限期整改,并将整改结果在网站公开。" : NULL,
				      answered ? replied : NULL, answered ? pub : NULL, err)))
			return st;
	}
	return LZ_OK;
}

/* --- interviews and rectifications ---------------------------------------------------- */

/* initiator: "L01" the district secretary, "B03" the commission's secretary,
 * "" the subject unit's own principal. post NULL: the unit's principal. */
static const struct {
	const char *trigger, *initiator, *unit, *post, *content, *follow;
	int ago;
} interview_plan[] = {
	{ "考核", "L01", "X23", NULL, "上年度党风廉政建设责任制考核排名靠后,指出责任分解不细、督促检查不力等问题",
	  "已制定整改方案,每月向区纪委报送整改进展", 240 },
	{ "考核", "L01", "B38", NULL, "上年度责任制考核等次为基本合格,要求主要负责人切实履行第一责任人职责",
	  "已召开专题民主生活会整改", 232 },
	{ "考核", "B03", "X26", "纪委书记", "乡纪委监督责任落实考核得分偏低,督促聚焦监督执纪问责主业", NULL, 225 },
	{ "社会评价", "B03", "G04", NULL, "社会评价中群众对公交线路服务投诉较多,要求限期整改", "已建立投诉限时办结制度", 180 },
	{ "社会评价", "B03", "B48", NULL, "社会评价反映城管执法方式简单粗暴,督促加强队伍作风建设", NULL, 150 },
	{ "满意度测评", "B03", "B29", NULL, "上年度党风政风行风群众满意度测评排名后三位,约谈主要负责人",
	  "已对照测评意见逐条整改", 200 },
	{ "满意度测评", "B03", "X21", NULL, "群众满意度测评排名靠后,便民服务中心办事效率低", "整改进行中", 120 },
	{ "重大案件", "L01", "B18", NULL, "该局原副局长严重违纪违法案件发生后,约谈主要负责人,督促落实“一案三查”",
	  "已开展警示教育,完善土地出让审批制度", 170 },
	{ "重大案件", "L01", "X08", NULL, "该镇村干部侵占惠民资金案件暴露出监管缺位,督促举一反三", NULL, 95 },
	{ "重信越访", "B03", "X12", NULL, "辖区因征地拆迁补偿问题连续发生重复信访和越级上访,约谈党政主要负责人和纪委书记",
	  "已集中化解信访积案三件", 130 },
	{ "日常", "B03", "X03", "纪委书记", "听取镇纪委落实监督责任情况,了解基层案件查办困难", NULL, 60 },
	{ "日常", "B03", "J05", "纪工委书记", "听取街道纪工委监督责任落实情况,收集意见建议", NULL, 45 },
	{ "日常", "", "X02", "党委副书记", "党委书记约谈班子成员,提醒其分管领域征地拆迁工作中的廉政风险", NULL, 30 },
	{ "日常", "", "B20", "副局长", "党组书记约谈班子成员,提醒其工程项目招投标监管责任", NULL, 20 },
	{ "日常", "B03", "B27", "纪检组长", "听取纪检组履行监督责任情况,强调医药购销领域廉政风险防控", NULL, 9 },
};

static lz_status interviews(demo_plan_ctx *c, int64_t *from_petitions, lz_err *err)
{
	char ub[24], sb[24], ib[24], day[11];
	lz_status st;
	for (size_t i = 0; i < sizeof interview_plan / sizeof interview_plan[0]; i++) {
		int u = demo_plan_unit_find(c, interview_plan[i].unit);
		int subj = demo_plan_person_find(c, u, interview_plan[i].post);
		const char *ic = interview_plan[i].initiator;
		int init = *ic ? demo_plan_person_find(c, demo_plan_unit_find(c, ic), NULL) : demo_plan_person_find(c, u, NULL);
		if (subj < 0 || init < 0)
			continue;
		int64_t id = 0;
		demo_plan_day(c, -interview_plan[i].ago, day);
		if ((st = demo_plan_add(c, &kind_interview, &id, err, "unit", ID(ub, c->units[u].id), "subject",
					ID(sb, c->people[subj].id), "initiator", ID(ib, c->people[init].id), "trigger",
					interview_plan[i].trigger, "held_on", day, "content", interview_plan[i].content,
					"follow_up", interview_plan[i].follow, NULL)))
			return st;
		if (strcmp(interview_plan[i].trigger, "重信越访") == 0)
			*from_petitions = id;
	}
	return LZ_OK;
}

/* deadline and closed: days from today; closed 0 = still open. One is
 * overdue from last year; this year's open ones are not yet near their
 * deadlines, so the dashboard shows their tasks in progress (blue). */
static const struct {
	const char *unit, *item, *source, *result;
	int deadline, closed, from_interview;
} rectification_plan[] = {
	{ "X12", "集中整治征地拆迁补偿款发放不规范问题", "重信越访约谈", "补偿款已全部按标准兑付并张榜公示", -60, -70, 1 },
	{ "B18", "健全土地出让审批环节廉政风险防控制度", "重大案件约谈", "已修订审批流程,实行集体会审", -30, -35, 0 },
	{ "C14", "村务公开不及时、惠民资金发放公示缺失", "村(社区)干部群众满意度评价", "已补公示并建立每月公开制度", -15, -20, 0 },
	{ "X21", "便民服务中心办事效率低、群众满意度不高", "党风政风行风群众满意度测评", NULL, -335, 0, 0 },
	{ "G04", "公交线路投诉处理不及时", "片组巡查", NULL, 15, 0, 0 },
	{ "B48", "城市管理执法中态度生硬、吃拿卡要苗头问题专项整治", "社会评价", NULL, 25, 0, 0 },
};

static lz_status rectifications(demo_plan_ctx *c, int64_t from_petitions, lz_err *err)
{
	char ub[24], ib[24], deadline[11], closed[11];
	lz_status st;
	for (size_t i = 0; i < sizeof rectification_plan / sizeof rectification_plan[0]; i++) {
		int u = demo_plan_unit_find(c, rectification_plan[i].unit);
		int done = rectification_plan[i].closed != 0;
		demo_plan_day(c, rectification_plan[i].deadline, deadline);
		demo_plan_day(c, rectification_plan[i].closed, closed);
		int linked = rectification_plan[i].from_interview && from_petitions;
		if ((st = demo_plan_add(c, &kind_rectification, NULL, err, "unit", ID(ub, c->units[u].id), "item",
					rectification_plan[i].item, "source", rectification_plan[i].source, "deadline",
					deadline, "result", rectification_plan[i].result, "closed_on", done ? closed : NULL,
					"interview", linked ? ID(ib, from_petitions) : NULL, NULL)))
			return st;
	}
	return LZ_OK;
}

lz_status demo_plan_xun(demo_plan_ctx *c, lz_err *err)
{
	int64_t from_petitions = 0;
	lz_status st;
	if ((st = inquiries(c, err)) || (st = interviews(c, &from_petitions, err)))
		return st;
	return rectifications(c, from_petitions, err);
}
