/* demo_data.c — the demo district's units and the generator of its cadres.
 * The unit list follows public gazetteer pages on Guang'an District (see
 * plan/guangan-units.md); departments beyond those the plan names, the
 * public-service units and the villages are plausible inventions. */
#include "demo_data.h"

#include <stdio.h>
#include <string.h>

#define TOWN "乡镇"
#define STREET "街道"
#define DEPT "区级部门"
#define PUBLIC "公共服务行业"
#define VILLAGE "村(社区)"
#define LEAD "区领导机关"

/* Streets and towns are top-level rather than under 区委: a user scoped to
 * 区委 should not silently see every township. Hospitals and the school sit
 * under the bureau that runs them, villages under their town or street. */
const demo_unit demo_units[] = {
	{ "L01", "区委", LEAD, NULL },
	{ "L02", "区政府", LEAD, NULL },
	{ "L03", "区人大常委会", LEAD, NULL },
	{ "L04", "区政协", LEAD, NULL },

	{ "J01", "浓洄街道", STREET, NULL },
	{ "J02", "北辰街道", STREET, NULL },
	{ "J03", "广福街道", STREET, NULL },
	{ "J04", "万盛街道", STREET, NULL },
	{ "J05", "中桥街道", STREET, NULL },
	{ "J06", "枣山街道", STREET, NULL },

	{ "X01", "协兴镇", TOWN, NULL },
	{ "X02", "悦来镇", TOWN, NULL },
	{ "X03", "花桥镇", TOWN, NULL },
	{ "X04", "恒升镇", TOWN, NULL },
	{ "X05", "石笋镇", TOWN, NULL },
	{ "X06", "官盛镇", TOWN, NULL },
	{ "X07", "浓溪镇", TOWN, NULL },
	{ "X08", "兴平镇", TOWN, NULL },
	{ "X09", "井河镇", TOWN, NULL },
	{ "X10", "龙台镇", TOWN, NULL },
	{ "X11", "肖溪镇", TOWN, NULL },
	{ "X12", "白市镇", TOWN, NULL },
	{ "X13", "大安镇", TOWN, NULL },
	{ "X14", "广门乡", TOWN, NULL },
	{ "X15", "化龙乡", TOWN, NULL },
	{ "X16", "大龙乡", TOWN, NULL },
	{ "X17", "彭家乡", TOWN, NULL },
	{ "X18", "蒲莲乡", TOWN, NULL },
	{ "X19", "东岳乡", TOWN, NULL },
	{ "X20", "郑山乡", TOWN, NULL },
	{ "X21", "瓦店乡", TOWN, NULL },
	{ "X22", "广罗乡", TOWN, NULL },
	{ "X23", "方坪乡", TOWN, NULL },
	{ "X24", "崇望乡", TOWN, NULL },
	{ "X25", "龙安乡", TOWN, NULL },
	{ "X26", "杨坪乡", TOWN, NULL },
	{ "X27", "消河乡", TOWN, NULL },
	{ "X28", "大有乡", TOWN, NULL },
	{ "X29", "白马乡", TOWN, NULL },
	{ "X30", "苏溪乡", TOWN, NULL },

	{ "B01", "区委办", DEPT, NULL },
	{ "B02", "区政府办", DEPT, NULL },
	{ "B03", "区纪委监察局", DEPT, NULL },
	{ "B04", "区委组织部", DEPT, NULL },
	{ "B05", "区委宣传部", DEPT, NULL },
	{ "B06", "区委统战部", DEPT, NULL },
	{ "B07", "区委政法委", DEPT, NULL },
	{ "B08", "区直机关工委", DEPT, NULL },
	{ "B09", "区委区政府督查办", DEPT, NULL },
	{ "B10", "区编办", DEPT, NULL },
	{ "B11", "区发展改革局", DEPT, NULL },
	{ "B12", "区教育科技局", DEPT, NULL },
	{ "B13", "区公安分局", DEPT, NULL },
	{ "B14", "区民政局", DEPT, NULL },
	{ "B15", "区司法局", DEPT, NULL },
	{ "B16", "区财政局", DEPT, NULL },
	{ "B17", "区人力资源社会保障局", DEPT, NULL },
	{ "B18", "区国土资源分局", DEPT, NULL },
	{ "B19", "区环境保护局", DEPT, NULL },
	{ "B20", "区住房城乡建设局", DEPT, NULL },
	{ "B21", "区交通运输局", DEPT, NULL },
	{ "B22", "区水务局", DEPT, NULL },
	{ "B23", "区农业局", DEPT, NULL },
	{ "B24", "区林业局", DEPT, NULL },
	{ "B25", "区商务局", DEPT, NULL },
	{ "B26", "区文化体育广电新闻出版局", DEPT, NULL },
	{ "B27", "区卫生计生局", DEPT, NULL },
	{ "B28", "区审计局", DEPT, NULL },
	{ "B29", "区安全生产监督管理局", DEPT, NULL },
	{ "B30", "区市场监督管理局", DEPT, NULL },
	{ "B31", "区统计局", DEPT, NULL },
	{ "B32", "区绩效办", DEPT, NULL },
	{ "B33", "区信访局", DEPT, NULL },
	{ "B34", "区政务服务中心", DEPT, NULL },
	{ "B35", "区档案局", DEPT, NULL },
	{ "B36", "区机关事务管理局", DEPT, NULL },
	{ "B37", "区扶贫和移民工作局", DEPT, NULL },
	{ "B38", "区供销社", DEPT, NULL },
	{ "B39", "区法院", DEPT, NULL },
	{ "B40", "区检察院", DEPT, NULL },
	{ "B41", "区总工会", DEPT, NULL },
	{ "B42", "团区委", DEPT, NULL },
	{ "B43", "区妇联", DEPT, NULL },
	{ "B44", "区科协", DEPT, NULL },
	{ "B45", "区残联", DEPT, NULL },
	{ "B46", "区经济和信息化局", DEPT, NULL },
	{ "B47", "区畜牧局", DEPT, NULL },
	{ "B48", "区城市管理局", DEPT, NULL },
	{ "B49", "区旅游局", DEPT, NULL },
	{ "B50", "区粮食局", DEPT, NULL },
	{ "B51", "区民族宗教事务局", DEPT, NULL },
	{ "B52", "区规划局", DEPT, NULL },
	{ "B53", "区老干部局", DEPT, NULL },
	{ "B54", "区委党校", DEPT, NULL },
	{ "B55", "区工商联", DEPT, NULL },

	{ "G01", "广安区供电公司", PUBLIC, NULL },
	{ "G02", "区自来水公司", PUBLIC, NULL },
	{ "G03", "区燃气公司", PUBLIC, NULL },
	{ "G04", "区公交公司", PUBLIC, NULL },
	{ "G05", "区人民医院", PUBLIC, "B27" },
	{ "G06", "区中医医院", PUBLIC, "B27" },
	{ "G07", "区实验中学", PUBLIC, "B12" },
	{ "G08", "邮政广安区分公司", PUBLIC, NULL },
	{ "G09", "电信广安区分公司", PUBLIC, NULL },
	{ "G10", "农商银行广安区支行", PUBLIC, NULL },

	{ "C01", "浓洄街道新华社区", VILLAGE, "J01" },
	{ "C02", "浓洄街道滨江社区", VILLAGE, "J01" },
	{ "C03", "北辰街道翠屏社区", VILLAGE, "J02" },
	{ "C04", "广福街道金安社区", VILLAGE, "J03" },
	{ "C05", "万盛街道万福社区", VILLAGE, "J04" },
	{ "C06", "中桥街道桥南社区", VILLAGE, "J05" },
	{ "C07", "协兴镇新桥村", VILLAGE, "X01" },
	{ "C08", "悦来镇红光村", VILLAGE, "X02" },
	{ "C09", "悦来镇双河村", VILLAGE, "X02" },
	{ "C10", "花桥镇石板村", VILLAGE, "X03" },
	{ "C11", "恒升镇龙井村", VILLAGE, "X04" },
	{ "C12", "石笋镇桂花村", VILLAGE, "X05" },
	{ "C13", "官盛镇白果村", VILLAGE, "X06" },
	{ "C14", "龙台镇高峰村", VILLAGE, "X10" },
	{ "C15", "龙台镇青龙村", VILLAGE, "X10" },
	{ "C16", "肖溪镇团结村", VILLAGE, "X11" },
	{ "C17", "大安镇黄桷村", VILLAGE, "X13" },
	{ "C18", "广门乡金花村", VILLAGE, "X14" },
	{ "C19", "彭家乡柏林村", VILLAGE, "X17" },
	{ "C20", "郑山乡玉峰村", VILLAGE, "X20" },
};

