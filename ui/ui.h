/* ui.h — the full-screen front end: one operations table per screen, a
 * screen stack driven by one input loop, key tables that both dispatch keys
 * and print the help and the function-key bar, and drawing helpers that
 * measure text by display column. Knows the core only through src/ headers. */
#ifndef LZ_UI_H
#define LZ_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "session.h"

/* What a key asks for. Screens act on requests, never on raw key codes
 * (except text typed into a field). */
typedef enum ui_req {
	REQ_NONE = 0,
	REQ_HELP, REQ_SAVE, REQ_SEARCH, REQ_PICK, REQ_REFRESH, REQ_BACK, REQ_QUIT,
	REQ_UP, REQ_DOWN, REQ_LEFT, REQ_RIGHT, REQ_PGUP, REQ_PGDN, REQ_HOME, REQ_END,
	REQ_ENTER, REQ_NEW, REQ_EDIT, REQ_DELETE, REQ_EXPORT, REQ_SORT, REQ_FILTER,
	REQ_NEXT_FIELD, REQ_PREV_FIELD, REQ_TOGGLE, REQ_CLEAR, REQ_BACKSPACE, REQ_DELCHAR,
	REQ_LINE_START, REQ_LINE_END, REQ_MENU, REQ_HISTORY
} ui_req;

/* Keys in tables: characters as they are ('q', UI_CTRL('s')), ncurses key
 * codes wrapped in UI_K(KEY_F(2)) — key codes and characters such as 'ā'
 * share numbers, so the mark tells them apart. */
#define UI_KEYS 4
#define UI_K(k) ((k) | 0x1000000)
#define UI_CTRL(c) ((c) & 0x1f)
#define UI_ESC 27

/* One binding: a request, its keys, and what help and the key bar show.
 * The first key is the function key, the others its letter or Ctrl
 * alternatives (PuTTY's F1–F4 differ from xterm's). */
typedef struct ui_key {
	ui_req req;
	int keys[UI_KEYS];      /* 0-terminated */
	const char *shown;      /* how the keys are written: "F2 Ctrl-S" */
	const char *label;      /* English msgid: "Save" */
	bool bar;               /* shown in the bottom function-key bar */
} ui_key;

typedef struct ui_app ui_app;
typedef struct ui_screen ui_screen;

typedef enum ui_result { UI_STAY = 0, UI_CLOSE = 1 } ui_result;

typedef struct ui_screen_ops {
	const char *name;
	const ui_key *keys;     /* terminated by an entry with req == REQ_NONE */
	/* Draws the body, rows top .. top+height-1, the full width. */
	void (*draw)(ui_screen *sc, int top, int height);
	/* Acts on req (REQ_NONE with ch set: a character typed). */
	ui_result (*key)(ui_screen *sc, ui_req req, wint_t ch);
	/* Frees the screen. */
	void (*free)(ui_screen *sc);
	/* Called when the screen comes back on top (after a screen above closed). */
	void (*resume)(ui_screen *sc);
} ui_screen_ops;

/* Every screen starts with this; its file keeps the rest private. */
struct ui_screen {
	const ui_screen_ops *ops;
	ui_app *app;
	ui_screen *below;
	char title[256];        /* UTF-8, shown in the header line */
	char info[128];         /* UTF-8, shown at the right of the status line (position, count) */
};

struct ui_app {
	session s;
	ui_screen *top;
	char status[1024];      /* UTF-8 message on the status line */
	bool status_error;
	bool quit;
	bool color;
	bool waiting;           /* another session holds the write lock */
};

/* Colour pairs / attributes by role; plain attributes without colours. */
typedef enum ui_role { UI_NORMAL, UI_HEADER, UI_BAR, UI_BARKEY, UI_SELECTED, UI_TITLE, UI_ERROR, UI_DIM, UI_FIELD, UI_WARN,
	UI_LATE, UI_SOON, UI_OPEN /* rows against their due date: red, yellow, blue */ } ui_role;

/* The attribute for role r (colour pair where the terminal has colours). */
attr_t ui_attr(ui_app *app, ui_role r);

/* Runs the application for login on the database at path; the exit status. */
int ui_run(const char *path, const char *login, bool dashboard);

/* Puts sc on top of the stack (sc->app, sc->below are set). */
void ui_push(ui_app *app, ui_screen *sc);

