/* choice.c — one of a few fixed values (an enum field's choices) picked from a
 * small box drawn over the screen that asked, so the form stays in view. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui.h"

typedef struct choice {
	ui_screen sc;
	const char *const *choices;   /* the caller's; they outlive this screen */
	int n;
	int sel;                      /* the highlighted entry */
	int top;                      /* first entry in the box */
	int page;                     /* entries the box showed when last drawn */
	char label[256];              /* the box's title */
	void (*pick)(void *arg, int index);
	void *arg;
} choice;

static const ui_key choice_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), UI_CTRL('g'), '?' }, "F1 Ctrl-G ?", N_("Help"), true },
	{ REQ_ENTER, { '\r', '\n', UI_K(KEY_ENTER) }, "Enter", N_("Choose"), true },
	{ REQ_BACK, { UI_K(KEY_F(10)), UI_ESC, 'q' }, "F10 Esc q", N_("Back"), true },
	/* Digits are read as typed characters (nine keys do not fit in one
	 * binding); the line is here so help shows them. */
	{ REQ_PICK, { 0 }, "1-9", N_("Choose the entry with that number"), false },
	{ REQ_UP, { UI_K(KEY_UP), 'k', UI_CTRL('p') }, "↑ k Ctrl-P", N_("Up"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j', UI_CTRL('n'), '\t' }, "↓ j Ctrl-N Tab", N_("Down"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g' }, "Home g", N_("First entry"), false },
	{ REQ_END, { UI_K(KEY_END), 'G' }, "End G", N_("Last entry"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE) }, "PgUp", N_("Page up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ' }, "PgDn Space", N_("Page down"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

/* "1 乡镇": the number the digit keys use, for the first nine. */
static void entry_text(const choice *c, int i, char *out, size_t n)
{
	if (i < 9)
		snprintf(out, n, "%d %s", i + 1, c->choices[i]);
	else
		snprintf(out, n, "  %s", c->choices[i]);
}

static void choice_draw(ui_screen *sc, int top, int height)
{
	choice *c = (choice *)sc;
	ui_app *app = sc->app;
	/* The screen that asked stays visible around the box. */
	if (sc->below)
		sc->below->ops->draw(sc->below, top, height);
	curs_set(0);

	char buf[512];
	int inner = text_width(c->label) + 2;
	for (int i = 0; i < c->n; i++) {
		entry_text(c, i, buf, sizeof buf);
		int w = text_width(buf) + 2;
		if (w > inner)
			inner = w;
	}
	if (inner < 12)
		inner = 12;
	/* A border needs three rows and four columns; without them the list
	 * alone fills the body. */
	int border = height >= 3 && COLS >= 8 ? 1 : 0;
	int w = inner + 2 * border;
	if (w > COLS - 2 * border)
		w = COLS - 2 * border;
	if (w < 1)
		w = 1;
	int vis = c->n < height - 2 * border ? c->n : height - 2 * border;
	if (vis < 1)
		vis = 1;
	int h = vis + 2 * border;
	int x0 = (COLS - w) / 2, y0 = top + (height - h) / 2;
	if (y0 < top)
		y0 = top;
	c->page = vis;

	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + vis)
		c->top = c->sel - vis + 1;
	if (c->top > c->n - vis)
		c->top = c->n - vis > 0 ? c->n - vis : 0;

	attr_t norm = A_NORMAL, sel = ui_attr(app, UI_SELECTED);
	int ix = x0 + border, iw = w - 2 * border;
	/* Blank the box first: a wide character of the screen below that the
	 * border would cut in half goes as a whole. */
	for (int y = y0; y < y0 + h; y++)
		ui_fill(y, x0, w, norm);
	for (int r = 0; r < vis; r++) {
		int i = c->top + r, y = y0 + border + r;
		if (i >= c->n) {
			ui_fill(y, ix, iw, norm);
			continue;
		}
		entry_text(c, i, buf, sizeof buf);
		ui_fill(y, ix, 1, i == c->sel ? sel : norm);
		ui_put_pad(y, ix + 1, iw - 1, buf, i == c->sel ? sel : norm);
	}
	if (c->n == 0)
		ui_put_pad(y0 + border, ix, iw, _("(nothing to choose from)"), ui_attr(app, UI_DIM));
	if (!border)
		return;

	attr_t b = ui_attr(app, UI_TITLE);
	attr_t old = getattrs(stdscr);
	attrset(b);
	mvaddch(y0, x0, ACS_ULCORNER);
	mvhline(y0, x0 + 1, ACS_HLINE, w - 2);
	mvaddch(y0, x0 + w - 1, ACS_URCORNER);
	mvvline(y0 + 1, x0, ACS_VLINE, h - 2);
	mvvline(y0 + 1, x0 + w - 1, ACS_VLINE, h - 2);
	mvaddch(y0 + h - 1, x0, ACS_LLCORNER);
	mvhline(y0 + h - 1, x0 + 1, ACS_HLINE, w - 2);
	mvaddch(y0 + h - 1, x0 + w - 1, ACS_LRCORNER);
	/* More entries above or below than the box shows. */
	if (c->top > 0)
		mvaddch(y0 + 1, x0 + w - 1, ACS_UARROW);
	if (c->top + vis < c->n)
		mvaddch(y0 + h - 2, x0 + w - 1, ACS_DARROW);
	attrset(old);
	if (w > 4) {
		snprintf(buf, sizeof buf, " %s ", c->label);
		ui_put(y0, x0 + 1, w - 2, buf, b);
	}
}

