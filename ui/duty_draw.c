/* duty_draw.c — the draw of discipline secretaries who report at a
 * duty-report meeting (纪委书记述职, task 20), opened from the 述 mechanism
 * screen. It shows one meeting (the latest, or one chosen) and its draw as
 * anyone can check it: the stored pool in its fixed order with those drawn
 * highlighted and numbered, the seed, who drew and when, a redraw's reason,
 * and the duty reports it made. Before a meeting is drawn it shows the pool
 * the draw would use. A draw is stored and audited before it is shown;
 * drawing again needs a reason; a stored draw can be replayed. Everything
 * shown is read back from the database. */
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "duty_draw.h"
#include "i18n.h"
#include "kinds_plan.h"
#include "record.h"
#include "text.h"
#include "ui.h"

typedef struct duty_screen {
	ui_screen sc;
	int64_t meeting;        /* 0: there is none */
	char *title, *held_on;
	int draw_count;
	int64_t draw;           /* the meeting's draw, 0: not drawn */
	char *seed, *drawn_at, *drawn_by, *reason, *pool_text;
	int64_t redraw_of;
	int count, reports;
	char **pool;            /* entries of the pool shown (into pool_text) */
	int npool;
	int *order;             /* per pool entry: its place in the result (1..count), 0: not drawn */
	int scroll, page;
	int64_t picked;         /* a meeting chosen in the picker, loaded on resume */
} duty_screen;

