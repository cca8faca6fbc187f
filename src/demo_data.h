/* demo_data.h — the demo district's master data: units and invented cadres.
 * Pure data and generators; no database access. The units are modelled on
 * Guang'an District (广安区); every person is invented from a name pool by a
 * seeded PRNG, so a seed always yields the same people. */
#ifndef LZ_DEMO_DATA_H
#define LZ_DEMO_DATA_H

#include <stddef.h>
#include <stdint.h>

typedef struct demo_unit {
	const char *code;        /* short ASCII, unique; the letter gives the category */
	const char *name;        /* unique in the whole table */
	const char *category;    /* 乡镇, 街道, 区级部门, 公共服务行业, 村(社区), 区领导机关 */
	const char *parent_code; /* NULL for a top-level unit */
} demo_unit;

/* The units, grouped by category, every parent listed before its children. */
extern const demo_unit demo_units[];

/* Number of entries in demo_units. */
size_t demo_unit_count(void);

/* The unit with this code, or NULL. */
const demo_unit *demo_unit_find(const char *code);

/* An upper bound on how many people demo_people generates for any seed. */
#define DEMO_PEOPLE_MAX 640

typedef struct demo_person {
	char code[16];         /* "P0001".. in generation order */
	char name[32];         /* 2–3 CJK characters; unique within a unit only */
	const char *unit_code; /* points into demo_units */
	const char *post;      /* static string */
	const char *rank;      /* static string; "" for village cadres and enterprise staff */
	int principal, team_member, discipline_secretary, commission_member;
	char promoted_on[11];  /* "YYYY-MM-DD" or "" */
} demo_person;

/* Writes the people of seed into out (at most max) and returns how many it
 * wrote; with max >= DEMO_PEOPLE_MAX that is all of them. Every unit except
 * the 区领导机关 gets exactly one principal and one discipline secretary. */
size_t demo_people(uint32_t seed, demo_person *out, size_t max);

/* Writes a deterministic invented name (2–3 CJK characters, NUL-terminated)
 * drawn with the splitmix64 state *rng into buf; needs size >= 16. */
void demo_name(uint64_t *rng, char *buf, size_t size);

/* Next splitmix64 output; advances *state. */
uint64_t demo_rng_next(uint64_t *state);

/* A value in [0, n) from *state; n must be > 0. */
uint32_t demo_rng_below(uint64_t *state, uint32_t n);

#endif
