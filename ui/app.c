/* app.c — the screen stack and the one input loop that drives it, the header
 * line, the status line and the function-key bar. */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keyin.h"
#include "text.h"
#include "ui.h"

ui_req ui_lookup(const ui_key *table, wint_t ch, bool is_key)
{
	int v = is_key ? UI_K((int)ch) : (int)ch;
	for (const ui_key *k = table; k && k->req != REQ_NONE; k++)
		for (int i = 0; i < UI_KEYS && k->keys[i]; i++)
			if (k->keys[i] == v)
				return k->req;
	return REQ_NONE;
}

attr_t ui_attr(ui_app *app, ui_role r)
{
	if (!app->color) {
		switch (r) {
		case UI_HEADER: case UI_BAR: case UI_SELECTED: return A_REVERSE;
		case UI_BARKEY: case UI_TITLE: return A_BOLD;
		case UI_ERROR: case UI_WARN: return A_BOLD;
		case UI_FIELD: return A_UNDERLINE;
		case UI_DIM: return A_DIM;
		case UI_LATE: return A_BOLD;
		case UI_SOON: return A_UNDERLINE;
		case UI_DONE: return A_NORMAL;
		default: return A_NORMAL;
		}
	}
	switch (r) {
	case UI_HEADER: return COLOR_PAIR(1) | A_BOLD;
	case UI_BAR: return COLOR_PAIR(2);
	case UI_BARKEY: return COLOR_PAIR(3) | A_BOLD;
	case UI_SELECTED: return COLOR_PAIR(4);
	case UI_TITLE: return COLOR_PAIR(5) | A_BOLD;
	case UI_ERROR: return COLOR_PAIR(6) | A_BOLD;
	case UI_DIM: return A_DIM;
	case UI_FIELD: return COLOR_PAIR(7);
	case UI_WARN: return COLOR_PAIR(8) | A_BOLD;
	case UI_LATE: return COLOR_PAIR(6);
	case UI_SOON: return COLOR_PAIR(8);
	case UI_OPEN: return COLOR_PAIR(5);
	case UI_DONE: return COLOR_PAIR(9);
	default: return A_NORMAL;
	}
}

static void vstatus(ui_app *app, bool error, const char *fmt, va_list ap)
{
	vsnprintf(app->status, sizeof app->status, fmt, ap);
	app->status_error = error;
}

void ui_status(ui_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vstatus(app, false, fmt, ap);
	va_end(ap);
}

void ui_error(ui_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vstatus(app, true, fmt, ap);
	va_end(ap);
	beep();
}

void ui_push(ui_app *app, ui_screen *sc)
{
	sc->app = app;
	sc->below = app->top;
	app->top = sc;
}

/* Takes sc off the stack. It need not be on top: a chooser that opened a
 * picker from its callback closes itself, not the picker it just opened. */
static void close_screen(ui_app *app, ui_screen *sc)
{
	if (!sc)
		return;
	if (app->top == sc) {
		app->top = sc->below;
		sc->ops->free(sc);
		if (app->top && app->top->ops->resume)
			app->top->ops->resume(app->top);
		return;
	}
	for (ui_screen *above = app->top; above; above = above->below)
		if (above->below == sc) {
			above->below = sc->below;
			sc->ops->free(sc);
			return;
		}
}

static void pop(ui_app *app)
{
	close_screen(app, app->top);
}

/* An escape sequence the terminal description does not know (Home and End
 * under TERM=vt100, say) arrives as Esc and more bytes at once: swallow it
 * rather than take it for Esc, which would leave a form. */
static bool unknown_sequence(void)
{
	timeout(0);
	wint_t c;
	int r = keyin_get(&c);
	if (r == ERR) {
		timeout(-1);
		return false;
	}
	if (r == OK && (c == '[' || c == 'O')) {
		while ((r = keyin_get(&c)) != ERR)
			if (r == OK && c >= 0x40 && c <= 0x7E)
				break;
	} else if (r == OK) {
		unget_wch((wchar_t)c);
		timeout(-1);
		return false;
	}
	timeout(-1);
	return true;
}