static const ui_key duty_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?' }, "F1 ?", N_("Help"), true },
	{ REQ_NEW, { UI_K(KEY_F(2)), 'n', UI_K(KEY_IC) }, "F2 n Insert", N_("Draw lots"), true },
	{ REQ_EDIT, { UI_K(KEY_F(4)), 'r' }, "F4 r", N_("Draw again (with a reason)"), true },
	{ REQ_PICK, { UI_K(KEY_F(3)), 'v' }, "F3 v", N_("Replay and verify"), true },
	{ REQ_FILTER, { UI_K(KEY_F(6)), 'm' }, "F6 m", N_("Choose the meeting"), true },
	{ REQ_REFRESH, { UI_K(KEY_F(5)), UI_CTRL('r') }, "F5 Ctrl-R", N_("Refresh"), false },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Back"), true },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), UI_K(KEY_UP), 'b', 'k' }, "PgUp ↑ b k", N_("Scroll the pool up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), UI_K(KEY_DOWN), ' ', 'j' }, "PgDn ↓ Space j", N_("Scroll the pool down"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

static void clear_meeting(duty_screen *d)
{
	free(d->title);
	free(d->held_on);
	free(d->seed);
	free(d->drawn_at);
	free(d->drawn_by);
	free(d->reason);
	free(d->pool_text);
	free(d->pool);
	free(d->order);
	d->title = d->held_on = d->seed = d->drawn_at = d->drawn_by = d->reason = d->pool_text = NULL;
	d->pool = NULL;
	d->order = NULL;
	d->npool = d->count = d->reports = d->draw_count = 0;
	d->draw = d->redraw_of = 0;
}

static char *dup_col(sqlite3_stmt *q, int i)
{
	const char *v = (const char *)sqlite3_column_text(q, i);
	return strdup(v ? v : "");
}

/* Splits pool_text at ';' and marks each entry with its place in result. */
static void split(duty_screen *d, const char *result)
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

/* The pool a draw would use now, for a meeting not drawn yet. */
static void load_live_pool(duty_screen *d)
{
	draw_item *pool;
	int n;
	lz_err e;
	if (duty_draw_pool(&d->sc.app->s, &pool, &n, &e)) {
		ui_error(d->sc.app, "%s", e.msg);
		return;
	}
	size_t len = 1;
	char **t = calloc((size_t)n + 1, sizeof *t);
	for (int i = 0; t && i < n; i++)
		if ((t[i] = draw_item_text(&pool[i])))
			len += strlen(t[i]) + 1;
	d->pool_text = t ? malloc(len) : NULL;
	if (d->pool_text) {
		d->pool_text[0] = '\0';
		for (int i = 0; i < n; i++) {
			if (i)
				strcat(d->pool_text, ";");
			strcat(d->pool_text, t[i] ? t[i] : "");
		}
		split(d, "");
	}
	for (int i = 0; t && i < n; i++)
		free(t[i]);
	free(t);
	draw_pool_free(pool, n);
}

/* Loads meeting id (0: the latest) and its draw. */
static void load(duty_screen *d, int64_t id)
{
	ui_app *app = d->sc.app;
	clear_meeting(d);
	sqlite3_stmt *q;
	lz_err e;
	if (db_prepare(&app->s.db,
		       "SELECT m.id, m.title, m.held_on, coalesce(m.draw_count, 3), coalesce(m.draw, 0),"
		       " d.seed, d.drawn_at, d.drawn_by, d.reason, d.pool, d.result, d.count, coalesce(d.redraw_of, 0),"
		       " (SELECT count(*) FROM duty_report r WHERE r.meeting = m.id)"
		       " FROM duty_meeting m LEFT JOIN draw d ON d.id = m.draw WHERE ?1 = 0 OR m.id = ?1"
		       " ORDER BY m.held_on DESC, m.id DESC LIMIT 1", &q, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	sqlite3_bind_int64(q, 1, id);
	d->meeting = 0;
	if (sqlite3_step(q) == SQLITE_ROW) {
		d->meeting = sqlite3_column_int64(q, 0);
		d->title = dup_col(q, 1);
		d->held_on = dup_col(q, 2);
		d->draw_count = sqlite3_column_int(q, 3);
		d->draw = sqlite3_column_int64(q, 4);
		d->reports = sqlite3_column_int(q, 13);
		if (d->draw) {
			d->seed = dup_col(q, 5);
			d->drawn_at = dup_col(q, 6);
			d->drawn_by = dup_col(q, 7);
			d->reason = dup_col(q, 8);
			d->pool_text = dup_col(q, 9);
			d->count = sqlite3_column_int(q, 11);
			d->redraw_of = sqlite3_column_int64(q, 12);
			const char *result = (const char *)sqlite3_column_text(q, 10);
			if (d->pool_text)
				split(d, result ? result : "");
		}
	}
	sqlite3_finalize(q);
	if (d->meeting && !d->draw)
		load_live_pool(d);
	if (d->meeting)
		snprintf(d->sc.info, sizeof d->sc.info, _("meeting #%lld"), (long long)d->meeting);
	else
		d->sc.info[0] = '\0';
}

/* ---- drawing ----------------------------------------------------------- */

static void draw_head(duty_screen *d, int *y, int bottom)
{
	ui_app *app = d->sc.app;
	char line[1024];
	snprintf(line, sizeof line, _("Meeting #%lld  %s  %s — secretaries to draw: %d"), (long long)d->meeting, d->held_on,
		 d->title, d->draw_count);
	ui_put((*y)++, 1, COLS - 2, line, ui_attr(app, UI_TITLE));
	if (!d->draw) {
		if (*y < bottom)
			ui_put((*y)++, 1, COLS - 2, _("Not drawn yet: F2 (n) draws, and stores the draw before showing it."),
			       ui_attr(app, UI_DIM));
		return;
	}
	snprintf(line, sizeof line, _("Draw #%lld — seed %s — %d of %d drawn — %s by %s"), (long long)d->draw, d->seed, d->count,
		 d->npool, d->drawn_at, d->drawn_by);
	if (*y < bottom)
		ui_put((*y)++, 1, COLS - 2, line, A_NORMAL);
	if (d->redraw_of && *y < bottom) {
		snprintf(line, sizeof line, _("Drawn again instead of draw #%lld because: %s"), (long long)d->redraw_of, d->reason);
		ui_put((*y)++, 1, COLS - 2, line, ui_attr(app, UI_WARN));
	}
	if (*y < bottom) {
		snprintf(line, sizeof line, _("Duty reports of this meeting: %d (ledger: 纪委书记述职)"), d->reports);
		ui_put((*y)++, 1, COLS - 2, line, A_NORMAL);
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

/* The pool in its order, in as many columns as fit, drawn ones highlighted. */
static void draw_pool(duty_screen *d, int top, int height)
{
	ui_app *app = d->sc.app;
	char head[256], cell[512];
	snprintf(head, sizeof head,
		 _("Pool: %d secretaries of towns, streets and district departments, in their fixed order (by unit code)"),
		 d->npool);
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

static void duty_draw_body(ui_screen *sc, int top, int height)
{
	duty_screen *d = (duty_screen *)sc;
	if (!d->meeting) {
		ui_put(top + 1, 2, COLS - 4, _("There is no duty-report meeting yet."), A_BOLD);
		ui_put(top + 3, 2, COLS - 4, _("Add one in the ledger 述职大会 (task 20), then come back here to draw."),
		       ui_attr(sc->app, UI_DIM));
		return;
	}
	int y = top, bottom = top + height;
	draw_head(d, &y, bottom);
	if (y + 2 < bottom && d->pool)
		draw_pool(d, y + 1, bottom - y - 1);
}

/* ---- actions ------------------------------------------------------------- */

static void run(duty_screen *d, int count, int64_t redraw_of, const char *reason)
{
	ui_app *app = d->sc.app;
	duty_draw r;
	lz_err e;
	if (duty_draw_run(&app->s, d->meeting, count, redraw_of, reason, &r, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	int64_t id = r.draw.id;
	duty_draw_free(&r);
	d->scroll = 0;
	load(d, d->meeting);
	ui_status(app, _("Draw #%lld stored: %d secretaries drawn, %d duty reports."), (long long)id, d->count, d->reports);
}

/* Whether the account may draw at all: the core's answer, before any question. */
static bool may_draw(duty_screen *d)
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

static void new_draw(duty_screen *d)
{
	ui_app *app = d->sc.app;
	if (!d->meeting) {
		ui_status(app, "%s", _("There is no duty-report meeting to draw for."));
		return;
	}
	if (d->draw) {
		ui_status(app, _("Meeting #%lld was drawn already (draw #%lld); F4 draws again with a reason."),
			  (long long)d->meeting, (long long)d->draw);
		return;
	}
	if (!may_draw(d))
		return;
	char buf[16], label[256];
	snprintf(buf, sizeof buf, "%d", d->draw_count);
	snprintf(label, sizeof label, _("How many of the %d secretaries?"), d->npool);
	if (!ui_prompt(app, label, buf, sizeof buf))
		return;
	char *end;
	long count = strtol(kind_trim(buf), &end, 10);
	if (!*buf || *end || count <= 0 || count > d->npool) {
		ui_error(app, _("Give a number from 1 to %d, not '%s'."), d->npool, buf);
		return;
	}
	char q[512];
	snprintf(q, sizeof q, _("Draw %ld of the %d secretaries for meeting #%lld now? The draw is stored for good."), count,
		 d->npool, (long long)d->meeting);
	if (ui_confirm(app, q))
		run(d, (int)count, 0, NULL);
}

static void redraw(duty_screen *d)
{
	ui_app *app = d->sc.app;
	if (!d->draw) {
		ui_status(app, "%s", _("There is no draw to draw again."));
		return;
	}
	if (!may_draw(d))
		return;
	char reason[512] = "", label[256];
	snprintf(label, sizeof label, _("Draw #%lld again — reason:"), (long long)d->draw);
	if (!ui_prompt(app, label, reason, sizeof reason))
		return;
	/* The core refuses an empty reason and says so. */
	run(d, d->count, d->draw, reason);
}

static void verify(duty_screen *d)
{
	ui_app *app = d->sc.app;
	lz_err e;
	if (!d->draw)
		ui_status(app, "%s", _("There is no draw to replay."));
	else if (draw_verify(&app->s, d->draw, &e))
		ui_error(app, "%s", e.msg);
	else
		ui_status(app, _("Draw #%lld replays: its seed draws the result it records."), (long long)d->draw);
}

/* The picker is still on top while it calls this: the meeting is loaded on resume. */
static void on_meeting(void *arg, int64_t id, const char *shown)
{
	(void)shown;
	((duty_screen *)arg)->picked = id;
}

static void duty_resume(ui_screen *sc)
{
	duty_screen *d = (duty_screen *)sc;
	if (d->picked) {
		d->scroll = 0;
		load(d, d->picked);
		d->picked = 0;
	}
}

static ui_result duty_key(ui_screen *sc, ui_req req, wint_t ch)
{
	duty_screen *d = (duty_screen *)sc;
	(void)ch;
	switch (req) {
	case REQ_BACK: return UI_CLOSE;
	case REQ_NEW: new_draw(d); break;
	case REQ_EDIT: redraw(d); break;
	case REQ_PICK: verify(d); break;
	case REQ_FILTER: {
		ui_screen *p = list_open(sc->app, &kind_duty_meeting, NULL, on_meeting, d);
		if (p)
			ui_push(sc->app, p);
		break;
	}
	case REQ_REFRESH: load(d, d->meeting); break;
	case REQ_PGUP: d->scroll = d->scroll > d->page ? d->scroll - d->page : 0; break;
	case REQ_PGDN: d->scroll += d->page; break; /* drawing keeps it on the last page */
	default: break;
	}
	return UI_STAY;
}

static void duty_free(ui_screen *sc)
{
	duty_screen *d = (duty_screen *)sc;
	clear_meeting(d);
	free(d);
}

static const ui_screen_ops duty_ops = { "duty_draw", duty_keys, duty_draw_body, duty_key, duty_free, duty_resume };

ui_screen *duty_draw_open(ui_app *app)
{
	duty_screen *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->sc.ops = &duty_ops;
	d->sc.app = app;
	snprintf(d->sc.title, sizeof d->sc.title, "%s", _("Secretaries' duty reports: the draw (纪委书记述职抽签)"));
	load(d, 0);
	return &d->sc;
}
