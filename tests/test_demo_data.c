/* test_demo_data.c — the demo units and the people generator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "demo_data.h"

static demo_person people_a[DEMO_PEOPLE_MAX];
static demo_person people_b[DEMO_PEOPLE_MAX];

/* Number of code points if s is valid UTF-8 (no overlongs, surrogates or
 * values above U+10FFFF), else -1. */
static int utf8_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int n = 0;
	while (*p) {
		uint32_t c;
		int more;
		if (*p < 0x80) {
			c = *p;
			more = 0;
		} else if ((*p & 0xE0) == 0xC0) {
			c = *p & 0x1F;
			more = 1;
		} else if ((*p & 0xF0) == 0xE0) {
			c = *p & 0x0F;
			more = 2;
		} else if ((*p & 0xF8) == 0xF0) {
			c = *p & 0x07;
			more = 3;
		} else {
			return -1;
		}
		p++;
		for (int i = 0; i < more; i++, p++) {
			if ((*p & 0xC0) != 0x80)
				return -1;
			c = (c << 6) | (*p & 0x3F);
		}
		if ((more == 1 && c < 0x80) || (more == 2 && c < 0x800) ||
		    (more == 3 && c < 0x10000) || c > 0x10FFFF ||
		    (c >= 0xD800 && c <= 0xDFFF))
			return -1;
		n++;
	}
	return n;
}

/* 1 if every code point of s is a CJK unified ideograph. */
static int all_cjk(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if ((*p & 0xF0) != 0xE0)
			return 0;
		uint32_t c = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
			     (p[2] & 0x3F);
		if (c < 0x4E00 || c > 0x9FFF)
			return 0;
		p += 3;
	}
	return 1;
}

static size_t count_category(const char *cat)
{
	size_t n = 0;
	for (size_t i = 0; i < demo_unit_count(); i++)
		if (strcmp(demo_units[i].category, cat) == 0)
			n++;
	return n;
}

static size_t unit_index(const char *code)
{
	const demo_unit *u = demo_unit_find(code);
	assert_non_null(u);
	return (size_t)(u - demo_units);
}

static void test_unit_counts(void **state)
{
	(void)state;
	assert_int_equal(count_category("乡镇"), 30);
	assert_int_equal(count_category("街道"), 6);
	assert_int_equal(count_category("区级部门"), 55);
	assert_int_equal(count_category("公共服务行业"), 10);
	assert_int_equal(count_category("村(社区)"), 20);
	assert_int_equal(count_category("区领导机关"), 4);
	assert_int_equal(demo_unit_count(), 30 + 6 + 55 + 10 + 20 + 4);
}

