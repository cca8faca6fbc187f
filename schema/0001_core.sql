-- 0001_core: master data (units, people), accounts, settings and the audit trail.
-- Ids are AUTOINCREMENT so that a deleted record's id is never handed out again:
-- the audit trail and printed ledgers refer to records by id.

CREATE TABLE unit (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,
	category TEXT NOT NULL,
	parent INTEGER REFERENCES unit(id),
	principal_holder INTEGER REFERENCES person(id),
	supervisor_holder INTEGER REFERENCES person(id)
);
CREATE INDEX unit_parent ON unit(parent);
CREATE INDEX unit_category ON unit(category, code);
CREATE INDEX unit_principal ON unit(principal_holder);
CREATE INDEX unit_supervisor ON unit(supervisor_holder);

CREATE TABLE person (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	code TEXT UNIQUE,
	name TEXT NOT NULL,
	unit INTEGER NOT NULL REFERENCES unit(id),
	post TEXT,
	rank TEXT,
	principal INTEGER NOT NULL DEFAULT 0 CHECK (principal IN (0, 1)),
	team_member INTEGER NOT NULL DEFAULT 0 CHECK (team_member IN (0, 1)),
	discipline_secretary INTEGER NOT NULL DEFAULT 0 CHECK (discipline_secretary IN (0, 1)),
	commission_member INTEGER NOT NULL DEFAULT 0 CHECK (commission_member IN (0, 1)),
	promoted_on TEXT
);
CREATE INDEX person_unit ON person(unit, name);
CREATE INDEX person_name ON person(name, unit);

-- Accounts are OS account names; role and unit scope decide what they may read and write.
CREATE TABLE account (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	login TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'viewer')),
	scope_unit INTEGER REFERENCES unit(id),
	full_name TEXT
);
CREATE INDEX account_scope ON account(scope_unit);

-- Only values that differ from the built-in defaults are stored.
CREATE TABLE setting (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per change, written in the transaction of the change itself.
-- prev_hash/hash carry the tamper-evident chain.
CREATE TABLE audit (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at TEXT NOT NULL,
	login TEXT NOT NULL,
	kind TEXT NOT NULL,
	record_id INTEGER,
	action TEXT NOT NULL,
	before TEXT,
	after TEXT,
	prev_hash TEXT,
	hash TEXT
);
CREATE INDEX audit_record ON audit(kind, record_id);
