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
	/* 查 */
	&kind_case,
	&kind_declaration,
	&kind_check,
	&kind_meeting_record,
	&kind_audit_finding,
	/* 考 */
	&kind_assessment,
	&kind_annual_review,
	/* 述 */
	&kind_report,
	&kind_duty_meeting,
	&kind_duty_report,
	/* 评 */
	&kind_evaluation,
	&kind_survey,
	&kind_vetting,
	/* registers */
	&kind_accountability,
	&kind_draw,
	/* master data */
	&kind_unit,
	&kind_person,
	&kind_account,
	NULL
};
