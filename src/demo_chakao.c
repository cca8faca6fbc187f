/* demo_chakao.c — demo records of 查 and 考 (tasks 10-16, 18): cases at every
 * stage with their dual reports, asset declarations of newly promoted cadres,
 * checks, synchronous meeting records, audit findings, last year's
 * assessments and annual reviews, and accountability items entered by hand.
 * The rules add what they derive (一案三查, serious audit findings) when the
 * demo's batch ends. Cases that the 询 demo already speaks of (the serious
 * ones in 区国土资源分局 and 兴平镇, the units interviewed after last year's
 * assessment) are made to match. */
#include "demo_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"
#include "settings.h"

#define ID(buf, v) demo_plan_id(buf, v)

/* The n-th person (from 0) of unit u whose post starts with prefix, or -1. */
static int person_nth(const demo_plan_ctx *c, int u, const char *prefix, int n)
{
	for (int i = 0; u >= 0 && i < c->npeople; i++)
		if (c->people[i].unit == u && strncmp(c->people[i].post, prefix, strlen(prefix)) == 0 && n-- == 0)
			return i;
	return -1;
}

/* The unit's discipline secretary (纪委书记, 纪工委书记, 纪检组长), or -1. */
static int secretary_of(const demo_plan_ctx *c, int u)
{
	for (int i = 0; i < c->npeople; i++)
		if (c->people[i].unit == u && c->people[i].disc)
			return i;
	return -1;
}

static int is_assessed(const demo_plan_unit *u)
{
	return strcmp(u->category, "乡镇") == 0 || strcmp(u->category, "街道") == 0 || strcmp(u->category, "区级部门") == 0;
}

/* --- cases ----------------------------------------------------------------------- */

/* In the order of case_stages; the first five are also the dated slots. */
enum { CLUE, VERIFY, FILED, TRIAL, CLOSED, ENDED, NSLOT = 5 };
static const char *const slot_stem[NSLOT] = { "clue", "verify", "filed", "trial", "closed" };
/* Dual reports deliberately left out: to the Party committee, to the higher commission. */
#define MP(s) (1u << (2 * (s)))
#define MH(s) (1u << (2 * (s) + 1))

/* post NULL: the subject is not in the register (a village cadre of a
 * village the demo does not list), so the unit is given. stage ENDED (了结)
 * after the stage reached; ago: days since the latest stage's date. */
