/* tiancheng.c — the Tiancheng index screen: one month's ranking per category,
 * worst first, flagged units in colour, and below it the proposals of that
 * month, confirmed or dismissed here through the core (src/proposal.h). The
 * month's figures are read whole when the month changes (a ranking is a few
 * hundred rows at most) and no read stays open while the screen is shown. */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "proposal.h"
#include "record.h"
#include "text.h"
#include "tiancheng.h"
#include "ui.h"

typedef struct tc_prop {
	int64_t id;
	char *rule, *code, *name, *state, *reason;
} tc_prop;

typedef struct tc_screen {
	ui_screen sc;
	char period[8];
	tiancheng_ranking rk;
	tc_prop *props;
	int nprops;
	int sel;          /* selected proposal */
	int scroll;       /* first ranking line shown */
	int lines;        /* ranking lines (headings and rows) */
	int page;         /* ranking lines that fitted at the last drawing */
} tc_screen;

static const ui_key tc_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?' }, "F1 ?", N_("Help"), true },
	{ REQ_SAVE, { UI_K(KEY_F(2)), 'c' }, "F2 c", N_("Confirm the proposal"), true },
	{ REQ_DELETE, { UI_K(KEY_F(8)), 'x' }, "F8 x", N_("Dismiss the proposal"), true },
	{ REQ_LEFT, { UI_K(KEY_LEFT), '[', 'h' }, "← [ h", N_("Previous month"), true },
	{ REQ_RIGHT, { UI_K(KEY_RIGHT), ']', 'l' }, "→ ] l", N_("Next month"), true },
	{ REQ_PICK, { UI_K(KEY_F(3)), 'p' }, "F3 p", N_("Type a month"), true },
	{ REQ_EXPORT, { UI_K(KEY_F(9)), 'e' }, "F9 e", N_("Export the ranking to Excel"), true },
	{ REQ_REFRESH, { UI_K(KEY_F(5)), UI_CTRL('r'), 'r' }, "F5 Ctrl-R r", N_("Refresh"), false },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Back"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k' }, "↑ k", N_("Previous proposal"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j' }, "↓ j", N_("Next proposal"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), 'b' }, "PgUp b", N_("Scroll the ranking up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ' }, "PgDn Space", N_("Scroll the ranking down"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g' }, "Home g", N_("Top of the ranking"), false },
	{ REQ_END, { UI_K(KEY_END), 'G' }, "End G", N_("End of the ranking"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

static void free_props(tc_screen *t)
{
	for (int i = 0; i < t->nprops; i++) {
		free(t->props[i].rule);
		free(t->props[i].code);
		free(t->props[i].name);
		free(t->props[i].state);
		free(t->props[i].reason);
	}
	free(t->props);
	t->props = NULL;
	t->nprops = 0;
}

static char *dup_col(sqlite3_stmt *q, int i)
{
	const char *v = (const char *)sqlite3_column_text(q, i);
	return strdup(v ? v : "");
}

/* The proposals of the month within the account's scope, those waiting for a
 * decision first. A 通知书's proposal carries its due date as its period. */
static lz_status load_props(tc_screen *t, lz_err *err)
{
	session *s = &t->sc.app->s;
	sqlite3_stmt *q;
	lz_status st = db_prepare(&s->db,
				  "SELECT p.id, p.rule, u.code, u.name, p.state, p.reason, p.unit FROM proposal p"
				  " JOIN unit u ON u.id = p.unit WHERE substr(p.period, 1, 7) = ?"
				  " ORDER BY p.state <> '待确认', p.id", &q, err);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, t->period, -1, SQLITE_STATIC);
	int rc, cap = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (!record_unit_in_scope(s, sqlite3_column_int64(q, 6)))
			continue;
		if (t->nprops == cap) {
			cap = cap ? cap * 2 : 16;
			tc_prop *np = realloc(t->props, (size_t)cap * sizeof *np);
			if (!np) {
				st = lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
				break;
			}
			t->props = np;
		}
		tc_prop *p = &t->props[t->nprops++];
		p->id = sqlite3_column_int64(q, 0);
		p->rule = dup_col(q, 1);
		p->code = dup_col(q, 2);
		p->name = dup_col(q, 3);
		p->state = dup_col(q, 4);
		p->reason = dup_col(q, 5);
	}
	if (!st && rc != SQLITE_DONE)
		st = db_error(&s->db, rc, _("reading proposals"), err);
	sqlite3_finalize(q);
	return st;
}

