/* overview.c — the district at a glance: units and cadres per unit category
 * within the account's scope, and the plan's tasks per work mechanism. It
 * stands in for the dashboard until that has its panels. Every figure comes
 * from one statement, so no read transaction stays open while it is shown. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"

/* The categories in the order the plan names them. */
static const char *const CATEGORIES[] = { "街道", "乡镇", "区级部门", "公共服务行业", "村(社区)", "区领导机关" };
#define NCAT ((int)(sizeof CATEGORIES / sizeof CATEGORIES[0]))

typedef struct ov_mech {
	char ch[8];
	char title[128];
	int tasks;
	int served;     /* tasks with a record kind to keep them in */
} ov_mech;

typedef struct overview {
	ui_screen sc;
	char scope[512];
	int64_t units[NCAT], cadres[NCAT];
	int64_t other_units, other_cadres;   /* units of a category not in the list */
	ov_mech mech[CATALOG_MECHANISMS];
	bool loaded;
	int scroll;
	int rows;       /* rows the last drawing needed */
	int height;     /* rows it had */
} overview;

static const ui_key ov_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?' }, "F1 ?", N_("Help"), true },
	{ REQ_REFRESH, { UI_K(KEY_F(5)), UI_CTRL('r'), 'r' }, "F5 Ctrl-R r", N_("Refresh"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k' }, "↑ k", N_("Scroll up"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j' }, "↓ j", N_("Scroll down"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), 'b' }, "PgUp b", N_("Page up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ' }, "PgDn Space", N_("Page down"), false },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Back"), true },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

/* Units and cadres per category within scope (0: the whole district), the
 * scope as cli_overview counts it: the unit and every unit under it. */
static lz_status load_units(overview *ov, int64_t scope, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&ov->sc.app->s.db,
				  "WITH RECURSIVE sub(id) AS (SELECT id FROM unit WHERE ?1 = 0 OR id = ?1 UNION"
				  " SELECT u.id FROM unit u JOIN sub ON u.parent = sub.id)"
				  " SELECT u.category, count(DISTINCT u.id), count(p.id) FROM unit u"
				  " LEFT JOIN person p ON p.unit = u.id WHERE u.id IN sub GROUP BY u.category",
				  &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, scope);
	memset(ov->units, 0, sizeof ov->units);
	memset(ov->cadres, 0, sizeof ov->cadres);
	ov->other_units = ov->other_cadres = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *cat = (const char *)sqlite3_column_text(q, 0);
		int i = 0;
		while (i < NCAT && !(cat && strcmp(cat, CATEGORIES[i]) == 0))
			i++;
		int64_t *u = i < NCAT ? &ov->units[i] : &ov->other_units;
		int64_t *c = i < NCAT ? &ov->cadres[i] : &ov->other_cadres;
		*u += sqlite3_column_int64(q, 1);
		*c += sqlite3_column_int64(q, 2);
	}
	if (rc != SQLITE_DONE)
		st = db_error(&ov->sc.app->s.db, rc, _("counting units and cadres"), err);
	sqlite3_finalize(q);
	return st;
}

static lz_status load_scope(overview *ov, int64_t scope, lz_err *err)
{
	if (scope == 0) {
		snprintf(ov->scope, sizeof ov->scope, "%s", _("the whole district"));
		return LZ_OK;
	}
	sqlite3_stmt *q;
	lz_status st = db_prepare(&ov->sc.app->s.db, "SELECT name FROM unit WHERE id = ?1", &q, err);
	if (st)
		return st;
	sqlite3_bind_int64(q, 1, scope);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		snprintf(ov->scope, sizeof ov->scope, _("%s and the units under it"),
			 (const char *)sqlite3_column_text(q, 0));
	else if (rc == SQLITE_DONE)
		snprintf(ov->scope, sizeof ov->scope, _("unit %lld (no longer in the database)"), (long long)scope);
	else
		st = db_error(&ov->sc.app->s.db, rc, _("reading the scope unit"), err);
	sqlite3_finalize(q);
	return st;
}

