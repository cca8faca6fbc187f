/* cli_verify.c — `liangze verify`: the file is whole, the audit chain is
 * unbroken and every record is as its last audit row says. Prints the head
 * hash so it can be written down outside the database, and with --expect
 * checks that the chain still passes through a hash written down earlier.
 * Any role may run it. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "i18n.h"
#include "verify.h"

/* The id of the audit row whose hash is hex (0 when none). Once the chain
 * has verified, a row holding the kept hash means the trail still runs
 * through the point where it was written down. */
static lz_status find_hash(session *s, const char *hex, int64_t *id, lz_err *err)
{
	*id = 0;
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, "SELECT id FROM audit WHERE hash = ? ORDER BY id LIMIT 1", &q, err);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, hex, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(q, 0);
	else if (rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading the audit trail"), err);
	sqlite3_finalize(q);
	return st;
}

lz_status cli_verify(const cli_cmd *c, lz_err *err)
{
	if (c->npos > 1)
		return lz_fail(err, LZ_USAGE, _("verify takes no words: '%s'"), c->pos[1]);
	const char *expect = cli_opt(c, "--expect");
	if (expect && (strlen(expect) != 64 || strspn(expect, "0123456789abcdef") != 64))
		return lz_fail(err, LZ_USAGE, _("'%s' is not a head hash (64 lower-case hex digits)"), expect);
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	verify_result r;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	st = verify_db(&s.db, &r, err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	int64_t at = 0;
	if (st == LZ_OK && expect && (st = find_hash(&s, expect, &at, err)) == LZ_OK && !at)
		st = lz_fail(err, LZ_DAMAGE,
			     _("the head hash kept earlier (%s) is not in the audit chain: the trail was rewritten or cut short"),
			     expect);
	if (st == LZ_OK) {
		double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		printf(_("OK: %lld records, %lld audit rows, checked in %.2f s\n"), (long long)r.records,
		       (long long)r.audit_rows, secs);
		printf(_("head hash: %s\n"), *r.head ? r.head : _("(no audit rows)"));
		if (expect)
			printf(_("the chain passes through the kept hash at audit row %lld\n"), (long long)at);
	}
	session_close(&s);
	return st;
}
