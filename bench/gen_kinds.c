/* gen_kinds.c — what the generator knows beyond the descriptors: the kinds a
 * plan holds and in what proportions, each kind's own touches (a case's
 * stages in order, reports on time), the units and cadres, and the text. */
#include "gen_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "demo_data.h"
#include "enc.h"
#include "kinds_master.h"

/* --- text ------------------------------------------------------------------------ */

/* Phrases of the district's work. None contains a vocabulary word. */
static const char *const phrases[] = {
	"落实主体责任不到位", "违规发放津贴补贴", "公务接待超标准", "工程项目招投标不规范", "惠民资金管理混乱",
	"执行中央八项规定精神", "干部作风漂浮", "基层微腐败", "扶贫领域资金使用", "信访举报办理",
	"三重一大决策程序", "廉政风险防控", "违规收受礼金", "公车私用", "办事效率低下",
	"整改落实情况", "政务公开不及时", "财务报销不规范", "集体资产处置", "土地征收补偿",
	"低保评定不公", "安全生产监管", "环境保护督察反馈", "重大项目审批", "窗口服务态度",
	"村务公开", "专项资金拨付", "监督责任落实", "党风廉政建设", "选人用人",
	"违规操办婚丧喜庆", "庸懒散拖", "吃拿卡要", "优亲厚友", "虚报冒领",
	"挤占挪用", "超标配备办公用房", "会议费列支", "培训费管理", "政府采购程序",
};
#define NPHRASES (sizeof phrases / sizeof phrases[0])

static const char *const openers[] = { "关于", "反映", "核查", "督促", "", "", "" };
static const char *const joiners[] = { "，", "、", "及", "和" };

void gen_text(gen_rowbuf *r, int n, char *out, size_t outsz)
{
	size_t len = (size_t)snprintf(out, outsz, "%s", openers[gen_below(r, sizeof openers / sizeof openers[0])]);
	uint32_t last = NPHRASES;
	for (int i = 0; i < n && len < outsz; i++) {
		const char *j = i ? joiners[gen_below(r, sizeof joiners / sizeof joiners[0])] : "";
		uint32_t p = gen_below(r, NPHRASES - 1);
		if (p >= last)
			p++;   /* never the same phrase twice in a row */
		last = p;
		len += (size_t)snprintf(out + len, outsz - len, "%s%s", j, phrases[p]);
	}
	if (len < outsz && gen_below(r, 3) == 0)
		snprintf(out + len, outsz - len, "问题");
}

/* --- units and people ------------------------------------------------------------- */

static const struct {
	const char *category;
	unsigned weight;
	const char *const *posts;
} categories[] = {
	{ "区领导机关", 40, (const char *const[]){ "办公室主任", "秘书", "科员", "副主任", NULL } },
	{ "街道", 250, (const char *const[]){ "党政办主任", "经发办主任", "社会事务办科员", "综治办副主任", "财政所所长", "科员", NULL } },
	{ "乡镇", 180, (const char *const[]){ "党政办主任", "农业服务中心主任", "财政所所长", "社会事务办科员", "科员", NULL } },
	{ "区级部门", 160, (const char *const[]){ "科长", "副科长", "科员", "办公室主任", "股长", "主任科员", NULL } },
	{ "公共服务行业", 200, (const char *const[]){ "部门经理", "科室主任", "主治医师", "教师", "职员", NULL } },
	{ "村(社区)", 12, (const char *const[]){ "村委会委员", "网格员", "村文书", "社区干事", NULL } },
};
#define NCATEGORIES (sizeof categories / sizeof categories[0])

static int category_index(const char *c)
{
	for (size_t i = 0; i < NCATEGORIES; i++)
		if (strcmp(categories[i].category, c) == 0)
			return (int)i;
	return -1;
}

const char *gen_post(gen_rowbuf *r, const char *category)
{
	int c = category_index(category);
	const char *const *p = categories[c < 0 ? 3 : c].posts;
	size_t n = 0;
	while (p[n])
		n++;
	return p[gen_below(r, (uint32_t)n)];
}

static lz_status finish_units(gen_units *us, lz_err *err)
{
	us->cum = malloc((us->n ? us->n : 1) * sizeof *us->cum);
	if (!us->cum)
		return lz_fail(err, LZ_INTERNAL, "out of memory");
	unsigned total = 0;
	for (size_t i = 0; i < us->n; i++) {
		int c = category_index(us->u[i].category);
		us->u[i].weight = c < 0 ? 100 : categories[c].weight;
		total += us->u[i].weight;
		us->cum[i] = total;
	}
	if (!us->n)
		return lz_fail(err, LZ_USAGE, "no units");
	return LZ_OK;
}

