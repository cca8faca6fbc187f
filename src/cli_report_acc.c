/* cli_report_acc.c — `liangze report accountability`: who is held to account,
 * by which rule or hand, for which record. Read in one statement, within the
 * account's unit scope like every read. */
#include "cli_report_acc.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "textout.h"

#define NCOLS 12

/* The unit subtrees of the scope (:scope, 0 = everywhere) and of --unit (:unit). */
static const char report_sql[] =
	"SELECT a.id, a.rule, a.source_kind, a.source_id, a.year, u.code, u.name, p.name, a.measure, a.state,"
	" a.reason, a.created_at FROM accountability a JOIN unit u ON u.id = a.unit"
	" LEFT JOIN person p ON p.id = a.person"
	" WHERE (:all OR a.state = '待处理') AND (:year IS NULL OR a.year = :year)"
	" AND (:scope = 0 OR a.unit IN (WITH RECURSIVE sub(id) AS (SELECT :scope UNION"
	"  SELECT x.id FROM unit x JOIN sub ON x.parent = sub.id) SELECT id FROM sub))"
	" AND (:unit = 0 OR a.unit IN (WITH RECURSIVE sub2(id) AS (SELECT :unit UNION"
	"  SELECT x.id FROM unit x JOIN sub2 ON x.parent = sub2.id) SELECT id FROM sub2))"
	" ORDER BY a.id";

static lz_status print_report(session *s, bool all, const char *year, int64_t unit, bool csv, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db, report_sql, &q, err);
	if (st)
		return st;
	sqlite3_bind_int(q, sqlite3_bind_parameter_index(q, ":all"), all);
	if (year)
		sqlite3_bind_int64(q, sqlite3_bind_parameter_index(q, ":year"), strtoll(year, NULL, 10));
	sqlite3_bind_int64(q, sqlite3_bind_parameter_index(q, ":scope"), s->role == ROLE_ADMIN ? 0 : s->scope_unit);
	sqlite3_bind_int64(q, sqlite3_bind_parameter_index(q, ":unit"), unit);
	/* CSV headers are field names (scripts read them); text speaks to people. */
	static const char *const names[NCOLS] = { "id", "rule", "source_kind", "source_id", "year", "unit_code",
						  "unit_name", "person", "measure", "state", "reason", "created_at" };
	const char *labels[NCOLS] = { _("id"), _("rule"), _("source"), _("source id"), _("year"), _("unit code"),
				      _("unit"), _("person"), _("measure"), _("state"), _("reason"), _("created") };
	textout_table t;
	textout_init(&t, NCOLS, csv ? (const char **)names : labels);
	if (!csv)
		t.max_width = 60;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *cells[NCOLS];
		for (int i = 0; i < NCOLS; i++)
			cells[i] = (const char *)sqlite3_column_text(q, i);
		if (!textout_add(&t, cells)) {
			st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
			break;
		}
	}
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading the accountability register"), err);
	sqlite3_finalize(q);
	if (st)
		textout_clear(&t);
	else
		textout_print(&t, stdout, csv);
	return st;
}

lz_status cli_report_accountability(const cli_cmd *c, lz_err *err)
{
	const char *fmt = cli_opt(c, "--format");
	const char *year = cli_opt(c, "--year");
	const char *u = cli_opt(c, "--unit");
	if (fmt && strcmp(fmt, "csv") && strcmp(fmt, "text"))
		return lz_fail(err, LZ_USAGE, _("--format takes text or csv, not '%s'"), fmt);
	if (year && (strlen(year) != 4 || strspn(year, "0123456789") != 4))
		return lz_fail(err, LZ_USAGE, _("--year takes a year like 2026, not '%s'"), year);
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	int64_t unit = 0;
	if (!u || (st = cli_unit(&s, u, &unit, err)) == LZ_OK)
		st = print_report(&s, cli_flag(c, "--all"), year, unit, fmt && strcmp(fmt, "csv") == 0, err);
	session_close(&s);
	return st;
}
