/* satisfaction.c — the satisfaction survey ranking screen: one year's
 * ranking per category, best first, the bottom three and the units held to
 * account in colour (and in words, for terminals without colours), the
 * change against the year before, and the workbook on a key. The year's
 * figures are read whole when the year changes (a few hundred rows at most)
 * and no read stays open while the screen is shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "satisfaction.h"
#include "text.h"
#include "tiancheng.h"
#include "ui.h"

typedef struct sat_screen {
	ui_screen sc;
	int year;
	satisfaction_ranking rk;
	int scroll;       /* first ranking line shown */
	int lines;        /* ranking lines (headings and rows) */
	int page;         /* ranking lines that fitted at the last drawing */
} sat_screen;

static const ui_key sat_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?' }, "F1 ?", N_("Help"), true },
	{ REQ_LEFT, { UI_K(KEY_LEFT), '[', 'h' }, "← [ h", N_("Previous year"), true },
	{ REQ_RIGHT, { UI_K(KEY_RIGHT), ']', 'l' }, "→ ] l", N_("Next year"), true },
	{ REQ_PICK, { UI_K(KEY_F(3)), 'p' }, "F3 p", N_("Type a year"), true },
	{ REQ_EXPORT, { UI_K(KEY_F(9)), 'e' }, "F9 e", N_("Export the ranking to Excel"), true },
	{ REQ_REFRESH, { UI_K(KEY_F(5)), UI_CTRL('r'), 'r' }, "F5 Ctrl-R r", N_("Refresh"), false },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Back"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k' }, "↑ k", N_("Scroll up a line"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j' }, "↓ j", N_("Scroll down a line"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), 'b' }, "PgUp b", N_("Scroll the ranking up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ' }, "PgDn Space", N_("Scroll the ranking down"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g' }, "Home g", N_("Top of the ranking"), false },
	{ REQ_END, { UI_K(KEY_END), 'G' }, "End G", N_("End of the ranking"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

static bool shown_row(const satisfaction_row *w)
{
	return w->cat >= 0 && w->in_scope;
}

static int cat_rows(const sat_screen *t, int cat)
{
	int n = 0;
	for (int i = 0; i < t->rk.nrows; i++)
		n += t->rk.rows[i].cat == cat && shown_row(&t->rk.rows[i]);
	return n;
}

static void load(sat_screen *t)
{
	lz_err err;
	satisfaction_free(&t->rk);
	if (satisfaction_rank(&t->sc.app->s, t->year, &t->rk, &err))
		ui_error(t->sc.app, "%s", err.msg);
	/* A heading per category shown, then its rows. */
	t->lines = 0;
	int units = 0, bottom = 0, held = 0;
	for (int cat = 0; cat < TIANCHENG_NCAT; cat++) {
		int n = cat_rows(t, cat);
		t->lines += n ? n + 1 : 0;
		units += n;
	}
	for (int i = 0; i < t->rk.nrows; i++) {
		bottom += shown_row(&t->rk.rows[i]) && t->rk.rows[i].bottom_three;
		held += shown_row(&t->rk.rows[i]) && t->rk.rows[i].accountable;
	}
	if (t->scroll > t->lines)
		t->scroll = 0;
	snprintf(t->sc.title, sizeof t->sc.title, _("Satisfaction survey ranking, %d"), t->year);
	snprintf(t->sc.info, sizeof t->sc.info, _("%d units, %d in the bottom three, %d held to account"), units, bottom,
		 held);
}

/* ---- drawing ----------------------------------------------------------- */

enum { C_RANK, C_CODE, C_NAME, C_SCORE, C_RESP, C_DSCORE, C_DRANK, C_FLAGS, NC };

static const char *col_label(int c)
{
	switch (c) {
	case C_RANK: return _("Ranking");
	case C_CODE: return _("Code");
	case C_NAME: return _("Unit name");
	case C_SCORE: return _("Satisfaction score");
	case C_RESP: return _("Respondents");
	case C_DSCORE: return _("Score change");
	case C_DRANK: return _("Rank change");
	default: return _("Flags");
	}
}

/* The cells of row w (changes signed, flags in words). */
static void cells(const satisfaction_row *w, char cell[NC][128])
{
	char v[32];
	snprintf(cell[C_RANK], 128, "%d", w->rank);
	snprintf(cell[C_CODE], 128, "%s", w->code);
	snprintf(cell[C_NAME], 128, "%s", w->name);
	satisfaction_decimal(w->score, v);
	snprintf(cell[C_SCORE], 128, "%s", v);
	cell[C_RESP][0] = cell[C_DSCORE][0] = cell[C_DRANK][0] = '\0';
	if (w->respondents >= 0)
		snprintf(cell[C_RESP], 128, "%ld", w->respondents);
	if (w->has_prev) {
		int64_t d = w->score - w->prev_score;
		int dr = w->prev_rank - w->rank;
		satisfaction_decimal(d, v);
		snprintf(cell[C_DSCORE], 128, "%s%s", d > 0 ? "+" : "", v);
		/* Signed like the score change: + is a place moved up. */
		snprintf(cell[C_DRANK], 128, "%s%d", dr > 0 ? "+" : "", dr);
	}
	snprintf(cell[C_FLAGS], 128, "%s%s%s%s%s", w->low ? _("low") : "", w->low && w->bottom_three ? ", " : "",
		 w->bottom_three ? _("bottom three") : "", w->accountable ? ", " : "",
		 w->accountable ? _("held to account") : "");
}

static void layout(const sat_screen *t, int width[NC])
{
	for (int c = 0; c < NC; c++)
		width[c] = text_width(col_label(c));
	for (int i = 0; i < t->rk.nrows; i++) {
		if (!shown_row(&t->rk.rows[i]))
			continue;
		char cell[NC][128];
		cells(&t->rk.rows[i], cell);
		for (int c = 0; c < NC; c++)
			if (text_width(cell[c]) > width[c])
				width[c] = text_width(cell[c]);
	}
	if (width[C_NAME] > 24)
		width[C_NAME] = 24;
}

/* Draws the cells from x on, numbers right-aligned; the flags take what is left. */
static void draw_cells(int y, const int width[NC], char cell[NC][128], attr_t a)
{
	int x = 1;
	ui_fill(y, 0, COLS, a);
	for (int c = 0; c < NC && x < COLS; c++) {
		int w = c == C_FLAGS ? COLS - x : width[c];
		bool num = c != C_CODE && c != C_NAME && c != C_FLAGS;
		int cw = text_width(cell[c]);
		ui_put(y, num && cw < w ? x + w - cw : x, w, cell[c], a);
		x += w + 2;
	}
}

static void sat_draw(ui_screen *sc, int top, int height)
{
	sat_screen *t = (sat_screen *)sc;
	ui_app *app = sc->app;
	int width[NC];
	char cell[NC][128];
	layout(t, width);
	for (int c = 0; c < NC; c++)
		snprintf(cell[c], sizeof cell[c], "%s", col_label(c));
	draw_cells(top, width, cell, ui_attr(app, UI_HEADER));
	/* The line at the bottom says what the colours mean. */
	char low[32], note[512];
	satisfaction_decimal(t->rk.low, low);
	snprintf(note, sizeof note,
		 _("Low: below %s (setting satisfaction_low). Held to account: low and in the bottom three in %d and %d."),
		 low, t->year - 1, t->year);
	ui_put(top + height - 1, 1, COLS - 2, note, ui_attr(app, UI_DIM));
	height--;
	t->page = height - 1;
	if (t->lines == 0) {
		snprintf(note, sizeof note, _("no satisfaction surveys for %d"), t->year);
		ui_put(top + 2, 2, COLS - 4, note, ui_attr(app, UI_DIM));
		return;
	}
	if (t->scroll > t->lines - t->page)
		t->scroll = t->lines - t->page > 0 ? t->lines - t->page : 0;
	int line = 0, y = top + 1;
	for (int cat = 0; cat < TIANCHENG_NCAT && y < top + height; cat++) {
		int n = cat_rows(t, cat);
		if (!n)
			continue;
		if (line++ >= t->scroll) {
			char head[256];
			snprintf(head, sizeof head, _("%s — %d units"), tiancheng_categories[cat], n);
			ui_put(y++, 1, COLS - 2, head, ui_attr(app, UI_TITLE));
		}
		for (int i = 0; i < t->rk.nrows && y < top + height; i++) {
			const satisfaction_row *w = &t->rk.rows[i];
			if (w->cat != cat || !shown_row(w) || line++ < t->scroll)
				continue;
			attr_t a = w->accountable ? ui_attr(app, UI_ERROR) : w->bottom_three ? ui_attr(app, UI_WARN) : A_NORMAL;
			cells(w, cell);
			draw_cells(y++, width, cell, a);
		}
	}
}

/* ---- actions ------------------------------------------------------------- */

static void type_year(sat_screen *t)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%d", t->year);
	if (!ui_prompt(t->sc.app, _("Year:"), buf, sizeof buf))
		return;
	const char *y = kind_trim(buf);
	if (strlen(y) != 4 || strspn(y, "0123456789") != 4 || atoi(y) < 1900) {
		ui_error(t->sc.app, _("'%s' is not a year like 2026"), y);
		return;
	}
	t->year = atoi(y);
	t->scroll = 0;
	load(t);
}

static void export_ranking(sat_screen *t)
{
	ui_app *app = t->sc.app;
	char path[1024];
	snprintf(path, sizeof path, "满意度测评排名-%d.xlsx", t->year);
	if (!ui_prompt(app, _("Export this ranking to file (.xlsx):"), path, sizeof path))
		return;
	kind_trim(path);
	if (!*path)
		return;
	lz_err e;
	if (satisfaction_write_xlsx(&t->rk, path, &e))
		ui_error(app, "%s", e.msg);
	else
		ui_status(app, _("Ranking written to %s"), path);
}

static void move_year(sat_screen *t, int by)
{
	t->year += by;
	t->scroll = 0;
	load(t);
}

static ui_result sat_key(ui_screen *sc, ui_req req, wint_t ch)
{
	sat_screen *t = (sat_screen *)sc;
	(void)ch;
	switch (req) {
	case REQ_BACK: return UI_CLOSE;
	case REQ_LEFT: move_year(t, -1); break;
	case REQ_RIGHT: move_year(t, 1); break;
	case REQ_PICK: type_year(t); break;
	case REQ_EXPORT: export_ranking(t); break;
	case REQ_REFRESH: load(t); break;
	case REQ_UP: if (t->scroll > 0) t->scroll--; break;
	case REQ_DOWN: if (t->scroll + t->page < t->lines) t->scroll++; break;
	case REQ_PGUP: t->scroll = t->scroll > t->page ? t->scroll - t->page : 0; break;
	case REQ_PGDN: if (t->scroll + t->page < t->lines) t->scroll += t->page; break;
	case REQ_HOME: t->scroll = 0; break;
	case REQ_END: t->scroll = t->lines; break; /* drawing brings it back to the last page */
	default: break;
	}
	return UI_STAY;
}

static void sat_free(ui_screen *sc)
{
	sat_screen *t = (sat_screen *)sc;
	satisfaction_free(&t->rk);
	free(t);
}

/* Surveys saved in a screen above may have changed the ranking. */
static void sat_resume(ui_screen *sc)
{
	load((sat_screen *)sc);
}

static const ui_screen_ops sat_ops = { "satisfaction", sat_keys, sat_draw, sat_key, sat_free, sat_resume };

ui_screen *satisfaction_open(ui_app *app)
{
	sat_screen *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->sc.ops = &sat_ops;
	t->sc.app = app;
	bool found = false;
	lz_err e;
	if (satisfaction_latest_year(&app->s, &t->year, &found, &e))
		ui_error(app, "%s", e.msg);
	if (!found)
		t->year = atoi(app->s.today);
	load(t);
	return &t->sc;
}