static void draw_header(ui_app *app)
{
	char left[512], right[4400];
	attr_t a = ui_attr(app, UI_HEADER);
	ui_fill(0, 0, COLS, a);
	snprintf(left, sizeof left, " %s  %s", _("liangze 两责"), app->top ? app->top->title : "");
	const char *role = app->s.role == ROLE_ADMIN ? _("admin") : app->s.role == ROLE_STAFF ? _("staff") : _("viewer");
	snprintf(right, sizeof right, "%s (%s)  %s ", app->s.login, role, app->s.db.path);
	int lw = ui_put(0, 0, COLS, left, a);
	int room = COLS - lw - 2;
	if (room > 8) {
		/* The path is the least important part: cut it first. */
		int w = text_width(right);
		ui_put(0, w <= room ? COLS - w : lw + 2, w <= room ? w : room, right, a);
	}
}

/* The bottom line: the function keys of the current screen, from its table. */
static void draw_keybar(ui_app *app)
{
	int y = LINES - 1, x = 0;
	ui_fill(y, 0, COLS, ui_attr(app, UI_BAR));
	if (!app->top)
		return;
	for (const ui_key *k = app->top->ops->keys; k->req != REQ_NONE && x < COLS; k++) {
		if (!k->bar)
			continue;
		char key[32];
		/* The bar shows the first word (F2); help shows all the alternatives. */
		snprintf(key, sizeof key, "%s", k->shown);
		char *sp = strchr(key, ' ');
		if (sp)
			*sp = '\0';
		x += ui_put(y, x, COLS - x, key, ui_attr(app, UI_BARKEY));
		x += 1;
		if (x >= COLS)
			break;
		x += ui_put(y, x, COLS - x, _(k->label), ui_attr(app, UI_BAR));
		x += 2;
	}
}

static void draw_status(ui_app *app)
{
	int y = LINES - 2;
	ui_fill(y, 0, COLS, A_NORMAL);
	int iw = 0;
	if (app->top && app->top->info[0]) {
		iw = text_width(app->top->info);
		if (iw < COLS / 2)
			ui_put(y, COLS - iw, iw, app->top->info, A_BOLD);
		else
			iw = 0;
	}
	int room = COLS - iw - (iw ? 1 : 0);
	if (app->waiting)
		ui_put(y, 0, room, _("Waiting for another session to finish writing…"), ui_attr(app, UI_WARN));
	else if (app->status[0])
		ui_put(y, 0, room, app->status, app->status_error ? ui_attr(app, UI_ERROR) : A_NORMAL);
}

void ui_redraw(ui_app *app)
{
	erase();
	if (LINES < 4 || COLS < 10) {
		ui_put(0, 0, COLS, _("Terminal too small"), A_BOLD);
		refresh();
		return;
	}
	curs_set(0);
	draw_header(app);
	if (app->top)
		app->top->ops->draw(app->top, 1, LINES - 3);
	/* A screen that shows the cursor leaves it where it wants it. */
	int cy, cx;
	getyx(stdscr, cy, cx);
	draw_status(app);
	draw_keybar(app);
	move(cy, cx);
	refresh();
}

/* The busy handler calls this while it waits, so the screen says why. */
static void on_wait(void *arg, int waiting)
{
	ui_app *app = arg;
	app->waiting = waiting != 0;
	int y, x;
	getyx(stdscr, y, x);
	draw_status(app);
	move(y, x);
	refresh();
}

static void init_colors(ui_app *app)
{
	app->color = has_colors() && getenv("LIANGZE_NO_COLOR") == NULL;
	if (!app->color)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_BLACK, COLOR_CYAN);
	init_pair(3, COLOR_WHITE, COLOR_BLACK);
	init_pair(4, COLOR_BLACK, COLOR_CYAN);
	init_pair(5, COLOR_BLUE, -1);
	init_pair(6, COLOR_RED, -1);
	init_pair(7, COLOR_BLACK, COLOR_WHITE);
	init_pair(8, COLOR_YELLOW, -1);
	init_pair(9, COLOR_GREEN, -1);
}

/* How often an idle screen looks whether the database was restored under it. */
#define UI_POLL_MS 1000