/* Shows a message on the status line (printf format, UTF-8). */
void ui_status(ui_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Shows an error message on the status line. */
void ui_error(ui_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The request key ch (is_key: a KEY_ code) means in table, or REQ_NONE. */
ui_req ui_lookup(const ui_key *table, wint_t ch, bool is_key);

/* Redraws everything now (header, top screen, status, key bar). */
void ui_redraw(ui_app *app);

/* Draws utf8 at y, x in at most cols columns, cut with "…" when longer;
 * returns the columns used. Never splits a character. */
int ui_put(int y, int x, int cols, const char *utf8, attr_t attr);

/* Draws utf8 padded with spaces to exactly cols columns. */
void ui_put_pad(int y, int x, int cols, const char *utf8, attr_t attr);

/* Fills cols columns at y, x with spaces in attr. */
void ui_fill(int y, int x, int cols, attr_t attr);

/* Appends the UTF-8 encoding of code point ch to buf (at most 4 bytes + NUL);
 * returns the bytes written. */
int ui_utf8_encode(wint_t ch, char *buf);

/* The keys of one line of text being edited (prompts, search, form fields). */
extern const ui_key ui_edit_keys[];

/* Asks a yes/no question on the status line; true for yes (y, Y, 是 key 1). */
bool ui_confirm(ui_app *app, const char *question);

/* Asks for one line of text, prefilled with buf; false if cancelled (Esc). */
bool ui_prompt(ui_app *app, const char *label, char *buf, size_t bufsz);

/* Shows the key table of sc as a help screen. */
void ui_help_open(ui_app *app, ui_screen *sc);

/* Screens (one file each). */
#include "kind.h"
#include "query.h"

/* Called when a picker chooses a record; arg is the caller's. */
typedef void (*ui_pick_fn)(void *arg, int64_t id, const char *shown);

/* The ledger of kind k (filter may be NULL). With pick set, Enter chooses a
 * record for the caller instead of opening it. */
ui_screen *list_open(ui_app *app, const kind *k, const query_filter *filter, ui_pick_fn pick, void *pick_arg);

/* The form of record id of kind k (0: a new record); edit=false shows it
 * read-only until the user asks to edit. on_saved (may be NULL) is told the
 * id after a save. */
ui_screen *form_open(ui_app *app, const kind *k, int64_t id, bool edit, void (*on_saved)(void *arg, int64_t id),
		     void *arg);

/* The main menu. */
ui_screen *menu_open(ui_app *app);

/* The district overview (the dashboard until issue 7 brings its panels). */
ui_screen *overview_open(ui_app *app);

/* The settings screen (admins). */
ui_screen *settings_open(ui_app *app);

/* One mechanism's tasks from the plan's catalog, each with the kinds that serve it. */
ui_screen *mechanism_open(ui_app *app, int mechanism);

/* The Tiancheng index of a month (the latest with entries): ranking per category, proposals to decide. */
ui_screen *tiancheng_open(ui_app *app);

/* The satisfaction surveys of a year (the latest surveyed): ranking per category, bottom three and units held to account marked, export. */
ui_screen *satisfaction_open(ui_app *app);

/* Random checks: draw units of a category (stored and audited first), show a draw's pool, seed and result, replay it, draw again with a reason. */
ui_screen *draw_screen_open(ui_app *app);

/* The draw of discipline secretaries who report at a duty-report meeting: the pool, the seed and the result of the latest meeting (or one chosen), a draw, a replay, a redraw with a reason. */
ui_screen *duty_draw_open(ui_app *app);

/* One case: its facts, its stages as a timeline with the dual reports (late ones in red), and the three lines of inquiry (一案三查). */
ui_screen *case_view_open(ui_app *app, int64_t id);

/* One promotion vetting: the cadre, the proposed post, every record the ledgers hold naming the cadre grouped by kind, and the conclusion; x exports the sheet. */
ui_screen *vetting_view_open(ui_app *app, int64_t id);

/* The history of record id of kind k — its audit rows, who changed which
 * field when, before and after — also when the record has been deleted;
 * NULL (with the reason on the status line) when there is none to show. */
ui_screen *history_open(ui_app *app, const kind *k, int64_t id);

/* Chooses one of choices (NULL-terminated UTF-8) in a small list; calls pick
 * with the index, or does nothing when cancelled. */
ui_screen *choice_open(ui_app *app, const char *title, const char *const *choices, int current,
		       void (*pick)(void *arg, int index), void *arg);

#endif
