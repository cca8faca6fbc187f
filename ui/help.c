/* help.c — the keys of the screen below, printed from the same table that
 * dispatches them, so help and keys cannot disagree. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"

typedef struct help {
	ui_screen sc;
	const ui_key *keys;
	const ui_key *edit;   /* the line-editing keys, for screens with fields */
	int top;
	int n;
} help;

static const ui_key help_keys[] = {
	{ REQ_BACK, { UI_K(KEY_F(10)), UI_ESC, 'q', UI_K(KEY_F(1)) }, "F10 Esc q", N_("Back"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k' }, "↑ k", N_("Up"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j' }, "↓ j", N_("Down"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE) }, "PgUp", N_("Page up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ' }, "PgDn", N_("Page down"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

static int count(const ui_key *k)
{
	int n = 0;
	while (k && k[n].req != REQ_NONE)
		n++;
	return n;
}

static const ui_key *line(help *h, int i)
{
	int a = count(h->keys);
	return i < a ? &h->keys[i] : &h->edit[i - a];
}

static void help_draw(ui_screen *sc, int top, int height)
{
	help *h = (help *)sc;
	ui_put(top, 1, COLS - 2, _("Keys of this screen (the second and later keys are alternatives for terminals without function keys):"),
	       ui_attr(sc->app, UI_TITLE));
	if (h->top > h->n - (height - 2))
		h->top = h->n - (height - 2) > 0 ? h->n - (height - 2) : 0;
	for (int r = 0; r < height - 2 && h->top + r < h->n; r++) {
		const ui_key *k = line(h, h->top + r);
		ui_put(top + 2 + r, 2, 24, k->shown, A_BOLD);
		ui_put(top + 2 + r, 28, COLS - 29, _(k->label), A_NORMAL);
	}
}

static ui_result help_key(ui_screen *sc, ui_req req, wint_t ch)
{
	help *h = (help *)sc;
	(void)ch;
	switch (req) {
	case REQ_BACK: return UI_CLOSE;
	case REQ_UP: if (h->top > 0) h->top--; break;
	case REQ_DOWN: h->top++; break;
	case REQ_PGUP: h->top = h->top > LINES - 6 ? h->top - (LINES - 6) : 0; break;
	case REQ_PGDN: h->top += LINES - 6; break;
	default: break;
	}
	return UI_STAY;
}

static void help_free(ui_screen *sc)
{
	free(sc);
}

static const ui_screen_ops help_ops = { "help", help_keys, help_draw, help_key, help_free, NULL };

void ui_help_open(ui_app *app, ui_screen *below)
{
	help *h = calloc(1, sizeof *h);
	if (!h)
		return;
	h->sc.ops = &help_ops;
	h->keys = below->ops->keys;
	/* Screens that edit text also take the line-editing keys. */
	h->edit = ui_lookup(h->keys, UI_CTRL('s'), false) == REQ_SAVE && ui_lookup(h->keys, KEY_LEFT, true) == REQ_NONE
			  ? ui_edit_keys : NULL;
	h->n = count(h->keys) + count(h->edit);
	snprintf(h->sc.title, sizeof h->sc.title, "%s — %s", _("Help"), below->title);
	ui_push(app, &h->sc);
}
