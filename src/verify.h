/* verify.h — checking that a database is whole and that nobody changed it unseen. */
#ifndef LZ_VERIFY_H
#define LZ_VERIFY_H

#include <stdint.h>

#include "db.h"
#include "status.h"

typedef struct verify_result {
	int64_t records;    /* records in all record kinds' tables */
	int64_t audit_rows; /* rows in the audit chain */
	char head[65];      /* hex SHA-256 of the last audit row; "" when there is none */
} verify_result;

/* Runs PRAGMA integrity_check and the foreign-key check, walks the audit chain
 * and compares every record with its last audited state, on connection c
 * (already open; migrated). LZ_OK with out filled; LZ_DAMAGE with err naming
 * the first mismatch; other statuses for failures to read. */
lz_status verify_db(db_conn *c, verify_result *out, lz_err *err);

#endif
