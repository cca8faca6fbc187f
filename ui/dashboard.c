/* dashboard.c — the supervisors' dashboard on screen: what dashboard_load
 * works out (src/dashboard.c, the same figures `report dashboard` prints),
 * drawn as panels that fit the terminal, with the warnings and tasks to
 * drill down into. While it is on top the input loop asks it once a second
 * whether another session committed (PRAGMA data_version, no transaction
 * held in between) and it reads the figures again only then. */
#include <stdlib.h>
#include <string.h>

#include "dashboard.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"

/* The unit categories, in the plan's order, and what clears the choice. */
static const char *const CATEGORIES[] = { "街道", "乡镇", "区级部门", "公共服务行业", "村(社区)", "区领导机关", NULL };

enum { F_YEAR, F_CATEGORY, F_UNIT, F_CLEAR, F_N };

typedef struct dash_screen {
	ui_screen sc;
	dashboard d;
	dash_filter f;
	bool loaded;
	int64_t version;    /* data_version when the figures were read */
	int sel;            /* selected line: warnings, then tasks */
	int scroll;
	int rows, height;   /* content rows of the last drawing, rows it had */
	int sel_row;        /* content row of the selection in the last drawing */
	const char *labels[F_N + 1];
	const char *kind_labels[8];
	char kind_label_buf[8][160];
	const kind *kinds[8];
	int nkinds;
	int task;           /* the task whose ledgers the chooser offers */
} dash_screen;

static const ui_key dash_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?' }, "F1 ?", N_("Help"), true },
	{ REQ_ENTER, { '\r', '\n', UI_K(KEY_ENTER) }, "Enter", N_("The records"), true },
	{ REQ_FILTER, { 'f', UI_K(KEY_F(7)) }, "f F7", N_("Filter"), true },
	{ REQ_REFRESH, { UI_K(KEY_F(5)), UI_CTRL('r'), 'r' }, "F5 Ctrl-R r", N_("Refresh"), true },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Back"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k' }, "↑ k", N_("Previous line"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j' }, "↓ j", N_("Next line"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), 'b' }, "PgUp b", N_("Page up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ' }, "PgDn Space", N_("Page down"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g', '<' }, "Home g <", N_("First line"), false },
	{ REQ_END, { UI_K(KEY_END), 'G', '>' }, "End G >", N_("Last line"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

static int nlines(const dash_screen *ds)
{
	return ds->d.nwarn + CATALOG_TASKS;
}

static void load(dash_screen *ds)
{
	session *s = &ds->sc.app->s;
	lz_err err;
	int64_t v = 0;
	/* The version first: a commit landing while we read shows next time. */
	lz_status st = dash_data_version(s, &v, &err);
	if (!st)
		st = dashboard_load(s, &ds->f, &ds->d, &err);
	ds->loaded = st == LZ_OK;
	if (st) {
		ui_error(ds->sc.app, "%s", err.msg);
		return;
	}
	ds->version = v;
	snprintf(ds->f.year, sizeof ds->f.year, "%s", ds->d.filter.year);
}

static bool dash_idle(ui_screen *sc)
{
	dash_screen *ds = (dash_screen *)sc;
	lz_err err;
	int64_t v;
	if (dash_data_version(&sc->app->s, &v, &err) || (ds->loaded && v == ds->version))
		return false;
	load(ds);
	return true;
}

/* ---- drawing: content rows from the top; only those in the window show. */

typedef struct canvas {
	dash_screen *ds;
	int top, height;
} canvas;

static void cput(const canvas *c, int row, int x, int cols, const char *s, attr_t a)
{
	int y = row - c->ds->scroll;
	if (y >= 0 && y < c->height && cols > 0 && x < COLS)
		ui_put(c->top + y, x, x + cols > COLS ? COLS - x : cols, s, a);
}

static void cfill(const canvas *c, int row, int x, int cols, attr_t a)
{
	int y = row - c->ds->scroll;
	if (y >= 0 && y < c->height && cols > 0 && x < COLS)
		ui_fill(c->top + y, x, x + cols > COLS ? COLS - x : cols, a);
}

/* A number right-aligned in cols columns. */
static void cnum(const canvas *c, int row, int x, int cols, int64_t n, attr_t a)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)n);
	int w = text_width(buf);
	if (cols > 0)
		cput(c, row, x + (cols > w ? cols - w : 0), cols, buf, a);
}

