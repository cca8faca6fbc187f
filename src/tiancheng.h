/* tiancheng.h — the Tiancheng index (天成指数, task 9): per unit and month a
 * weighted sum of petitions, efficiency complaints and corruption-related
 * online opinion, kept in hundredths; its ranking within each ranking
 * category (a lower index is better, shown worst first), the worst three,
 * the units persistently high (居高不下) over several months, the units with
 * serious repeat and leapfrog petitions, the rule that proposes interviews
 * for them, and the ranking workbook. */
#ifndef LZ_TIANCHENG_H
#define LZ_TIANCHENG_H

#include <stdbool.h>
#include <stdint.h>

#include "session.h"

struct rule;

#define TIANCHENG_NCAT 4

/* The ranking categories in the design's order ("乡镇街道", "区级部门",
 * "公共服务行业", "村(社区)"), NULL-terminated. */
extern const char *const tiancheng_categories[];

/* The ranking category (0 .. TIANCHENG_NCAT-1) of a unit of category
 * unit_category (乡镇 and 街道 rank together), or -1 when such units are not ranked. */
int tiancheng_category(const char *unit_category);

/* One unit's line of a month. */
typedef struct tiancheng_row {
	int64_t unit, entry;    /* unit id, index_entry id */
	char *code, *name;
	int cat;                /* ranking category, -1: a unit that is not ranked */
	int rank, of;           /* 1 + units of the category strictly better; units ranked there */
	int64_t index;          /* hundredths */
	long petitions, complaints, opinions, repeat, leapfrog;
	bool worst_three;       /* index > 0 and fewer than three units of the category strictly worse */
	bool persistent;        /* in the worst three in this month and the months before it (setting) */
	bool serious;           /* repeat + leapfrog at or above the setting */
	bool in_scope;          /* the session may see this unit: others are counted, never shown */
} tiancheng_row;

/* A month's ranking: rows by category (unranked units last), worst first,
 * then by unit code. */
typedef struct tiancheng_ranking {
	char period[8];
	int persist_months;     /* tiancheng_persist_months */
	long serious_at;        /* tiancheng_serious_repeat */
	int64_t weights[3];     /* hundredths: petitions, complaints, opinions */
	tiancheng_row *rows;
	int nrows;
} tiancheng_ranking;

/* Months and rankings read once and kept while a caller works over several
 * months (the rule); only valid while the index entries do not change. */
typedef struct tiancheng_calc tiancheng_calc;

/* Starts a calculation with the settings in force. */
lz_status tiancheng_calc_new(session *s, tiancheng_calc **out, lz_err *err);

/* The ranking of period ("YYYY-MM") into *out (free with tiancheng_free). */
lz_status tiancheng_calc_rank(tiancheng_calc *c, const char *period, tiancheng_ranking *out, lz_err *err);

/* Frees c; NULL is fine. */
void tiancheng_calc_free(tiancheng_calc *c);

/* The ranking of period, on its own. An empty ranking when no unit has an entry. */
lz_status tiancheng_rank(session *s, const char *period, tiancheng_ranking *out, lz_err *err);

/* Frees the rows of r (r itself is the caller's). */
void tiancheng_free(tiancheng_ranking *r);

/* The row of unit in r, or NULL. */
const tiancheng_row *tiancheng_find(const tiancheng_ranking *r, int64_t unit);

/* period moved by months (negative: back) into out. */
void tiancheng_period_add(const char *period, int months, char out[8]);

/* The latest month with any index entry into out; *found false (out "") when there is none. */
lz_status tiancheng_latest_period(session *s, char out[8], bool *found, lz_err *err);

/* The months that make row persistent: "2026-01;2026-02;2026-03" (the
 * window ending at r's period), or r's period alone when it is only serious. */
void tiancheng_trigger_periods(const tiancheng_ranking *r, const tiancheng_row *row, char *out, size_t outsz);

/* Why row's unit is proposed for an interview (Chinese, as kept in the
 * proposal), "" when neither condition holds. */
void tiancheng_reason(const tiancheng_ranking *r, const tiancheng_row *row, char *out, size_t outsz);

/* Writes the ranking workbook to path: one sheet per ranking category with
 * rows in the session's scope, a bar chart of the index, flagged rows marked
 * by conditional formatting. LZ_USAGE unless path ends in .xlsx. */
lz_status tiancheng_write_xlsx(const tiancheng_ranking *r, const char *path, lz_err *err);

/* The rule "tiancheng": proposals of interviews for units persistently high
 * or serious, kept in step with the index entries, units and settings. */
extern const struct rule tiancheng_rule;

#endif
