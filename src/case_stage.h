/* case_stage.h — a case's way from clue to closure (tasks 10, 15): the
 * stages in order, each with its date and its two report dates (双报告: to
 * the same-level Party committee and to the higher commission), and the
 * checks every save of a case passes.
 *
 * The rules, as the case kind enforces them:
 * - 线索受理 → 初步核实 → 立案审查 → 审理 → 结案; 了结 ends a case at any
 *   stage. Skipping ahead is allowed.
 * - A stage reached gets its date: the current stage's empty date becomes
 *   today, an earlier stage's empty date the date of the stage after it (so a
 *   case entered late keeps its dates in order). 了结 dates the end in
 *   closed_on.
 * - Going back (to an earlier stage, or out of 结案/了结 at all) needs a
 *   reason in back_reason, and a new one each time: the reason kept from an
 *   earlier move does not count. Going back clears the dates (and report
 *   dates) of the stages left, and the typical-case publication date when
 *   leaving 结案; the audit trail keeps them.
 * - Only stages reached carry dates; dates run in stage order; a report is
 *   not dated before its stage.
 * - 结案 needs an outcome, 了结 a reason (ended_reason); only a 结案 case is
 *   published as a typical case, not before it was closed. */
#ifndef LZ_CASE_STAGE_H
#define LZ_CASE_STAGE_H

#include "record.h"

typedef struct case_stage_def {
	const char *stage;        /* the stage field's value: 线索受理 … 结案 */
	const char *short_zh;     /* 受理 … 结案: the name in the dual_report flag */
	const char *date_field;   /* the stage's date */
	const char *party_field;  /* reported to the same-level Party committee on */
	const char *higher_field; /* reported to the higher commission on */
} case_stage_def;

/* 线索受理 … 结案 in order; 了结 shares the last one's dates. */
#define CASE_STAGES 5
/* case_stage_index of 了结. */
#define CASE_ENDED 5

extern const case_stage_def case_stage_defs[CASE_STAGES];

/* The index of stage in 线索受理 … 结案 (0-4), CASE_ENDED for 了结, -1 for anything else. */
int case_stage_index(const char *stage);

/* Fills what follows from the stage (values still as typed): the stage
 * itself (线索受理) when empty, and the dates of the stages reached. */
lz_status case_stage_prepare(session *s, record *r, lz_err *err);

/* Checks r (canonical values) against the rules above, before being the case
 * as saved (NULL for a new one); clears the dates of stages left when going
 * back. LZ_BAD naming the field otherwise. */
lz_status case_stage_validate(session *s, const record *before, record *r, lz_err *err);

#endif
