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
