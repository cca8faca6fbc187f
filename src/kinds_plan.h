/* kinds_plan.h — descriptors of the kinds the plan's mechanisms bring, and
 * the value lists they share. */
#ifndef LZ_KINDS_PLAN_H
#define LZ_KINDS_PLAN_H

#include "kind.h"
#include "session.h"

struct record;

/* 明 (kinds_ming.c) */
extern const kind kind_document, kind_letter, kind_commitment, kind_duty_letter, kind_endorsement, kind_risk_card;
/* 询 (kinds_xun.c) */
extern const kind kind_inquiry, kind_interview, kind_index_entry, kind_rectification, kind_proposal;
/* 查 (kinds_cha.c) */
extern const kind kind_case, kind_declaration, kind_check, kind_meeting_record, kind_audit_finding;
/* 述 and 评 (kinds_shuping.c) */
extern const kind kind_report, kind_duty_meeting, kind_duty_report, kind_evaluation, kind_survey, kind_vetting;
extern const char *const report_modes[], *const duty_ratings[], *const evaluation_groups[], *const evaluation_phases[];
extern const char *const vetting_conclusions[];
/* 考 and the registers rules write (kinds_kao.c) */
extern const kind kind_assessment, kind_annual_review, kind_accountability, kind_draw;
extern const char *const case_sources[], *const case_categories[], *const case_stages[];
extern const char *const check_types[], *const meeting_items[], *const audit_types[];
extern const char *const assessment_grades[], *const review_ratings[], *const review_grades[];
extern const char *const accountability_rules[], *const accountability_measures[], *const accountability_states[];

extern const char *const plan_task_numbers[];   /* "1" … "23" */
extern const char *const plan_duty_sections[];  /* "二(一)1(1)" … "二(二)5" */
extern const char *const letter_types[], *const letter_states[];
extern const char *const inquiry_states[], *const interview_triggers[], *const rectification_states[];
extern const char *const proposal_rules[], *const proposal_states[];

/* Fills the unit field of r from the unit of the person in person_field, when
 * the unit is empty and the person is given. */
lz_status plan_unit_from_person(session *s, struct record *r, const char *unit_field, const char *person_field,
				lz_err *err);

#endif