size_t demo_unit_count(void)
{
	return sizeof demo_units / sizeof demo_units[0];
}

const demo_unit *demo_unit_find(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < demo_unit_count(); i++)
		if (strcmp(demo_units[i].code, code) == 0)
			return &demo_units[i];
	return NULL;
}

/* ---- people ---- */

#define R_ZC "正处级"
#define R_FC "副处级"
#define R_ZK "正科级"
#define R_FK "副科级"
#define R_KY "科员"
#define R_NONE ""

/* A role's flags, packed so the role tables read as one line each. */
enum { F_PRIN = 1, F_TEAM = 2, F_DISC = 4, F_COMM = 8 };

typedef struct role {
	const char *post;
	const char *rank;
	int flags;
} role;

/* The unit currently being staffed: its names so far (to keep names unique
 * within a unit) and where its people go. */
typedef struct gen {
	uint64_t rng;
	demo_person *out;
	size_t max, n;
	const demo_unit *unit;
	char names[24][32];
	size_t nnames;
	char kept[32];    /* a name carried over to make a cross-unit namesake */
	int borrow;       /* this unit's next deputy takes kept */
} gen;

static int name_taken(const gen *g, const char *name)
{
	for (size_t i = 0; i < g->nnames; i++)
		if (strcmp(g->names[i], name) == 0)
			return 1;
	return 0;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* A day from 2024-01-01 to 2026-10-31: recent enough for the new-cadre
 * declaration rules to fire, and never after the demo was written. */
static void promotion_date(uint64_t *rng, char out[11])
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int span = 366 + 365 + 304; /* 2024 is a leap year; 2026 up to October */
	int d = (int)demo_rng_below(rng, (uint32_t)span);
	int y = 2024, m = 0;
	for (;;) {
		int yd = is_leap(y) ? 366 : 365;
		if (d < yd)
			break;
		d -= yd;
		y++;
	}
	for (;;) {
		int md = mdays[m] + (m == 1 && is_leap(y));
		if (d < md)
			break;
		d -= md;
		m++;
	}
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)(m + 1) % 100u,
		 (unsigned)(d + 1) % 100u);
}