static bool shown_row(const tiancheng_row *w)
{
	return w->cat >= 0 && w->in_scope;
}

static void load(tc_screen *t)
{
	lz_err err;
	tiancheng_free(&t->rk);
	free_props(t);
	lz_status st = tiancheng_rank(&t->sc.app->s, t->period, &t->rk, &err);
	if (!st)
		st = load_props(t, &err);
	if (st)
		ui_error(t->sc.app, "%s", err.msg);
	/* A heading per category shown, then its rows. */
	t->lines = 0;
	int units = 0;
	for (int cat = 0; cat < TIANCHENG_NCAT; cat++) {
		int n = 0;
		for (int i = 0; i < t->rk.nrows; i++)
			n += t->rk.rows[i].cat == cat && shown_row(&t->rk.rows[i]);
		t->lines += n ? n + 1 : 0;
		units += n;
	}
	if (t->sel >= t->nprops)
		t->sel = t->nprops ? t->nprops - 1 : 0;
	if (t->scroll > t->lines)
		t->scroll = 0;
	snprintf(t->sc.title, sizeof t->sc.title, _("Tiancheng index ranking, %s"), t->period);
	snprintf(t->sc.info, sizeof t->sc.info, _("%d units, %d proposals"), units, t->nprops);
}

/* ---- drawing ----------------------------------------------------------- */

enum { C_RANK, C_CODE, C_NAME, C_PET, C_COM, C_OPI, C_REP, C_LEAP, C_INDEX, C_FLAGS, NC };

static const char *col_label(int c)
{
	switch (c) {
	case C_RANK: return _("Ranking");
	case C_CODE: return _("Code");
	case C_NAME: return _("Unit name");
	case C_PET: return _("Petitions");
	case C_COM: return _("Complaints");
	case C_OPI: return _("Opinions");
	case C_REP: return _("Repeat");
	case C_LEAP: return _("Leapfrog");
	case C_INDEX: return _("Index");
	default: return _("Flags");
	}
}

/* The cells of row w (flags in words). */
static void cells(const tiancheng_row *w, char cell[NC][128])
{
	long n[5] = { w->petitions, w->complaints, w->opinions, w->repeat, w->leapfrog };
	snprintf(cell[C_RANK], 128, "%d", w->rank);
	snprintf(cell[C_CODE], 128, "%s", w->code);
	snprintf(cell[C_NAME], 128, "%s", w->name);
	for (int i = 0; i < 5; i++)
		snprintf(cell[C_PET + i], 128, "%ld", n[i]);
	snprintf(cell[C_INDEX], 128, "%lld.%02lld", (long long)(w->index / 100), (long long)(w->index % 100));
	snprintf(cell[C_FLAGS], 128, "%s%s%s%s%s", w->worst_three ? _("worst three") : "",
		 w->worst_three && w->persistent ? ", " : "", w->persistent ? _("persistently high") : "",
		 (w->worst_three || w->persistent) && w->serious ? ", " : "", w->serious ? _("serious") : "");
}

static void layout(const tc_screen *t, int width[NC])
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

