/* fts.h — the full-text index behind the ledgers' search box.
 *
 * One FTS5 table fts_<table> (tokenizer "lz", see fts_tok.h) per kind with
 * searchable text fields, holding those fields' text under the record's id.
 * Plain SQL triggers on the record table note changed ids in fts_dirty, so
 * edits made with a stock sqlite3 shell (which lacks our tokenizer) still
 * work and are not lost; liangze reindexes the noted rows from C just before
 * each of its commits (db_conn.before_commit), in the same transaction, and a
 * search also looks at rows still noted there — results stay exact. */
#ifndef LZ_FTS_H
#define LZ_FTS_H

#include <stdbool.h>
#include <stddef.h>

#include "kind.h"
#include "session.h"

/* Whether k has text fields the index holds (and no searchable field it cannot hold). */
bool fts_kind_indexed(const kind *k);

/* Makes the index tables and triggers match the descriptors (first open after
 * an upgrade: builds them, in one write transaction); sets s->fts. */
lz_status fts_ensure(session *s, lz_err *err);

/* Reindexes the rows noted in fts_dirty (inside the caller's write transaction). */
lz_status fts_flush(db_conn *c, lz_err *err);

/* Writes into out an FTS5 MATCH expression that every text containing q
 * matches (all of q's tokens); returns the number of tokens (0: q has none,
 * search by scanning). */
int fts_match_expr(const char *q, char *out, size_t n);

/* For a big import of k inside a write transaction: stops noting k's new rows
 * one by one (*mark: the highest id before them, -1 when k has no index). */
lz_status fts_bulk_begin(db_conn *c, const kind *k, int64_t *mark, lz_err *err);

/* Indexes every row of k above mark in one statement and notes new rows one by one again. */
lz_status fts_bulk_end(db_conn *c, const kind *k, int64_t mark, lz_err *err);

#endif