static const struct case_plan {
	const char *unit, *post;
	int nth;
	const char *source, *category;
	int serious, stage, reached, ago;
	unsigned miss;
	const char *summary, *result;
	int published;
} case_plan[] = {
	{ "B18", "副局长", 1, "信访举报", "贪污贿赂", 1, CLOSED, 0, 185, 0,
	  "利用土地出让审批职务便利为他人谋取利益,收受财物共计86万元", "开除党籍、开除公职,涉嫌犯罪问题移送司法机关", 1 },
	{ "X08", NULL, 0, "信访举报", "贪污贿赂", 1, TRIAL, 0, 40, 0,
	  "兴平镇某村党支部书记虚报冒领、侵占惠民补贴资金23.6万元", NULL, 0 },
	{ "B20", "副局长", 0, "巡查", "贪污贿赂", 1, FILED, 0, 20, 0,
	  "在工程项目招投标中为投标人围标串标提供帮助,收受好处费", NULL, 0 },
	{ "X13", "副镇长", 0, "上级交办", "贪污贿赂", 1, CLOSED, 0, 360, MH(CLUE),
	  "在村道公路建设项目中收受施工方财物,插手工程分包", "开除党籍,涉嫌受贿犯罪移送司法机关", 0 },
	{ "X05", "党委副书记", 0, "信访举报", "违反作风规定", 0, CLOSED, 0, 60, MH(CLOSED),
	  "违规操办儿子婚宴,收受管理服务对象礼金", "党内警告", 0 },
	{ "B36", "副局长", 0, "巡查", "违反作风规定", 0, CLOSED, 0, 120, MH(CLUE),
	  "超标准公务接待,以会议费名义报销接待费用4.3万元", "严重警告", 0 },
	{ "J04", "街道办事处副主任", 0, "同步记录", "违反作风规定", 0, CLOSED, 0, 90, 0,
	  "长期公车私用,节假日驾驶公务用车办理私事", "政务记过", 0 },
	{ "B23", "副局长", 0, "审计", "失职渎职", 0, CLOSED, 0, 150, 0,
	  "农机购置补贴审核把关不严,致使补贴资金15.4万元被重复申报领取", "撤销党内职务", 0 },
	{ "X10", "党委书记", 0, "上级交办", "不落实“两个责任”", 0, CLOSED, 0, 45, 0,
	  "履行主体责任不力,辖区连续发生村干部违纪问题,对重复信访问题化解不力", "党内警告", 0 },
	{ "C14", "村委会主任", 0, "信访举报", "贪污贿赂", 0, CLOSED, 0, 75, 0,
	  "虚报危房改造补助对象,套取补助资金2.1万元", "严重警告", 0 },
	{ "G02", "副总经理", 0, "巡查", "违反作风规定", 0, CLOSED, 0, 260, MP(FILED),
	  "工程安装中擅自设立收费项目,对群众投诉推诿扯皮", "政务警告", 0 },
	{ "X27", "副乡长", 0, "巡查", "违反廉洁自律规定", 0, CLOSED, 0, 20, 0,
	  "违规在辖区企业兼职并领取报酬", "党内警告", 0 },
	{ "G05", "副院长", 0, "信访举报", "违反廉洁自律规定", 0, TRIAL, 0, 12, 0,
	  "收受医疗器械供应商礼金,在设备采购论证中指定品牌", NULL, 0 },
	{ "X21", "乡长", 0, "上级交办", "失职渎职", 0, TRIAL, 0, 28, 0,
	  "安全生产监管职责不落实,辖区发生一起较大道路交通事故", NULL, 0 },
	{ "B27", "副局长", 0, "信访举报", "贪污贿赂", 0, FILED, 0, 3, MP(FILED) | MH(FILED),
	  "在药品耗材议价采购中收受供应商回扣", NULL, 0 },
	{ "X20", "副乡长", 0, "巡查", "失职渎职", 0, FILED, 0, 50, 0,
	  "村级财务代理记账审核把关不严,致使村集体资金被挪用", NULL, 0 },
	{ "X26", "党委副书记", 0, "其他", "腐化堕落", 0, FILED, 0, 8, 0, "与他人长期保持不正当关系", NULL, 0 },
	{ "B14", "副局长", 0, "信访举报", "违反廉洁自律规定", 0, VERIFY, 0, 25, 0,
	  "反映其在城乡低保审核中优亲厚友,为亲属办理人情保", NULL, 0 },
	{ "X15", "副乡长", 0, "信访举报", "失职渎职", 0, VERIFY, 0, 2, MP(VERIFY) | MH(VERIFY),
	  "反映退耕还林补助资金长期滞留未兑付", NULL, 0 },
	{ "B30", "副局长", 0, "同步记录", "徇私枉法", 0, VERIFY, 0, 35, 0,
	  "反映其在行政处罚案件中违规减免罚款,为亲友说情", NULL, 0 },
	{ "B04", "副部长", 0, "信访举报", "买官卖官", 0, VERIFY, 0, 70, 0,
	  "反映其在干部选拔任用考察中收受他人财物", NULL, 0 },
	{ "J02", "街道办事处副主任", 0, "信访举报", "违反廉洁自律规定", 0, CLUE, 0, 15, 0,
	  "反映其经手的门面租赁收入未入账,去向不明", NULL, 0 },
	{ "B48", "副局长", 0, "信访举报", "违反作风规定", 0, CLUE, 0, 9, 0, "反映城管执法中态度粗暴、吃拿卡要", NULL, 0 },
	{ "C07", "村党支部书记", 0, "信访举报", "其他", 0, CLUE, 0, 1, MP(CLUE) | MH(CLUE),
	  "反映村集体土地流转收益分配不公开", NULL, 0 },
	{ "X02", "副镇长", 0, "信访举报", "贪污贿赂", 0, ENDED, VERIFY, 100, 0, "反映其截留征地补偿款",
	  "经初步核实,反映问题失实,予以了结,并向本人所在党组织说明情况、为其澄清", 0 },
	{ "B12", "副局长", 0, "信访举报", "违反廉洁自律规定", 0, ENDED, CLUE, 210, 0, "匿名反映其收受教辅材料供应商好处",
	  "反映问题笼统、无具体线索,不具备可查性,经集体研究予以了结", 0 },
};
#define NCASES ((int)(sizeof case_plan / sizeof case_plan[0]))

typedef struct case_dates {
	int reached[NSLOT];
	char on[NSLOT][11], party[NSLOT][11], higher[NSLOT][11];
} case_dates;

