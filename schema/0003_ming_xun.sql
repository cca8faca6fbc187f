-- 0003_ming_xun: the records of the plan's mechanisms 明 and 询 (tasks 1-9):
-- documents, the "three letters", commitments, duty letters and their review
-- and signature, risk-sign cards, inquiries, interviews, the Tiancheng index
-- counts, rectifications, and proposals that rules make for staff to confirm.

CREATE TABLE document (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	year INTEGER NOT NULL,
	unit INTEGER NOT NULL REFERENCES unit(id),
	doc_type TEXT NOT NULL,
	title TEXT NOT NULL,
	doc_number TEXT,
	issued_on TEXT,
	tasks TEXT,
	duties TEXT,
	note TEXT
);
CREATE INDEX document_unit ON document(unit, year);
CREATE INDEX document_year ON document(year, unit);

CREATE TABLE letter (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	letter_type TEXT NOT NULL,
	year INTEGER NOT NULL,
	unit INTEGER NOT NULL REFERENCES unit(id),
	person INTEGER REFERENCES person(id),
	tasks TEXT,
	content TEXT,
	issued_on TEXT,
	received_on TEXT,
	acknowledged_on TEXT,
	due TEXT,
	state TEXT NOT NULL,
	done_on TEXT,
	source_letter INTEGER REFERENCES letter(id)
);
CREATE INDEX letter_unit ON letter(unit, year);
CREATE INDEX letter_year ON letter(year, letter_type);
CREATE INDEX letter_person ON letter(person);
CREATE INDEX letter_due ON letter(due) WHERE state <> '已办结';

CREATE TABLE commitment (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	commitment_type TEXT NOT NULL,
	person INTEGER NOT NULL REFERENCES person(id),
	year INTEGER NOT NULL,
	signed_on TEXT,
	public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
	content TEXT
);
CREATE INDEX commitment_person ON commitment(person, year);
CREATE INDEX commitment_year ON commitment(year, commitment_type);

CREATE TABLE duty_letter (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	year INTEGER NOT NULL,
	unit INTEGER NOT NULL REFERENCES unit(id),
	responsible INTEGER NOT NULL REFERENCES person(id),
	object_person INTEGER REFERENCES person(id),
	object_unit INTEGER REFERENCES unit(id),
	signed_on TEXT,
	content TEXT
);
CREATE INDEX duty_letter_unit ON duty_letter(unit, year);
CREATE INDEX duty_letter_responsible ON duty_letter(responsible);
CREATE INDEX duty_letter_object ON duty_letter(object_person);
CREATE INDEX duty_letter_object_unit ON duty_letter(object_unit);

CREATE TABLE endorsement (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	year INTEGER NOT NULL,
	unit INTEGER NOT NULL REFERENCES unit(id),
	document_kind TEXT NOT NULL,
	principal_opinion TEXT,
	principal_signed_on TEXT,
	supervisor_opinion TEXT,
	supervisor_signed_on TEXT
);
CREATE INDEX endorsement_unit ON endorsement(unit, year);

CREATE TABLE risk_card (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	person INTEGER NOT NULL REFERENCES person(id),
	issued_on TEXT NOT NULL,
	signs TEXT NOT NULL,
	principal INTEGER REFERENCES person(id),
	supervisor INTEGER REFERENCES person(id),
	follow_up TEXT,
	result TEXT
);
CREATE INDEX risk_card_person ON risk_card(person, issued_on);
CREATE INDEX risk_card_issued ON risk_card(issued_on);
CREATE INDEX risk_card_principal ON risk_card(principal);
CREATE INDEX risk_card_supervisor ON risk_card(supervisor);

CREATE TABLE inquiry (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	inquiry_type TEXT NOT NULL,
	asker INTEGER REFERENCES person(id),
	asker_public TEXT,
	respondent INTEGER NOT NULL REFERENCES person(id),
	question TEXT NOT NULL,
	asked_on TEXT NOT NULL,
	due TEXT,
	reply TEXT,
	replied_on TEXT,
	published_on TEXT
);
CREATE INDEX inquiry_respondent ON inquiry(respondent, asked_on);
CREATE INDEX inquiry_asked ON inquiry(asked_on);
CREATE INDEX inquiry_asker ON inquiry(asker);
CREATE INDEX inquiry_open_due ON inquiry(due) WHERE replied_on IS NULL;

CREATE TABLE interview (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	unit INTEGER NOT NULL REFERENCES unit(id),
	subject INTEGER REFERENCES person(id),
	initiator INTEGER REFERENCES person(id),
	trigger TEXT NOT NULL,
	held_on TEXT NOT NULL,
	periods TEXT,
	content TEXT,
	follow_up TEXT,
	proposal INTEGER REFERENCES proposal(id)
);
CREATE INDEX interview_unit ON interview(unit, held_on);
CREATE INDEX interview_held ON interview(held_on);
CREATE INDEX interview_subject ON interview(subject);
CREATE INDEX interview_initiator ON interview(initiator);
CREATE INDEX interview_proposal ON interview(proposal);

CREATE TABLE index_entry (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	unit INTEGER NOT NULL REFERENCES unit(id),
	period TEXT NOT NULL,
	petitions INTEGER NOT NULL DEFAULT 0 CHECK (petitions >= 0),
	complaints INTEGER NOT NULL DEFAULT 0 CHECK (complaints >= 0),
	opinions INTEGER NOT NULL DEFAULT 0 CHECK (opinions >= 0),
	repeat_petitions INTEGER NOT NULL DEFAULT 0 CHECK (repeat_petitions >= 0),
	leapfrog_petitions INTEGER NOT NULL DEFAULT 0 CHECK (leapfrog_petitions >= 0),
	UNIQUE (unit, period)
);
CREATE INDEX index_entry_period ON index_entry(period, unit);

CREATE TABLE rectification (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	unit INTEGER NOT NULL REFERENCES unit(id),
	item TEXT NOT NULL,
	source TEXT,
	deadline TEXT,
	result TEXT,
	closed_on TEXT,
	interview INTEGER REFERENCES interview(id)
);
CREATE INDEX rectification_unit ON rectification(unit, deadline);
CREATE INDEX rectification_deadline ON rectification(deadline) WHERE closed_on IS NULL;
CREATE INDEX rectification_interview ON rectification(interview);

-- Made by rules, decided by staff: one row per rule, unit and period.
CREATE TABLE proposal (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	rule TEXT NOT NULL,
	unit INTEGER NOT NULL REFERENCES unit(id),
	period TEXT NOT NULL,
	reason TEXT NOT NULL,
	state TEXT NOT NULL,
	decision TEXT,
	decided_on TEXT,
	source_kind TEXT,
	source_id INTEGER,
	UNIQUE (rule, unit, period)
);
CREATE INDEX proposal_state ON proposal(state, period);
CREATE INDEX proposal_unit ON proposal(unit, period);
