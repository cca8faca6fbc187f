/* satisfaction.h — the public satisfaction surveys (党风政风行风群众满意度测评,
 * tasks 22–23): each unit's yearly score ranked within its ranking category
 * (higher is better, shown best first), the bottom three, the change against
 * the year before, the units held to account for a low score in the bottom
 * three two years running, the rule that writes their accountability items,
 * and the ranking workbook. */
#ifndef LZ_SATISFACTION_H
#define LZ_SATISFACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "session.h"

struct rule;

/* One unit's line of a year. Scores are hundredths. */
typedef struct satisfaction_row {
	int64_t unit, survey;   /* unit id, survey id */
	char *code, *name;
	char *holder_name;      /* the unit's principal holder, "" when none is recorded */
	int64_t holder;         /* person id, 0: none */
	int cat;                /* ranking category (tiancheng_categories), -1: a unit not ranked */
	int rank, of;           /* 1 + units of the category strictly better; units ranked there */
	int64_t score;
	long respondents;       /* -1: not given */
	bool bottom_three;      /* fewer than three units of the category strictly worse */
	bool low;               /* score below the setting satisfaction_low */
	bool has_prev;          /* surveyed (and ranked) the year before */
	int prev_rank;
	int64_t prev_score;
	bool prev_low, prev_bottom_three;
	bool accountable;       /* low and in the bottom three this year and the year before */
	bool in_scope;          /* the session may see this unit: others are counted, never shown */
} satisfaction_row;

/* A year's ranking: rows by category (unranked units last), best first,
 * then by unit code. */
typedef struct satisfaction_ranking {
	int year;
	int64_t low;            /* the setting satisfaction_low, hundredths */
	satisfaction_row *rows;
	int nrows;
} satisfaction_ranking;

/* The ranking of year into *out (free with satisfaction_free); empty when no unit was surveyed. */
lz_status satisfaction_rank(session *s, int year, satisfaction_ranking *out, lz_err *err);

/* The ranking of every year with a survey, oldest first, into *out (*n of
 * them; free with satisfaction_free_all). */
lz_status satisfaction_rank_all(session *s, satisfaction_ranking **out, int *n, lz_err *err);

/* Frees the rows of r (r itself is the caller's). */
void satisfaction_free(satisfaction_ranking *r);

/* Frees n rankings and the array from satisfaction_rank_all; NULL is fine. */
void satisfaction_free_all(satisfaction_ranking *r, int n);

/* The row of unit in r, or NULL. */
const satisfaction_row *satisfaction_find(const satisfaction_ranking *r, int64_t unit);

/* The latest year with a survey into *year; *found false when there is none. */
lz_status satisfaction_latest_year(session *s, int *year, bool *found, lz_err *err);

/* Hundredths as "85.50" or "-1.25" into out. */
void satisfaction_decimal(int64_t v, char out[32]);

/* Units of the rankings shown to the session (ranked and in scope). */
int satisfaction_shown(const satisfaction_ranking *r);

/* Writes the ranking workbook to path: one sheet per ranking category with
 * rows in the session's scope, best first, a bar chart of the scores,
 * bottom-three and accountable rows marked by conditional formatting, and a
 * sheet 问责单位 of the units held to account. LZ_USAGE unless path ends in .xlsx. */
lz_status satisfaction_write_xlsx(const satisfaction_ranking *r, const char *path, lz_err *err);

/* The rule "satisfaction": one accountability item per unit and pair of
 * years Y−1, Y in which the unit was low and in the bottom three, kept in
 * step with the surveys, units, principal holders and the threshold. */
extern const struct rule satisfaction_rule;

#endif