static void emit(gen *g, const role *r)
{
	char name[32];
	if (g->borrow && g->kept[0] && !(r->flags & F_PRIN) && !name_taken(g, g->kept)) {
		snprintf(name, sizeof name, "%s", g->kept);
		g->borrow = 0;
	} else {
		do
			demo_name(&g->rng, name, sizeof name);
		while (name_taken(g, name));
	}
	if (g->nnames < sizeof g->names / sizeof g->names[0])
		snprintf(g->names[g->nnames++], sizeof g->names[0], "%s", name);

	/* Drawn for everyone, used only for 科级 cadres, so that one person's
	 * rank never shifts the draws of the next. About 21% of the ~70% who
	 * hold a 科级 rank gives the ~15% overall. */
	char date[11] = "";
	int promoted = demo_rng_below(&g->rng, 100) < 21;
	promotion_date(&g->rng, date);
	int ranked = strcmp(r->rank, R_ZK) == 0 || strcmp(r->rank, R_FK) == 0;

	size_t i = g->n++;
	if (!g->out || i >= g->max)
		return;
	demo_person *p = &g->out[i];
	memset(p, 0, sizeof *p);
	snprintf(p->code, sizeof p->code, "P%04zu", (i + 1) % 100000);
	snprintf(p->name, sizeof p->name, "%s", name);
	p->unit_code = g->unit->code;
	p->post = r->post;
	p->rank = r->rank;
	p->principal = !!(r->flags & F_PRIN);
	p->team_member = !!(r->flags & F_TEAM);
	p->discipline_secretary = !!(r->flags & F_DISC);
	p->commission_member = !!(r->flags & F_COMM);
	if (promoted && ranked)
		snprintf(p->promoted_on, sizeof p->promoted_on, "%s", date);
}

