#include "audit_chain.h"

#include <stdio.h>
#include <string.h>

#include <openssl/sha.h>

#include "i18n.h"

audit_text audit_text_of(const char *s)
{
	audit_text t = { s, s ? strlen(s) : 0 };
	return t;
}

static void put_u64(sbuf *out, uint64_t v)
{
	char b[8];
	for (int i = 7; i >= 0; i--) {
		b[i] = (char)(v & 0xff);
		v >>= 8;
	}
	sbuf_addn(out, b, 8);
}

static void put_int(sbuf *out, int64_t v)
{
	sbuf_addn(out, "I", 1);
	put_u64(out, (uint64_t)v);
}

static void put_text(sbuf *out, audit_text t)
{
	if (!t.s) {
		sbuf_addn(out, "N", 1);
		return;
	}
	sbuf_addn(out, "T", 1);
	put_u64(out, (uint64_t)t.n);
	sbuf_addn(out, t.s, t.n);
}

void audit_chain_encode(const audit_row *r, sbuf *out)
{
	sbuf_addn(out, "LZA1", 4);
	put_int(out, r->id);
	put_text(out, r->at);
	put_text(out, r->login);
	put_text(out, r->kind);
	if (r->has_record)
		put_int(out, r->record_id);
	else
		sbuf_addn(out, "N", 1);
	put_text(out, r->action);
	put_text(out, r->before);
	put_text(out, r->after);
	put_text(out, r->prev_hash);
}

bool audit_chain_hash(const audit_row *r, char hex[65])
{
	sbuf b = { 0 };
	audit_chain_encode(r, &b);
	if (b.oom) {
		sbuf_free(&b);
		hex[0] = '\0';
		return false;
	}
	unsigned char md[SHA256_DIGEST_LENGTH];
	SHA256((const unsigned char *)b.s, b.len, md);
	sbuf_free(&b);
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
	return true;
}

static audit_text col_text(sqlite3_stmt *q, int col)
{
	audit_text t = { NULL, 0 };
	if (sqlite3_column_type(q, col) == SQLITE_NULL)
		return t;
	/* Text first, then bytes: the pointer stays valid for the length. */
	t.s = (const char *)sqlite3_column_text(q, col);
	t.n = (size_t)sqlite3_column_bytes(q, col);
	if (!t.s)
		t.s = "";
	return t;
}

void audit_row_read(sqlite3_stmt *q, int col, audit_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(q, col);
	r->at = col_text(q, col + 1);
	r->login = col_text(q, col + 2);
	r->kind = col_text(q, col + 3);
	r->has_record = sqlite3_column_type(q, col + 4) != SQLITE_NULL;
	r->record_id = sqlite3_column_int64(q, col + 4);
	r->action = col_text(q, col + 5);
	r->before = col_text(q, col + 6);
	r->after = col_text(q, col + 7);
	r->prev_hash = col_text(q, col + 8);
}

lz_status audit_chain_head(db_conn *c, int64_t *next_id, char prev[65], bool *has_prev, lz_err *err)
{
	/* The id AUTOINCREMENT would hand out, given explicitly so that the hash
	 * can cover it in the one INSERT. */
	sqlite3_stmt *q;
	lz_status st = db_cached(c,
		"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0),"
		" coalesce((SELECT max(id) FROM audit), 0)) + 1,"
		" (SELECT hash FROM audit ORDER BY id DESC LIMIT 1)", &q, err);
	if (st)
		return st;
	int rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		st = db_error(c, rc, _("reading the audit trail"), err);
	} else {
		*next_id = sqlite3_column_int64(q, 0);
		const char *h = (const char *)sqlite3_column_text(q, 1);
		*has_prev = h != NULL;
		snprintf(prev, 65, "%s", h ? h : "");
	}
	db_release(c, q);
	return st;
}

lz_status audit_chain_seal(db_conn *c, lz_err *err)
{
	int64_t hashed = 0;
	lz_status st = db_scalar_int(c, "SELECT count(*) FROM (SELECT 1 FROM audit WHERE hash IS NOT NULL LIMIT 1)",
				     0, &hashed, err);
	if (st || hashed)
		return st;
	sqlite3_stmt *q, *u;
	if ((st = db_prepare(c, "SELECT " AUDIT_CHAIN_COLS " FROM audit ORDER BY id", &q, err)))
		return st;
	if ((st = db_prepare(c, "UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", &u, err))) {
		sqlite3_finalize(q);
		return st;
	}
	char prev[65] = "", hex[65];
	bool first = true;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		audit_row r;
		audit_row_read(q, 0, &r);
		r.prev_hash = first ? audit_text_of(NULL) : audit_text_of(prev);
		if (!audit_chain_hash(&r, hex)) {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			break;
		}
		if (first)
			sqlite3_bind_null(u, 1);
		else
			sqlite3_bind_text(u, 1, prev, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(u, 2, hex, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(u, 3, r.id);
		int urc = sqlite3_step(u);
		sqlite3_reset(u);
		if (urc != SQLITE_DONE) {
			st = db_error(c, urc, _("sealing the audit trail"), err);
			break;
		}
		memcpy(prev, hex, sizeof prev);
		first = false;
	}
	if (st == LZ_OK && rc != SQLITE_DONE)
		st = db_error(c, rc, _("sealing the audit trail"), err);
	sqlite3_finalize(q);
	sqlite3_finalize(u);
	return st;
}
