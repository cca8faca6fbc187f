/* vetting_view.c — a promotion vetting (task 17) on one screen: the cadre and
 * the proposed post, then everything the ledgers hold about the cadre,
 * gathered by the core (vetting_gather) and grouped by kind — commitments,
 * risk cards, inquiries, 三述 and the year's evaluations, reviews, cases,
 * accountability items, declarations … — lines that need a second look in
 * the warning colour, and at the end the conclusion. x writes the same lines
 * to one sheet. Read whole when shown or refreshed; no read stays open. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kinds_plan.h"
#include "text.h"
#include "ui.h"
#include "vetting.h"

typedef struct vetting_view {
	ui_screen sc;
	int64_t id;
	vetting_sheet v;
	bool loaded;
	int scroll, lines, page;
} vetting_view;

static const ui_key vv_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?' }, "F1 ?", N_("Help"), true },
	{ REQ_EDIT, { UI_K(KEY_F(4)), 'e' }, "F4 e", N_("Edit the vetting"), true },
	{ REQ_EXPORT, { UI_K(KEY_F(9)), 'x' }, "F9 x", N_("Export the sheet"), true },
	{ REQ_REFRESH, { UI_K(KEY_F(5)), UI_CTRL('r'), 'r' }, "F5 Ctrl-R r", N_("Refresh"), true },
	{ REQ_HISTORY, { UI_K(KEY_F(11)), 'h' }, "F11 h", N_("History"), true },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Back"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k' }, "↑ k", N_("Scroll up"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j' }, "↓ j", N_("Scroll down"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), 'b' }, "PgUp b", N_("Page up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ' }, "PgDn Space", N_("Page down"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g' }, "Home g", N_("Top"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

static void load(vetting_view *w)
{
	lz_err e;
	vetting_free(&w->v);
	w->loaded = vetting_gather(&w->sc.app->s, w->id, &w->v, &e) == LZ_OK;
	if (!w->loaded)
		ui_error(w->sc.app, "%s", e.msg);
	snprintf(w->sc.title, sizeof w->sc.title, _("Vetting for promotion — %s, proposed as %s"),
		 w->loaded ? w->v.person_name : "—", w->loaded ? w->v.proposed_post : "—");
	if (w->loaded)
		snprintf(w->sc.info, sizeof w->sc.info, _("%d records"), w->v.n);
}

/* ---- drawing ------------------------------------------------------------- */

/* Lines are numbered from the top of the whole view; only those in the
 * window (after scroll, within height) reach the screen. */
typedef struct pen {
	vetting_view *w;
	int top, height, line;
} pen;

static int row(const pen *p)
{
	int y = p->line - p->w->scroll;
	return y >= 0 && y < p->height ? p->top + y : -1;
}

static void put_line(pen *p, int x, const char *text, attr_t a)
{
	int y = row(p);
	if (y >= 0) {
		ui_fill(y, 0, COLS, a);
		ui_put(y, x, COLS - x - 1, text, a);
	}
	p->line++;
}

/* text over as many lines as it needs, the first after a lead of lead_w columns. */
static void put_wrapped(pen *p, int x, const char *lead, const char *text, attr_t a)
{
	int lead_w = text_width(lead), width = COLS - x - lead_w - 1;
	if (width < 8)
		width = 8;
	const char *t = text;
	bool first = true;
	do {
		size_t n = text_fit(t, width, NULL);
		if (n == 0)
			n = strlen(t); /* wider than any line (it never is at 8 columns): ui_put cuts it */
		int y = row(p);
		if (y >= 0) {
			ui_fill(y, 0, COLS, a);
			if (first)
				ui_put(y, x, lead_w, lead, a | A_BOLD);
			char buf[1024];
			size_t len = n < sizeof buf - 1 ? n : sizeof buf - 1;
			memcpy(buf, t, len);
			buf[len] = '\0';
			ui_put(y, x + lead_w, width, buf, a);
		}
		p->line++;
		t += n;
		while (*t == ' ')
			t++;
		first = false;
	} while (*t);
}

static void heading(pen *p, const char *text)
{
	p->line++;
	put_line(p, 1, text, ui_attr(p->w->sc.app, UI_TITLE) | A_BOLD);
}

static void draw_cadre(pen *p)
{
	const vetting_sheet *v = &p->w->v;
	char line[1024];
	snprintf(line, sizeof line, "%s: %s%s%s%s  %s  %s", kind_field_title(kind_field_named(&kind_vetting, "person")),
		 v->person_name, *v->person_code ? " (" : "", v->person_code, *v->person_code ? ")" : "", v->unit_name,
		 v->post);
	put_line(p, 1, line, A_BOLD);
	snprintf(line, sizeof line, "%s: %s    %s: %s", kind_field_title(kind_field_named(&kind_vetting, "proposed_post")),
		 v->proposed_post, kind_field_title(kind_field_named(&kind_vetting, "started_on")), v->started_on);
	put_line(p, 1, line, A_NORMAL);
}