/* Days between a stage and the one before it, by the later stage. */
static long stage_gap(demo_plan_ctx *c, int slot, int ended)
{
	switch (slot) {
	case VERIFY: return 7 + demo_plan_below(c, 14);
	case FILED: return 15 + demo_plan_below(c, 26);
	case TRIAL: return 30 + demo_plan_below(c, 41);
	default: return 10 + demo_plan_below(c, ended ? 31 : 21);
	}
}

/* Dates laid back from the latest stage; each report a few days after its
 * stage unless left out, or not yet made when those days are still to come
 * (which keeps them within dual_report_days, as the delays are shorter). */
static void plan_dates(demo_plan_ctx *c, const struct case_plan *p, case_dates *d)
{
	memset(d, 0, sizeof *d);
	int ended = p->stage == ENDED, last = ended ? CLOSED : p->stage;
	for (int s = 0; s <= (ended ? p->reached : last); s++)
		d->reached[s] = 1;
	d->reached[last] = 1;
	demo_plan_day(c, -p->ago, d->on[last]);
	for (int s = last, prev; s > CLUE; s = prev) {
		for (prev = s - 1; !d->reached[prev]; prev--)
			;
		date_add(d->on[s], -stage_gap(c, s, ended), d->on[prev]);
	}
	for (int s = 0; s < NSLOT; s++) {
		if (!d->reached[s])
			continue;
		long dp = 1 + demo_plan_below(c, 3), dh = 1 + demo_plan_below(c, 4);
		date_add(d->on[s], dp, d->party[s]);
		date_add(d->on[s], dh, d->higher[s]);
		if ((p->miss & MP(s)) || strcmp(d->party[s], c->s->today) > 0)
			d->party[s][0] = '\0';
		if ((p->miss & MH(s)) || strcmp(d->higher[s], c->s->today) > 0)
			d->higher[s][0] = '\0';
	}
}

static lz_status save_case(demo_plan_ctx *c, const struct case_plan *p, const case_dates *d, const char *no,
			   lz_err *err)
{
	char sb[24], ub[24], name[24], pub[11];
	int u = demo_plan_unit_find(c, p->unit);
	int who = p->post ? person_nth(c, u, p->post, p->nth) : -1;
	if (u < 0 || (p->post && who < 0))
		return LZ_OK;
	record *r = record_new(&kind_case);
	if (!r)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	record_set_named(r, "case_no", no);
	record_set_named(r, "source", p->source);
	record_set_named(r, "category", p->category);
	record_set_named(r, who >= 0 ? "subject" : "unit", who >= 0 ? ID(sb, c->people[who].id) : ID(ub, c->units[u].id));
	record_set_named(r, "summary", p->summary);
	record_set_named(r, "serious", p->serious ? "1" : "0");
	record_set_named(r, "stage", case_stages[p->stage]);
	record_set_named(r, p->stage == ENDED ? "ended_reason" : "outcome", p->result);
	for (int s = 0; s < NSLOT; s++) {
		if (!d->reached[s])
			continue;
		snprintf(name, sizeof name, "%s_on", slot_stem[s]);
		record_set_named(r, name, d->on[s]);
		snprintf(name, sizeof name, "%s_party_on", slot_stem[s]);
		record_set_named(r, name, *d->party[s] ? d->party[s] : NULL);
		snprintf(name, sizeof name, "%s_higher_on", slot_stem[s]);
		record_set_named(r, name, *d->higher[s] ? d->higher[s] : NULL);
	}
	if (p->published) {
		date_add(d->on[CLOSED], 16, pub);
		demo_plan_clamp(c, pub);
		record_set_named(r, "published_on", pub);
	}
	lz_status st = record_save_in(c->s, r, err);
	c->added += st == LZ_OK;
	record_free(r);
	return st;
}

static lz_status cases(demo_plan_ctx *c, lz_err *err)
{
	case_dates d[NCASES];
	char no[48];
	for (int i = 0; i < NCASES; i++)
		plan_dates(c, &case_plan[i], &d[i]);
	for (int i = 0; i < NCASES; i++) {
		/* Numbered in the order the clues came in, year by year, with
		 * gaps for the cases the demo leaves out. */
		int rank = 0;
		for (int j = 0; j < NCASES; j++) {
			int cmp = strcmp(d[j].on[CLUE], d[i].on[CLUE]);
			rank += strncmp(d[j].on[CLUE], d[i].on[CLUE], 4) == 0 && (cmp < 0 || (cmp == 0 && j < i));
		}
		snprintf(no, sizeof no, "广区纪线〔%.4s〕%d号", d[i].on[CLUE], 3 * rank + i % 3 + 1);
		lz_status st = save_case(c, &case_plan[i], &d[i], no, err);
		if (st)
			return st;
	}
	return LZ_OK;
}