static lz_status load_mechanisms(overview *ov, lz_err *err)
{
	sqlite3_stmt *q;
	lz_status st = db_prepare(&ov->sc.app->s.db,
				  "SELECT num, mechanism, mechanism_title FROM catalog_task ORDER BY num", &q, err);
	if (st)
		return st;
	memset(ov->mech, 0, sizeof ov->mech);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int num = sqlite3_column_int(q, 0);
		int m = catalog_mechanism_of(num);
		if (m < 0)
			continue;
		ov_mech *om = &ov->mech[m];
		snprintf(om->ch, sizeof om->ch, "%s", (const char *)sqlite3_column_text(q, 1));
		snprintf(om->title, sizeof om->title, "%s", (const char *)sqlite3_column_text(q, 2));
		om->tasks++;
		const kind *k[1];
		if (kind_serving_task(num, k, 1) > 0)
			om->served++;
	}
	if (rc != SQLITE_DONE)
		st = db_error(&ov->sc.app->s.db, rc, _("reading the plan's catalog"), err);
	sqlite3_finalize(q);
	return st;
}

static void load(overview *ov)
{
	session *s = &ov->sc.app->s;
	int64_t scope = s->role == ROLE_ADMIN ? 0 : s->scope_unit;
	lz_err err;
	lz_status st = load_scope(ov, scope, &err);
	if (!st)
		st = load_units(ov, scope, &err);
	if (!st)
		st = load_mechanisms(ov, &err);
	if (st)
		ui_error(ov->sc.app, "%s", err.msg);
	else
		ov->loaded = true;
}

/* ---- drawing: rows are numbered from the top of the content, and only
 * those inside the window are put on the screen. --------------------------- */

typedef struct canvas {
	overview *ov;
	int top, height;
} canvas;

static void cput(const canvas *c, int row, int x, int cols, const char *s, attr_t a)
{
	int y = row - c->ov->scroll;
	if (y >= 0 && y < c->height)
		ui_put(c->top + y, x, cols, s, a);
}

/* A number right-aligned in cols columns. */
static void cnum(const canvas *c, int row, int x, int cols, int64_t n, attr_t a)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)n);
	int w = text_width(buf);
	cput(c, row, x + (cols > w ? cols - w : 0), cols, buf, a);
}

/* The widest of the strings, at least min. */
static int widest(int min, const char *const *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] && text_width(s[i]) > min)
			min = text_width(s[i]);
	return min;
}

typedef struct units_cols {
	int name, num;
} units_cols;

static units_cols units_layout(void)
{
	const char *names[] = { _("Unit category"), _("Total"), _("Other") };
	const char *nums[] = { _("Units"), _("Cadres") };
	units_cols w;
	w.name = widest(widest(0, CATEGORIES, NCAT), names, 3);
	w.num = widest(7, nums, 2);
	return w;
}

static int units_width(void)
{
	units_cols w = units_layout();
	return w.name + 2 * (w.num + 2);
}

/* The units table from row; returns the row after it. */
static int draw_units(const canvas *c, int row, int x, int cols)
{
	overview *ov = c->ov;
	ui_app *app = ov->sc.app;
	units_cols w = units_layout();
	attr_t h = ui_attr(app, UI_TITLE);
	cput(c, row, x, cols, _("Unit category"), h);
	int xu = x + w.name + 2, xc = xu + w.num + 2;
	int wu = text_width(_("Units")), wc = text_width(_("Cadres"));
	if (xu < x + cols)
		cput(c, row, xu + (w.num > wu ? w.num - wu : 0), x + cols - xu, _("Units"), h);
	if (xc < x + cols)
		cput(c, row, xc + (w.num > wc ? w.num - wc : 0), x + cols - xc, _("Cadres"), h);
	row++;
	int64_t tu = 0, tc = 0;
	for (int i = 0; i <= NCAT; i++) {
		const char *name = i < NCAT ? CATEGORIES[i] : _("Other");
		int64_t u = i < NCAT ? ov->units[i] : ov->other_units;
		int64_t cd = i < NCAT ? ov->cadres[i] : ov->other_cadres;
		/* Units of an unknown category show only when there are some. */
		if (i == NCAT && u == 0)
			continue;
		attr_t a = u ? A_NORMAL : ui_attr(app, UI_DIM);
		cput(c, row, x, w.name < cols ? w.name : cols, name, a);
		if (xu < x + cols)
			cnum(c, row, xu, w.num < x + cols - xu ? w.num : x + cols - xu, u, a);
		if (xc < x + cols)
			cnum(c, row, xc, w.num < x + cols - xc ? w.num : x + cols - xc, cd, a);
		tu += u;
		tc += cd;
		row++;
	}
	cput(c, row, x, w.name < cols ? w.name : cols, _("Total"), A_BOLD);
	if (xu < x + cols)
		cnum(c, row, xu, w.num < x + cols - xu ? w.num : x + cols - xu, tu, A_BOLD);
	if (xc < x + cols)
		cnum(c, row, xc, w.num < x + cols - xc ? w.num : x + cols - xc, tc, A_BOLD);
	return row + 1;
}