static ui_result choose(choice *c, int i)
{
	if (i < 0 || i >= c->n)
		return UI_STAY;
	if (c->pick)
		c->pick(c->arg, i);
	return UI_CLOSE;
}

static ui_result choice_key(ui_screen *sc, ui_req req, wint_t ch)
{
	choice *c = (choice *)sc;
	int page = c->page > 1 ? c->page : 1;
	switch (req) {
	case REQ_BACK:
		return UI_CLOSE;
	case REQ_ENTER:
		return choose(c, c->sel);
	case REQ_UP:
		if (c->sel > 0)
			c->sel--;
		break;
	case REQ_DOWN:
		if (c->sel < c->n - 1)
			c->sel++;
		break;
	case REQ_HOME:
		c->sel = 0;
		break;
	case REQ_END:
		c->sel = c->n > 0 ? c->n - 1 : 0;
		break;
	case REQ_PGUP:
		c->sel = c->sel > page ? c->sel - page : 0;
		break;
	case REQ_PGDN:
		c->sel = c->sel + page < c->n ? c->sel + page : (c->n > 0 ? c->n - 1 : 0);
		break;
	case REQ_NONE:
		if (ch >= '1' && ch <= '9') {
			if ((int)(ch - '1') < c->n)
				return choose(c, (int)(ch - '1'));
			ui_error(sc->app, _("There is no entry %d."), (int)(ch - '0'));
		}
		break;
	default:
		break;
	}
	return UI_STAY;
}

static void choice_free(ui_screen *sc)
{
	free(sc);
}

static const ui_screen_ops choice_ops = { "choice", choice_keys, choice_draw, choice_key, choice_free, NULL };

ui_screen *choice_open(ui_app *app, const char *title, const char *const *choices, int current,
		       void (*pick)(void *arg, int index), void *arg)
{
	choice *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->sc.ops = &choice_ops;
	c->sc.app = app;
	c->choices = choices;
	while (choices && choices[c->n])
		c->n++;
	c->sel = current >= 0 && current < c->n ? current : 0;
	c->pick = pick;
	c->arg = arg;
	snprintf(c->label, sizeof c->label, "%s", title ? title : "");
	/* The header keeps saying which record this is for. */
	if (app->top && app->top->title[0])
		snprintf(c->sc.title, sizeof c->sc.title, "%s — %s", app->top->title, c->label);
	else
		snprintf(c->sc.title, sizeof c->sc.title, "%s", c->label);
	return &c->sc;
}