static void draw_ranking(tc_screen *t, int top, int height)
{
	ui_app *app = t->sc.app;
	int width[NC];
	char cell[NC][128];
	layout(t, width);
	for (int c = 0; c < NC; c++)
		snprintf(cell[c], sizeof cell[c], "%s", col_label(c));
	draw_cells(top, width, cell, ui_attr(app, UI_HEADER));
	t->page = height - 1;
	if (t->lines == 0) {
		char note[256];
		snprintf(note, sizeof note, _("no Tiancheng index entries for %s"), t->period);
		ui_put(top + 2, 2, COLS - 4, note, ui_attr(app, UI_DIM));
		return;
	}
	if (t->scroll > t->lines - t->page)
		t->scroll = t->lines - t->page > 0 ? t->lines - t->page : 0;
	int line = 0, y = top + 1;
	for (int cat = 0; cat < TIANCHENG_NCAT && y < top + height; cat++) {
		int n = 0;
		for (int i = 0; i < t->rk.nrows; i++)
			n += t->rk.rows[i].cat == cat && shown_row(&t->rk.rows[i]);
		if (!n)
			continue;
		if (line++ >= t->scroll) {
			char head[256];
			snprintf(head, sizeof head, _("%s — %d units"), tiancheng_categories[cat], n);
			ui_put(y++, 1, COLS - 2, head, ui_attr(app, UI_TITLE));
		}
		for (int i = 0; i < t->rk.nrows && y < top + height; i++) {
			const tiancheng_row *w = &t->rk.rows[i];
			if (w->cat != cat || !shown_row(w) || line++ < t->scroll)
				continue;
			attr_t a = w->persistent || w->serious ? ui_attr(app, UI_ERROR)
				 : w->worst_three		? ui_attr(app, UI_WARN)
								: A_NORMAL;
			cells(w, cell);
			draw_cells(y++, width, cell, a);
		}
	}
}

static void draw_props(tc_screen *t, int top, int height)
{
	ui_app *app = t->sc.app;
	char head[256];
	snprintf(head, sizeof head, _("Proposals of %s (F2 c confirm, F8 x dismiss)"), t->period);
	ui_fill(top, 0, COLS, ui_attr(app, UI_HEADER));
	ui_put(top, 1, COLS - 2, head, ui_attr(app, UI_HEADER));
	if (t->nprops == 0) {
		ui_put(top + 1, 2, COLS - 4, _("none"), ui_attr(app, UI_DIM));
		return;
	}
	int rows = height - 1, first = 0;
	if (t->sel >= rows)
		first = t->sel - rows + 1;
	for (int i = first, y = top + 1; i < t->nprops && y < top + height; i++, y++) {
		const tc_prop *p = &t->props[i];
		char line[2048];
		snprintf(line, sizeof line, "#%-5lld %-6s %s %s  %s", (long long)p->id, p->state, p->code, p->name, p->reason);
		attr_t a = i == t->sel ? ui_attr(app, UI_SELECTED) : strcmp(p->state, "待确认") ? ui_attr(app, UI_DIM) : A_NORMAL;
		ui_fill(y, 0, COLS, a);
		ui_put(y, 1, COLS - 2, line, a);
	}
}

static void tc_draw(ui_screen *sc, int top, int height)
{
	tc_screen *t = (tc_screen *)sc;
	/* The proposals keep a third of the screen at most, two lines at least. */
	int ph = t->nprops + 1;
	if (ph < 2)
		ph = 2;
	if (ph > height / 3)
		ph = height / 3 > 2 ? height / 3 : 2;
	int rh = height - ph - 1;
	if (rh < 2) {
		draw_props(t, top, height);
		return;
	}
	draw_ranking(t, top, rh);
	draw_props(t, top + rh + 1, ph);
}

/* ---- actions ------------------------------------------------------------- */

static tc_prop *selected(tc_screen *t)
{
	if (t->nprops == 0) {
		ui_status(t->sc.app, "%s", _("No proposal for this month."));
		return NULL;
	}
	return &t->props[t->sel];
}