typedef struct mech_cols {
	int name, num, served;
} mech_cols;

static mech_cols mech_layout(const overview *ov)
{
	mech_cols w;
	w.name = text_width(_("Work mechanism"));
	for (int m = 0; m < CATALOG_MECHANISMS; m++) {
		int mw = text_width(ov->mech[m].ch) + 2 + text_width(ov->mech[m].title);
		if (mw > w.name)
			w.name = mw;
	}
	if (text_width(_("Total")) > w.name)
		w.name = text_width(_("Total"));
	w.num = text_width(_("Tasks")) > 5 ? text_width(_("Tasks")) : 5;
	w.served = text_width(_("With a record kind")) > 5 ? text_width(_("With a record kind")) : 5;
	return w;
}

static int mech_width(const overview *ov)
{
	mech_cols w = mech_layout(ov);
	return w.name + 2 + w.num + 2 + w.served;
}

static int draw_mechanisms(const canvas *c, int row, int x, int cols)
{
	overview *ov = c->ov;
	ui_app *app = ov->sc.app;
	mech_cols w = mech_layout(ov);
	/* Narrow: the title gives way to the figures, and below a readable
	 * title the second figure gives way too. */
	int name = w.name;
	if (name + 2 + w.num + 2 + w.served > cols)
		name = cols - (2 + w.num + 2 + w.served);
	if (name < 16) {
		w.served = 0;
		name = w.name + 2 + w.num <= cols ? w.name : cols - 2 - w.num;
	}
	if (name < 4)
		name = 4;
	int xt = x + name + 2, xs = xt + w.num + 2;
	attr_t h = ui_attr(app, UI_TITLE);
	cput(c, row, x, name, _("Work mechanism"), h);
	int wt = text_width(_("Tasks")), ws = text_width(_("With a record kind"));
	if (xt < x + cols)
		cput(c, row, xt + (w.num > wt ? w.num - wt : 0), x + cols - xt, _("Tasks"), h);
	if (w.served && xs < x + cols)
		cput(c, row, xs + (w.served > ws ? w.served - ws : 0), x + cols - xs, _("With a record kind"), h);
	row++;
	int tt = 0, ts = 0;
	for (int m = 0; m < CATALOG_MECHANISMS; m++) {
		const ov_mech *om = &ov->mech[m];
		char label[256];
		snprintf(label, sizeof label, "%s  %s", om->ch[0] ? om->ch : "?", om->title);
		cput(c, row, x, name, label, A_NORMAL);
		if (xt < x + cols)
			cnum(c, row, xt, w.num < x + cols - xt ? w.num : x + cols - xt, om->tasks, A_NORMAL);
		if (w.served && xs < x + cols)
			cnum(c, row, xs, w.served < x + cols - xs ? w.served : x + cols - xs, om->served,
			     om->served ? A_NORMAL : ui_attr(app, UI_DIM));
		tt += om->tasks;
		ts += om->served;
		row++;
	}
	cput(c, row, x, name, _("Total"), A_BOLD);
	if (xt < x + cols)
		cnum(c, row, xt, w.num < x + cols - xt ? w.num : x + cols - xt, tt, A_BOLD);
	if (w.served && xs < x + cols)
		cnum(c, row, xs, w.served < x + cols - xs ? w.served : x + cols - xs, ts, A_BOLD);
	return row + 1;
}

