/* audit_chain.h — the tamper-evident chain over the audit trail: each row
 * keeps the hash of the row before it and its own SHA-256 (OpenSSL libcrypto)
 * over a canonical encoding of its fields, so that changing, removing or
 * reordering rows breaks the chain where it happened. */
#ifndef LZ_AUDIT_CHAIN_H
#define LZ_AUDIT_CHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "db.h"
#include "sbuf.h"
#include "status.h"

/* A text field with its length; s == NULL is SQL NULL. */
typedef struct audit_text {
	const char *s;
	size_t n;
} audit_text;

/* One audit row as hashed. record_id is NULL when has_record is false. */
typedef struct audit_row {
	int64_t id;
	audit_text at, login, kind;
	bool has_record;
	int64_t record_id;
	audit_text action, before, after, prev_hash;
} audit_row;

/* An audit_text for a NUL-terminated string (NULL stays NULL). */
audit_text audit_text_of(const char *s);

/* Appends the canonical encoding of r to out: "LZA1", then for each field in
 * the order id, at, login, kind, record_id, action, before, after, prev_hash
 * a tag ('N' null, 'I' integer, 'T' text), integers as 8 bytes big-endian,
 * texts as an 8-byte big-endian length and the bytes. No two different rows
 * encode alike. */
void audit_chain_encode(const audit_row *r, sbuf *out);

/* Lower-case hex SHA-256 of r's encoding into hex; false when out of memory. */
bool audit_chain_hash(const audit_row *r, char hex[65]);

/* The columns audit_row_read expects, in order, for SELECT lists. */
#define AUDIT_CHAIN_COLS "id, at, login, kind, record_id, action, before, after, prev_hash, hash"

/* Fills r from columns col .. col+8 of q (AUDIT_CHAIN_COLS order); the texts
 * point into q and live until its next step. */
void audit_row_read(sqlite3_stmt *q, int col, audit_row *r);

/* The id the next audit row gets and the hash of the last row (prev, "" with
 * *has_prev false when there is none or it has no hash). Must run inside the
 * write transaction that appends the row, so that concurrent sessions chain
 * one after another. */
lz_status audit_chain_head(db_conn *c, int64_t *next_id, char prev[65], bool *has_prev, lz_err *err);

/* Hashes the rows of a trail written before the chain existed, in id order,
 * inside the caller's write transaction. Does nothing when any row already
 * has a hash: later rows without one are damage for verify to report, not
 * something to seal silently. */
lz_status audit_chain_seal(db_conn *c, lz_err *err);

#endif
