/* cli_verify.c — `liangze verify`: the file is whole, the audit chain is
 * unbroken and every record is as its last audit row says. Prints the head
 * hash so it can be written down outside the database. Any role may run it. */
#include <stdio.h>
#include <time.h>

#include "cli.h"
#include "i18n.h"
#include "verify.h"

lz_status cli_verify(const cli_cmd *c, lz_err *err)
{
	if (c->npos > 1)
		return lz_fail(err, LZ_USAGE, _("verify takes no words: '%s'"), c->pos[1]);
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	verify_result r;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	st = verify_db(&s.db, &r, err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (st == LZ_OK) {
		double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		printf(_("OK: %lld records, %lld audit rows, checked in %.2f s\n"), (long long)r.records,
		       (long long)r.audit_rows, secs);
		printf(_("head hash: %s\n"), *r.head ? r.head : _("(no audit rows)"));
	}
	session_close(&s);
	return st;
}
