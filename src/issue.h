/* issue.h — batch issuance of a year's letters and commitments (tasks 1-2),
 * so nothing is typed twice: the 责任分工告知书 to every leader of the
 * district Party committee and government (persons of units of category
 * 区领导机关 flagged principal or team member), the 目标任务通知书 to every
 * lead unit the plan's catalog names (one letter per unit, its tasks in
 * `tasks`, due at the year's end), and the 年度责任承诺书 of every leading
 * cadre (principal or team member) of every unit. Records that exist already
 * (by the kinds' keys) are left alone, so issuing twice makes nothing new.
 *
 * Access: admins issue for the whole district. Staff issue what lies in their
 * unit scope; the rest is counted as out of scope and left for an
 * administrator, rather than refusing the whole batch (a town's staff can
 * issue their own cadres' commitments although the district leaders' letters
 * are not theirs to write). Viewers are refused. */
#ifndef LZ_ISSUE_H
#define LZ_ISSUE_H

#include "session.h"
#include "status.h"

/* The three things issued, in the order they are made and reported. */
enum { ISSUE_BRIEFING, ISSUE_NOTICE, ISSUE_COMMITMENT, ISSUE_WHATS };

typedef struct issue_counts {
	int made[ISSUE_WHATS];         /* records created */
	int existing[ISSUE_WHATS];     /* already there: skipped */
	int out_of_scope[ISSUE_WHATS]; /* outside the account's scope: left alone */
} issue_counts;

/* The data name of what i (ISSUE_BRIEFING …) issues: "责任分工告知书" …. */
const char *issue_what_name(int i);

/* Issues year's letters and commitments in one write transaction through the
 * record layer (audited, rules run), filling *out; LZ_DENIED for viewers,
 * LZ_USAGE for a year outside 1900-2999 (as KF_YEAR); nothing is written on error. */
lz_status issue_year(session *s, int year, issue_counts *out, lz_err *err);

#endif
