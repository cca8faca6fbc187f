/* settings_screen.c — the settings the rules use: name, value, default and
 * meaning in columns fitted to the width, the selected one explained in full
 * below. Administrators change a value or reset it; the core checks the value
 * and the role, and its message is what the user sees. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "settings.h"
#include "text.h"
#include "ui.h"

#define VALUE_MAX 1024

typedef struct settings_screen {
	ui_screen sc;
	int n;
	char (*values)[VALUE_MAX];
	int sel;
	int top;
	int page;       /* rows of the list in the last drawing */
} settings_screen;

static const ui_key set_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?' }, "F1 ?", N_("Help"), true },
	{ REQ_EDIT, { UI_K(KEY_F(4)), 'e' }, "F4 e", N_("Change"), true },
	{ REQ_ENTER, { '\r', '\n', UI_K(KEY_ENTER) }, "Enter", N_("Change"), false },
	{ REQ_CLEAR, { UI_K(KEY_F(8)), 'r' }, "F8 r", N_("Reset to the default"), true },
	{ REQ_REFRESH, { UI_K(KEY_F(5)), UI_CTRL('r') }, "F5 Ctrl-R", N_("Refresh"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k' }, "↑ k", N_("Previous setting"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j' }, "↓ j", N_("Next setting"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), 'b' }, "PgUp b", N_("Page up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ' }, "PgDn Space", N_("Page down"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g' }, "Home g", N_("First setting"), false },
	{ REQ_END, { UI_K(KEY_END), 'G' }, "End G", N_("Last setting"), false },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Back"), true },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

/* Each value is one statement: nothing stays open while the screen waits. */
static void load(settings_screen *ss)
{
	lz_err err;
	for (int i = 0; i < ss->n; i++) {
		if (settings_get(&ss->sc.app->s, settings_defs[i].name, ss->values[i], VALUE_MAX, &err)) {
			snprintf(ss->values[i], VALUE_MAX, "?");
			ui_error(ss->sc.app, "%s", err.msg);
		}
	}
}

/* What values a setting takes, in words. */
static void describe_type(const setting_def *d, char *out, size_t outsz)
{
	switch (d->type) {
	case ST_INT:
		snprintf(out, outsz, _("a whole number from %ld to %ld"), d->min, d->max);
		break;
	case ST_DEC:
		snprintf(out, outsz, _("a number from %ld to %ld, with up to two decimals"), d->min, d->max);
		break;
	default:
		snprintf(out, outsz, "%s", _("text"));
		break;
	}
}

static const char *shown_value(const char *v)
{
	return v[0] ? v : _("(empty)");
}

/* Bytes of p for a line of width columns, moved back to a space rather than
 * cut an English word (the meanings are English outside a Chinese locale). */
static size_t line_take(const char *p, int width)
{
	size_t n = text_fit(p, width, NULL);
	if (n == 0 && *p) {
		int k = text_decode(p, strlen(p), &(uint32_t){ 0 });
		return k > 0 ? (size_t)k : 1;
	}
	if (p[n] && p[n] != ' ' && (unsigned char)p[n] < 0x80 && n > 0 && (unsigned char)p[n - 1] < 0x80) {
		size_t sp = n;
		while (sp > 0 && p[sp - 1] != ' ' && (unsigned char)p[sp - 1] < 0x80)
			sp--;
		if (sp > 0)
			return sp;
	}
	return n;
}

/* Draws text wrapped into rows y .. y+rows-1; returns the rows used. */
static int put_wrapped(int y, int x, int width, int rows, const char *text, attr_t a)
{
	int r = 0;
	const char *p = text;
	char buf[1024];
	while (*p && r < rows && width > 0) {
		size_t k = line_take(p, width);
		size_t len = k < sizeof buf - 1 ? k : sizeof buf - 1;
		memcpy(buf, p, len);
		buf[len] = '\0';
		ui_put(y + r++, x, width, buf, a);
		p += k;
		while (*p == ' ')
			p++;
	}
	return r;
}

/* Rows the wrapped text needs. */
static int wrapped_rows(int width, const char *text)
{
	int r = 0;
	const char *p = text;
	while (*p && width > 0) {
		p += line_take(p, width);
		while (*p == ' ')
			p++;
		r++;
	}
	return r;
}

typedef struct set_cols {
	int name, value, dflt, meaning;   /* 0: the column is left out */
} set_cols;

/* Columns fitted to cols: the name and value always; the meaning while it
 * has some room; the default only when the meaning keeps enough. */
static set_cols layout(settings_screen *ss, int cols)
{
	set_cols c;
	c.name = text_width(_("Setting"));
	c.value = text_width(_("Value"));
	c.dflt = text_width(_("Default"));
	for (int i = 0; i < ss->n; i++) {
		const setting_def *d = &settings_defs[i];
		int w = text_width(d->name);
		if (w > c.name)
			c.name = w;
		w = text_width(shown_value(ss->values[i]));
		if (w > c.value)
			c.value = w;
		w = text_width(shown_value(d->dflt));
		if (w > c.dflt)
			c.dflt = w;
	}
	if (c.value > 24)
		c.value = 24;
	if (c.dflt > 16)
		c.dflt = 16;
	c.meaning = cols - (c.name + 2 + c.value + 2 + c.dflt + 2);
	if (c.meaning < 24) {
		c.dflt = 0;
		c.meaning = cols - (c.name + 2 + c.value + 2);
	}
	if (c.meaning < 12)
		c.meaning = 0;
	if (c.name + 2 + c.value > cols) {
		/* Too narrow even for two columns: the value keeps at least a third. */
		int v = cols / 3 > 4 ? cols / 3 : 4;
		if (c.value > v)
			c.value = v;
		c.name = cols - 2 - c.value;
		if (c.name < 1)
			c.name = 1;
	}
	return c;
}

static void set_draw(ui_screen *sc, int top, int height)
{
	settings_screen *ss = (settings_screen *)sc;
	ui_app *app = sc->app;
	int x = COLS >= 40 ? 1 : 0, cols = COLS - 2 * x;
	set_cols c = layout(ss, cols);
	int xv = x + c.name + 2, xd = xv + c.value + 2, xm = (c.dflt ? xd + c.dflt : xv + c.value) + 2;

	/* Below the list, the selected setting in full, as room allows. */
	const setting_def *d = ss->n ? &settings_defs[ss->sel] : NULL;
	char type[256], about[2048];
	about[0] = '\0';
	if (d) {
		describe_type(d, type, sizeof type);
		snprintf(about, sizeof about, _("%s: %s. Takes %s; default %s."), d->name, _(d->help), type,
			 shown_value(d->dflt));
	}
	int need = wrapped_rows(cols, about);
	int spare = height - 1 - ss->n;
	int detail = spare - 1 >= need ? need : spare - 1;
	if (detail < 2 && !c.meaning && height >= 6)
		detail = 2;   /* without a meaning column the detail is the only place it shows */
	if (detail < 0 || height < 4)
		detail = 0;
	int list_h = height - 1 - (detail ? detail + 1 : 0);
	if (list_h < 1)
		list_h = 1;
	ss->page = list_h;

	attr_t h = ui_attr(app, UI_TITLE);
	ui_put(top, x, c.name, _("Setting"), h);
	ui_put(top, xv, c.value, _("Value"), h);
	if (c.dflt)
		ui_put(top, xd, c.dflt, _("Default"), h);
	if (c.meaning)
		ui_put(top, xm, x + cols - xm, _("Meaning"), h);

	if (ss->sel < ss->top)
		ss->top = ss->sel;
	if (ss->sel >= ss->top + list_h)
		ss->top = ss->sel - list_h + 1;
	for (int r = 0; r < list_h && ss->top + r < ss->n; r++) {
		int i = ss->top + r, y = top + 1 + r;
		const setting_def *di = &settings_defs[i];
		bool sel = i == ss->sel;
		attr_t a = sel ? ui_attr(app, UI_SELECTED) : A_NORMAL;
		/* A value someone changed stands out from the defaults. */
		bool changed = strcmp(ss->values[i], di->dflt) != 0;
		ui_fill(y, x, cols, a);
		ui_put(y, x, c.name, di->name, a);
		ui_put(y, xv, c.value, shown_value(ss->values[i]), a | (changed ? A_BOLD : 0));
		if (c.dflt)
			ui_put(y, xd, c.dflt, shown_value(di->dflt), sel ? a : ui_attr(app, UI_DIM));
		if (c.meaning)
			ui_put(y, xm, x + cols - xm, _(di->help), a);
	}
	if (detail) {
		int shown = ss->n < list_h ? ss->n : list_h;
		put_wrapped(top + 1 + shown + 1, x, cols, detail, about, A_NORMAL);
	}
}

static void change(settings_screen *ss, bool reset)
{
	ui_app *app = ss->sc.app;
	const setting_def *d = &settings_defs[ss->sel];
	lz_err err;
	char value[VALUE_MAX];
	snprintf(value, sizeof value, "%s", ss->values[ss->sel]);
	if (app->s.role != ROLE_ADMIN) {
		/* The core decides who may change settings; asked to store the
		 * value already there, it changes nothing and says why not in
		 * its own words. */
		if (settings_set(&app->s, d->name, value, &err))
			ui_error(app, "%s", err.msg);
		return;
	}
	if (reset) {
		char q[1024];
		snprintf(q, sizeof q, _("Reset %s to its default %s?"), d->name, shown_value(d->dflt));
		if (!ui_confirm(app, q))
			return;
	} else {
		/* Short, so the field keeps most of the line. */
		char label[256];
		if (d->type == ST_TEXT)
			snprintf(label, sizeof label, _("%s:"), d->name);
		else
			snprintf(label, sizeof label, _("%s (%ld to %ld):"), d->name, d->min, d->max);
		if (!ui_prompt(app, label, value, sizeof value))
			return;
	}
	if (settings_set(&app->s, d->name, reset ? NULL : value, &err)) {
		ui_error(app, "%s", err.msg);
		return;
	}
	load(ss);
	ui_status(app, _("%s is now %s."), d->name, shown_value(ss->values[ss->sel]));
}

static ui_result set_key(ui_screen *sc, ui_req req, wint_t ch)
{
	settings_screen *ss = (settings_screen *)sc;
	int page = ss->page > 1 ? ss->page : 1;
	(void)ch;
	if (!ss->n)
		return req == REQ_BACK ? UI_CLOSE : UI_STAY;
	switch (req) {
	case REQ_BACK:
		return UI_CLOSE;
	case REQ_UP:
		if (ss->sel > 0)
			ss->sel--;
		break;
	case REQ_DOWN:
		if (ss->sel < ss->n - 1)
			ss->sel++;
		break;
	case REQ_PGUP:
		ss->sel = ss->sel > page ? ss->sel - page : 0;
		break;
	case REQ_PGDN:
		ss->sel = ss->sel + page < ss->n - 1 ? ss->sel + page : ss->n - 1;
		break;
	case REQ_HOME:
		ss->sel = 0;
		break;
	case REQ_END:
		ss->sel = ss->n - 1;
		break;
	case REQ_EDIT:
	case REQ_ENTER:
		change(ss, false);
		break;
	case REQ_CLEAR:
		change(ss, true);
		break;
	case REQ_REFRESH:
		load(ss);
		if (!sc->app->status_error)
			ui_status(sc->app, "%s", _("Refreshed."));
		break;
	default:
		break;
	}
	return UI_STAY;
}

static void set_free(ui_screen *sc)
{
	settings_screen *ss = (settings_screen *)sc;
	free(ss->values);
	free(ss);
}

static const ui_screen_ops set_ops = { "settings", set_keys, set_draw, set_key, set_free, NULL };

ui_screen *settings_open(ui_app *app)
{
	settings_screen *ss = calloc(1, sizeof *ss);
	if (!ss)
		return NULL;
	ss->sc.ops = &set_ops;
	ss->sc.app = app;
	while (settings_defs[ss->n].name)
		ss->n++;
	ss->values = calloc(ss->n ? (size_t)ss->n : 1, sizeof *ss->values);
	if (!ss->values) {
		free(ss);
		return NULL;
	}
	snprintf(ss->sc.title, sizeof ss->sc.title, "%s",
		 app->s.role == ROLE_ADMIN ? _("Settings") : _("Settings (read-only)"));
	load(ss);
	return &ss->sc;
}
