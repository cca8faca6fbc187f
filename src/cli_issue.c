/* cli_issue.c — `liangze issue --year Y`: the year's 告知书, 通知书 and
 * 年度责任承诺书 in one go (see issue.h), with what was made and skipped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "issue.h"

lz_status cli_issue(const cli_cmd *c, lz_err *err)
{
	const char *y = cli_opt(c, "--year");
	if (c->npos > 1)
		return lz_fail(err, LZ_USAGE, _("issue takes no words, only --year Y: '%s'"), c->pos[1]);
	if (!y)
		return lz_fail(err, LZ_USAGE, "%s", _("issue: which year? (--year Y)"));
	if (strlen(y) != 4 || strspn(y, "0123456789") != 4)
		return lz_fail(err, LZ_USAGE, _("'%s' is not a year like 2026"), y);
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	issue_counts n;
	if ((st = issue_year(&s, atoi(y), &n, err)) == LZ_OK) {
		for (int i = 0; i < ISSUE_WHATS; i++) {
			printf(_("%s: %d made, %d already there"), issue_what_name(i), n.made[i], n.existing[i]);
			if (n.out_of_scope[i])
				printf(_(", %d outside the scope of account %s (left for an administrator)"),
				       n.out_of_scope[i], s.login);
			putchar('\n');
		}
	}
	session_close(&s);
	return st;
}
