-- 0007_scale: what a million records need — the search index's bookkeeping
-- and an index for every filter and sort column the ledgers offer.
--
-- The FTS5 tables themselves (fts_<table>, tokenizer "lz") and the triggers
-- that note changed rows are made by liangze's C code (src/fts.c) at the
-- first open after this migration, from the kind descriptors, and filled
-- there in one write transaction: the tokenizer is registered from C, and
-- the descriptors say which fields are searched.

-- Record ids changed since the index last caught up (fresh: inserted, not yet
-- in the index). Written by plain triggers, so a stock sqlite3 shell can still
-- edit every record table; liangze reindexes these rows before its commits.
CREATE TABLE fts_dirty (
	tbl TEXT NOT NULL,
	id INTEGER NOT NULL,
	fresh INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (tbl, id)
) WITHOUT ROWID;

-- Which fields each index holds, to rebuild it when the descriptors change.
CREATE TABLE fts_meta (
	tbl TEXT PRIMARY KEY,
	fields TEXT NOT NULL
) WITHOUT ROWID;

-- Ledgers sort by any column they show, filter by year, unit (through the
-- owner column) and state, and find the people of units named in a search:
-- one index each where none served yet (tests/test_query_plan.c checks every
-- kind, column and filter with EXPLAIN QUERY PLAN). The record id, the
-- keyset tie-break, is in every index already.

CREATE INDEX account_by_full_name ON account(full_name);
CREATE INDEX account_by_role ON account(role);

CREATE INDEX accountability_by_measure ON accountability(measure);
CREATE INDEX accountability_by_reason ON accountability(reason);
CREATE INDEX accountability_by_role ON accountability(role);
CREATE INDEX accountability_by_source_id ON accountability(source_id);
CREATE INDEX accountability_by_year ON accountability(year);

CREATE INDEX annual_review_by_duty_rating ON annual_review(duty_rating);
CREATE INDEX annual_review_by_integrity_rating ON annual_review(integrity_rating);
CREATE INDEX annual_review_by_overall ON annual_review(overall);
CREATE INDEX annual_review_by_risk_rating ON annual_review(risk_rating);

CREATE INDEX assessment_by_score_cases ON assessment(score_cases);
CREATE INDEX assessment_by_score_duties ON assessment(score_duties);
CREATE INDEX assessment_by_score_education ON assessment(score_education);
CREATE INDEX assessment_by_score_lead ON assessment(score_lead);
CREATE INDEX assessment_by_score_style ON assessment(score_style);
CREATE INDEX assessment_by_score_supervision ON assessment(score_supervision);
CREATE INDEX assessment_by_sent_on ON assessment(sent_on);

CREATE INDEX audit_finding_by_audit_type ON audit_finding(audit_type);
CREATE INDEX audit_finding_by_finding ON audit_finding(finding);
CREATE INDEX audit_finding_by_serious ON audit_finding(serious);

CREATE INDEX case_file_by_case_no ON case_file(case_no);
CREATE INDEX case_file_by_category ON case_file(category);
CREATE INDEX case_file_by_closed_on ON case_file(closed_on);
CREATE INDEX case_file_by_filed_on ON case_file(filed_on);
CREATE INDEX case_file_by_outcome ON case_file(outcome);
CREATE INDEX case_file_by_serious ON case_file(serious);
CREATE INDEX case_file_by_source ON case_file(source);

CREATE INDEX commitment_by_public ON commitment(public);
CREATE INDEX commitment_by_signed_on ON commitment(signed_on);

CREATE INDEX declaration_by_assets ON declaration(assets);
CREATE INDEX declaration_by_objections ON declaration(objections);
CREATE INDEX declaration_by_public_from ON declaration(public_from);
CREATE INDEX declaration_by_public_to ON declaration(public_to);

CREATE INDEX document_by_doc_number ON document(doc_number);
CREATE INDEX document_by_doc_type ON document(doc_type);
CREATE INDEX document_by_issued_on ON document(issued_on);
CREATE INDEX document_by_title ON document(title);

CREATE INDEX draw_by_count ON draw(count);
CREATE INDEX draw_by_drawn_by ON draw(drawn_by);
CREATE INDEX draw_by_purpose ON draw(purpose);
CREATE INDEX draw_by_reason ON draw(reason);
CREATE INDEX draw_by_result ON draw(result);
CREATE INDEX draw_by_seed ON draw(seed);

CREATE INDEX duty_letter_by_signed_on ON duty_letter(signed_on);

CREATE INDEX duty_meeting_by_draw_count ON duty_meeting(draw_count);
CREATE INDEX duty_meeting_by_title ON duty_meeting(title);

CREATE INDEX duty_report_by_rating ON duty_report(rating);
CREATE INDEX duty_report_by_summary ON duty_report(summary);

CREATE INDEX endorsement_by_document_kind ON endorsement(document_kind);
CREATE INDEX endorsement_by_principal_opinion ON endorsement(principal_opinion);
CREATE INDEX endorsement_by_principal_signed_on ON endorsement(principal_signed_on);
CREATE INDEX endorsement_by_supervisor_opinion ON endorsement(supervisor_opinion);
CREATE INDEX endorsement_by_supervisor_signed_on ON endorsement(supervisor_signed_on);
CREATE INDEX endorsement_by_year ON endorsement(year);

CREATE INDEX evaluation_by_evaluator ON evaluation(evaluator);
CREATE INDEX evaluation_by_evaluator_group ON evaluation(evaluator_group);
CREATE INDEX evaluation_by_phase ON evaluation(phase);
CREATE INDEX evaluation_by_score ON evaluation(score);