/* --- asset declarations of newly promoted cadres ------------------------------------ */

static const struct { const char *objection, *handling; } objections[] = {
	{ "群众反映其配偶在城区经营超市未申报", "经核实,该超市系其配偶婚前个人经营,已补充申报,不影响任用" },
	{ "来信反映其在城区有两套住房,申报仅一套", "经核实,另一套为其父母出资购买、登记在本人名下,已作出说明并补充申报" },
};

static lz_status declarations(demo_plan_ctx *c, lz_err *err)
{
	char pb[24], since[11], on[11], in_from[11], in_to[11], pub_from[11], pub_to[11], assets[160];
	int n = 0;
	demo_plan_day(c, -730, since);
	for (int i = 0; i < c->npeople; i++) {
		const demo_plan_person *p = &c->people[i];
		if (!*p->promoted_on || strcmp(p->promoted_on, since) < 0 || strcmp(p->promoted_on, c->s->today) > 0)
			continue;
		/* One in seven promoted before the pilot reached its unit. */
		if (demo_plan_below(c, 7) == 0)
			continue;
		/* Declared during the vetting, published in the unit for five
		 * days, then to the public for seven, all before the promotion. */
		date_add(p->promoted_on, -(32 + demo_plan_below(c, 10)), on);
		date_add(on, 2 + demo_plan_below(c, 3), in_from);
		date_add(in_from, 4, in_to);
		date_add(in_to, 1 + demo_plan_below(c, 3), pub_from);
		date_add(pub_from, 6, pub_to);
		snprintf(assets, sizeof assets, "住房%d套(共%d平方米),存款约%d万元,%s,无投资经商办企业情况", 1 + (demo_plan_below(c, 4) == 0),
			 80 + 5 * demo_plan_below(c, 14), 5 + demo_plan_below(c, 40),
			 demo_plan_below(c, 3) ? "家用轿车1辆" : "无机动车辆");
		int obj = n % 9 == 4 && n / 9 < 2 ? n / 9 : -1;
		n++;
		lz_status st = demo_plan_add(c, &kind_declaration, NULL, err, "person", ID(pb, p->id), "declared_on", on,
					     "assets", assets, "internal_from", in_from, "internal_to", in_to, "public_from",
					     pub_from, "public_to", pub_to, "objections", obj >= 0 ? objections[obj].objection : NULL,
					     "handling", obj >= 0 ? objections[obj].handling : NULL, NULL);
		if (st)
			return st;
	}
	return LZ_OK;
}

/* --- checks ------------------------------------------------------------------------- */

/* By points deducted. */
static const char *const check_findings[] = {
	"责任分解、签字背书、同步记录等资料齐全,未发现明显问题",
	"个别班子成员“一岗双责”落实记录不全",
	"责任分解不够具体,部分任务未明确完成时限;廉政风险点排查不全",
	"党委听取党风廉政建设汇报未形成记录;同步记录制度执行不严",
	"责任书签订后未跟踪检查,年度任务推进滞后;廉政风险防控措施流于形式",
	"党风廉政建设工作部署多、检查少,台账资料临时补做,存在搞过场、走形式问题",
};
static const char *const patrol_units[] = { "X01", "X04", "X07", "X10", "X13", "X16", "X19", "X22", "J01", "J03",
					    "B11", "B20", "G04" };
static const char *const spot_units[] = { "X24", "B50", "J06", "B37" };

static lz_status add_check(demo_plan_ctx *c, const char *type, int u, const char *on, const char *who, int points,
			   int *deducted, lz_err *err)
{
	char ub[24], note[11], pts[8];
	date_add(on, 12 + demo_plan_below(c, 9), note);
	snprintf(pts, sizeof pts, "%d", points);
	/* Checked too recently to have been notified yet. */
	int notified = strcmp(note, c->s->today) <= 0;
	if (deducted && atoi(on) == c->year - 1)
		deducted[u] += points;
	return demo_plan_add(c, &kind_check, NULL, err, "check_type", type, "unit", ID(ub, c->units[u].id), "checked_on",
			     on, "inspectors", who, "findings", check_findings[points], "notified_on", notified ? note : NULL,
			     "points_deducted", pts, NULL);
}