static void emit_all(gen *g, const role *rs, size_t count)
{
	for (size_t i = 0; i < count; i++)
		emit(g, &rs[i]);
}

#define EMIT_ALL(g, rs) emit_all((g), (rs), sizeof(rs) / sizeof((rs)[0]))

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void staff_leadership(gen *g)
{
	static const role committee[] = {
		{ "区委书记", R_ZC, F_PRIN | F_TEAM },
		{ "区委副书记", R_FC, F_TEAM },
		{ "区委常委", R_FC, F_TEAM },
		{ "区委常委", R_FC, F_TEAM },
		{ "区委常委", R_FC, F_TEAM },
	};
	static const role government[] = {
		{ "区委副书记、区长", R_ZC, F_PRIN | F_TEAM },
		{ "常务副区长", R_FC, F_TEAM },
		{ "副区长", R_FC, F_TEAM },
		{ "副区长", R_FC, F_TEAM },
	};
	static const role congress[] = {
		{ "区人大常委会主任", R_ZC, F_PRIN | F_TEAM },
		{ "区人大常委会副主任", R_FC, F_TEAM },
	};
	static const role cppcc[] = {
		{ "区政协主席", R_ZC, F_PRIN | F_TEAM },
		{ "区政协副主席", R_FC, F_TEAM },
	};
	const char *c = g->unit->code;
	if (strcmp(c, "L01") == 0)
		EMIT_ALL(g, committee);
	else if (strcmp(c, "L02") == 0)
		EMIT_ALL(g, government);
	else if (strcmp(c, "L03") == 0)
		EMIT_ALL(g, congress);
	else
		EMIT_ALL(g, cppcc);
}

/* The commission itself: its secretary holds the principal responsibility
 * for the commission as a unit, and the deputy who runs internal
 * supervision holds the supervisory one. */
static void staff_commission(gen *g)
{
	static const role rs[] = {
		{ "区委常委、区纪委书记", R_FC, F_PRIN | F_TEAM | F_COMM },
		{ "区纪委副书记、区监察局局长", R_ZK, F_TEAM | F_COMM },
		{ "区纪委副书记", R_ZK, F_TEAM | F_DISC | F_COMM },
		{ "区纪委常委、党风政风监督室主任", R_ZK, F_TEAM | F_COMM },
		{ "区纪委常委、纪检监察室主任", R_FK, F_TEAM | F_COMM },
		{ "区纪委常委、案件审理室主任", R_FK, F_TEAM | F_COMM },
		{ "区纪委委员、信访室主任", R_FK, F_COMM },
		{ "区纪委委员、干部监督室主任", R_FK, F_COMM },
		{ "区纪委委员、宣传教育室主任", R_FK, F_COMM },
		{ "科员", R_KY, 0 },
	};
	EMIT_ALL(g, rs);
}

