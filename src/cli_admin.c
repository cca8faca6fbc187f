/* cli_admin.c — the database and its accounts: init, user, config, rules,
 * report, and the overview shown when there are no screens. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "cli_report_acc.h"
#include "cli_dashboard.h"
#include "cli_vetting.h"
#include "demo.h"
#include "i18n.h"
#include "kinds_master.h"
#include "query.h"
#include "record.h"
#include "rules.h"
#include "settings.h"
#include "textout.h"

lz_status cli_init(const cli_cmd *c, lz_err *err)
{
	session s;
	int migrated = 0;
	lz_status st = cli_session(c, &s, true, &migrated, err);
	if (st)
		return st;
	if (migrated)
		printf(_("%s: schema brought to version %d (%d migrations applied); account %s is %s\n"), s.db.path,
		       db_schema_version(&s.db), migrated, s.login, session_role_title(session_role_name(s.role)));
	else
		printf(_("%s: already up to date (schema version %d)\n"), s.db.path, db_schema_version(&s.db));
	if (cli_flag(c, "--demo")) {
		long units, people;
		if ((st = demo_fill(&s, &units, &people, err)) == LZ_OK)
			printf(_("demo district added: %ld units, %ld cadres\n"), units, people);
	}
	session_close(&s);
	return st;
}

static lz_status user_list(session *s, lz_err *err)
{
	query_filter f = { 0 };
	query_cursor *cur;
	lz_status st = query_open(s, &kind_account, &f, &cur, err);
	if (st)
		return st;
	const char *hdr[] = { _("login"), _("role"), _("unit scope"), _("full name") };
	textout_table t;
	textout_init(&t, 4, hdr);
	query_row row;
	int rc;
	while ((rc = query_next(cur, &row, err)) == 1) {
		const char *cells[] = { row.shown[0], session_role_title(row.shown[1]),
					row.shown[2] ? row.shown[2] : _("(whole district)"), row.shown[3] };
		textout_add(&t, cells);
	}
	query_close(cur);
	if (rc < 0) {
		textout_clear(&t);
		return err->code;
	}
	textout_print(&t, stdout, 0);
	return LZ_OK;
}

static lz_status user_change(session *s, const cli_cmd *c, int add, lz_err *err)
{
	if (c->npos < 3)
		return lz_fail(err, LZ_USAGE, "%s", _("which account? (liangze user add LOGIN --role ROLE)"));
	const char *login = c->pos[2];
	const char *role = cli_opt(c, "--role");
	const char *scope = cli_opt(c, "--scope");
	const char *name = cli_opt(c, "--name");
	if (add && !role)
		return lz_fail(err, LZ_USAGE, "%s", _("user add: give --role admin, staff or viewer"));
	if (role && session_role_from_name(role) == ROLE_NONE)
		return lz_fail(err, LZ_USAGE, _("--role takes admin, staff or viewer, not '%s'"), role);
	record *r = record_new(&kind_account);
	lz_status st = LZ_OK;
	if (!r)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	record_set_named(r, "login", login);
	int64_t id = 0;
	if ((st = record_find_by_key(s, r, 0, &id, err)))
		goto out;
	if (add && id) {
		st = lz_fail(err, LZ_BAD, _("account %s exists already (use: liangze user set)"), login);
		goto out;
	}
	if (!add && !id) {
		st = lz_fail(err, LZ_BAD, _("no account %s (use: liangze user add)"), login);
		goto out;
	}
	if (id) {
		record_free(r);
		r = NULL;
		if ((st = record_get(s, &kind_account, id, &r, err)))
			goto out;
	}
	if (role)
		record_set_named(r, "role", role);
	if (name)
		record_set_named(r, "full_name", name);
	if (scope) {
		int64_t unit = 0;
		char buf[24];
		if (*scope && (st = cli_unit(s, scope, &unit, err)))
			goto out;
		snprintf(buf, sizeof buf, "%lld", (long long)unit);
		record_set_named(r, "scope_unit", unit ? buf : NULL);
	}
	if ((st = record_save(s, r, err)) == LZ_OK) {
		char unit[128] = "";
		const char *sv = record_get_named(r, "scope_unit");
		if (sv)
			record_display(s, &kind_unit, strtoll(sv, NULL, 10), unit, sizeof unit);
		printf(_("account %s: %s, scope %s\n"), login, session_role_title(record_get_named(r, "role")),
		       *unit ? unit : _("(whole district)"));
	}
out:
	record_free(r);
	return st;
}

lz_status cli_user(const cli_cmd *c, lz_err *err)
{
	const char *sub = c->npos > 1 ? c->pos[1] : "";
	if (strcmp(sub, "add") && strcmp(sub, "set") && strcmp(sub, "list"))
		return lz_fail(err, LZ_USAGE, "%s", _("user takes a subcommand: add, set or list"));
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	if (s.role != ROLE_ADMIN)
		st = lz_fail(err, LZ_DENIED, _("only an administrator may manage accounts (%s is %s)"), s.login,
			     session_role_title(session_role_name(s.role)));
	else if (strcmp(sub, "list") == 0)
		st = user_list(&s, err);
	else
		st = user_change(&s, c, strcmp(sub, "add") == 0, err);
	session_close(&s);
	return st;
}

lz_status cli_config(const cli_cmd *c, lz_err *err)
{
	const char *sub = c->npos > 1 ? c->pos[1] : "";
	int list = strcmp(sub, "list") == 0, get = strcmp(sub, "get") == 0;
	int set = strcmp(sub, "set") == 0, reset = strcmp(sub, "reset") == 0;
	if (!list && !get && !set && !reset)
		return lz_fail(err, LZ_USAGE, "%s", _("config takes a subcommand: list, get NAME, set NAME VALUE or reset NAME"));
	if ((get || reset) && c->npos < 3)
		return lz_fail(err, LZ_USAGE, _("config %s: which setting?"), sub);
	if (set && c->npos < 4)
		return lz_fail(err, LZ_USAGE, "%s", _("config set NAME VALUE"));
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	char val[1024];
	if (list) {
		const char *hdr[] = { _("setting"), _("value"), _("default"), _("meaning") };
		textout_table t;
		textout_init(&t, 4, hdr);
		for (const setting_def *d = settings_defs; d->name && !st; d++) {
			if ((st = settings_get(&s, d->name, val, sizeof val, err)))
				break;
			const char *row[] = { d->name, val, d->dflt, _(d->help) };
			textout_add(&t, row);
		}
		if (st)
			textout_clear(&t);
		else
			textout_print(&t, stdout, 0);
	} else if (get) {
		if ((st = settings_get(&s, c->pos[2], val, sizeof val, err)) == LZ_OK)
			printf("%s\n", val);
	} else {
		st = settings_set(&s, c->pos[2], set ? c->pos[3] : NULL, err);
		if (st == LZ_OK && (st = settings_get(&s, c->pos[2], val, sizeof val, err)) == LZ_OK)
			printf("%s = %s\n", c->pos[2], val);
	}
	session_close(&s);
	return st;
}

lz_status cli_rules(const cli_cmd *c, lz_err *err)
{
	if (c->npos < 2 || strcmp(c->pos[1], "run") != 0)
		return lz_fail(err, LZ_USAGE, "%s", _("rules takes one subcommand: run"));
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	if (s.role == ROLE_VIEWER)
		st = lz_fail(err, LZ_DENIED, _("account %s is a viewer and may not run the rules"), s.login);
	int written = 0;
	if (!st && (st = rules_run(&s, &written, err)) == LZ_OK)
		printf(_("rules run: %d rows written\n"), written);
	session_close(&s);
	return st;
}

lz_status cli_report(const cli_cmd *c, lz_err *err)
{
	const char *what = c->npos > 1 ? c->pos[1] : "";
	const char *fmt = cli_opt(c, "--format");
	if (strcmp(what, "overview") == 0)
		return cli_overview(c, err);
	if (strcmp(what, "accountability") == 0)
		return cli_report_accountability(c, err);
	if (strcmp(what, "evaluations") == 0)
		return cli_report_evaluations(c, err);
	if (strcmp(what, "dashboard") == 0)
		return cli_report_dashboard(c, err);
	if (strcmp(what, "overdue") == 0)
		return cli_report_overdue(c, err);
	if (strcmp(what, "catalog") != 0)
		return lz_fail(err, LZ_USAGE, _("report: unknown report '%s' (available: accountability, catalog, dashboard, evaluations, overdue, overview)"), what);
	if (fmt && strcmp(fmt, "csv") && strcmp(fmt, "text"))
		return lz_fail(err, LZ_USAGE, _("--format takes text or csv, not '%s'"), fmt);
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	st = catalog_report(s.db.h, stdout, fmt && strcmp(fmt, "csv") == 0, err);
	session_close(&s);
	return st;
}

lz_status cli_overview(const cli_cmd *c, lz_err *err)
{
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	printf(_("liangze — %s, account %s (%s), today %s\n\n"), s.db.path, s.login, session_role_title(session_role_name(s.role)), s.today);
	static const char *const cats[] = { "街道", "乡镇", "区级部门", "公共服务行业", "村(社区)", "区领导机关" };
	const char *hdr[] = { _("unit category"), _("units"), _("cadres") };
	textout_table t;
	textout_init(&t, 3, hdr);
	sqlite3_stmt *q;
	/* Counted within the account's scope, like everything it reads. */
	int64_t scope = s.role == ROLE_ADMIN ? 0 : s.scope_unit;
	if ((st = db_prepare(&s.db, "WITH RECURSIVE sub(id) AS (SELECT id FROM unit WHERE ?2 = 0 OR id = ?2 UNION"
				    " SELECT u.id FROM unit u JOIN sub ON u.parent = sub.id)"
				    " SELECT count(DISTINCT u.id), count(p.id) FROM unit u"
				    " LEFT JOIN person p ON p.unit = u.id WHERE u.category = ?1 AND u.id IN sub", &q, err)) == LZ_OK) {
		sqlite3_bind_int64(q, 2, scope);
		for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++) {
			sqlite3_bind_text(q, 1, cats[i], -1, SQLITE_STATIC);
			if (sqlite3_step(q) == SQLITE_ROW) {
				const char *row[] = { cats[i], (const char *)sqlite3_column_text(q, 0),
						      (const char *)sqlite3_column_text(q, 1) };
				textout_add(&t, row);
			}
			sqlite3_reset(q);
		}
		sqlite3_finalize(q);
		textout_print(&t, stdout, 0);
	}
	session_close(&s);
	return st;
}
