/* kind_table.c — every record kind, in menu order. A new kind is one line here. */
#include "kind.h"
#include "kinds_master.h"
#include "kinds_plan.h"

const kind *const kind_all[] = {
	/* 明 */
	&kind_document,
	&kind_letter,
	&kind_commitment,
	&kind_duty_letter,
	&kind_endorsement,
	&kind_risk_card,
	/* 询 */
	&kind_inquiry,
	&kind_interview,
	&kind_index_entry,
	&kind_rectification,
	&kind_proposal,
	/* master data */
	&kind_unit,
	&kind_person,
	&kind_account,
	NULL
};