static void restore_mark(ui_app *app, char out[72])
{
	sqlite3_stmt *q;
	lz_err e;
	out[0] = '\0';
	if (db_prepare(&app->s.db, "SELECT hash FROM audit WHERE kind = 'database' AND action = 'restore'"
			       " ORDER BY id DESC LIMIT 1", &q, &e))
		return;
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		snprintf(out, 72, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
}

/* Another session may restore a backup into the database under this one
 * (restore copies it in place, so this connection stays valid): data_version
 * says another connection committed, a new 'restore' audit row says it was a
 * restore. Then the screen on top reads its rows again (those below do when
 * they come back on top). True when something was redrawn. */
static bool notice_restore(ui_app *app)
{
	int64_t v = 0;
	lz_err e;
	if (db_scalar_int(&app->s.db, "PRAGMA data_version", 0, &v, &e) || v == app->data_version)
		return false;
	app->data_version = v;
	char mark[72];
	restore_mark(app, mark);
	if (strcmp(mark, app->restore_mark) == 0)
		return false;
	snprintf(app->restore_mark, sizeof app->restore_mark, "%s", mark);
	if (app->top && app->top->ops->resume)
		app->top->ops->resume(app->top);
	ui_status(app, "%s", _("The database was restored from a backup by another session: shown again as restored"));
	return true;
}

int ui_run(const char *path, const char *login, bool dashboard)
{
	ui_app app;
	lz_err err;
	memset(&app, 0, sizeof app);
	lz_status st = session_open(&app.s, path, login, false, NULL, &err);
	if (st) {
		fprintf(stderr, "liangze: %s\n", err.msg);
		return st;
	}
	app.s.db.wait_fn = on_wait;
	app.s.db.wait_arg = &app;
	/* Esc must answer at once, not after ncurses' default second. */
	set_escdelay(100);
	if (!initscr()) {
		fprintf(stderr, "liangze: %s\n", _("cannot start the terminal (is TERM set?)"));
		session_close(&app.s);
		return LZ_IO;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	init_colors(&app);
	ui_push(&app, menu_open(&app));
	if (app.s.db.migrate_backup[0])
		ui_status(&app, "%s %s", _("before migrating, the database was backed up to"), app.s.db.migrate_backup);
	if (dashboard || app.s.role == ROLE_VIEWER)
		ui_push(&app, dashboard_open(&app));
	lz_err e;
	db_scalar_int(&app.s.db, "PRAGMA data_version", 0, &app.data_version, &e);
	restore_mark(&app, app.restore_mark);
	bool dirty = true;
	/* Said before anyone types a change that could not be saved. */
	if (app.s.db.readonly)
		ui_error(&app, "%s", _("This database is read-only here (a read-only file, folder or disk, or a full disk): you can look, but nothing can be saved"));
	/* Benchmarks time start-up to the first drawn screen (bench/run.py). */
	bool once = getenv("LIANGZE_EXIT_AFTER_DRAW") != NULL;
	while (app.top && !app.quit) {
		if (dirty)
			ui_redraw(&app);
		dirty = true;
		/* Idle once a second: every screen notices a restore made by another
		 * session, and a screen that keeps itself up to date is asked. */
		if (once)
			break;
		wint_t ch;
		timeout(UI_POLL_MS);
		int r = keyin_get(&ch);
		timeout(-1);
		if (r == ERR) {
			dirty = notice_restore(&app);
			if (app.top && app.top->idle && app.top->idle(app.top))
				dirty = true;
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;   /* the loop redraws at the new size */
		bool is_key = r == KEY_CODE_YES;
		if (!is_key && ch == UI_ESC && unknown_sequence())
			continue;
		ui_req req = ui_lookup(app.top->ops->keys, ch, is_key);
		/* Line-editing keys mean the same on every screen that has text. */
		if (req == REQ_NONE)
			req = ui_lookup(ui_edit_keys, ch, is_key);
		if (req == REQ_HELP) {
			ui_help_open(&app, app.top);
			continue;
		}
		app.status[0] = '\0';
		app.status_error = false;
		ui_screen *sc = app.top;
		ui_result res = sc->ops->key(sc, req, req == REQ_NONE && !is_key ? ch : 0);
		if (res == UI_CLOSE)
			close_screen(&app, sc);
	}
	while (app.top)
		pop(&app);
	endwin();
	session_close(&app.s);
	return 0;
}
