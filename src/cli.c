#include "cli.h"
#include "cli_backup.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "kinds_master.h"
#include "record.h"

/* Options that take a value; every other word starting with "--" is a flag. */
static const char *const valued[] = {
	"--db", "--as", "--lang", "--year", "--unit", "--encoding", "-o", "--format", "--search",
	"--limit", "--role", "--scope", "--name", "--period", "--order", "--reason",
	"-n", "--category", "--redraw", "--meeting", "--due", "--expect",
	"--keep", NULL
};
static const char *const flags[] = { "--demo", "--dry-run", "--all", "--desc", "--help", "-h", "--force", NULL };

static int listed(const char *const *l, const char *w)
{
	for (; *l; l++)
		if (strcmp(*l, w) == 0)
			return 1;
	return 0;
}

const char *cli_opt(const cli_cmd *c, const char *name)
{
	for (int i = c->nopt - 1; i >= 0; i--)
		if (strcmp(c->name[i], name) == 0)
			return c->value[i];
	return NULL;
}

bool cli_flag(const cli_cmd *c, const char *name)
{
	for (int i = 0; i < c->nopt; i++)
		if (strcmp(c->name[i], name) == 0)
			return true;
	return false;
}

/* Options whose values are file names: kept as typed, not converted. */
static const char *const paths[] = { "--db", "-o", NULL };

static lz_status parse(int argc, char **argv, char **raw, cli_cmd *c, lz_err *err)
{
	memset(c, 0, sizeof *c);
	for (int i = 1; i < argc; i++) {
		const char *w = argv[i];
		if (w[0] == '-' && w[1] != '\0' && strcmp(w, "-") != 0) {
			if (c->nopt == CLI_MAX_OPTS)
				return lz_fail(err, LZ_USAGE, "%s", _("too many options"));
			if (listed(valued, w)) {
				if (i + 1 >= argc)
					return lz_fail(err, LZ_USAGE, _("option %s needs a value"), w);
				c->name[c->nopt] = w;
				i++;
				c->value[c->nopt++] = listed(paths, w) ? raw[i] : argv[i];
			} else if (listed(flags, w)) {
				c->name[c->nopt] = w;
				c->value[c->nopt++] = NULL;
			} else {
				return lz_fail(err, LZ_USAGE, _("unknown option %s (see: liangze --help)"), w);
			}
		} else {
			if (c->npos == CLI_MAX_POS)
				return lz_fail(err, LZ_USAGE, _("too many words: %s"), w);
			c->raw_pos[c->npos] = raw[i];
			c->pos[c->npos++] = w;
		}
	}
	c->db = cli_opt(c, "--db");
	c->as = cli_opt(c, "--as");
	return LZ_OK;
}

/* A script or a person at the prompt should know why nothing happens yet. */
static void say_waiting(void *arg, int waiting)
{
	(void)arg;
	if (waiting)
		fprintf(stderr, "liangze: %s\n", _("waiting for another session to finish writing…"));
}

lz_status cli_session(const cli_cmd *c, session *s, bool create, int *migrated, lz_err *err)
{
	char path[4096], login[64];
	lz_status st = db_default_path(c->db, path, sizeof path, err);
	if (st || (st = session_whoami(c->as, login, sizeof login, err)))
		return st;
	st = session_open(s, path, login, create, migrated, err);
	if (st == LZ_OK)
		s->db.wait_fn = say_waiting;
	if (st == LZ_OK && s->db.migrate_backup[0])
		fprintf(stderr, "liangze: %s %s\n", _("before migrating, the database was backed up to"), s->db.migrate_backup);
	return st;
}

lz_status cli_unit(session *s, const char *text, int64_t *id, lz_err *err)
{
	lz_err e;
	if (record_resolve(s, &kind_unit, text, 0, id, &e))
		return lz_fail(err, LZ_USAGE, "%s", e.msg);
	return LZ_OK;
}

/* --lang zh|en overrides the locale's language for messages only. */
static lz_status apply_lang(const char *lang, lz_err *err)
{
	if (!lang)
		return LZ_OK;
	const char *msgs = setlocale(LC_MESSAGES, NULL);
	int c_locale = !msgs || strcmp(msgs, "C") == 0 || strcmp(msgs, "POSIX") == 0;
	if (strcmp(lang, "zh") == 0) {
		setenv("LANGUAGE", "zh_CN", 1);
		/* gettext ignores LANGUAGE under the C locale, and would turn Chinese
		 * into '?' without a UTF-8 character type. */
		if (c_locale) {
			setlocale(LC_MESSAGES, "C.UTF-8");
			const char *ct = setlocale(LC_CTYPE, NULL);
			if (!ct || strcmp(ct, "C") == 0 || strcmp(ct, "POSIX") == 0)
				setlocale(LC_CTYPE, "C.UTF-8");
		}
	} else if (strcmp(lang, "en") == 0) {
		setenv("LANGUAGE", "en", 1);
	} else {
		return lz_fail(err, LZ_USAGE, _("--lang takes zh or en, not '%s'"), lang);
	}
	/* Make gettext notice the changed LANGUAGE. */
	textdomain(textdomain(NULL));
	return LZ_OK;
}

