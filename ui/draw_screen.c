/* draw_screen.c — random checks (随机抽查) on screen: a new draw (a category
 * from a chooser, how many units, a question before anything is stored),
 * then the stored draw as anyone can check it: the pool in its fixed order
 * with the units drawn highlighted and numbered, the seed, who drew and when,
 * and the checks it made. Earlier random-check draws can be paged through,
 * replayed, and drawn again with a reason. Everything shown is read back from
 * the draw row, so the screen shows what was stored, not what was meant. */
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "draw_check.h"
#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"
#include "text.h"
#include "ui.h"

#define MAX_CATS 16

typedef struct draw_screen {
	ui_screen sc;
	const char *cats[MAX_CATS + 1];
	int ncats;
	int cat;                /* the category last chosen */
	int64_t id;             /* the draw shown; 0: none yet */
	char *purpose, *seed, *drawn_at, *drawn_by, *reason, *pool_text;
	int64_t redraw_of, redrawn_as;
	int count;
	char **pool;            /* entries of the stored pool (into pool_text) */
	int npool;
	int *order;             /* per pool entry: its place in the result (1..count), 0: not drawn */
	int checks;             /* checks still linked to the draw */
	int scroll;             /* first pool row shown */
	int page;               /* pool rows shown at the last drawing */
} draw_screen;