static void test_unit_codes_names_unique(void **state)
{
	(void)state;
	size_t n = demo_unit_count();
	for (size_t i = 0; i < n; i++) {
		const char *c = demo_units[i].code;
		assert_true(strlen(c) >= 2 && strlen(c) <= 8);
		for (const char *p = c; *p; p++)
			assert_true((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'));
		for (size_t j = i + 1; j < n; j++) {
			assert_string_not_equal(c, demo_units[j].code);
			assert_string_not_equal(demo_units[i].name, demo_units[j].name);
		}
	}
}

static void test_unit_code_letter_matches_category(void **state)
{
	(void)state;
	static const struct {
		char letter;
		const char *cat;
	} map[] = {
		{ 'L', "区领导机关" }, { 'J', "街道" }, { 'X', "乡镇" },
		{ 'B', "区级部门" }, { 'G', "公共服务行业" }, { 'C', "村(社区)" },
	};
	for (size_t i = 0; i < demo_unit_count(); i++) {
		int found = 0;
		for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
			if (demo_units[i].code[0] == map[k].letter) {
				assert_string_equal(demo_units[i].category, map[k].cat);
				found = 1;
			}
		assert_true(found);
	}
}

static void test_unit_parents(void **state)
{
	(void)state;
	for (size_t i = 0; i < demo_unit_count(); i++) {
		const demo_unit *u = &demo_units[i];
		const int village = strcmp(u->category, "村(社区)") == 0;
		if (!u->parent_code) {
			assert_false(village);
			continue;
		}
		/* Parents precede children so a straight insert never dangles. */
		size_t pi = unit_index(u->parent_code);
		assert_true(pi < i);
		const demo_unit *p = &demo_units[pi];
		assert_null(p->parent_code);
		if (village) {
			assert_true(strcmp(p->category, "乡镇") == 0 ||
				    strcmp(p->category, "街道") == 0);
			/* The village's name starts with its town's. */
			assert_int_equal(strncmp(u->name, p->name, strlen(p->name)), 0);
		}
	}
	assert_null(demo_unit_find("B03")->parent_code);
	assert_null(demo_unit_find("L01")->parent_code);
	assert_null(demo_unit_find("J01")->parent_code);
	assert_null(demo_unit_find("X01")->parent_code);
	assert_null(demo_unit_find("NOPE"));
	assert_null(demo_unit_find(NULL));
}

static void test_plan_departments_present(void **state)
{
	(void)state;
	static const char *const named[] = {
		"区委办", "区政府办", "区纪委监察局", "区委组织部", "区委宣传部",
		"区直机关工委", "区委区政府督查办", "区教育科技局", "区卫生计生局",
		"区财政局", "区审计局", "区绩效办", "区统计局",
	};
	for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
		int found = 0;
		for (size_t i = 0; i < demo_unit_count(); i++)
			if (strcmp(demo_units[i].name, named[k]) == 0) {
				assert_string_equal(demo_units[i].category, "区级部门");
				found = 1;
			}
		assert_true(found);
	}
}

static void test_unit_strings_utf8(void **state)
{
	(void)state;
	for (size_t i = 0; i < demo_unit_count(); i++) {
		assert_true(utf8_len(demo_units[i].name) >= 2);
		assert_true(utf8_len(demo_units[i].category) >= 2);
	}
}

static void test_people_holders(void **state)
{
	(void)state;
	size_t n = demo_people(42, people_a, DEMO_PEOPLE_MAX);
	for (size_t u = 0; u < demo_unit_count(); u++) {
		const demo_unit *unit = &demo_units[u];
		int prin = 0, disc = 0, members = 0;
		for (size_t i = 0; i < n; i++) {
			if (people_a[i].unit_code != unit->code)
				continue;
			members++;
			prin += people_a[i].principal;
			disc += people_a[i].discipline_secretary;
		}
		assert_true(members >= 2);
		assert_int_equal(prin, 1);
		if (strcmp(unit->category, "区领导机关") == 0)
			assert_int_equal(disc, 0);
		else
			assert_int_equal(disc, 1);
	}
	for (size_t i = 0; i < n; i++) {
		/* Holders are also team members, except a village's supervisor. */
		if (people_a[i].principal)
			assert_true(people_a[i].team_member);
		assert_non_null(demo_unit_find(people_a[i].unit_code));
	}
}

static void test_people_codes_and_fields(void **state)
{
	(void)state;
	size_t n = demo_people(7, people_a, DEMO_PEOPLE_MAX);
	assert_true(n >= 300 && n < DEMO_PEOPLE_MAX);
	for (size_t i = 0; i < n; i++) {
		const demo_person *p = &people_a[i];
		char want[32];
		snprintf(want, sizeof want, "P%04zu", i + 1);
		assert_string_equal(p->code, want);
		int len = utf8_len(p->name);
		assert_true(len == 2 || len == 3);
		assert_true(all_cjk(p->name));
		assert_true(utf8_len(p->post) >= 2);
		assert_true(utf8_len(p->rank) >= 0);
		assert_true(utf8_len(p->promoted_on) >= 0);
		if (strcmp(demo_unit_find(p->unit_code)->category, "村(社区)") == 0)
			assert_string_equal(p->rank, "");
	}
}

static void test_people_names_unique_in_unit(void **state)
{
	(void)state;
	for (uint32_t seed = 0; seed < 20; seed++) {
		size_t n = demo_people(seed, people_a, DEMO_PEOPLE_MAX);
		size_t namesakes = 0;
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++) {
				if (strcmp(people_a[i].name, people_a[j].name) != 0)
					continue;
				assert_ptr_not_equal(people_a[i].unit_code, people_a[j].unit_code);
				namesakes++;
			}
		/* Namesakes in different units exist, to exercise name + unit keys. */
		assert_true(namesakes >= 3);
	}
}

static void test_people_determinism(void **state)
{
	(void)state;
	size_t n = demo_people(2026, people_a, DEMO_PEOPLE_MAX);
	size_t m = demo_people(2026, people_b, DEMO_PEOPLE_MAX);
	assert_int_equal(n, m);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(people_a[i].code, people_b[i].code);
		assert_string_equal(people_a[i].name, people_b[i].name);
		assert_ptr_equal(people_a[i].unit_code, people_b[i].unit_code);
		assert_ptr_equal(people_a[i].post, people_b[i].post);
		assert_string_equal(people_a[i].promoted_on, people_b[i].promoted_on);
		assert_int_equal(people_a[i].commission_member, people_b[i].commission_member);
	}

	m = demo_people(2027, people_b, DEMO_PEOPLE_MAX);
	size_t same = 0, k = n < m ? n : m;
	for (size_t i = 0; i < k; i++)
		same += strcmp(people_a[i].name, people_b[i].name) == 0;
	assert_true(same < k / 10);
}