CREATE INDEX index_entry_by_complaints ON index_entry(complaints);
CREATE INDEX index_entry_by_leapfrog_petitions ON index_entry(leapfrog_petitions);
CREATE INDEX index_entry_by_opinions ON index_entry(opinions);
CREATE INDEX index_entry_by_petitions ON index_entry(petitions);
CREATE INDEX index_entry_by_repeat_petitions ON index_entry(repeat_petitions);

CREATE INDEX inquiry_by_question ON inquiry(question);
CREATE INDEX inquiry_by_replied_on ON inquiry(replied_on);

CREATE INDEX inspection_by_check_type ON inspection(check_type);
CREATE INDEX inspection_by_findings ON inspection(findings);
CREATE INDEX inspection_by_inspectors ON inspection(inspectors);
CREATE INDEX inspection_by_notified_on ON inspection(notified_on);
CREATE INDEX inspection_by_points_deducted ON inspection(points_deducted);

CREATE INDEX interview_by_content ON interview(content);
CREATE INDEX interview_by_trigger ON interview(trigger);

CREATE INDEX letter_by_issued_on ON letter(issued_on);
CREATE INDEX letter_by_state ON letter(state);
CREATE INDEX letter_by_tasks ON letter(tasks);

CREATE INDEX meeting_record_by_item_kind ON meeting_record(item_kind);
CREATE INDEX meeting_record_by_must_report ON meeting_record(must_report);
CREATE INDEX meeting_record_by_reported_on ON meeting_record(reported_on);
CREATE INDEX meeting_record_by_summary ON meeting_record(summary);

CREATE INDEX person_by_discipline_secretary ON person(discipline_secretary);
CREATE INDEX person_by_post ON person(post);
CREATE INDEX person_by_principal ON person(principal);
CREATE INDEX person_by_rank ON person(rank);
CREATE INDEX person_by_team_member ON person(team_member);

CREATE INDEX proposal_by_decided_on ON proposal(decided_on);
CREATE INDEX proposal_by_decision ON proposal(decision);
CREATE INDEX proposal_by_period ON proposal(period);
CREATE INDEX proposal_by_reason ON proposal(reason);

CREATE INDEX rectification_by_closed_on ON rectification(closed_on);
CREATE INDEX rectification_by_item ON rectification(item);
CREATE INDEX rectification_by_source ON rectification(source);

CREATE INDEX report_by_mode ON report(mode);
CREATE INDEX report_by_submitted_on ON report(submitted_on);
CREATE INDEX report_by_truthful ON report(truthful);

CREATE INDEX risk_card_by_result ON risk_card(result);
CREATE INDEX risk_card_by_signs ON risk_card(signs);

CREATE INDEX survey_by_respondents ON survey(respondents);
CREATE INDEX survey_by_score ON survey(score);

CREATE INDEX vetting_by_concluded_on ON vetting(concluded_on);
CREATE INDEX vetting_by_conclusion ON vetting(conclusion);
CREATE INDEX vetting_by_proposed_post ON vetting(proposed_post);

-- The due-date indexes of 0003 and 0005 hold open items only; a ledger
-- sorted by the date over every row needs the whole column.
CREATE INDEX inquiry_by_due ON inquiry(due);
CREATE INDEX letter_by_due ON letter(due);
CREATE INDEX rectification_by_deadline ON rectification(deadline);
CREATE INDEX report_by_due ON report(due);

-- Import finds the record a row names by the kind's keys (src/kind.h keys):
-- one index per key, so a big file is not a scan per row. They also serve
-- sorting by their first column.
CREATE INDEX document_key_unit_year_title ON document(unit, year, title);
CREATE INDEX letter_key_letter_type_year_person ON letter(letter_type, year, person);
CREATE INDEX letter_key_letter_type_year_unit ON letter(letter_type, year, unit);
CREATE INDEX commitment_key_commitment_type_person_year ON commitment(commitment_type, person, year);
CREATE INDEX duty_letter_key_year_responsible_object_person ON duty_letter(year, responsible, object_person);
CREATE INDEX duty_letter_key_year_responsible_object_unit ON duty_letter(year, responsible, object_unit);
CREATE INDEX endorsement_key_unit_year_document_kind ON endorsement(unit, year, document_kind);
CREATE INDEX inquiry_key_inquiry_type_respondent_asked_on ON inquiry(inquiry_type, respondent, asked_on);
CREATE INDEX interview_key_unit_subject_held_on ON interview(unit, subject, held_on);
CREATE INDEX interview_key_unit_held_on_trigger ON interview(unit, held_on, trigger);
CREATE INDEX rectification_key_unit_item ON rectification(unit, item);
CREATE INDEX case_file_key_subject_clue_on ON case_file(subject, clue_on);
CREATE INDEX inspection_key_unit_checked_on_check_type ON inspection(unit, checked_on, check_type);
CREATE INDEX meeting_record_key_unit_met_on_item_kind ON meeting_record(unit, met_on, item_kind);
CREATE INDEX audit_finding_key_unit_audited_on_finding ON audit_finding(unit, audited_on, finding);
CREATE INDEX duty_meeting_key_held_on_title ON duty_meeting(held_on, title);
CREATE INDEX vetting_key_person_started_on ON vetting(person, started_on);
CREATE INDEX accountability_key_rule_source_kind_source_id_person ON accountability(rule, source_kind, source_id, person);
CREATE INDEX draw_key_drawn_at_purpose ON draw(drawn_at, purpose);