/* comm: this town's discipline secretary sits on the district commission. */
static void staff_town(gen *g, int comm)
{
	int street = strcmp(g->unit->category, STREET) == 0;
	int township = ends_with(g->unit->name, "乡");
	role head[3] = {
		{ street ? "党工委书记" : "党委书记", R_ZK, F_PRIN | F_TEAM },
		{ street ? "街道办事处主任" : township ? "乡长" : "镇长", R_ZK, F_TEAM },
		{ street ? "纪工委书记" : "纪委书记", R_FK, F_DISC | F_TEAM | (comm ? F_COMM : 0) },
	};
	role deputies[4] = {
		{ street ? "党工委副书记" : "党委副书记", R_FK, F_TEAM },
		{ street ? "街道办事处副主任" : township ? "副乡长" : "副镇长", R_FK, F_TEAM },
		{ street ? "人大工委主任" : township ? "乡人大主席" : "镇人大主席", R_FK, F_TEAM },
		{ street ? "党工委委员、组织委员" : "党委委员、组织委员", R_FK, F_TEAM },
	};
	static const role staff = { "党政办科员", R_KY, 0 };
	EMIT_ALL(g, head);
	/* Townships are smaller: 2–3 deputies; towns and streets 3–4. */
	size_t nd = 2 + demo_rng_below(&g->rng, 2) + !township;
	emit_all(g, deputies, nd);
	emit(g, &staff);
}

/* Head and deputy titles by the ending of a department's name; first match
 * wins, so the longer endings come first. */
static const struct {
	const char *suffix, *head, *deputy;
} dept_titles[] = {
	{ "检察院", "党组书记、检察长", "副检察长" },
	{ "法院", "党组书记、院长", "副院长" },
	{ "公安分局", "党委书记、局长", "副局长" },
	{ "局", "党组书记、局长", "副局长" },
	{ "党校", "常务副校长", "副校长" },
	{ "部", "部长", "副部长" },
	{ "委", "书记", "副书记" },
	{ "残联", "党组书记、理事长", "副理事长" },
	{ "工会", "党组书记、主席", "副主席" },
	{ "妇联", "党组书记、主席", "副主席" },
	{ "科协", "党组书记、主席", "副主席" },
	{ "工商联", "党组书记、主席", "副主席" },
	{ "中心", "党组书记、主任", "副主任" },
	{ "社", "党组书记、主任", "副主任" },
	{ "办", "党组书记、主任", "副主任" },
};

static void staff_department(gen *g)
{
	const char *n = g->unit->name;
	const char *head = "党组书记、局长", *deputy = "副局长";
	for (size_t i = 0; i < sizeof dept_titles / sizeof dept_titles[0]; i++) {
		if (ends_with(n, dept_titles[i].suffix)) {
			head = dept_titles[i].head;
			deputy = dept_titles[i].deputy;
			break;
		}
	}
	/* Offices of the Party committee have no Party group of their own. */
	if (ends_with(n, "办") && (starts_with(n, "区委") || ends_with(n, "编办")))
		head = "主任";
	role rs[4] = {
		{ head, R_ZK, F_PRIN | F_TEAM },
		{ deputy, R_FK, F_TEAM },
		{ deputy, R_FK, F_TEAM },
		{ "纪检组长", R_FK, F_DISC | F_TEAM },
	};
	int two = demo_rng_below(&g->rng, 3) == 0;
	emit(g, &rs[0]);
	emit(g, &rs[1]);
	if (two)
		emit(g, &rs[2]);
	emit(g, &rs[3]);
}