static void usage(FILE *out)
{
	fputs(_("Usage: liangze [--db PATH] [--lang zh|en] [--as USER] [COMMAND …]\n"
		"\n"
		"Without a command liangze opens the full-screen application.\n"
		"\n"
		"Commands:\n"
		"  dashboard                             open the application on the dashboard\n"
		"  init [--demo]                         create or migrate the database; --demo adds a demo district\n"
		"  kinds [KIND] [--format text|csv]      record kinds and their CSV columns\n"
		"  list KIND [--unit U] [--year Y] [--due open|late|soon|closed] [--search TEXT] [--order FIELD] [--desc] [--limit N]\n"
		"            [--format text|csv]\n"
		"  import KIND FILE [--encoding auto|utf-8|gb18030] [--dry-run]\n"
		"  export KIND [--year Y] [--unit U] [--due open|late|soon|closed] [--search TEXT] -o FILE.xlsx|FILE.csv [--encoding utf-8|gb18030]\n"
		"  report catalog [--format text|csv]    the plan's 23 tasks and the responsibilities\n"
		"  report overview                       units and cadres by category\n"
		"  report dashboard [--year Y] [--unit U] [--category C] [--format text|csv] [-o FILE.xlsx]\n"
		"  report overdue [--year Y] [--unit U] [--format text|csv] [-o FILE.xlsx]   overdue records, most overdue first\n"
		"  report accountability [--all] [--year Y] [--unit U] [--format text|csv]   the accountability register\n"
		"  rules run                             apply every rule now (for cron)\n"
		"  ranking satisfaction --year Y [--format text|csv] [-o FILE.xlsx]\n"
		"  ranking tiancheng --period YYYY-MM [--format text|csv] [-o FILE.xlsx]\n"
		"  proposal list [--all] | proposal confirm ID | proposal dismiss ID --reason TEXT\n"
		"  draw check --category CATEGORY -n N [--redraw ID --reason TEXT] | draw replay ID\n"
		"  draw secretaries --meeting ID [-n N] [--redraw ID --reason TEXT]   who reports at a duty-report meeting\n"
		"  report evaluations --year Y [--format text|csv]   evaluations of 三述 cadres per cadre\n"
		"  vetting export ID -o FILE.xlsx       a promotion vetting: the cadre's record from every ledger\n"
		"  issue --year Y                        the year's letters to leaders and lead units, and leaders' commitments\n"
		"  user add LOGIN --role admin|staff|viewer [--scope UNIT] [--name NAME]\n"
		"  user set LOGIN [--role ROLE] [--scope UNIT|--scope \"\"] [--name NAME]\n"
		"  user list\n"
		"  config list | config get NAME | config set NAME VALUE | config reset NAME\n"
		"  backup [-o FILE] [--keep N]           a verified copy taken while others work; --keep N removes older ones\n"
		"  restore FILE                          bring a backup back (admin); the current database is backed up first\n"
		"  undelete KIND ID                      bring a deleted record back from the audit trail (admin)\n"
		"  archive --year Y -o FILE.xlsx [--force]  the year's ledgers, master data and rankings in one workbook\n"
		"                                        (--force: replace an existing FILE)\n"
		"  verify [--expect HASH]               check the file, the audit chain and every record; print the head hash\n"
		"  history KIND ID [--format text|csv]   a record's audit rows, also of a deleted record\n"
		"\n"
		"Exit codes: 0 ok, 1 usage, 2 bad content (nothing written), 3 not permitted,\n"
		"4 database busy, 5 file or I/O error, 6 damage found, 7 internal error.\n"), out);
}

int cli_main(int argc, char **argv, char **raw, cli_tui_fn tui, void (*before_command)(void))
{
	cli_cmd c;
	lz_err err;
	lz_err_clear(&err);
	lz_status st = parse(argc, argv, raw ? raw : argv, &c, &err);
	if (st == LZ_OK)
		st = apply_lang(cli_opt(&c, "--lang"), &err);
	if (st) {
		fprintf(stderr, "liangze: %s\n", err.msg);
		return st;
	}
	if (cli_flag(&c, "--help") || cli_flag(&c, "-h") || (c.npos && strcmp(c.pos[0], "help") == 0)) {
		usage(stdout);
		return 0;
	}
	const char *cmd = c.npos ? c.pos[0] : NULL;
	/* The screens own the terminal; everything else prints lines. */
	if (before_command && !(tui && (!cmd || strcmp(cmd, "dashboard") == 0)))
		before_command();
	static const struct {
		const char *name;
		lz_status (*fn)(const cli_cmd *, lz_err *);
	} table[] = {
		{ "init", cli_init }, { "kinds", cli_kinds }, { "list", cli_list }, { "import", cli_import },
		{ "export", cli_export }, { "report", cli_report }, { "rules", cli_rules }, { "user", cli_user },
		{ "config", cli_config }, { "issue", cli_issue }, { "ranking", cli_ranking }, { "proposal", cli_proposal },
		{ "draw", cli_draw },
		{ "vetting", cli_vetting },
		{ "backup", cli_backup }, { "restore", cli_restore }, { "undelete", cli_undelete }, { "archive", cli_archive },
		{ "verify", cli_verify }, { "history", cli_history },
	};
	if (!cmd || strcmp(cmd, "dashboard") == 0) {
		if (tui) {
			char path[4096], login[64];
			st = db_default_path(c.db, path, sizeof path, &err);
			if (!st)
				st = session_whoami(c.as, login, sizeof login, &err);
			if (!st)
				return tui(path, login, cmd != NULL);
		} else {
			st = lz_fail(&err, LZ_USAGE, "%s", _("this liangze has no screens; see: liangze --help"));
		}
	} else {
		st = LZ_USAGE;
		lz_fail(&err, LZ_USAGE, _("unknown command '%s' (see: liangze --help)"), cmd);
		for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
			if (strcmp(table[i].name, cmd) == 0) {
				lz_err_clear(&err);
				st = table[i].fn(&c, &err);
				break;
			}
	}
	if (fflush(stdout) != 0 && st == LZ_OK)
		st = lz_fail(&err, LZ_IO, "%s", _("cannot write to standard output"));
	if (st)
		fprintf(stderr, "liangze: %s\n", err.msg);
	return st;
}