/* The gathered lines, a heading per kind as it comes (the core keeps kinds together). */
static void draw_records(pen *p)
{
	vetting_view *w = p->w;
	ui_app *app = w->sc.app;
	const vetting_sheet *v = &w->v;
	if (!v->n) {
		heading(p, _("Records naming the cadre"));
		put_line(p, 2, _("No ledger names this cadre."), ui_attr(app, UI_DIM));
	}
	for (int i = 0; i < v->n; i++) {
		const vetting_line *l = &v->lines[i];
		if (i == 0 || v->lines[i - 1].k != l->k) {
			int count = 0, flagged = 0;
			for (int j = i; j < v->n && v->lines[j].k == l->k; j++) {
				count++;
				flagged += v->lines[j].flagged;
			}
			char head[256];
			if (flagged)
				snprintf(head, sizeof head, _("%s (%d; %d to look at)"), kind_title(l->k), count, flagged);
			else
				snprintf(head, sizeof head, "%s (%d)", kind_title(l->k), count);
			heading(p, head);
		}
		char lead[256];
		if (l->f)
			snprintf(lead, sizeof lead, "#%-5lld %-4s %s  ", (long long)l->id, l->year, kind_field_title(l->f));
		else
			snprintf(lead, sizeof lead, "%s  ", _("Summary"));
		put_wrapped(p, 2, lead, l->summary, l->flagged ? ui_attr(app, UI_WARN) : A_NORMAL);
	}
	if (v->hidden) {
		char note[256];
		snprintf(note, sizeof note, _("%d more records name the cadre outside your scope and are not shown."), v->hidden);
		p->line++;
		put_line(p, 1, note, ui_attr(app, UI_DIM));
	}
}

static void draw_conclusion(pen *p)
{
	const vetting_sheet *v = &p->w->v;
	heading(p, kind_field_title(kind_field_named(&kind_vetting, "conclusion")));
	char line[512];
	if (*v->conclusion)
		snprintf(line, sizeof line, "%s  (%s %s)", v->conclusion,
			 kind_field_title(kind_field_named(&kind_vetting, "concluded_on")), *v->concluded_on ? v->concluded_on : "—");
	else
		snprintf(line, sizeof line, "%s", _("No conclusion yet (F4 records it)."));
	put_line(p, 2, line, *v->conclusion ? A_BOLD : ui_attr(p->w->sc.app, UI_DIM));
}

static void vv_draw(ui_screen *sc, int top, int height)
{
	vetting_view *w = (vetting_view *)sc;
	if (!w->loaded) {
		ui_put(top + 1, 2, COLS - 4, _("This vetting could not be read (F5 tries again)."), ui_attr(sc->app, UI_DIM));
		return;
	}
	pen p = { w, top, height, 0 };
	draw_cadre(&p);
	draw_records(&p);
	draw_conclusion(&p);
	w->lines = p.line;
	w->page = height > 1 ? height : 1;
	if (w->scroll > w->lines - w->page && w->scroll > 0) {
		/* Scrolled too far (the screen grew): draw again from a fitting place. */
		w->scroll = w->lines - w->page > 0 ? w->lines - w->page : 0;
		for (int y = top; y < top + height; y++)
			ui_fill(y, 0, COLS, A_NORMAL);
		vv_draw(sc, top, height);
	}
}

/* ---- keys ------------------------------------------------------------------ */

static void export_sheet(vetting_view *w)
{
	ui_app *app = w->sc.app;
	if (!w->loaded)
		return;
	char path[1024];
	snprintf(path, sizeof path, "拟提拔考察-%s-%s.xlsx", w->v.person_name, app->s.today);
	if (!ui_prompt(app, _("Export this vetting to file (.xlsx or .csv):"), path, sizeof path))
		return;
	kind_trim(path);
	if (!*path)
		return;
	lz_err e;
	if (vetting_export(&w->v, path, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	/* Over SSH the file's folder is not obvious: say where it went. */
	char *full = realpath(path, NULL);
	ui_status(app, _("%d records written to %s"), w->v.n, full ? full : path);
	free(full);
}

static ui_result vv_key(ui_screen *sc, ui_req req, wint_t ch)
{
	vetting_view *w = (vetting_view *)sc;
	(void)ch;
	switch (req) {
	case REQ_BACK:
		return UI_CLOSE;
	case REQ_HISTORY: {
		ui_screen *h = w->loaded ? history_open(sc->app, &kind_vetting, w->id) : NULL;
		if (h)
			ui_push(sc->app, h);
		break;
	}
	case REQ_EDIT: {
		ui_screen *f = w->loaded ? form_open(sc->app, &kind_vetting, w->id, true, NULL, NULL) : NULL;
		if (f)
			ui_push(sc->app, f);
		break;
	}
	case REQ_EXPORT:
		export_sheet(w);
		break;
	case REQ_REFRESH:
		load(w);
		ui_status(sc->app, "%s", _("Refreshed"));
		break;
	case REQ_UP: if (w->scroll > 0) w->scroll--; break;
	case REQ_DOWN: if (w->scroll + w->page < w->lines) w->scroll++; break;
	case REQ_PGUP: w->scroll = w->scroll > w->page ? w->scroll - w->page : 0; break;
	case REQ_PGDN: if (w->scroll + w->page < w->lines) w->scroll += w->page; break;
	case REQ_HOME: w->scroll = 0; break;
	default: break;
	}
	return UI_STAY;
}

static void vv_free(ui_screen *sc)
{
	vetting_view *w = (vetting_view *)sc;
	vetting_free(&w->v);
	free(w);
}

/* The form above may have changed the vetting. */
static void vv_resume(ui_screen *sc)
{
	load((vetting_view *)sc);
}

static const ui_screen_ops vv_ops = { "vetting", vv_keys, vv_draw, vv_key, vv_free, vv_resume };

ui_screen *vetting_view_open(ui_app *app, int64_t id)
{
	vetting_view *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->sc.ops = &vv_ops;
	w->sc.app = app;
	w->id = id;
	load(w);
	return &w->sc;
}
