/* history.c — a record's history: its audit rows, oldest first, each with
 * when, who and what, then per field the value before and after (only the
 * fields a change touched). Opened from the form (F11 h) or for any (kind,
 * id) through history_open, also for a record that is gone: an action on a
 * deleted record (bringing it back, for administrators) belongs in hs_keys
 * and hs_key, with load() to show the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "i18n.h"
#include "record.h"
#include "text.h"
#include "ui.h"
#include "undelete.h"

typedef struct history_screen {
	ui_screen sc;
	const kind *k;
	int64_t id;
	history h;
	bool loaded;
	int scroll, lines, page;
	/* hs_keys less the keys that do not apply (bringing back: only for an
	 * administrator, only a deleted record); rebuilt by load(). */
	ui_screen_ops ops;
	ui_key keys[16];
} history_screen;

static const ui_key hs_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?' }, "F1 ?", N_("Help"), true },
	{ REQ_REFRESH, { UI_K(KEY_F(5)), UI_CTRL('r'), 'r' }, "F5 Ctrl-R r", N_("Refresh"), true },
	{ REQ_UNDELETE, { UI_K(KEY_F(6)), 'u' }, "F6 u", N_("Bring back"), true },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Back"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k' }, "↑ k", N_("Scroll up"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j' }, "↓ j", N_("Scroll down"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), 'b' }, "PgUp b", N_("Page up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ' }, "PgDn Space", N_("Page down"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g' }, "Home g", N_("Top"), false },
	{ REQ_END, { UI_K(KEY_END), 'G' }, "End G", N_("Bottom"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

static const ui_screen_ops hs_ops;

static void keys_init(history_screen *w)
{
	bool undelete = w->sc.app->s.role == ROLE_ADMIN && w->loaded && !w->h.exists;
	size_t n = 0;
	for (const ui_key *k = hs_keys; k->req != REQ_NONE && n + 1 < sizeof w->keys / sizeof *w->keys; k++)
		if (k->req != REQ_UNDELETE || undelete)
			w->keys[n++] = *k;
	memset(&w->keys[n], 0, sizeof w->keys[n]);
	w->ops = hs_ops;
	w->ops.keys = w->keys;
	w->sc.ops = &w->ops;
}

static bool load(history_screen *w)
{
	lz_err e;
	history_free(&w->h);
	w->loaded = history_load(&w->sc.app->s, w->k, w->id, &w->h, &e) == LZ_OK;
	keys_init(w);
	if (!w->loaded) {
		ui_error(w->sc.app, "%s", e.msg);
		return false;
	}
	char name[128] = "";
	if (w->h.exists)
		record_display(&w->sc.app->s, w->k, w->id, name, sizeof name);
	else
		snprintf(name, sizeof name, _("#%lld, deleted"), (long long)w->id);
	snprintf(w->sc.title, sizeof w->sc.title, _("History — %s %s"), kind_title(w->k), name);
	snprintf(w->sc.info, sizeof w->sc.info, _("%d changes"), w->h.n);
	return true;
}

/* Lines are numbered over the whole history; only those in the window are drawn. */
static int row(history_screen *w, int top, int height, int line)
{
	int y = line - w->scroll;
	return y >= 0 && y < height ? top + y : -1;
}

/* The widest field title (for the column), at most a third of the screen. */
static int label_width(const history *h)
{
	int lw = 4;
	for (int i = 0; i < h->n; i++)
		for (int j = 0; j < h->e[i].nch; j++) {
			int t = text_width(history_field_title(&h->e[i].ch[j]));
			if (t > lw)
				lw = t;
		}
	return lw > COLS / 3 ? COLS / 3 : lw;
}

static void hs_draw(ui_screen *sc, int top, int height)
{
	history_screen *w = (history_screen *)sc;
	ui_app *app = sc->app;
	w->page = height > 1 ? height - 1 : 1;
	if (!w->loaded) {
		w->lines = 0;
		return;
	}
	int lw = label_width(&w->h), line = 0, y;
	const char *empty = _("(empty)");
	for (int i = 0; i < w->h.n; i++) {
		const history_entry *e = &w->h.e[i];
		char head[256];
		snprintf(head, sizeof head, _("%s  %s  %s  (audit row %lld)"), e->at, e->login,
			 history_action_title(e->action), (long long)e->audit_id);
		if ((y = row(w, top, height, line++)) >= 0)
			ui_put_pad(y, 0, COLS, head, ui_attr(app, UI_TITLE));
		bool upd = strcmp(e->action, "insert") != 0 && strcmp(e->action, "delete") != 0 &&
			   strcmp(e->action, "undelete") != 0;
		for (int j = 0; j < e->nch; j++) {
			const history_change *c = &e->ch[j];
			if ((y = row(w, top, height, line++)) < 0)
				continue;
			char b[512], a[512], text[1100];
			history_value(&app->s, c, c->before, b, sizeof b);
			history_value(&app->s, c, c->after, a, sizeof a);
			if (upd)
				snprintf(text, sizeof text, "%s → %s", *b ? b : empty, *a ? a : empty);
			else
				snprintf(text, sizeof text, "%s", strcmp(e->action, "delete") == 0 ? b : a);
			ui_fill(y, 0, COLS, A_NORMAL);
			ui_put_pad(y, 2, lw, history_field_title(c), ui_attr(app, UI_DIM));
			ui_put(y, 4 + lw, COLS - 5 - lw, text, A_NORMAL);
		}
		if ((y = row(w, top, height, line++)) >= 0)
			ui_fill(y, 0, COLS, A_NORMAL);
	}
	w->lines = line;
	for (y = line - w->scroll; y < height; y++)
		if (y >= 0)
			ui_fill(top + y, 0, COLS, A_NORMAL);
}

static void scroll_to(history_screen *w, int s)
{
	int max = w->lines - w->page;
	if (s > max)
		s = max;
	w->scroll = s < 0 ? 0 : s;
}

/* Brings the deleted record back as its last audit row has it; the core
 * checks the role and everything a save checks, and says why not. */
static void bring_back(history_screen *w)
{
	ui_app *app = w->sc.app;
	lz_err e;
	/* The key is hidden from others, but typed anyway it gets the core's reason. */
	if (app->s.role != ROLE_ADMIN && undelete_record(&app->s, w->k, w->id, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	if (w->h.exists) {
		ui_error(app, "%s", _("This record is not deleted."));
		return;
	}
	char q[256];
	snprintf(q, sizeof q, _("Bring back %s #%lld as it was when deleted?"), kind_title(w->k), (long long)w->id);
	if (!ui_confirm(app, q))
		return;
	if (undelete_record(&app->s, w->k, w->id, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	load(w);
	scroll_to(w, w->lines);
	ui_status(app, "%s", _("Brought back."));
}

static ui_result hs_key(ui_screen *sc, ui_req req, wint_t ch)
{
	history_screen *w = (history_screen *)sc;
	/* u when the key is hidden (see keys_init) still says why not. */
	if (req == REQ_NONE && ch == 'u')
		req = REQ_UNDELETE;
	switch (req) {
	case REQ_BACK: return UI_CLOSE;
	case REQ_REFRESH: load(w); scroll_to(w, w->scroll); break;
	case REQ_UNDELETE: bring_back(w); break;
	case REQ_UP: scroll_to(w, w->scroll - 1); break;
	case REQ_DOWN: scroll_to(w, w->scroll + 1); break;
	case REQ_PGUP: scroll_to(w, w->scroll - w->page); break;
	case REQ_PGDN: scroll_to(w, w->scroll + w->page); break;
	case REQ_HOME: scroll_to(w, 0); break;
	case REQ_END: scroll_to(w, w->lines); break;
	default: break;
	}
	return UI_STAY;
}

static void hs_free(ui_screen *sc)
{
	history_screen *w = (history_screen *)sc;
	history_free(&w->h);
	free(w);
}

static const ui_screen_ops hs_ops = { "history", hs_keys, hs_draw, hs_key, hs_free, NULL };

ui_screen *history_open(ui_app *app, const kind *k, int64_t id)
{
	history_screen *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->sc.ops = &hs_ops;
	w->sc.app = app;
	w->k = k;
	w->id = id;
	if (!load(w)) {
		hs_free(&w->sc);
		return NULL;
	}
	return &w->sc;
}