static int maxi(int a, int b)
{
	return a > b ? a : b;
}

static attr_t color_attr(ui_app *app, dash_color k)
{
	switch (k) {
	case DC_RED: return ui_attr(app, UI_LATE) | A_BOLD;
	case DC_YELLOW: return ui_attr(app, UI_SOON);
	case DC_GREEN: return ui_attr(app, UI_DONE);
	case DC_BLUE: return ui_attr(app, UI_OPEN);
	default: return ui_attr(app, UI_DIM);
	}
}

/* A bar of cols cells: done, open (not overdue), overdue, on the scale of max. */
static void draw_bar(const canvas *c, int row, int x, int cols, const dash_mech *m, int64_t max)
{
	ui_app *app = c->ds->sc.app;
	if (cols < 3 || max <= 0)
		return;
	int64_t open = m->open - m->late;
	int wd = (int)(m->closed * cols / max), wo = (int)(open * cols / max), wl = (int)(m->late * cols / max);
	/* Whatever there is shows at least one cell. */
	if (m->late && !wl)
		wl = 1;
	if (open > 0 && !wo)
		wo = 1;
	if (m->closed && !wd)
		wd = 1;
	while (wd + wo + wl > cols && wd > 1)
		wd--;
	char buf[512];
	int n = 0;
	for (int i = 0; i < wd && n < (int)sizeof buf - 4; i++)
		n += snprintf(buf + n, sizeof buf - (size_t)n, "█");
	cput(c, row, x, wd, buf, ui_attr(app, UI_DONE));
	n = 0;
	for (int i = 0; i < wo && n < (int)sizeof buf - 4; i++)
		n += snprintf(buf + n, sizeof buf - (size_t)n, "▒");
	cput(c, row, x + wd, wo, buf, ui_attr(app, UI_OPEN));
	n = 0;
	for (int i = 0; i < wl && n < (int)sizeof buf - 4; i++)
		n += snprintf(buf + n, sizeof buf - (size_t)n, "!");
	cput(c, row, x + wd + wo, wl, buf, ui_attr(app, UI_LATE) | A_BOLD);
}

/* The year, scope and filters: pinned on the first row, never scrolled away,
 * so the figures below always say what they count. */
static void draw_filter_line(dash_screen *ds, int y, int x, int cols)
{
	char line[1024];
	const char *cat = ds->f.category[0] ? ds->f.category : _("all");
	const char *unit = ds->f.unit ? ds->f.unit_name : _("all");
	if (ds->d.scope_name[0]) {
		/* A scoped account's figures are its units' only: say so, as the report does. */
		char scope[256];
		dash_scope_words(&ds->d, scope, sizeof scope);
		snprintf(line, sizeof line, _("Year %s · scope: %s · category %s · unit %s · today %s"), ds->d.filter.year,
			 scope, cat, unit, ds->d.today);
	} else {
		snprintf(line, sizeof line, _("Year %s · category %s · unit %s · today %s"), ds->d.filter.year, cat, unit,
			 ds->d.today);
	}
	ui_put(y, x, cols, line, A_BOLD);
}

static int draw_mechanisms(const canvas *c, int row, int x, int cols)
{
	dash_screen *ds = c->ds;
	ui_app *app = ds->sc.app;
	int nw = maxi(6, maxi(text_width(_("Closed")), maxi(text_width(_("Still open")), text_width(_("Overdue")))));
	int lw = text_width(_("Mechanism"));
	for (int m = 0; m < CATALOG_MECHANISMS; m++)
		lw = maxi(lw, text_width(ds->d.mech[m].ch) + 1 + text_width(ds->d.mech[m].title));
	/* Narrow: the mechanism's name gives way to the figures, then the bar. */
	bool names = lw + 3 * (nw + 1) + 12 <= cols;
	if (!names)
		lw = 4;
	int xn = x + lw + 1, bx = xn + 3 * (nw + 1) + 1, bw = x + cols - bx;
	if (bw > 40)
		bw = 40;
	attr_t h = ui_attr(app, UI_TITLE);
	cput(c, row, x, lw, _("Mechanism"), h);
	const char *heads[] = { _("Closed"), _("Still open"), _("Overdue") };
	for (int i = 0; i < 3; i++) {
		int w = text_width(heads[i]);
		cput(c, row, xn + i * (nw + 1) + (nw > w ? nw - w : 0), nw, heads[i], h);
	}
	if (bw >= 6)
		cput(c, row, bx, bw, _("█ closed ▒ open ! overdue"), ui_attr(app, UI_DIM));
	row++;
	int64_t max = 0;
	for (int m = 0; m < CATALOG_MECHANISMS; m++)
		if (ds->d.mech[m].closed + ds->d.mech[m].open > max)
			max = ds->d.mech[m].closed + ds->d.mech[m].open;
	for (int m = 0; m < CATALOG_MECHANISMS; m++) {
		const dash_mech *dm = &ds->d.mech[m];
		char label[256];
		snprintf(label, sizeof label, "%s %s", dm->ch, names ? dm->title : "");
		cput(c, row, x, lw, label, A_NORMAL);
		cnum(c, row, xn, nw, dm->closed, A_NORMAL);
		cnum(c, row, xn + nw + 1, nw, dm->open, A_NORMAL);
		cnum(c, row, xn + 2 * (nw + 1), nw, dm->late, dm->late ? ui_attr(app, UI_LATE) | A_BOLD : A_NORMAL);
		if (bw >= 3)
			draw_bar(c, row, bx, bw, dm, max);
		row++;
	}
	return row;
}