static void staff_public(gen *g)
{
	const char *n = g->unit->name;
	if (ends_with(n, "医院")) {
		static const role rs[] = {
			{ "党委书记", R_ZK, F_PRIN | F_TEAM },
			{ "院长", R_ZK, F_TEAM },
			{ "副院长", R_FK, F_TEAM },
			{ "纪委书记", R_FK, F_DISC | F_TEAM },
		};
		EMIT_ALL(g, rs);
	} else if (ends_with(n, "中学")) {
		static const role rs[] = {
			{ "党委书记、校长", R_ZK, F_PRIN | F_TEAM },
			{ "副校长", R_FK, F_TEAM },
			{ "纪委书记", R_FK, F_DISC | F_TEAM },
		};
		EMIT_ALL(g, rs);
	} else if (ends_with(n, "支行")) {
		/* Enterprise managers hold no civil-service rank. */
		static const role rs[] = {
			{ "党委书记、行长", R_NONE, F_PRIN | F_TEAM },
			{ "副行长", R_NONE, F_TEAM },
			{ "纪委书记", R_NONE, F_DISC | F_TEAM },
		};
		EMIT_ALL(g, rs);
	} else {
		static const role rs[] = {
			{ "党委书记、总经理", R_NONE, F_PRIN | F_TEAM },
			{ "副总经理", R_NONE, F_TEAM },
			{ "纪委书记", R_NONE, F_DISC | F_TEAM },
		};
		EMIT_ALL(g, rs);
	}
}

static void staff_village(gen *g)
{
	static const role village[] = {
		{ "村党支部书记", R_NONE, F_PRIN | F_TEAM },
		{ "村委会主任", R_NONE, F_TEAM },
		{ "村监委会主任", R_NONE, F_DISC },
	};
	static const role community[] = {
		{ "社区党委书记", R_NONE, F_PRIN | F_TEAM },
		{ "社区居委会主任", R_NONE, F_TEAM },
		{ "社区监委会主任", R_NONE, F_DISC },
	};
	if (ends_with(g->unit->name, "社区"))
		EMIT_ALL(g, community);
	else
		EMIT_ALL(g, village);
}

/* Knuth's selection sampling (TAOCP 3.4.2, algorithm S): exactly `want` of
 * the `total` towns and streets get a commission member, whatever the seed. */
static int pick(uint64_t *rng, size_t *want, size_t *left)
{
	int take = demo_rng_below(rng, (uint32_t)*left) < *want;
	if (take)
		(*want)--;
	(*left)--;
	return take;
}

#define TOWN_COMMISSION_MEMBERS 15

size_t demo_people(uint32_t seed, demo_person *out, size_t max)
{
	gen g;
	memset(&g, 0, sizeof g);
	/* Mixed once so that seeds 0, 1, 2 … start far apart in the sequence. */
	g.rng = (uint64_t)seed * UINT64_C(0x2545f4914f6cdd1d) + UINT64_C(0x6a09e667f3bcc909);
	g.out = out;
	g.max = max;

	/* A separate stream for the commission seats, so the choice does not
	 * depend on how many deputies earlier towns drew. */
	uint64_t seat_rng = g.rng ^ UINT64_C(0xc2b2ae3d27d4eb4f);
	size_t want = TOWN_COMMISSION_MEMBERS, left = 0;
	for (size_t u = 0; u < demo_unit_count(); u++)
		if (strcmp(demo_units[u].category, TOWN) == 0 ||
		    strcmp(demo_units[u].category, STREET) == 0)
			left++;

	for (size_t u = 0; u < demo_unit_count(); u++) {
		g.unit = &demo_units[u];
		g.nnames = 0;
		/* Every 31 units one name is kept and, 13 units on, reused for a
		 * deputy: a handful of namesakes in different units, for sure. */
		g.borrow = u % 31 == 20;
		const char *cat = g.unit->category;
		if (strcmp(cat, LEAD) == 0)
			staff_leadership(&g);
		else if (strcmp(g.unit->code, "B03") == 0)
			staff_commission(&g);
		else if (strcmp(cat, TOWN) == 0 || strcmp(cat, STREET) == 0)
			staff_town(&g, pick(&seat_rng, &want, &left));
		else if (strcmp(cat, DEPT) == 0)
			staff_department(&g);
		else if (strcmp(cat, PUBLIC) == 0)
			staff_public(&g);
		else
			staff_village(&g);
		if (u % 31 == 7 && g.nnames > 1)
			snprintf(g.kept, sizeof g.kept, "%s", g.names[1]);
	}
	return g.n < max ? g.n : max;
}