static const ui_key draw_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?' }, "F1 ?", N_("Help"), true },
	{ REQ_NEW, { UI_K(KEY_F(2)), 'n', UI_K(KEY_IC) }, "F2 n Insert", N_("New draw"), true },
	{ REQ_EDIT, { UI_K(KEY_F(4)), 'r' }, "F4 r", N_("Draw again (with a reason)"), true },
	{ REQ_PICK, { UI_K(KEY_F(3)), 'v' }, "F3 v", N_("Replay and verify"), true },
	{ REQ_LEFT, { UI_K(KEY_LEFT), '[', 'h' }, "← [ h", N_("Earlier draw"), true },
	{ REQ_RIGHT, { UI_K(KEY_RIGHT), ']', 'l' }, "→ ] l", N_("Later draw"), true },
	{ REQ_REFRESH, { UI_K(KEY_F(5)), UI_CTRL('r') }, "F5 Ctrl-R", N_("Refresh"), false },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Back"), true },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), UI_K(KEY_UP), 'b', 'k' }, "PgUp ↑ b k", N_("Scroll the pool up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), UI_K(KEY_DOWN), ' ', 'j' }, "PgDn ↓ Space j", N_("Scroll the pool down"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

static void clear_draw(draw_screen *d)
{
	free(d->purpose);
	free(d->seed);
	free(d->drawn_at);
	free(d->drawn_by);
	free(d->reason);
	free(d->pool_text);
	free(d->pool);
	free(d->order);
	d->purpose = d->seed = d->drawn_at = d->drawn_by = d->reason = d->pool_text = NULL;
	d->pool = NULL;
	d->order = NULL;
	d->npool = d->count = d->checks = 0;
	d->redraw_of = d->redrawn_as = 0;
}

static char *dup_col(sqlite3_stmt *q, int i)
{
	const char *v = (const char *)sqlite3_column_text(q, i);
	return strdup(v ? v : "");
}

/* Splits the stored pool, and marks each entry with its place in the stored result. */
static void split(draw_screen *d, const char *result)
{
	int n = *d->pool_text ? 1 : 0;
	for (const char *p = d->pool_text; *p; p++)
		n += *p == ';';
	d->pool = calloc((size_t)n + 1, sizeof *d->pool);
	d->order = calloc((size_t)n + 1, sizeof *d->order);
	if (!d->pool || !d->order)
		return;
	char *start = d->pool_text;
	for (char *p = d->pool_text; n; p++) {
		if (*p == ';' || !*p) {
			bool end = !*p;
			*p = '\0';
			d->pool[d->npool++] = start;
			start = p + 1;
			if (end)
				break;
		}
	}
	/* Result entries name pool entries by the same text. */
	char *res = strdup(result), *save = NULL;
	int place = 0;
	for (char *t = res ? strtok_r(res, ";", &save) : NULL; t; t = strtok_r(NULL, ";", &save)) {
		place++;
		for (int i = 0; i < d->npool; i++)
			if (!d->order[i] && strcmp(d->pool[i], t) == 0) {
				d->order[i] = place;
				break;
			}
	}
	free(res);
}

/* Loads draw id (0: the latest random-check draw) from the database. */
static void load(draw_screen *d, int64_t id)
{
	ui_app *app = d->sc.app;
	char prefix[64], like[80];
	draw_check_purpose("", prefix, sizeof prefix);
	snprintf(like, sizeof like, "%s%%", prefix);
	clear_draw(d);
	sqlite3_stmt *q;
	lz_err e;
	if (db_prepare(&app->s.db,
		       "SELECT d.id, d.purpose, d.seed, d.drawn_at, d.drawn_by, d.reason, d.pool, d.result, d.count,"
		       " coalesce(d.redraw_of, 0), coalesce((SELECT min(n.id) FROM draw n WHERE n.redraw_of = d.id), 0),"
		       " (SELECT count(*) FROM inspection i WHERE i.draw = d.id)"
		       " FROM draw d WHERE d.purpose LIKE ?1 AND (?2 = 0 OR d.id = ?2) ORDER BY d.id DESC LIMIT 1",
		       &q, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	sqlite3_bind_text(q, 1, like, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, id);
	if (sqlite3_step(q) == SQLITE_ROW) {
		d->id = sqlite3_column_int64(q, 0);
		d->purpose = dup_col(q, 1);
		d->seed = dup_col(q, 2);
		d->drawn_at = dup_col(q, 3);
		d->drawn_by = dup_col(q, 4);
		d->reason = dup_col(q, 5);
		d->pool_text = dup_col(q, 6);
		d->count = sqlite3_column_int(q, 8);
		d->redraw_of = sqlite3_column_int64(q, 9);
		d->redrawn_as = sqlite3_column_int64(q, 10);
		d->checks = sqlite3_column_int(q, 11);
		const char *result = (const char *)sqlite3_column_text(q, 7);
		if (d->pool_text)
			split(d, result ? result : "");
	} else {
		d->id = 0;
	}
	sqlite3_finalize(q);
	if (d->id)
		snprintf(d->sc.info, sizeof d->sc.info, _("draw #%lld"), (long long)d->id);
	else
		d->sc.info[0] = '\0';
}

/* ---- drawing ----------------------------------------------------------- */

static void draw_head(draw_screen *d, int *y, int bottom)
{
	ui_app *app = d->sc.app;
	char line[1024];
	snprintf(line, sizeof line, _("Draw #%lld  %s"), (long long)d->id, d->purpose);
	ui_put((*y)++, 1, COLS - 2, line, ui_attr(app, UI_TITLE));
	snprintf(line, sizeof line, _("Seed %s — %d of %d drawn — %s by %s"), d->seed, d->count, d->npool, d->drawn_at,
		 d->drawn_by);
	if (*y < bottom)
		ui_put((*y)++, 1, COLS - 2, line, A_NORMAL);
	if (d->redraw_of && *y < bottom) {
		snprintf(line, sizeof line, _("Drawn again instead of draw #%lld because: %s"), (long long)d->redraw_of,
			 d->reason);
		ui_put((*y)++, 1, COLS - 2, line, ui_attr(app, UI_WARN));
	}
	if (*y < bottom) {
		if (d->redrawn_as)
			snprintf(line, sizeof line, _("Replaced by draw #%lld; its checks were removed."), (long long)d->redrawn_as);
		else
			snprintf(line, sizeof line, _("Checks made: %d (ledger: 监督检查, type 随机抽查)"), d->checks);
		ui_put((*y)++, 1, COLS - 2, line, d->redrawn_as ? ui_attr(app, UI_DIM) : A_NORMAL);
	}
	/* The result in the order drawn, on one line. */
	if (*y < bottom) {
		int x = 1 + ui_put(*y, 1, COLS - 2, _("Result:"), A_BOLD) + 1;
		for (int place = 1; place <= d->count && x < COLS - 1; place++)
			for (int i = 0; i < d->npool; i++)
				if (d->order[i] == place) {
					snprintf(line, sizeof line, "%d. %s", place, d->pool[i]);
					x += ui_put(*y, x, COLS - 1 - x, line, ui_attr(app, UI_SELECTED)) + 2;
				}
		(*y)++;
	}
}

/* The pool in its stored order, in as many columns as fit, drawn ones highlighted. */
static void draw_pool(draw_screen *d, int top, int height)
{
	ui_app *app = d->sc.app;
	char head[256], cell[512];
	snprintf(head, sizeof head, _("Pool: %d units in their fixed order (by unit code)"), d->npool);
	ui_fill(top, 0, COLS, ui_attr(app, UI_HEADER));
	ui_put(top, 1, COLS - 2, head, ui_attr(app, UI_HEADER));
	int cw = 8;
	for (int i = 0; i < d->npool; i++) {
		int w = text_width(d->pool[i]) + 9;
		if (w > cw)
			cw = w;
	}
	if (cw > COLS - 2)
		cw = COLS - 2;
	int ncol = (COLS - 2) / cw > 0 ? (COLS - 2) / cw : 1;
	int rows = (d->npool + ncol - 1) / ncol;
	d->page = height - 1 > 0 ? height - 1 : 1;
	if (d->scroll > rows - d->page)
		d->scroll = rows - d->page > 0 ? rows - d->page : 0;
	/* Down the columns, so the fixed order reads as a list. */
	for (int r = d->scroll; r < rows && top + 1 + r - d->scroll < top + height; r++)
		for (int c = 0; c < ncol; c++) {
			int i = c * rows + r;
			if (i >= d->npool)
				break;
			if (d->order[i])
				snprintf(cell, sizeof cell, "%3d *%-2d %s", i + 1, d->order[i], d->pool[i]);
			else
				snprintf(cell, sizeof cell, "%3d     %s", i + 1, d->pool[i]);
			ui_put_pad(top + 1 + r - d->scroll, 1 + c * cw, cw - 1, cell,
				   d->order[i] ? ui_attr(app, UI_SELECTED) : A_NORMAL);
		}
}

static void ds_draw(ui_screen *sc, int top, int height)
{
	draw_screen *d = (draw_screen *)sc;
	ui_app *app = sc->app;
	if (!d->id) {
		ui_put(top + 1, 2, COLS - 4, _("No random check has been drawn yet."), A_BOLD);
		static const char *const lines[] = {
			N_("F2 (n) draws units of a category for a random check."),
			N_("The seed, the pool and the result are stored and audited before the result is shown,"),
			N_("and a check is made for each unit drawn. Anyone can replay a stored draw (F3)."),
		};
		for (int i = 0; i < 3 && top + 3 + i < top + height; i++)
			ui_put(top + 3 + i, 2, COLS - 4, _(lines[i]), ui_attr(app, UI_DIM));
		return;
	}
	int y = top, bottom = top + height;
	draw_head(d, &y, bottom);
	if (y + 2 < bottom)
		draw_pool(d, y + 1, bottom - y - 1);
}

/* ---- actions ------------------------------------------------------------- */

/* Runs a draw and shows what was stored. */
static void run(draw_screen *d, const char *category, int count, int64_t redraw_of, const char *reason)
{
	ui_app *app = d->sc.app;
	draw_check r;
	lz_err e;
	if (draw_check_run(&app->s, category, count, redraw_of, reason, &r, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	int64_t id = r.draw.id;
	draw_check_free(&r);
	d->scroll = 0;
	load(d, id);
	ui_status(app, _("Draw #%lld stored: %d units drawn, %d checks made."), (long long)id, d->count, d->checks);
}

/* After the chooser: how many, then a question, then the draw. */
static void picked_category(void *arg, int index)
{
	draw_screen *d = arg;
	ui_app *app = d->sc.app;
	d->cat = index;
	const char *category = d->cats[index];
	draw_item *pool;
	int n;
	lz_err e;
	if (draw_check_pool(&app->s, category, &pool, &n, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	draw_pool_free(pool, n);
	if (n == 0) {
		ui_error(app, _("There are no units of %s within your scope."), category);
		return;
	}
	char buf[16] = "", label[256];
	snprintf(label, sizeof label, _("How many of the %d units of %s?"), n, category);
	if (!ui_prompt(app, label, buf, sizeof buf))
		return;
	char *end;
	long count = strtol(kind_trim(buf), &end, 10);
	if (!*buf || *end || count <= 0 || count > n) {
		ui_error(app, _("Give a number from 1 to %d, not '%s'."), n, buf);
		return;
	}
	char q[512];
	snprintf(q, sizeof q, _("Draw %ld of the %d units of %s now? The draw is stored for good."), count, n, category);
	if (ui_confirm(app, q))
		run(d, category, (int)count, 0, NULL);
}

/* Whether the account may draw at all: the core's answer, before any question. */
static bool may_draw(draw_screen *d)
{
	record *r = record_new(&kind_draw);
	lz_err e;
	if (!r) {
		ui_error(d->sc.app, "%s", _("out of memory"));
		return false;
	}
	lz_status st = record_check_write(&d->sc.app->s, NULL, r, &e);
	record_free(r);
	if (st)
		ui_error(d->sc.app, "%s", e.msg);
	return st == LZ_OK;
}

static void new_draw(draw_screen *d)
{
	if (!may_draw(d))
		return;
	ui_screen *c = choice_open(d->sc.app, _("Draw units of which category?"), d->cats, d->cat, picked_category, d);
	if (c)
		ui_push(d->sc.app, c);
}

static void redraw(draw_screen *d)
{
	ui_app *app = d->sc.app;
	if (!d->id) {
		ui_status(app, "%s", _("There is no draw to draw again."));
		return;
	}
	if (!may_draw(d))
		return;
	char prefix[64];
	draw_check_purpose("", prefix, sizeof prefix);
	const char *category = d->purpose + strlen(prefix);
	char reason[512] = "", label[256];
	snprintf(label, sizeof label, _("Draw #%lld again — reason:"), (long long)d->id);
	if (!ui_prompt(app, label, reason, sizeof reason))
		return;
	/* The core refuses an empty reason and says so. */
	run(d, category, d->count, d->id, reason);
}

static void verify(draw_screen *d)
{
	ui_app *app = d->sc.app;
	lz_err e;
	if (!d->id)
		ui_status(app, "%s", _("There is no draw to replay."));
	else if (draw_verify(&app->s, d->id, &e))
		ui_error(app, "%s", e.msg);
	else
		ui_status(app, _("Draw #%lld replays: its seed draws the result it records."), (long long)d->id);
}

/* The random-check draw before (by < 0) or after the one shown. */
static void step(draw_screen *d, int by)
{
	ui_app *app = d->sc.app;
	char prefix[64], like[80];
	draw_check_purpose("", prefix, sizeof prefix);
	snprintf(like, sizeof like, "%s%%", prefix);
	sqlite3_stmt *q;
	lz_err e;
	if (db_prepare(&app->s.db,
		       by < 0 ? "SELECT max(id) FROM draw WHERE purpose LIKE ?1 AND id < ?2"
			      : "SELECT min(id) FROM draw WHERE purpose LIKE ?1 AND id > ?2",
		       &q, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	sqlite3_bind_text(q, 1, like, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, d->id);
	int64_t next = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	if (!next) {
		ui_status(app, "%s", by < 0 ? _("This is the earliest draw.") : _("This is the latest draw."));
		return;
	}
	d->scroll = 0;
	load(d, next);
}

static ui_result ds_key(ui_screen *sc, ui_req req, wint_t ch)
{
	draw_screen *d = (draw_screen *)sc;
	(void)ch;
	switch (req) {
	case REQ_BACK: return UI_CLOSE;
	case REQ_NEW: new_draw(d); break;
	case REQ_EDIT: redraw(d); break;
	case REQ_PICK: verify(d); break;
	case REQ_LEFT: step(d, -1); break;
	case REQ_RIGHT: step(d, 1); break;
	case REQ_REFRESH: load(d, d->id); break;
	case REQ_PGUP: d->scroll = d->scroll > d->page ? d->scroll - d->page : 0; break;
	case REQ_PGDN: d->scroll += d->page; break; /* drawing keeps it on the last page */
	default: break;
	}
	return UI_STAY;
}

static void ds_free(ui_screen *sc)
{
	draw_screen *d = (draw_screen *)sc;
	clear_draw(d);
	free(d);
}

static const ui_screen_ops draw_ops = { "draw", draw_keys, ds_draw, ds_key, ds_free, NULL };

ui_screen *draw_screen_open(ui_app *app)
{
	draw_screen *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->sc.ops = &draw_ops;
	d->sc.app = app;
	d->ncats = draw_check_categories(d->cats, MAX_CATS);
	d->cats[d->ncats] = NULL;
	snprintf(d->sc.title, sizeof d->sc.title, "%s", _("Random checks (随机抽查)"));
	load(d, 0);
	return &d->sc;
}
