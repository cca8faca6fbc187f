/* cli.h — the command line: the same core as the screens, for scripts, cron
 * and tests. Exit codes are the lz_status codes. */
#ifndef LZ_CLI_H
#define LZ_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "session.h"
#include "status.h"

/* Opens the full-screen application (ui/), on the dashboard when dashboard is
 * true; NULL when the program has no screens. Returns an exit status. */
typedef int (*cli_tui_fn)(const char *db_path, const char *login, bool dashboard);

#define CLI_MAX_OPTS 16
#define CLI_MAX_POS 8

/* A parsed command: its options and positional words. */
typedef struct cli_cmd {
	const char *db;          /* --db */
	const char *as;          /* --as */
	const char *name[CLI_MAX_OPTS];
	const char *value[CLI_MAX_OPTS]; /* NULL for flags */
	int nopt;
	const char *pos[CLI_MAX_POS];
	const char *raw_pos[CLI_MAX_POS]; /* as typed: file names */
	int npos;
} cli_cmd;

/* Runs the program: global options, then a command (none: the screens).
 * argv is UTF-8; raw is the same words as typed, used for file names. */
int cli_main(int argc, char **argv, char **raw, cli_tui_fn tui, void (*before_command)(void));

/* The value of option name (e.g. "--year"), or NULL. */
const char *cli_opt(const cli_cmd *c, const char *name);

/* Whether flag name was given. */
bool cli_flag(const cli_cmd *c, const char *name);

/* Opens the session for c (database path and account). */
lz_status cli_session(const cli_cmd *c, session *s, bool create, int *migrated, lz_err *err);

/* Commands, one per concern (cli_data.c, cli_admin.c). */
lz_status cli_kinds(const cli_cmd *c, lz_err *err);
lz_status cli_list(const cli_cmd *c, lz_err *err);
lz_status cli_import(const cli_cmd *c, lz_err *err);
lz_status cli_export(const cli_cmd *c, lz_err *err);
lz_status cli_init(const cli_cmd *c, lz_err *err);
lz_status cli_user(const cli_cmd *c, lz_err *err);
lz_status cli_config(const cli_cmd *c, lz_err *err);
lz_status cli_rules(const cli_cmd *c, lz_err *err);
lz_status cli_report(const cli_cmd *c, lz_err *err);
lz_status cli_overview(const cli_cmd *c, lz_err *err);
lz_status cli_ranking(const cli_cmd *c, lz_err *err);   /* cli_tiancheng.c */
lz_status cli_proposal(const cli_cmd *c, lz_err *err);  /* cli_tiancheng.c */
lz_status cli_issue(const cli_cmd *c, lz_err *err);   /* cli_issue.c */
lz_status cli_draw(const cli_cmd *c, lz_err *err);    /* cli_draw.c */
lz_status cli_vetting(const cli_cmd *c, lz_err *err); /* cli_vetting.c */
lz_status cli_verify(const cli_cmd *c, lz_err *err);  /* cli_verify.c */
lz_status cli_history(const cli_cmd *c, lz_err *err); /* cli_history.c */

/* Resolves a unit given by code or name (for --unit and --scope). */
lz_status cli_unit(session *s, const char *text, int64_t *id, lz_err *err);

#endif