static lz_status checks(demo_plan_ctx *c, int *deducted, lz_err *err)
{
	int commission = demo_plan_unit_find(c, "B03");
	char on[11], who[128];
	lz_status st;
	for (int year = c->year - 1; year <= c->year; year++) {
		for (int i = 0; i < (int)(sizeof patrol_units / sizeof patrol_units[0]); i++) {
			int u = demo_plan_unit_find(c, patrol_units[i]);
			/* Four patrol groups, each led by a member of the commission's standing committee. */
			int lead = person_nth(c, commission, "区纪委", 2 + i % 4);
			if (u < 0)
				continue;
			snprintf(who, sizeof who, "区纪委第%s片组(组长:%s)", (const char *[]){ "一", "二", "三", "四" }[i % 4],
				 lead >= 0 ? c->people[lead].name : "");
			demo_plan_in_year(c, year, year == c->year ? 5 : 9, 3 + 3 * i, on);
			int points = demo_plan_below(c, 4) + (demo_plan_below(c, 3) == 0 ? demo_plan_below(c, 3) : 0);
			if (strcmp(patrol_units[i], "X19") == 0)
				points = 5;
			if ((st = add_check(c, "片组巡查", u, on, who, points, deducted, err)))
				return st;
		}
	}
	for (size_t i = 0; i < sizeof spot_units / sizeof spot_units[0]; i++) {
		int u = demo_plan_unit_find(c, spot_units[i]);
		if (u < 0)
			continue;
		demo_plan_in_year(c, c->year, 7 + (int)i, 10 + demo_plan_below(c, 15), on);
		if ((st = add_check(c, "随机抽查", u, on, "区纪委党风政风监督室、区委组织部干部监督科", demo_plan_below(c, 4),
				    deducted, err)))
			return st;
	}
	return LZ_OK;
}

/* --- meeting records -------------------------------------------------------------- */

static const char *const meeting_text[][3] = {
	{ "研究场镇污水管网建设项目实施方案,班子成员逐一发表意见后集体决定", "研究年度财政预算调整方案,按程序报批",
	  "研究辖区农贸市场搬迁选址,经集体讨论通过" },
	{ "研究2名中层干部交流轮岗,经组织考察、集体讨论决定", "研究推荐1名副科级干部人选,按程序进行民主推荐和考察",
	  "研究村(社区)党组织书记调整事宜" },
	{ "研究农村道路硬化项目安排及施工单位招标方式", "研究高标准农田建设项目申报", "研究便民服务中心改造项目" },
	{ "研究拨付防汛抢险资金52万元,按程序集体决策", "研究偿还历史债务资金120万元的使用方案",
	  "研究惠民补贴资金发放计划及公示办法" },
	{ "研究年度目标考核评比结果及奖惩方案", "研究评先评优推荐名单,严格按条件审核", "研究村干部年度考核结果运用" },
};
/* Items that had to be reported to the district commission (part 三 task 13). */
static const struct { const char *unit, *summary; int ago, reported; } must_report[] = {
	{ "X08", "会上通报收到反映班子成员插手惠民资金发放的信访举报,纪委书记当即要求报告区纪委", 105, 1 },
	{ "B20", "研究工程项目招标事项时发现班子成员与投标企业存在利害关系,未回避,纪检组当场提出", 33, 1 },
	{ "J06", "网络舆情反映班子成员亲属承揽辖区绿化工程,会议研究应对措施", 40, 0 },
	{ "B27", "会上反映班子成员在耗材采购议价中与供应商往来密切,存在重大廉政风险迹象", 9, 1 },
	{ "X21", "收到涉及班子成员的重要信访举报,会议研究后转交处理", 12, 0 },
};

static lz_status meetings(demo_plan_ctx *c, lz_err *err)
{
	char ub[24], rb[24], on[11], rep[11];
	lz_status st;
	for (size_t i = 0; i < sizeof must_report / sizeof must_report[0]; i++) {
		int u = demo_plan_unit_find(c, must_report[i].unit), rec = secretary_of(c, u);
		if (u < 0)
			continue;
		demo_plan_day(c, -must_report[i].ago, on);
		date_add(on, 1 + demo_plan_below(c, 2), rep);
		if ((st = demo_plan_add(c, &kind_meeting_record, NULL, err, "unit", ID(ub, c->units[u].id), "met_on", on,
					"item_kind", "重大事项决策", "summary", must_report[i].summary, "recorder",
					rec >= 0 ? ID(rb, c->people[rec].id) : NULL, "must_report", "1", "reported_on",
					must_report[i].reported ? rep : NULL, NULL)))
			return st;
	}
	/* The rest across towns, streets and departments, about one a week. */
	int pool[160], n = 0;
	for (int u = 0; u < c->nunits && n < 160; u++)
		if (is_assessed(&c->units[u]) && strcmp(c->units[u].code, "B03") != 0)
			pool[n++] = u;
	for (int i = 0; i < 36 && n; i++) {
		int u = pool[(i * 29 + 3) % n], rec = secretary_of(c, u), item = i % 5;
		demo_plan_day(c, -(7 + 9 * i + demo_plan_below(c, 7)), on);
		if ((st = demo_plan_add(c, &kind_meeting_record, NULL, err, "unit", ID(ub, c->units[u].id), "met_on", on,
					"item_kind", meeting_items[item], "summary", meeting_text[item][demo_plan_below(c, 3)],
					"recorder", rec >= 0 ? ID(rb, c->people[rec].id) : NULL, "must_report", "0", NULL)))
			return st;
	}
	return LZ_OK;
}