lz_status gen_units_demo(gen_units *us, lz_err *err)
{
	memset(us, 0, sizeof *us);
	us->n = demo_unit_count();
	us->u = calloc(us->n, sizeof *us->u);
	if (!us->u)
		return lz_fail(err, LZ_INTERNAL, "out of memory");
	for (size_t i = 0; i < us->n; i++) {
		const demo_unit *d = &demo_units[i];
		snprintf(us->u[i].code, sizeof us->u[i].code, "%s", d->code);
		snprintf(us->u[i].name, sizeof us->u[i].name, "%s", d->name);
		snprintf(us->u[i].category, sizeof us->u[i].category, "%s", d->category);
		snprintf(us->u[i].parent, sizeof us->u[i].parent, "%s", d->parent_code ? d->parent_code : "");
	}
	return finish_units(us, err);
}

lz_status gen_units_load(gen_units *us, const char *path, lz_err *err)
{
	memset(us, 0, sizeof *us);
	FILE *f = fopen(path, "rb");
	if (!f)
		return lz_fail(err, LZ_IO, "cannot read %s: %s", path, strerror(errno));
	sbuf raw = { 0 };
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		sbuf_addn(&raw, chunk, got);
	fclose(f);
	char *utf8 = NULL;
	size_t ulen = 0;
	lz_status st = enc_to_utf8(sbuf_str(&raw), raw.len, ENC_AUTO, path, &utf8, &ulen, NULL, err);
	sbuf_free(&raw);
	if (st)
		return st;
	csv_reader *rd = csv_open(utf8, ulen);
	char **cells;
	size_t n;
	long line;
	int col[4] = { -1, -1, -1, -1 };   /* code, name, category, parent */
	static const char *const want[] = { "code", "name", "category", "parent" };
	size_t cap = 0;
	int rc = rd ? csv_next(rd, &cells, &n, &line, err) : -1;
	if (rc == 1)
		for (size_t c = 0; c < n; c++) {
			int fi = kind_field_by_header(&kind_unit, cells[c]);
			for (int w = 0; w < 4; w++)
				if (fi >= 0 && strcmp(kind_unit.fields[fi].name, want[w]) == 0)
					col[w] = (int)c;
		}
	if (rc == 1 && (col[0] < 0 || col[1] < 0))
		st = lz_fail(err, LZ_USAGE, "%s: needs the columns 单位编码 and 单位名称", path);
	while (!st && rc == 1 && (rc = csv_next(rd, &cells, &n, &line, err)) == 1) {
		if (us->n == cap) {
			cap = cap ? cap * 2 : 64;
			gen_unit *nu = realloc(us->u, cap * sizeof *nu);
			if (!nu) {
				st = lz_fail(err, LZ_INTERNAL, "out of memory");
				break;
			}
			us->u = nu;
		}
		gen_unit *u = &us->u[us->n++];
		memset(u, 0, sizeof *u);
		char *vals[4];
		for (int w = 0; w < 4; w++)
			vals[w] = col[w] >= 0 && (size_t)col[w] < n ? kind_trim(cells[col[w]]) : "";
		snprintf(u->code, sizeof u->code, "%s", vals[0]);
		snprintf(u->name, sizeof u->name, "%s", vals[1]);
		snprintf(u->category, sizeof u->category, "%s", vals[2]);
		snprintf(u->parent, sizeof u->parent, "%s", vals[3]);
	}
	if (!st && rc < 0)
		st = lz_fail(err, LZ_USAGE, "%s: %s", path, err->msg);
	csv_close(rd);
	free(utf8);
	if (!st)
		st = finish_units(us, err);
	if (st)
		gen_units_free(us);
	return st;
}

void gen_units_free(gen_units *us)
{
	free(us->u);
	free(us->cum);
	memset(us, 0, sizeof *us);
}

void gen_person_code(long p, char out[16])
{
	snprintf(out, 16, "G%06ld", (p + 1) % 10000000);
}

