/* demo_names.c — the PRNG and the name pools behind the demo people.
 * Names are combined from common surnames and given-name characters, so they
 * are invented: any likeness to a real person is chance, and no real cadre's
 * name was put in on purpose. */
#include "demo_data.h"

#include <string.h>

/* splitmix64 (Steele, Lea, Flood 2014; Vigna's public-domain reference): a
 * 64-bit state advanced by a Weyl constant and scrambled. Named and fixed so
 * the demo data of a seed never changes between builds or platforms. */
uint64_t demo_rng_next(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

uint32_t demo_rng_below(uint64_t *state, uint32_t n)
{
	/* Multiply-shift instead of %: no division, and the bias for the tiny n
	 * used here is far below anything a demo could show. */
	uint64_t hi = demo_rng_next(state) >> 32;
	return (uint32_t)((hi * n) >> 32);
}

/* Weighted towards the surnames common in eastern Sichuan by listing those
 * first and twice as often (see surname_pick). */
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "唐", "罗", "邓",
	"何", "周", "蒲", "谢", "吴", "赵", "徐", "胡", "曾", "彭",
	"朱", "郭", "马", "高", "林", "郑", "梁", "宋", "许", "韩",
	"冯", "曹", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余",
	"杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚",
	"卢", "钟", "谭", "廖", "贾", "夏", "付", "方", "白", "邹",
	"熊", "秦", "邱", "江", "尹", "段", "雷", "侯", "龙", "陶",
	"贺", "顾", "龚", "万", "严", "向", "汤", "文", "颜", "舒",
};
#define SURNAME_COUNT (sizeof surnames / sizeof surnames[0])
#define SURNAME_COMMON 20

static const char *const given[] = {
	"伟", "芳", "军", "敏", "静", "强", "磊", "洋", "勇", "艳",
	"杰", "娟", "涛", "明", "超", "霞", "平", "刚", "华", "林",
	"建", "国", "志", "文", "玉", "兰", "红", "英", "秀", "丽",
	"春", "海", "俊", "斌", "宇", "浩", "凯", "鹏", "鑫", "婷",
	"雪", "琳", "晓", "燕", "波", "辉", "彬", "成", "德", "荣",
	"嘉", "思", "雨", "欣", "锐", "翔", "坤", "倩", "梅", "蓉",
	"川", "渝", "蜀", "丹", "陵", "光", "新", "庆", "远", "正",
	"永", "兴", "安", "学", "小", "卫", "立", "东", "宏", "家",
};
#define GIVEN_COUNT (sizeof given / sizeof given[0])

static const char *surname_pick(uint64_t *rng)
{
	/* Half the draws come from the common head of the list. */
	if (demo_rng_below(rng, 2) == 0)
		return surnames[demo_rng_below(rng, SURNAME_COMMON)];
	return surnames[demo_rng_below(rng, (uint32_t)SURNAME_COUNT)];
}

void demo_name(uint64_t *rng, char *buf, size_t size)
{
	const char *s = surname_pick(rng);
	const char *g1 = given[demo_rng_below(rng, (uint32_t)GIVEN_COUNT)];
	const char *g2 = "";
	/* About one name in four has a one-character given name, as in the
	 * cadre rosters of the 1960s–80s generations. */
	if (demo_rng_below(rng, 4) != 0) {
		g2 = given[demo_rng_below(rng, (uint32_t)GIVEN_COUNT)];
		if (strcmp(g1, g2) == 0 && demo_rng_below(rng, 3) != 0)
			g2 = given[demo_rng_below(rng, (uint32_t)GIVEN_COUNT)];
	}
	size_t a = strlen(s), b = strlen(g1), c = strlen(g2);
	if (size < a + b + c + 1) {
		if (size)
			buf[0] = '\0';
		return;
	}
	memcpy(buf, s, a);
	memcpy(buf + a, g1, b);
	memcpy(buf + a + b, g2, c);
	buf[a + b + c] = '\0';
}