/* --- audit findings ---------------------------------------------------------------- */

/* post NULL: the unit's principal; "" no person named. */
static const struct { const char *type, *unit, *post, *finding, *handling; int ago, serious; } audit_plan[] = {
	{ "经济责任审计", "X05", NULL, "任期内镇财政所违规出借资金80万元,至今未收回", "责令限期收回,对财政所所长诫勉谈话", 320, 0 },
	{ "经济责任审计", "B16", NULL, "违规发放津贴补贴12.6万元", "已全额清退,对相关责任人通报批评", 280, 0 },
	{ "经济责任审计", "X12", NULL, "征地拆迁补偿资金管理不规范,部分补偿款未按规定张榜公示", "已整改并补公示", 230, 0 },
	{ "经济责任审计", "J02", NULL, "门面租赁收入28万元未纳入账内核算,设立“小金库”用于发放福利",
	  "移送区纪委处理,并追究主要负责人党风廉政建设责任", 26, 1 },
	{ "经济责任审计", "B33", NULL, "无公函、无接待清单报销公务接待费3.2万元", "已责令退回,完善接待审批制度", 150, 0 },
	{ "专项资金审计", "B37", "", "扶贫项目资金滞留、拨付不及时计320万元", "已督促拨付到项目", 200, 0 },
	{ "专项资金审计", "B23", "副局长", "农机购置补贴资金重复申报领取15.4万元", "问题线索移送区纪委,补贴资金已追回", 250, 0 },
	{ "专项资金审计", "B14", "", "城乡低保资金向不符合条件人员发放8.7万元", "已清理不合规对象,追回资金", 110, 0 },
	{ "重大投资项目审计", "B20", NULL, "区第二人民医院迁建项目工程变更签证不规范,多计工程款215万元",
	  "移送区纪委,追究相关人员责任", 60, 1 },
	{ "重大投资项目审计", "B21", "", "农村公路建设项目未按规定公开招标,涉及金额560万元", "责令整改,对分管领导约谈", 95, 0 },
	{ "重大投资项目审计", "X01", "", "场镇建设项目超概算18%未按程序报批", "已补办报批手续", 40, 0 },
};

static lz_status audits(demo_plan_ctx *c, lz_err *err)
{
	char ub[24], pb[24], on[11];
	for (size_t i = 0; i < sizeof audit_plan / sizeof audit_plan[0]; i++) {
		int u = demo_plan_unit_find(c, audit_plan[i].unit);
		const char *post = audit_plan[i].post;
		int p = post && !*post ? -1 : demo_plan_person_find(c, u, post);
		if (u < 0)
			continue;
		demo_plan_day(c, -audit_plan[i].ago, on);
		lz_status st = demo_plan_add(c, &kind_audit_finding, NULL, err, "audit_type", audit_plan[i].type, "unit",
					     ID(ub, c->units[u].id), "person", p >= 0 ? ID(pb, c->people[p].id) : NULL,
					     "audited_on", on, "finding", audit_plan[i].finding, "serious",
					     audit_plan[i].serious ? "1" : "0", "handling", audit_plan[i].handling, NULL);
		if (st)
			return st;
	}
	return LZ_OK;
}

/* --- last year's assessments ----------------------------------------------------------- */

static const char *const score_fields[] = { "score_lead", "score_duties", "score_style", "score_cases",
					    "score_supervision", "score_education" };
static const char *const score_max[] = { "assess_max_lead", "assess_max_duties", "assess_max_style",
					 "assess_max_cases", "assess_max_supervision", "assess_max_education" };
