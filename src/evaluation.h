/* evaluation.h — evaluations of 三述 cadres (task 21) added up per cadre and
 * year: how many ratings, their mean, and the mean of each evaluator group
 * and each phase. Worked out when read, never stored, so a changed rating
 * is counted at once. */
#ifndef LZ_EVALUATION_H
#define LZ_EVALUATION_H

#include <stddef.h>
#include <stdint.h>

#include "session.h"

#define EVALUATION_GROUPS 3  /* 管理服务对象, 纪委委员, 其他: evaluation_groups' order */
#define EVALUATION_PHASES 2  /* 会前, 会议现场: evaluation_phases' order */

/* A count of ratings and their mean; the mean is in hundredths, rounded half
 * away from zero, and means nothing when count is 0. */
typedef struct evaluation_mean {
	int count;
	long mean;
} evaluation_mean;

/* One cadre's ratings of one year. */
typedef struct evaluation_stats {
	evaluation_mean all;
	evaluation_mean group[EVALUATION_GROUPS];
	evaluation_mean phase[EVALUATION_PHASES];
} evaluation_stats;

/* One cadre's line of a year's summary. */
typedef struct evaluation_row {
	int64_t person;
	char code[32], name[128], unit[256];
	evaluation_stats stats;
} evaluation_row;

/* The ratings of person in year; all counts 0 when there are none. LZ_BAD
 * when the person does not exist or is outside the session's scope. */
lz_status evaluation_summary(session *s, int64_t person, int year, evaluation_stats *out, lz_err *err);

/* Every cadre rated in year within the session's scope, by unit code, then
 * person code, then id (malloc'd; free with free()). */
lz_status evaluation_year(session *s, int year, evaluation_row **rows, int *n, lz_err *err);

/* The mean as text with two decimals ("85.50"), or "" when count is 0. */
void evaluation_mean_text(const evaluation_mean *m, char *out, size_t outsz);

#endif