static int draw_warnings(const canvas *c, int row, int x, int cols)
{
	dash_screen *ds = c->ds;
	ui_app *app = ds->sc.app;
	cput(c, row, x, cols, _("Warnings (Enter: the records)"), ui_attr(app, UI_TITLE));
	row++;
	int lw = 0;
	char label[DASH_WARNINGS][256];
	for (int i = 0; i < ds->d.nwarn; i++) {
		dash_warning_label(&ds->d, i, label[i], sizeof label[i]);
		lw = maxi(lw, text_width(label[i]));
	}
	int nw = 6;
	if (lw + nw + 3 > cols)
		lw = maxi(4, cols - nw - 3);
	for (int i = 0; i < ds->d.nwarn; i++) {
		const dash_warning *w = &ds->d.warn[i];
		bool sel = ds->sel == i;
		attr_t a = sel ? ui_attr(app, UI_SELECTED) : w->count ? ui_attr(app, UI_WARN) : ui_attr(app, UI_DIM);
		if (sel) {
			cfill(c, row, x, cols, a);
			ds->sel_row = row;
		}
		cput(c, row, x, 2, sel ? "▶" : " ", a);
		cput(c, row, x + 2, lw, label[i], a);
		cnum(c, row, x + 2 + lw + 1, nw, w->count, a);
		int kx = x + 2 + lw + 1 + nw + 2;
		if (kx + 6 < x + cols)
			cput(c, row, kx, x + cols - kx, kind_title(w->k), sel ? a : ui_attr(app, UI_DIM));
		row++;
	}
	return row;
}

static int draw_tasks(const canvas *c, int row, int x, int cols)
{
	dash_screen *ds = c->ds;
	ui_app *app = ds->sc.app;
	cput(c, row, x, cols, _("The 23 tasks (Enter: the records that serve a task)"), ui_attr(app, UI_TITLE));
	row++;
	int sw = 0;
	for (int k = DC_GREY; k <= DC_BLUE; k++)
		sw = maxi(sw, text_width(dash_color_word((dash_color)k)));
	int lead = cols >= 100 ? 24 : cols >= 70 ? 14 : 0;
	int tx = x + 2 + sw + 1 + 3, tw = x + cols - tx - (lead ? lead + 1 : 0);
	for (int i = 0; i < CATALOG_TASKS; i++) {
		const dash_task *t = &ds->d.task[i];
		bool sel = ds->sel == ds->d.nwarn + i;
		attr_t ca = color_attr(app, t->color);
		attr_t a = sel ? ui_attr(app, UI_SELECTED) : A_NORMAL;
		if (sel) {
			cfill(c, row, x, cols, a);
			ds->sel_row = row;
		}
		cput(c, row, x, 2, sel ? "▶" : "●", sel ? a : ca);
		/* The word says the state where colours do not. */
		cput(c, row, x + 2, sw, dash_color_word(t->color), sel ? a : ca);
		char num[8];
		snprintf(num, sizeof num, "%2d", t->num);
		cput(c, row, x + 2 + sw + 1, 3, num, a);
		if (tw > 2)
			cput(c, row, tx, tw, t->title, a);
		if (lead)
			cput(c, row, x + cols - lead, lead, t->lead, sel ? a : ui_attr(app, UI_DIM));
		row++;
	}
	return row;
}