#define NSCORE 6
/* Units the 询 demo interviewed over last year's assessment. */
static const struct { const char *unit; int grade; } set_grades[] = { { "X23", 3 }, { "B38", 2 }, { "X26", 2 } };

/* Spreads total over the items within their maxima: in proportion, the
 * rest a point at a time from a random item, then a few points moved
 * between items so that units with the same total differ. */
static void spread(demo_plan_ctx *c, long total, const long *max, long *score)
{
	long sum = 0, all = 0;
	for (int i = 0; i < NSCORE; i++)
		all += max[i];
	for (int i = 0; i < NSCORE; i++)
		sum += score[i] = all ? max[i] * total / all : 0;
	for (int i = demo_plan_below(c, NSCORE), guard = 0; sum < total && guard < 100 * NSCORE; i = (i + 1) % NSCORE, guard++)
		if (score[i] < max[i])
			score[i]++, sum++;
	for (int k = 0; k < 3; k++) {
		int from = demo_plan_below(c, NSCORE), to = demo_plan_below(c, NSCORE);
		if (score[from] > 0 && score[to] < max[to])
			score[from]--, score[to]++;
	}
}

static lz_status assessments(demo_plan_ctx *c, const int *deducted, lz_err *err)
{
	long max[NSCORE], cut[3], all = 0, score[NSCORE];
	static const char *const cuts[] = { "assess_cut_good", "assess_cut_fair", "assess_cut_pass" };
	lz_status st;
	for (int i = 0; i < NSCORE; i++) {
		if ((st = settings_get_int(c->s, score_max[i], &max[i], err)))
			return st;
		all += max[i];
	}
	for (int i = 0; i < 3; i++)
		if ((st = settings_get_int(c->s, cuts[i], &cut[i], err)))
			return st;
	int last = c->year - 1;
	char ub[24], yb[8], sent[11], v[NSCORE][12];
	snprintf(yb, sizeof yb, "%d", last);
	for (int u = 0; u < c->nunits; u++) {
		if (!is_assessed(&c->units[u]))
			continue;
		/* About a third 好, two fifths 较好, the rest mostly 一般, a few 差. */
		int r = demo_plan_below(c, 100), grade = r < 32 ? 0 : r < 74 ? 1 : r < 95 ? 2 : 3;
		for (size_t i = 0; i < sizeof set_grades / sizeof set_grades[0]; i++)
			if (strcmp(c->units[u].code, set_grades[i].unit) == 0)
				grade = set_grades[i].grade;
		long hi = grade ? cut[grade - 1] - 1 : all, lo = grade < 3 ? cut[grade] : cut[2] - 12;
		long total = lo + demo_plan_below(c, (int)(hi - lo + 1 > 1 ? hi - lo + 1 : 1));
		/* The items are scored before last year's checks take their points off. */
		total += deducted[u];
		if (total > all)
			total = all;
		spread(c, total, max, score);
		for (int i = 0; i < NSCORE; i++)
			snprintf(v[i], sizeof v[i], "%ld", score[i]);
		int unsent = demo_plan_below(c, 9) == 0;
		demo_plan_in_year(c, c->year, 2, 10 + demo_plan_below(c, 20), sent);
		if ((st = demo_plan_add(c, &kind_assessment, NULL, err, "unit", ID(ub, c->units[u].id), "year", yb,
					score_fields[0], v[0], score_fields[1], v[1], score_fields[2], v[2], score_fields[3],
					v[3], score_fields[4], v[4], score_fields[5], v[5], "sent_on", unsent ? NULL : sent,
					"note", grade == 3 ? "约谈主要负责人,责令限期整改" : NULL, NULL)))
			return st;
	}
	return LZ_OK;
}

/* --- last year's annual reviews of leading cadres ------------------------------------- */

#define REVIEWS 100

static int reviewable(const demo_plan_ctx *c, const demo_plan_person *p)
{
	const char *cat = c->units[p->unit].category;
	return (p->principal || p->team) && strcmp(cat, "区领导机关") != 0 && strcmp(cat, "村(社区)") != 0;
}

/* A rating near the overall grade (0 优秀 … 3 不称职). */
static const char *rating(demo_plan_ctx *c, int overall)
{
	static const int weights[4][4] = { { 88, 12, 0, 0 }, { 38, 56, 6, 0 }, { 0, 30, 60, 10 }, { 0, 0, 40, 60 } };
	int r = demo_plan_below(c, 100), k = 0;
	while (k < 3 && r >= weights[overall][k])
		r -= weights[overall][k++];
	return review_ratings[k];
}

