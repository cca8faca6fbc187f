/* cli_draw.c — `draw check` (a random check of N units of a category),
 * `draw secretaries` (who reports at a duty-report meeting) and `draw replay
 * ID` (whether a stored draw replays from its seed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "draw.h"
#include "draw_check.h"
#include "duty_draw.h"
#include "i18n.h"

/* A positive whole number from option name, or 0 when absent. */
static lz_status positive(const cli_cmd *c, const char *name, long long *out, lz_err *err)
{
	const char *v = cli_opt(c, name);
	char *end;
	*out = 0;
	if (!v)
		return LZ_OK;
	long long n = strtoll(v, &end, 10);
	if (!*v || *end || n <= 0 || n > 1000000)
		return lz_fail(err, LZ_USAGE, _("%s takes a positive whole number, not '%s'"), name, v);
	*out = n;
	return LZ_OK;
}

static void print_check(const draw_check *d, const char *category)
{
	printf(_("Random check of %s: draw %lld, seed %s, %d of %d units drawn\n"), category, (long long)d->draw.id,
	       d->draw.seed, d->draw.count, d->npool);
	if (d->replaced)
		printf(_("the %d checks of the earlier draw were removed\n"), d->replaced);
	for (int i = 0; i < d->draw.count; i++) {
		const draw_item *u = &d->pool[d->draw.picked[i]];
		printf(_("%3d. %s %s (check %lld)\n"), i + 1, u->code ? u->code : "", u->name, (long long)d->checks[i]);
	}
}

static lz_status draw_check_cmd(const cli_cmd *c, lz_err *err)
{
	const char *category = cli_opt(c, "--category"), *reason = cli_opt(c, "--reason");
	long long count, redraw;
	lz_status st = positive(c, "-n", &count, err);
	if (st || (st = positive(c, "--redraw", &redraw, err)))
		return st;
	if (!category || !count)
		return lz_fail(err, LZ_USAGE, "%s",
			       _("draw check needs --category CATEGORY and -n N (and --redraw ID --reason TEXT to draw again)"));
	if (reason && !redraw)
		return lz_fail(err, LZ_USAGE, "%s", _("--reason goes with --redraw ID: only drawing again needs a reason"));
	session s;
	if ((st = cli_session(c, &s, false, NULL, err)))
		return st;
	draw_check d;
	if (!(st = draw_check_run(&s, category, (int)count, redraw, reason, &d, err))) {
		print_check(&d, category);
		draw_check_free(&d);
	}
	session_close(&s);
	return st;
}

static lz_status draw_secretaries_cmd(const cli_cmd *c, lz_err *err)
{
	const char *reason = cli_opt(c, "--reason");
	long long meeting, count, redraw;
	lz_status st = positive(c, "--meeting", &meeting, err);
	if (st || (st = positive(c, "-n", &count, err)) || (st = positive(c, "--redraw", &redraw, err)))
		return st;
	if (!meeting)
		return lz_fail(err, LZ_USAGE, "%s",
			       _("draw secretaries needs --meeting ID (and --redraw DRAW --reason TEXT to draw again)"));
	if (reason && !redraw)
		return lz_fail(err, LZ_USAGE, "%s", _("--reason goes with --redraw ID: only drawing again needs a reason"));
	session s;
	if ((st = cli_session(c, &s, false, NULL, err)))
		return st;
	duty_draw d;
	if (!(st = duty_draw_run(&s, meeting, (int)count, redraw, reason, &d, err))) {
		printf(_("Duty reports of meeting %lld: draw %lld, seed %s, %d of %d secretaries drawn\n"), meeting,
		       (long long)d.draw.id, d.draw.seed, d.draw.count, d.npool);
		if (d.replaced)
			printf(_("the %d duty reports of the earlier draw were removed\n"), d.replaced);
		for (int i = 0; i < d.draw.count; i++) {
			const draw_item *p = &d.pool[d.draw.picked[i]];
			printf(_("%3d. %s %s (duty report %lld)\n"), i + 1, p->code ? p->code : "", p->name,
			       (long long)d.reports[i]);
		}
		duty_draw_free(&d);
	}
	session_close(&s);
	return st;
}

static lz_status draw_replay_cmd(const cli_cmd *c, lz_err *err)
{
	char *end;
	long long id = c->npos > 2 ? strtoll(c->pos[2], &end, 10) : 0;
	if (c->npos < 3 || *end || id <= 0)
		return lz_fail(err, LZ_USAGE, "%s", _("draw replay needs the draw's id (see: liangze list draw)"));
	session s;
	lz_status st = cli_session(c, &s, false, NULL, err);
	if (st)
		return st;
	if (!(st = draw_verify(&s, id, err)))
		printf(_("draw %lld replays: its seed draws the result it records\n"), id);
	session_close(&s);
	return st;
}

lz_status cli_draw(const cli_cmd *c, lz_err *err)
{
	const char *what = c->npos > 1 ? c->pos[1] : "";
	if (strcmp(what, "check") == 0)
		return draw_check_cmd(c, err);
	if (strcmp(what, "secretaries") == 0)
		return draw_secretaries_cmd(c, err);
	if (strcmp(what, "replay") == 0)
		return draw_replay_cmd(c, err);
	return lz_fail(err, LZ_USAGE, "%s",
		       _("draw takes one subcommand: check --category CATEGORY -n N, secretaries --meeting ID, or replay ID"));
}