static void dash_draw(ui_screen *sc, int top, int height)
{
	dash_screen *ds = (dash_screen *)sc;
	ui_app *app = sc->app;
	int x = COLS >= 60 ? 1 : 0, cols = COLS - 2 * x;
	if (!ds->loaded) {
		ui_put(top, x, cols, _("The dashboard could not be read (F5 tries again)."), ui_attr(app, UI_ERROR));
		return;
	}
	if (height < 2) {
		draw_filter_line(ds, top, x, cols);
		return;
	}
	draw_filter_line(ds, top, x, cols);
	top++;
	height--;
	canvas c = { ds, top, height };
	/* Lay out once to learn the rows and where the selection sits, then
	 * scroll it into view; drawing is cheap, the figures are in memory. */
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			if (ds->sel_row < ds->scroll)
				ds->scroll = ds->sel_row;
			if (ds->sel_row >= ds->scroll + height)
				ds->scroll = ds->sel_row - height + 1;
			if (ds->scroll > ds->rows - height)
				ds->scroll = maxi(0, ds->rows - height);
		}
		canvas cc = c;
		if (pass == 0)
			cc.height = 0; /* measure only */
		int gap = height > 20 ? 1 : 0;
		int row = gap;
		row = draw_mechanisms(&cc, row, x, cols) + gap;
		row = draw_warnings(&cc, row, x, cols) + gap;
		row = draw_tasks(&cc, row, x, cols);
		ds->rows = row;
	}
	ds->height = height;
	int n = 0;
	for (int i = 0; i < ds->d.nwarn; i++)
		n += ds->d.warn[i].count > 0;
	/* Where more lies below, the status line says so rather than a mark over the figures. */
	snprintf(sc->info, sizeof sc->info, _("%d warnings%s"), n, ds->scroll + height < ds->rows ? _("  ↓ more") : "");
}

/* ---- drill-down and filters ---------------------------------------------- */

static void open_ledger(dash_screen *ds, const kind *k, const query_filter *qf)
{
	ui_screen *l = list_open(ds->sc.app, k, qf, NULL, NULL);
	if (l)
		ui_push(ds->sc.app, l);
}

static void task_base_filter(dash_screen *ds, query_filter *qf)
{
	memset(qf, 0, sizeof *qf);
	qf->year = ds->d.filter.year;
	qf->unit = ds->d.filter.unit;
	qf->category = ds->d.filter.category[0] ? ds->d.filter.category : NULL;
	qf->warn_days = ds->d.warn_days;
}

static void on_task_kind(void *arg, int index)
{
	dash_screen *ds = arg;
	query_filter qf;
	task_base_filter(ds, &qf);
	/* Just the records that serve the task (a kind may serve it with some). */
	qf.task = ds->task;
	if (index >= 0 && index < ds->nkinds)
		open_ledger(ds, ds->kinds[index], &qf);
}

static void open_task(dash_screen *ds, int task)
{
	const kind *all[16];
	int n = kind_serving_task(task, all, 16);
	ds->nkinds = 0;
	ds->task = task;
	for (int i = 0; i < n && ds->nkinds < 7; i++)
		if (dash_kind_counted(&ds->sc.app->s, &ds->d, all[i])) {
			ds->kinds[ds->nkinds] = all[i];
			kind_task_title(all[i], task, ds->kind_label_buf[ds->nkinds], sizeof ds->kind_label_buf[0]);
			ds->kind_labels[ds->nkinds] = ds->kind_label_buf[ds->nkinds];
			ds->nkinds++;
		}
	ds->kind_labels[ds->nkinds] = NULL;
	if (ds->nkinds == 0)
		ui_status(ds->sc.app, "%s", _("No ledger keeps this task's records yet."));
	else if (ds->nkinds == 1)
		on_task_kind(ds, 0);
	else
		ui_push(ds->sc.app, choice_open(ds->sc.app, _("Open which ledger?"), ds->kind_labels, 0, on_task_kind, ds));
}

static void reload(dash_screen *ds)
{
	load(ds);
}

static void on_unit_picked(void *arg, int64_t id, const char *shown)
{
	dash_screen *ds = arg;
	ds->f.unit = id;
	snprintf(ds->f.unit_name, sizeof ds->f.unit_name, "%s", shown ? shown : "");
	reload(ds);
}

