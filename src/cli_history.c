/* cli_history.c — `liangze history KIND ID`: a record's audit rows, one line
 * per changed field, also for a record that has been deleted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "history.h"
#include "i18n.h"
#include "textout.h"

lz_status cli_history(const cli_cmd *c, lz_err *err)
{
	if (c->npos != 3)
		return lz_fail(err, LZ_USAGE, "%s", _("usage: liangze history KIND ID [--format text|csv]"));
	const kind *k = kind_find(c->pos[1]);
	if (!k)
		return lz_fail(err, LZ_USAGE, _("unknown kind '%s' (see: liangze kinds)"), c->pos[1]);
	char *end;
	long long id = strtoll(c->pos[2], &end, 10);
	if (*end || id <= 0)
		return lz_fail(err, LZ_USAGE, _("'%s' is not a record id"), c->pos[2]);
	const char *fmt = cli_opt(c, "--format");
	if (fmt && strcmp(fmt, "text") != 0 && strcmp(fmt, "csv") != 0)
		return lz_fail(err, LZ_USAGE, _("--format takes text or csv, not '%s'"), fmt);
	int csv = fmt && strcmp(fmt, "csv") == 0;
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	history h;
	if ((st = history_load(&s, k, id, &h, err))) {
		session_close(&s);
		return st;
	}
	const char *hdr[] = { _("Audit row"), _("When"), _("Who"), _("Action"), _("Field"), _("Before"), _("After") };
	textout_table t;
	textout_init(&t, 7, hdr);
	t.max_width = 0; /* the full values: a history cut short ("…具…") hides what changed */
	for (int i = 0; i < h.n; i++) {
		const history_entry *e = &h.e[i];
		char aid[24];
		snprintf(aid, sizeof aid, "%lld", (long long)e->audit_id);
		const char *act = csv ? e->action : history_action_title(e->action);
		for (int j = 0; j < e->nch || (j == 0 && e->nch == 0); j++) {
			char b[1024] = "", a[1024] = "";
			const char *field = "";
			if (e->nch) {
				const history_change *ch = &e->ch[j];
				field = csv ? ch->name : history_field_title(ch);
				/* CSV keeps the stored values for scripts; text shows names. */
				if (csv) {
					snprintf(b, sizeof b, "%s", ch->before ? ch->before : "");
					snprintf(a, sizeof a, "%s", ch->after ? ch->after : "");
				} else {
					history_value(&s, ch, ch->before, b, sizeof b);
					history_value(&s, ch, ch->after, a, sizeof a);
				}
			}
			const char *cells[] = { aid, e->at, e->login, act, field, b, a };
			if (!textout_add(&t, cells)) {
				st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				break;
			}
		}
	}
	if (st == LZ_OK) {
		if (!csv)
			printf(h.exists ? _("%s %lld: %d audit rows\n") : _("%s %lld (deleted): %d audit rows\n"),
			       kind_title(k), id, h.n);
		textout_print(&t, stdout, csv);
	} else {
		textout_clear(&t);
	}
	history_free(&h);
	session_close(&s);
	return st;
}