static void confirm(tc_screen *t)
{
	ui_app *app = t->sc.app;
	tc_prop *p = selected(t);
	if (!p)
		return;
	char q[512];
	snprintf(q, sizeof q, _("Confirm proposal #%lld for %s? This records what it proposes."), (long long)p->id, p->name);
	/* A decided one: the core says why it cannot be confirmed, no question first. */
	if (strcmp(p->state, "待确认") == 0 && !ui_confirm(app, q))
		return;
	int64_t id = p->id;
	lz_err e;
	if (proposal_confirm(&app->s, id, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	load(t);
	ui_status(app, _("Proposal #%lld confirmed."), (long long)id);
}

static void dismiss(tc_screen *t)
{
	ui_app *app = t->sc.app;
	tc_prop *p = selected(t);
	if (!p)
		return;
	char reason[512] = "", label[256];
	snprintf(label, sizeof label, _("Dismiss proposal #%lld — reason:"), (long long)p->id);
	if (!ui_prompt(app, label, reason, sizeof reason))
		return;
	int64_t id = p->id;
	lz_err e;
	if (proposal_dismiss(&app->s, id, reason, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	load(t);
	ui_status(app, _("Proposal #%lld dismissed."), (long long)id);
}

static void type_month(tc_screen *t)
{
	char buf[32], p[8];
	snprintf(buf, sizeof buf, "%s", t->period);
	if (!ui_prompt(t->sc.app, _("Month (YYYY-MM):"), buf, sizeof buf))
		return;
	if (!period_parse(kind_trim(buf), p)) {
		ui_error(t->sc.app, _("'%s' is not a month such as 2026-03"), buf);
		return;
	}
	snprintf(t->period, sizeof t->period, "%s", p);
	t->scroll = t->sel = 0;
	load(t);
}

static void export_ranking(tc_screen *t)
{
	ui_app *app = t->sc.app;
	char path[1024];
	snprintf(path, sizeof path, "天成指数排名-%s.xlsx", t->period);
	if (!ui_prompt(app, _("Export this ranking to file (.xlsx):"), path, sizeof path))
		return;
	kind_trim(path);
	if (!*path)
		return;
	lz_err e;
	if (tiancheng_write_xlsx(&t->rk, path, &e))
		ui_error(app, "%s", e.msg);
	else
		ui_status(app, _("Ranking written to %s"), path);
}

static void move_month(tc_screen *t, int by)
{
	tiancheng_period_add(t->period, by, t->period);
	t->scroll = t->sel = 0;
	load(t);
}

static ui_result tc_key(ui_screen *sc, ui_req req, wint_t ch)
{
	tc_screen *t = (tc_screen *)sc;
	(void)ch;
	switch (req) {
	case REQ_BACK: return UI_CLOSE;
	case REQ_SAVE: confirm(t); break;
	case REQ_DELETE: dismiss(t); break;
	case REQ_LEFT: move_month(t, -1); break;
	case REQ_RIGHT: move_month(t, 1); break;
	case REQ_PICK: type_month(t); break;
	case REQ_EXPORT: export_ranking(t); break;
	case REQ_REFRESH: load(t); break;
	case REQ_UP: if (t->sel > 0) t->sel--; break;
	case REQ_DOWN: if (t->sel < t->nprops - 1) t->sel++; break;
	case REQ_PGUP: t->scroll = t->scroll > t->page ? t->scroll - t->page : 0; break;
	case REQ_PGDN: if (t->scroll + t->page < t->lines) t->scroll += t->page; break;
	case REQ_HOME: t->scroll = 0; break;
	case REQ_END: t->scroll = t->lines; break; /* drawing brings it back to the last page */
	default: break;
	}
	return UI_STAY;
}

static void tc_free(ui_screen *sc)
{
	tc_screen *t = (tc_screen *)sc;
	tiancheng_free(&t->rk);
	free_props(t);
	free(t);
}

/* Decisions made in a screen above (a form) may have changed the proposals. */
static void tc_resume(ui_screen *sc)
{
	load((tc_screen *)sc);
}

static const ui_screen_ops tc_ops = { "tiancheng", tc_keys, tc_draw, tc_key, tc_free, tc_resume };

ui_screen *tiancheng_open(ui_app *app)
{
	tc_screen *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->sc.ops = &tc_ops;
	t->sc.app = app;
	bool found = false;
	lz_err e;
	if (tiancheng_latest_period(&app->s, t->period, &found, &e))
		ui_error(app, "%s", e.msg);
	if (!found)
		snprintf(t->period, sizeof t->period, "%.7s", app->s.today);
	load(t);
	return &t->sc;
}
