-- 0004_cha_kao: the records of the plan's mechanisms 查 and 考 (tasks 10-16,
-- 18): cases with their stages and dual reports, asset declarations, checks,
-- synchronous meeting records, audit findings, assessments, annual reviews,
-- the accountability register the rules write to, and audited random draws.

CREATE TABLE case_file (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	case_no TEXT,
	source TEXT NOT NULL,
	subject INTEGER REFERENCES person(id),
	unit INTEGER NOT NULL REFERENCES unit(id),
	category TEXT NOT NULL,
	summary TEXT,
	serious INTEGER NOT NULL DEFAULT 0 CHECK (serious IN (0, 1)),
	stage TEXT NOT NULL,
	back_reason TEXT,
	clue_on TEXT,
	clue_party_on TEXT,
	clue_higher_on TEXT,
	verify_on TEXT,
	verify_party_on TEXT,
	verify_higher_on TEXT,
	filed_on TEXT,
	filed_party_on TEXT,
	filed_higher_on TEXT,
	trial_on TEXT,
	trial_party_on TEXT,
	trial_higher_on TEXT,
	closed_on TEXT,
	closed_party_on TEXT,
	closed_higher_on TEXT,
	ended_reason TEXT,
	outcome TEXT,
	published_on TEXT
);
CREATE INDEX case_unit ON case_file(unit, clue_on);
CREATE INDEX case_clue ON case_file(clue_on);
CREATE INDEX case_subject ON case_file(subject);
CREATE INDEX case_stage ON case_file(stage);

CREATE TABLE declaration (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	person INTEGER NOT NULL REFERENCES person(id),
	declared_on TEXT NOT NULL,
	assets TEXT,
	internal_from TEXT,
	internal_to TEXT,
	public_from TEXT,
	public_to TEXT,
	objections TEXT,
	handling TEXT
);
CREATE INDEX declaration_person ON declaration(person, declared_on);
CREATE INDEX declaration_declared ON declaration(declared_on);

CREATE TABLE inspection (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	check_type TEXT NOT NULL,
	unit INTEGER NOT NULL REFERENCES unit(id),
	checked_on TEXT NOT NULL,
	inspectors TEXT,
	findings TEXT,
	notified_on TEXT,
	points_deducted INTEGER NOT NULL DEFAULT 0 CHECK (points_deducted >= 0),
	draw INTEGER REFERENCES draw(id)
);
CREATE INDEX inspection_unit ON inspection(unit, checked_on);
CREATE INDEX inspection_checked ON inspection(checked_on);
CREATE INDEX inspection_draw ON inspection(draw);

CREATE TABLE meeting_record (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	unit INTEGER NOT NULL REFERENCES unit(id),
	met_on TEXT NOT NULL,
	item_kind TEXT NOT NULL,
	summary TEXT NOT NULL,
	recorder INTEGER REFERENCES person(id),
	must_report INTEGER NOT NULL DEFAULT 0 CHECK (must_report IN (0, 1)),
	reported_on TEXT
);
CREATE INDEX meeting_unit ON meeting_record(unit, met_on);
CREATE INDEX meeting_met ON meeting_record(met_on);
CREATE INDEX meeting_recorder ON meeting_record(recorder);

CREATE TABLE audit_finding (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	audit_type TEXT NOT NULL,
	unit INTEGER NOT NULL REFERENCES unit(id),
	person INTEGER REFERENCES person(id),
	audited_on TEXT NOT NULL,
	finding TEXT NOT NULL,
	serious INTEGER NOT NULL DEFAULT 0 CHECK (serious IN (0, 1)),
	handling TEXT
);
CREATE INDEX audit_finding_unit ON audit_finding(unit, audited_on);
CREATE INDEX audit_finding_audited ON audit_finding(audited_on);
CREATE INDEX audit_finding_person ON audit_finding(person);

CREATE TABLE assessment (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	unit INTEGER NOT NULL REFERENCES unit(id),
	year INTEGER NOT NULL,
	score_lead INTEGER,
	score_duties INTEGER,
	score_style INTEGER,
	score_cases INTEGER,
	score_supervision INTEGER,
	score_education INTEGER,
	sent_on TEXT,
	note TEXT,
	UNIQUE (unit, year)
);
CREATE INDEX assessment_year ON assessment(year);

CREATE TABLE annual_review (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	person INTEGER NOT NULL REFERENCES person(id),
	year INTEGER NOT NULL,
	duty_rating TEXT,
	integrity_rating TEXT,
	risk_rating TEXT,
	overall TEXT,
	note TEXT,
	UNIQUE (person, year)
);
CREATE INDEX annual_review_year ON annual_review(year);

-- Who is held to account, by which rule or hand, for which record.
CREATE TABLE accountability (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	rule TEXT NOT NULL,
	source_kind TEXT,
	source_id INTEGER,
	year INTEGER NOT NULL,
	unit INTEGER NOT NULL REFERENCES unit(id),
	person INTEGER REFERENCES person(id),
	role TEXT,
	measure TEXT,
	state TEXT NOT NULL,
	reason TEXT NOT NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX accountability_source ON accountability(source_kind, source_id, rule);
CREATE INDEX accountability_unit ON accountability(unit, year);
CREATE INDEX accountability_state ON accountability(state, id);
CREATE INDEX accountability_person ON accountability(person);

-- Random draws: the pool in its fixed order, the seed and the result are
-- kept before the result is shown, so any draw can be replayed.
CREATE TABLE draw (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	purpose TEXT NOT NULL,
	pool TEXT NOT NULL,
	seed TEXT NOT NULL,
	count INTEGER NOT NULL,
	result TEXT NOT NULL,
	redraw_of INTEGER REFERENCES draw(id),
	reason TEXT,
	drawn_at TEXT NOT NULL,
	drawn_by TEXT NOT NULL
);
CREATE INDEX draw_redraw ON draw(redraw_of);