size_t gen_person_unit(const gen_units *us, long p)
{
	uint64_t h = (uint64_t)p * UINT64_C(0x9e3779b97f4a7c15) + UINT64_C(0x632be59bd9b4e019);
	uint32_t x = demo_rng_below(&h, us->cum[us->n - 1]);
	size_t lo = 0, hi = us->n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (us->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* --- the kinds' touches ------------------------------------------------------------- */

static void set_int(const gen *g, gen_rowbuf *r, const char *name, long v)
{
	char b[24];
	snprintf(b, sizeof b, "%ld", v);
	gen_set(g, r, name, b);
}

static void person_fix(const gen *g, gen_rowbuf *r)
{
	const gen_units *us = gen_config(g)->units;
	const gen_unit *u = &us->u[gen_person_unit(us, r->i)];
	char code[16], name[32];
	gen_person_code(r->i, code);
	gen_set(g, r, "code", code);
	demo_name(&r->rng, name, sizeof name);
	gen_set(g, r, "name", name);
	gen_set(g, r, "unit", u->code);
	gen_set(g, r, "post", gen_post(r, u->category));
	static const char *const ranks[] = { "正科级", "副科级", "副科级", "科员", "科员", "科员", "科员", "办事员" };
	int c = category_index(u->category);
	const char *rank = c == 4 ? "其他" : c == 5 ? "村(社区)干部" : ranks[gen_below(r, 8)];
	gen_set(g, r, "rank", rank);
	/* The demo's own cadres hold the unit's posts of responsibility. */
	static const char *const flags[] = { "principal", "team_member", "discipline_secretary", "commission_member" };
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		gen_set(g, r, flags[i], "否");
	gen_set(g, r, "promoted_on", "");
}

/* Stages reached in order, each 5-60 days after the last, reported to the
 * Party committee and the higher commission within the five days allowed. */
static void case_fix(const gen *g, gen_rowbuf *r)
{
	static const char *const stage[] = { "线索受理", "初步核实", "立案审查", "审理", "结案", "了结" };
	static const char *const field[][3] = {
		{ "clue_on", "clue_party_on", "clue_higher_on" },     { "verify_on", "verify_party_on", "verify_higher_on" },
		{ "filed_on", "filed_party_on", "filed_higher_on" },  { "trial_on", "trial_party_on", "trial_higher_on" },
		{ "closed_on", "closed_party_on", "closed_higher_on" },
	};
	static const int weight[] = { 10, 15, 15, 10, 40, 10 };
	static const char *const outcomes[] = { "党内警告", "党内严重警告", "撤销党内职务", "留党察看", "开除党籍", "诫勉谈话" };
	int x = (int)gen_below(r, 100), s = 0;
	while (x >= weight[s])
		x -= weight[s++];
	int reached = s == 5 ? (int)gen_below(r, 4) : s;   /* 了结: after stage `reached` */
	int day = r->base;
	for (int j = 0; j < 5; j++) {
		int on = j <= reached || (s == 5 && j == 4);
		if (j > 0 && on)
			day += 5 + (int)gen_below(r, 56);
		for (int k = 0; k < 3; k++)
			gen_set_day(g, r, field[j][k], on ? day + (k ? (int)gen_below(r, 5) : 0) : -1);
	}
	/* Dates past today are held at today: a report then shares its stage's day. */
	gen_set(g, r, "stage", stage[s]);
	gen_set(g, r, "outcome", s == 4 ? outcomes[gen_below(r, 6)] : "");
	char reason[GEN_VAL];
	gen_text(r, 1, reason, sizeof reason);
	gen_set(g, r, "ended_reason", s == 5 ? reason : "");
	gen_set(g, r, "back_reason", "");
	gen_set(g, r, "published_on", "");
	gen_set(g, r, "serious", "否");   /* 一案三查 is the rules' benchmark, not the importer's */
	char no[40];
	snprintf(no, sizeof no, "G%.4s-%07ld", gen_get(g, r, "clue_on"), r->i + 1);
	gen_set(g, r, "case_no", no);
}

/* A letter's dates follow its state; a 通知书 is done (an open overdue one
 * would make the notice_overdue rule propose a 督办书). */
static void letter_fix(const gen *g, gen_rowbuf *r)
{
	static const char *const states[] = { "草稿", "已发出", "已签收", "已办结" };
	int s = strcmp(gen_get(g, r, "letter_type"), "目标任务通知书") == 0 ? 3 : (int)gen_below(r, 4);
	gen_set(g, r, "state", states[s]);
	int issued = r->base, received = issued + 1 + (int)gen_below(r, 10);
	gen_set_day(g, r, "issued_on", s >= 1 ? issued : -1);
	gen_set_day(g, r, "received_on", s >= 2 ? received : -1);
	gen_set_day(g, r, "acknowledged_on", s >= 2 ? received + (int)gen_below(r, 5) : -1);
	gen_set_day(g, r, "due", issued + 30 + (int)gen_below(r, 60));
	gen_set_day(g, r, "done_on", s == 3 ? received + 5 + (int)gen_below(r, 50) : -1);
}

/* Submitted before the 31 January deadline (report_late is not measured here). */
static void report_fix(const gen *g, gen_rowbuf *r)
{
	int year = atoi(gen_get(g, r, "year"));
	int due = gen_days(year + 1, 1, 31), sub = due - 1 - (int)gen_below(r, 30);
	gen_set(g, r, "mode", "书面向同级纪委");
	gen_set_day(g, r, "due", due);
	int on = sub <= gen_today();
	gen_set_day(g, r, "submitted_on", on ? sub : -1);
	static const char *const copies[] = { "copied_committee_on", "copied_commission_on", "copied_org_on", "published_on" };
	for (size_t i = 0; i < sizeof copies / sizeof copies[0]; i++)
		gen_set_day(g, r, copies[i], on && gen_below(r, 4) ? sub + (int)gen_below(r, 6) : -1);
	gen_set(g, r, "truthful", "是");
}

static void inquiry_fix(const gen *g, gen_rowbuf *r)
{
	const char *t = gen_get(g, r, "inquiry_type");
	int online = strcmp(t, "网上询问") == 0;
	gen_set(g, r, "due", "");   /* liangze works it out from inquiry_reply_days */
	if (online) {
		char name[32];
		demo_name(&r->rng, name, sizeof name);
		gen_set(g, r, "asker", "");
		gen_set(g, r, "asker_public", name);
	} else {
		gen_set(g, r, "asker_public", "");
	}
	int asked = r->base, replied = asked + 1 + (int)gen_below(r, 30);
	int answered = replied <= gen_today() && gen_below(r, 10) < 8;
	gen_set_day(g, r, "replied_on", answered ? replied : -1);
	char reply[GEN_VAL];
	gen_text(r, 2, reply, sizeof reply);
	gen_set(g, r, "reply", answered ? reply : "");
	gen_set_day(g, r, "published_on", answered && online ? replied + (int)gen_below(r, 5) : -1);
}

static void evaluation_fix(const gen *g, gen_rowbuf *r)
{
	char name[32], who[64];
	demo_name(&r->rng, name, sizeof name);
	snprintf(who, sizeof who, "%s（%ld）", name, r->i + 1);
	gen_set(g, r, "evaluator", who);
	set_int(g, r, "score", 60 + (long)gen_below(r, 41));
}

static void check_fix(const gen *g, gen_rowbuf *r)
{
	set_int(g, r, "points_deducted", (long)gen_below(r, 4));
}

static void index_fix(const gen *g, gen_rowbuf *r)
{
	set_int(g, r, "petitions", (long)gen_below(r, 4));
	set_int(g, r, "complaints", (long)gen_below(r, 3));
	set_int(g, r, "opinions", (long)gen_below(r, 2));
	set_int(g, r, "repeat_petitions", 0);
	set_int(g, r, "leapfrog_petitions", 0);
}

static void audit_fix(const gen *g, gen_rowbuf *r)
{
	gen_set(g, r, "serious", "否");   /* audit_serious is the rules' benchmark */
}

/* Shares per mille: a city's ledgers over the years, the yearly per-cadre
 * kinds and the inquiries largest. */
const gen_kind_spec gen_kind_specs[] = {
	{ "person", 0, person_fix },
	{ "inquiry", 150, inquiry_fix },
	{ "annual_review", 120, NULL },
	{ "evaluation", 120, evaluation_fix },
	{ "letter", 100, letter_fix },
	{ "meeting_record", 90, NULL },
	{ "case", 80, case_fix },
	{ "report", 70, report_fix },
	{ "check", 60, check_fix },
	{ "risk_card", 50, NULL },
	{ "interview", 40, NULL },
	{ "declaration", 40, NULL },
	{ "rectification", 30, NULL },
	{ "commitment", 30, NULL },
	{ "audit_finding", 15, audit_fix },
	{ "index_entry", 5, index_fix },
	{ NULL, 0, NULL },
};

const gen_kind_spec *gen_spec(const char *name)
{
	for (const gen_kind_spec *s = gen_kind_specs; s->name; s++)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}
