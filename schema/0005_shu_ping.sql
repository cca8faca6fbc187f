-- 0005_shu_ping: the records of the plan's mechanisms 述 and 评 (tasks 17,
-- 19-23): the three reports (三述), discipline secretaries' duty-report
-- meetings and the reports drawn at them, evaluations of 三述 cadres,
-- satisfaction surveys, and the vetting of cadres proposed for promotion.

CREATE TABLE report (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	person INTEGER NOT NULL REFERENCES person(id),
	year INTEGER NOT NULL,
	mode TEXT NOT NULL,
	due TEXT,
	submitted_on TEXT,
	copied_committee_on TEXT,
	copied_commission_on TEXT,
	copied_org_on TEXT,
	published_on TEXT,
	truthful INTEGER NOT NULL DEFAULT 1 CHECK (truthful IN (0, 1)),
	note TEXT,
	UNIQUE (person, year)
);
CREATE INDEX report_year ON report(year);
CREATE INDEX report_open_due ON report(due) WHERE submitted_on IS NULL;

CREATE TABLE duty_meeting (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	held_on TEXT NOT NULL,
	title TEXT NOT NULL,
	draw_count INTEGER NOT NULL DEFAULT 3,
	draw INTEGER REFERENCES draw(id),
	note TEXT
);
CREATE INDEX duty_meeting_held ON duty_meeting(held_on);
CREATE INDEX duty_meeting_draw ON duty_meeting(draw);

CREATE TABLE duty_report (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	meeting INTEGER NOT NULL REFERENCES duty_meeting(id),
	person INTEGER NOT NULL REFERENCES person(id),
	summary TEXT,
	questions TEXT,
	rating TEXT,
	UNIQUE (meeting, person)
);
CREATE INDEX duty_report_person ON duty_report(person);

CREATE TABLE evaluation (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	person INTEGER NOT NULL REFERENCES person(id),
	year INTEGER NOT NULL,
	evaluator TEXT NOT NULL,
	evaluator_group TEXT NOT NULL,
	phase TEXT NOT NULL,
	score INTEGER NOT NULL,
	comment TEXT,
	UNIQUE (person, year, evaluator, phase)
);
CREATE INDEX evaluation_year ON evaluation(year, person);

CREATE TABLE survey (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	unit INTEGER NOT NULL REFERENCES unit(id),
	year INTEGER NOT NULL,
	score INTEGER NOT NULL,
	respondents INTEGER,
	UNIQUE (unit, year)
);
CREATE INDEX survey_year ON survey(year, unit);

CREATE TABLE vetting (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	person INTEGER NOT NULL REFERENCES person(id),
	proposed_post TEXT NOT NULL,
	started_on TEXT NOT NULL,
	conclusion TEXT,
	concluded_on TEXT,
	note TEXT
);
CREATE INDEX vetting_person ON vetting(person);
CREATE INDEX vetting_started ON vetting(started_on);
