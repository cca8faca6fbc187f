/* query_cond.c — the named conditions ledgers and warnings filter by, and
 * a filter in a few words for titles. */
#include "query.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

/* Records whose survey score has fewer than three units of the same ranking
 * category (乡镇 and 街道 together) and year strictly below it. */
#define RANK_CAT(u) "CASE WHEN " u ".category IN ('乡镇', '街道') THEN '乡镇街道' ELSE " u ".category END"

const query_cond query_conds[] = {
	{ "dual_report_missing", "case", N_("missing a dual report"), "dual_report", NULL },
	{ "tiancheng_waiting", "proposal", N_("Tiancheng proposals waiting"), NULL,
	  "t.rule = 'tiancheng' AND t.state = '待确认'" },
	{ "bottom_three", "survey", N_("bottom three of their category"), NULL,
	  "(SELECT count(*) FROM survey s2 JOIN unit u2 ON u2.id = s2.unit WHERE s2.year = t.year"
	  " AND s2.score < t.score AND " RANK_CAT("u2") " = (SELECT " RANK_CAT("u1")
	  " FROM unit u1 WHERE u1.id = t.unit)) < 3" },
	{ NULL, NULL, NULL, NULL, NULL }
};

const query_cond *query_cond_find(const char *name)
{
	for (const query_cond *c = query_conds; name && c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void query_filter_words(const query_filter *f, char *out, size_t outsz)
{
	size_t n = 0;
	out[0] = '\0';
	static const char *const due_words[] = { NULL, N_("open"), N_("overdue"), N_("due soon"), N_("closed") };
	if (f->due > QD_ANY && f->due <= QD_CLOSED && n < outsz)
		n += (size_t)snprintf(out + n, outsz - n, "  %s", _(due_words[f->due]));
	if (f->category && n < outsz)
		n += (size_t)snprintf(out + n, outsz - n, _("  category %s"), f->category);
	if (f->task && n < outsz)
		n += (size_t)snprintf(out + n, outsz - n, _("  task %d"), f->task);
	if (f->cond && n < outsz)
		snprintf(out + n, outsz - n, "  %s", _(f->cond->label));
}