static void ov_draw(ui_screen *sc, int top, int height)
{
	overview *ov = (overview *)sc;
	ui_app *app = sc->app;
	canvas c = { ov, top, height };
	int x = COLS >= 40 ? 2 : 0, cols = COLS - 2 * x;
	if (!ov->loaded) {
		ui_put(top, x, cols, _("The overview could not be read (F5 tries again)."), ui_attr(app, UI_ERROR));
		return;
	}
	/* The terminal may have grown since the last drawing. */
	if (ov->scroll > ov->rows - height)
		ov->scroll = ov->rows - height > 0 ? ov->rows - height : 0;
	/* Side by side when both tables fit, else one under the other; the
	 * scope line spans what the tables span. */
	int uw = units_width(), mw = mech_width(ov);
	int gap = 6;
	bool side = uw + gap + mw <= cols;
	int left = side ? x + (cols - (uw + gap + mw)) / 4 : x;
	int span = side ? uw + gap + mw : cols;
	int row = 0;
	char line[1024];
	snprintf(line, sizeof line, _("Scope: %s"), ov->scope);
	int sw = text_width(line);
	cput(&c, row, left, span, line, A_BOLD);
	snprintf(line, sizeof line, _("Today: %s"), app->s.today);
	int tw = text_width(line);
	if (sw + tw + 4 <= span)
		cput(&c, row, left + span - tw, tw, line, ui_attr(app, UI_DIM));
	row += height > 12 ? 2 : 1;

	if (side) {
		int r1 = draw_units(&c, row, left, uw);
		int r2 = draw_mechanisms(&c, row, left + uw + gap, mw);
		row = r1 > r2 ? r1 : r2;
	} else {
		row = draw_units(&c, row, x, cols);
		row += height > 12 ? 1 : 0;
		row = draw_mechanisms(&c, row, x, cols);
	}
	ov->rows = row;
	ov->height = height;
	if (ov->scroll + height < row && height > 0 && COLS >= 30) {
		const char *more = _("↓ more");
		int w = text_width(more);
		ui_put(top + height - 1, COLS - w - 1, w, more, ui_attr(app, UI_WARN));
	}
}

static ui_result ov_key(ui_screen *sc, ui_req req, wint_t ch)
{
	overview *ov = (overview *)sc;
	int max = ov->rows - ov->height > 0 ? ov->rows - ov->height : 0;
	int page = ov->height > 1 ? ov->height - 1 : 1;
	(void)ch;
	switch (req) {
	case REQ_BACK:
		return UI_CLOSE;
	case REQ_REFRESH:
		ov->loaded = false;
		load(ov);
		if (ov->loaded)
			ui_status(sc->app, "%s", _("Refreshed."));
		break;
	case REQ_UP:
		if (ov->scroll > 0)
			ov->scroll--;
		break;
	case REQ_DOWN:
		if (ov->scroll < max)
			ov->scroll++;
		break;
	case REQ_PGUP:
		ov->scroll = ov->scroll > page ? ov->scroll - page : 0;
		break;
	case REQ_PGDN:
		ov->scroll = ov->scroll + page < max ? ov->scroll + page : max;
		break;
	default:
		break;
	}
	return UI_STAY;
}

static void ov_free(ui_screen *sc)
{
	free(sc);
}

static const ui_screen_ops ov_ops = { "overview", ov_keys, ov_draw, ov_key, ov_free, NULL };

ui_screen *overview_open(ui_app *app)
{
	overview *ov = calloc(1, sizeof *ov);
	if (!ov)
		return NULL;
	ov->sc.ops = &ov_ops;
	ov->sc.app = app;
	snprintf(ov->sc.title, sizeof ov->sc.title, "%s", _("Overview"));
	load(ov);
	return &ov->sc;
}