static void test_people_truncation(void **state)
{
	(void)state;
	size_t n = demo_people(5, people_a, DEMO_PEOPLE_MAX);
	memset(people_b, 0, sizeof people_b);
	assert_int_equal(demo_people(5, people_b, 17), 17);
	for (size_t i = 0; i < 17; i++)
		assert_string_equal(people_a[i].name, people_b[i].name);
	assert_string_equal(people_b[17].code, "");
	assert_int_equal(demo_people(5, NULL, 0), 0);
	assert_int_equal(demo_people(5, people_b, n + 5), n);
}

static void test_people_sizes_over_seeds(void **state)
{
	(void)state;
	for (uint32_t seed = 0; seed < 300; seed++) {
		size_t n = demo_people(seed * 2654435761u, people_a, DEMO_PEOPLE_MAX);
		assert_true(n >= 450 && n < DEMO_PEOPLE_MAX);
	}
}

static void test_commission(void **state)
{
	(void)state;
	for (uint32_t seed = 0; seed < 20; seed++) {
		size_t n = demo_people(seed, people_a, DEMO_PEOPLE_MAX);
		size_t in_b03 = 0, outside = 0;
		const demo_person *secretary = NULL;
		for (size_t i = 0; i < n; i++) {
			const demo_person *p = &people_a[i];
			if (strcmp(p->unit_code, "B03") == 0) {
				in_b03++;
				if (p->principal)
					secretary = p;
			} else if (p->commission_member) {
				outside++;
				assert_true(p->discipline_secretary);
			}
		}
		assert_true(in_b03 >= 8 && in_b03 <= 12);
		assert_int_equal(outside, 15);
		assert_non_null(secretary);
		assert_non_null(strstr(secretary->post, "区纪委书记"));
		assert_true(secretary->commission_member);
	}
}

static void test_leadership(void **state)
{
	(void)state;
	size_t n = demo_people(1, people_a, DEMO_PEOPLE_MAX);
	int secretary = 0, mayor = 0, deputies = 0;
	for (size_t i = 0; i < n; i++) {
		const demo_person *p = &people_a[i];
		if (strcmp(p->unit_code, "L01") == 0 && p->principal) {
			assert_string_equal(p->post, "区委书记");
			secretary++;
		}
		if (strcmp(p->unit_code, "L02") == 0 && p->principal) {
			assert_non_null(strstr(p->post, "区长"));
			mayor++;
		}
		if (strcmp(p->post, "副区长") == 0)
			deputies++;
	}
	assert_int_equal(secretary, 1);
	assert_int_equal(mayor, 1);
	assert_true(deputies >= 2);
}

static int valid_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 2024 || y > 2026 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && y != 2024)
		return 0;
	return strcmp(s, "2026-10-31") <= 0;
}

static void test_promotions(void **state)
{
	(void)state;
	size_t total = 0, promoted = 0;
	for (uint32_t seed = 0; seed < 30; seed++) {
		size_t n = demo_people(seed, people_a, DEMO_PEOPLE_MAX);
		for (size_t i = 0; i < n; i++) {
			const demo_person *p = &people_a[i];
			total++;
			if (!p->promoted_on[0])
				continue;
			promoted++;
			assert_true(valid_date(p->promoted_on));
			/* Only 科级 cadres are declared as newly promoted. */
			assert_true(strcmp(p->rank, "正科级") == 0 || strcmp(p->rank, "副科级") == 0);
		}
	}
	assert_true(promoted * 100 >= total * 10 && promoted * 100 <= total * 20);
}

static void test_rng(void **state)
{
	(void)state;
	/* First outputs of splitmix64 seeded with 0 (Vigna's reference code). */
	uint64_t s = 0;
	assert_true(demo_rng_next(&s) == UINT64_C(0xe220a8397b1dcdaf));
	assert_true(demo_rng_next(&s) == UINT64_C(0x6e789e6aa1b965f4));
	for (uint32_t bound = 1; bound < 50; bound++)
		for (int i = 0; i < 20; i++)
			assert_true(demo_rng_below(&s, bound) < bound);
	char buf[16];
	demo_name(&s, buf, 4); /* too small: empty, never overflowing */
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unit_counts),
		cmocka_unit_test(test_unit_codes_names_unique),
		cmocka_unit_test(test_unit_code_letter_matches_category),
		cmocka_unit_test(test_unit_parents),
		cmocka_unit_test(test_plan_departments_present),
		cmocka_unit_test(test_unit_strings_utf8),
		cmocka_unit_test(test_people_holders),
		cmocka_unit_test(test_people_codes_and_fields),
		cmocka_unit_test(test_people_names_unique_in_unit),
		cmocka_unit_test(test_people_determinism),
		cmocka_unit_test(test_people_truncation),
		cmocka_unit_test(test_people_sizes_over_seeds),
		cmocka_unit_test(test_commission),
		cmocka_unit_test(test_leadership),
		cmocka_unit_test(test_promotions),
		cmocka_unit_test(test_rng),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
