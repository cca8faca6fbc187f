/* vetting.h — the vetting of a cadre proposed for promotion (task 17): the
 * cadre's record gathered from every ledger that names them (commitments,
 * risk cards, inquiries and whether answered in time, 三述 and evaluations,
 * annual reviews, cases, accountability items, declarations …) into one list,
 * for one screen and one exported sheet. Gathered from the kind descriptors,
 * so a kind added later that refers to a person is gathered too. */
#ifndef LZ_VETTING_H
#define LZ_VETTING_H

#include <stdbool.h>
#include <stdint.h>

#include "kind.h"
#include "session.h"

/* One gathered line: a record of kind k naming the cadre in field f, or (f
 * NULL, id 0) a summary such as a year's evaluations. */
typedef struct vetting_line {
	const kind *k;
	const kind_field *f;
	int64_t id;
	char year[8];       /* the record's year, "" when its kind has none */
	char *summary;      /* "label: value; …" with Chinese labels (ledger data), malloc'd */
	bool flagged;       /* something a vetting looks at twice: late, untruthful, an open accountability item */
} vetting_line;

/* A vetting and what was gathered for it. */
typedef struct vetting_sheet {
	int64_t id, person;
	char person_name[128], person_code[32], unit_name[256], post[128];
	char proposed_post[256], started_on[11], conclusion[32], concluded_on[11];
	vetting_line *lines;
	int n;
	int hidden;         /* records naming the cadre outside the session's scope, left out */
} vetting_sheet;

/* Reads vetting id and gathers every record of every kind (but accounts,
 * and this vetting itself) that names its cadre in a person reference, in
 * the kinds' menu order, then by id; evaluations come as one summary line per
 * year (count, mean, by phase and group). LZ_BAD when there is no such
 * vetting in the session's scope. Free out with vetting_free. */
lz_status vetting_gather(session *s, int64_t id, vetting_sheet *out, lz_err *err);

/* Writes the sheet as one ledger sheet (.xlsx or .csv by path): the vetting
 * first, then every gathered line. */
lz_status vetting_export(const vetting_sheet *v, const char *path, lz_err *err);

/* Frees what out holds; out itself is the caller's. */
void vetting_free(vetting_sheet *v);

#endif