static void on_category(void *arg, int index)
{
	dash_screen *ds = arg;
	snprintf(ds->f.category, sizeof ds->f.category, "%s", CATEGORIES[index]);
	reload(ds);
}

static void on_filter(void *arg, int index)
{
	dash_screen *ds = arg;
	ui_app *app = ds->sc.app;
	switch (index) {
	case F_YEAR: {
		char buf[16];
		snprintf(buf, sizeof buf, "%s", ds->f.year);
		if (!ui_prompt(app, _("Year:"), buf, sizeof buf))
			return;
		kind_trim(buf);
		if (strlen(buf) != 4 || strspn(buf, "0123456789") != 4) {
			ui_error(app, _("'%s' is not a year like 2026"), buf);
			return;
		}
		snprintf(ds->f.year, sizeof ds->f.year, "%s", buf);
		reload(ds);
		break;
	}
	case F_CATEGORY:
		ui_push(app, choice_open(app, _("Units of category"), CATEGORIES, 0, on_category, ds));
		break;
	case F_UNIT:
		ui_push(app, list_open(app, kind_find("unit"), NULL, on_unit_picked, ds));
		break;
	default:
		ds->f.unit = 0;
		ds->f.unit_name[0] = ds->f.category[0] = '\0';
		snprintf(ds->f.year, sizeof ds->f.year, "%.4s", app->s.today);
		reload(ds);
		break;
	}
}

static ui_result dash_key(ui_screen *sc, ui_req req, wint_t ch)
{
	dash_screen *ds = (dash_screen *)sc;
	int page = ds->height > 1 ? ds->height - 1 : 1;
	(void)ch;
	switch (req) {
	case REQ_BACK:
		return UI_CLOSE;
	case REQ_REFRESH:
		load(ds);
		if (ds->loaded)
			ui_status(sc->app, "%s", _("Refreshed."));
		break;
	case REQ_UP:
		if (ds->sel > 0)
			ds->sel--;
		else
			ds->scroll = 0;
		break;
	case REQ_DOWN:
		if (ds->sel < nlines(ds) - 1)
			ds->sel++;
		break;
	case REQ_PGUP:
		ds->sel = ds->sel > page ? ds->sel - page : 0;
		if (ds->sel == 0)
			ds->scroll = 0;
		break;
	case REQ_PGDN:
		ds->sel = ds->sel + page < nlines(ds) ? ds->sel + page : nlines(ds) - 1;
		break;
	case REQ_HOME:
		ds->sel = 0;
		ds->scroll = 0;
		break;
	case REQ_END:
		ds->sel = nlines(ds) - 1;
		break;
	case REQ_FILTER:
		ds->labels[F_YEAR] = _("By year");
		ds->labels[F_CATEGORY] = _("By unit category");
		ds->labels[F_UNIT] = _("By unit (and the units under it)");
		ds->labels[F_CLEAR] = _("Show all (clear the filters)");
		ds->labels[F_N] = NULL;
		ui_push(sc->app, choice_open(sc->app, _("Filter"), ds->labels, 0, on_filter, ds));
		break;
	case REQ_ENTER:
		if (!ds->loaded)
			break;
		if (ds->sel < ds->d.nwarn) {
			query_filter qf;
			dash_warning_filter(&ds->d, ds->sel, &qf);
			open_ledger(ds, ds->d.warn[ds->sel].k, &qf);
		} else {
			open_task(ds, ds->sel - ds->d.nwarn + 1);
		}
		break;
	default:
		break;
	}
	return UI_STAY;
}

/* Back from a ledger: this session's own saves do not move data_version. */
static void dash_resume(ui_screen *sc)
{
	load((dash_screen *)sc);
}

static void dash_free(ui_screen *sc)
{
	free(sc);
}

static const ui_screen_ops dash_ops = { "dashboard", dash_keys, dash_draw, dash_key, dash_free, dash_resume };

ui_screen *dashboard_open(ui_app *app)
{
	dash_screen *ds = calloc(1, sizeof *ds);
	if (!ds)
		return NULL;
	ds->sc.ops = &dash_ops;
	ds->sc.app = app;
	ds->sc.idle = dash_idle;
	snprintf(ds->sc.title, sizeof ds->sc.title, "%s", _("Dashboard"));
	load(ds);
	return &ds->sc;
}