static lz_status annual_reviews(demo_plan_ctx *c, lz_err *err)
{
	int who[REVIEWS], grade[REVIEWS], n = 0, cand = 0;
	for (int i = 0; i < c->npeople; i++)
		cand += reviewable(c, &c->people[i]);
	/* Spread evenly over the register, so every category has some. */
	for (long i = 0, k = 0; i < c->npeople && n < REVIEWS; i++) {
		if (!reviewable(c, &c->people[i]))
			continue;
		k++;
		if ((k - 1) * REVIEWS / cand != k * REVIEWS / cand) {
			int r = demo_plan_below(c, 100);
			who[n] = (int)i;
			grade[n++] = r < 16 ? 0 : r < 96 ? 1 : r < 99 ? 2 : 3;
		}
	}
	/* Every grade shows at least once, as it would in a district this size. */
	for (int g = 2; g <= 3 && n > 10; g++) {
		int seen = 0;
		for (int i = 0; i < n; i++)
			seen |= grade[i] == g;
		if (!seen)
			grade[(g * 37) % n] = g;
	}
	char pb[24], yb[8];
	snprintf(yb, sizeof yb, "%d", c->year - 1);
	for (int i = 0; i < n; i++) {
		const char *duty = rating(c, grade[i]), *integrity = rating(c, grade[i]), *risk = rating(c, grade[i]);
		const char *note = grade[i] == 3 ? "履行“一岗双责”不力,分管领域发生严重违纪问题"
			: grade[i] == 2 ? "分管领域廉政风险防控措施落实不到位,被约谈提醒" : NULL;
		lz_status st = demo_plan_add(c, &kind_annual_review, NULL, err, "person", ID(pb, c->people[who[i]].id), "year",
					     yb, "duty_rating", duty, "integrity_rating", integrity, "risk_rating", risk,
					     "overall", review_grades[grade[i]], "note", note, NULL);
		if (st)
			return st;
	}
	return LZ_OK;
}

/* --- accountability entered by hand (part 四(四): work done for show) ----------------- */

static const struct {
	const char *unit, *post, *role, *measure, *reason;
	int last_year;
} manual_items[] = {
	{ "X19", NULL, "主体责任人", "通报批评",
	  "片组巡查发现党风廉政建设工作部署多、检查少,台账资料临时补做,搞过场、走形式(实施方案四(四))", 0 },
	{ "B50", NULL, "主体责任人", "诫勉谈话", "随机抽查发现廉政风险点排查照搬往年,防控措施流于形式(实施方案四(四))", 0 },
	{ "J06", "纪工委书记", "监督责任人", NULL,
	  "同步记录中涉及班子成员的网络舆情未及时报告区纪委,履行监督责任不力", 0 },
	{ "X27", "纪委书记", "监督责任人", "责令检查", "书面“三述”报告照搬照抄,敷衍应付(实施方案四(四))", 0 },
	{ "B38", NULL, "主体责任人", "通报批评", "责任制考核中弄虚作假,检查资料事后补做(实施方案四(四))", 1 },
};

static lz_status manual_accountability(demo_plan_ctx *c, lz_err *err)
{
	char pb[24], yb[8];
	for (size_t i = 0; i < sizeof manual_items / sizeof manual_items[0]; i++) {
		int u = demo_plan_unit_find(c, manual_items[i].unit), p = demo_plan_person_find(c, u, manual_items[i].post);
		if (p < 0)
			continue;
		snprintf(yb, sizeof yb, "%d", c->year - manual_items[i].last_year);
		const char *measure = manual_items[i].measure;
		lz_status st = demo_plan_add(c, &kind_accountability, NULL, err, "year", yb, "person",
					     ID(pb, c->people[p].id), "role", manual_items[i].role, "measure", measure,
					     "state", measure ? "已处理" : "待处理", "reason", manual_items[i].reason, NULL);
		if (st)
			return st;
	}
	return LZ_OK;
}

lz_status demo_plan_chakao(demo_plan_ctx *c, lz_err *err)
{
	int *deducted = calloc((size_t)c->nunits + 1, sizeof *deducted);
	if (!deducted)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	lz_status st;
	if (!(st = cases(c, err)) && !(st = declarations(c, err)) && !(st = checks(c, deducted, err)) &&
	    !(st = meetings(c, err)) && !(st = audits(c, err)) && !(st = assessments(c, deducted, err)) &&
	    !(st = annual_reviews(c, err)))
		st = manual_accountability(c, err);
	free(deducted);
	return st;
}
