/* menu.c — the start screen: the plan's six work mechanisms, the dashboard,
 * the master data and, for administrators, users and settings. Each item has
 * a key that opens it at once; the arrows and Enter work too. */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "catalog.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"

typedef enum menu_what { MI_MECHANISM, MI_DASHBOARD, MI_KIND, MI_SETTINGS, MI_TIANCHENG, MI_DRAW, MI_SATISFACTION, MI_ARCHIVE } menu_what;

typedef struct menu_item {
	menu_what what;
	int mechanism;          /* MI_MECHANISM: 0..5 */
	const char *kind;       /* MI_KIND: the kind's name */
	const char *keys;       /* the hot keys as the menu writes them */
	wint_t hot[2];          /* the characters that open it (0: none) */
	int group;              /* items of one group stand together */
} menu_item;

/* What the catalog says about one mechanism, read once when the menu opens. */
typedef struct menu_mech {
	char ch[8];             /* 明 询 查 考 述 评 */
	char title[128];        /* 建立明责明廉明险工作机制 */
	int first, last;        /* its task numbers */
	uint32_t cp;            /* ch as a code point, so typing 明 opens it too */
} menu_mech;

typedef struct menu_task {
	int num;
	int mechanism;
	char title[CATALOG_TITLE_MAX];
} menu_task;

#define MENU_ITEMS 24

typedef struct menu {
	ui_screen sc;
	menu_item items[MENU_ITEMS];
	int n;
	int sel;
	int scroll;             /* first row shown when the menu does not fit */
	menu_mech mech[CATALOG_MECHANISMS];
	menu_task tasks[CATALOG_TASKS];
	int ntasks;
} menu;

enum { G_MECHANISMS, G_DASHBOARD, G_MASTER, G_ADMIN };

static const ui_key menu_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?' }, "F1 ?", N_("Help"), true },
	{ REQ_ENTER, { '\r', '\n', UI_K(KEY_ENTER) }, "Enter", N_("Open"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k' }, "↑ k", N_("Previous item"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j' }, "↓ j", N_("Next item"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g' }, "Home g", N_("First item"), false },
	{ REQ_END, { UI_K(KEY_END), 'G' }, "End G", N_("Last item"), false },
	/* No Esc here: it backs out of every other screen, and a second press
	 * too many must not end the program. */
	{ REQ_QUIT, { UI_K(KEY_F(10)), 'q', 'Q' }, "F10 q", N_("Quit"), true },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

static void add_item(menu *m, menu_what what, int mech, const char *kname, const char *keys, wint_t h1, wint_t h2,
		     int group)
{
	if (m->n >= MENU_ITEMS)
		return;
	menu_item *it = &m->items[m->n++];
	it->what = what;
	it->mechanism = mech;
	it->kind = kname;
	it->keys = keys;
	it->hot[0] = h1;
	it->hot[1] = h2;
	it->group = group;
}

/* Reads the mechanisms and task titles; the menu still works without them
 * (a damaged catalog shows "?" rather than keeping anyone out). */
static void load_catalog(menu *m)
{
	for (int i = 0; i < CATALOG_MECHANISMS; i++) {
		snprintf(m->mech[i].ch, sizeof m->mech[i].ch, "?");
		m->mech[i].first = m->mech[i].last = 0;
	}
	sqlite3_stmt *q;
	lz_err err;
	if (db_prepare(&m->sc.app->s.db,
		       "SELECT num, mechanism, mechanism_title, title FROM catalog_task ORDER BY num", &q, &err)) {
		ui_error(m->sc.app, "%s", err.msg);
		return;
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && m->ntasks < CATALOG_TASKS) {
		int num = sqlite3_column_int(q, 0);
		int mi = catalog_mechanism_of(num);
		if (mi < 0)
			continue;
		menu_mech *mm = &m->mech[mi];
		const char *ch = (const char *)sqlite3_column_text(q, 1);
		const char *mt = (const char *)sqlite3_column_text(q, 2);
		const char *tt = (const char *)sqlite3_column_text(q, 3);
		snprintf(mm->ch, sizeof mm->ch, "%s", ch ? ch : "?");
		snprintf(mm->title, sizeof mm->title, "%s", mt ? mt : "");
		if (text_decode(mm->ch, strlen(mm->ch), &mm->cp) <= 0)
			mm->cp = 0;
		if (!mm->first || num < mm->first)
			mm->first = num;
		if (num > mm->last)
			mm->last = num;
		menu_task *t = &m->tasks[m->ntasks++];
		t->num = num;
		t->mechanism = mi;
		snprintf(t->title, sizeof t->title, "%s", tt ? tt : "");
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ui_error(m->sc.app, "%s", sqlite3_errmsg(m->sc.app->s.db.h));
	sqlite3_finalize(q);
}

/* The words of item it (without its keys); brief leaves out the task range. */
static void item_label(menu *m, const menu_item *it, bool brief, char *out, size_t outsz)
{
	switch (it->what) {
	case MI_MECHANISM: {
		const menu_mech *mm = &m->mech[it->mechanism];
		char range[64];
		snprintf(range, sizeof range, _("(tasks %d–%d)"), mm->first, mm->last);
		snprintf(out, outsz, "%s  %s%s%s", mm->ch, mm->title, brief ? "" : "  ", brief ? "" : range);
		break;
	}
	case MI_DASHBOARD:
		snprintf(out, outsz, "%s", _("Dashboard"));
		break;
	case MI_KIND: {
		const kind *k = kind_find(it->kind);
		snprintf(out, outsz, "%s", k ? kind_title(k) : it->kind);
		break;
	}
	case MI_SETTINGS:
		snprintf(out, outsz, "%s", _("Settings"));
		break;
	case MI_TIANCHENG:
		snprintf(out, outsz, "%s", _("Tiancheng index ranking"));
		break;
	case MI_DRAW:
		snprintf(out, outsz, "%s", _("Random checks (随机抽查)"));
		break;
	case MI_SATISFACTION:
		snprintf(out, outsz, "%s", _("Satisfaction survey ranking"));
		break;
	case MI_ARCHIVE:
		snprintf(out, outsz, "%s", _("Yearly archive (归档)"));
		break;
	}
}

/* One sentence on what an item holds, for the panel of a wide terminal. */
static const char *item_about(const menu_item *it)
{
	switch (it->what) {
	case MI_DASHBOARD:
		return _("Each mechanism's records done, open and overdue, the 23 tasks by state, and the warnings, kept up to date.");
	case MI_KIND:
		if (strcmp(it->kind, "unit") == 0)
			return _("The district's units: towns, streets, district departments, public services, villages.");
		if (strcmp(it->kind, "person") == 0)
			return _("The cadres of each unit, with their posts and responsibilities.");
		return _("The accounts that may use liangze, their roles and unit scopes.");
	case MI_SETTINGS:
		return _("Thresholds, weights and days the plan's rules use.");
	case MI_TIANCHENG:
		return _("Each month's ranking per unit category, and the interviews it proposes.");
	case MI_SATISFACTION:
		return _("Each year's satisfaction ranking per unit category, the bottom three, and the units held to account for two low years.");
	case MI_ARCHIVE:
		return _("A year's ledgers, master data and rankings in one print-ready workbook, to be filed.");
	case MI_DRAW:
		return _("Draw the units of a category to check; every draw is stored, can be replayed, and is drawn again only with a reason.");
	default:
		return "";
	}
}

static const char *group_heading(int group)
{
	switch (group) {
	case G_MECHANISMS: return _("The six work mechanisms");
	case G_MASTER: return _("Master data");
	case G_ADMIN: return _("Administration");
	default: return NULL;
	}
}

/* One line of the laid-out menu: an item, a heading, or a gap. */
typedef struct menu_row {
	int item;               /* -1: not an item */
	const char *heading;    /* NULL with item -1: an empty line */
	bool title;             /* the heading of the whole menu */
} menu_row;

/* How much besides the items the menu shows, richest first. */
enum { L_ITEMS, L_GAPS, L_HEADINGS, L_TITLE };

/* Lays the menu out at level; returns the number of rows. */
static int layout(menu *m, int level, menu_row *rows, int max)
{
	int n = 0;
	if (level >= L_TITLE && n < max)
		rows[n++] = (menu_row){ -1, _("Carrying out the two responsibilities: the six-step method"), true };
	for (int i = 0; i < m->n && n < max; i++) {
		bool starts = i == 0 || m->items[i].group != m->items[i - 1].group;
		if (starts && level >= L_GAPS && (i > 0 || level >= L_TITLE) && n < max)
			rows[n++] = (menu_row){ -1, NULL, false };
		const char *h = group_heading(m->items[i].group);
		if (starts && h && level >= L_HEADINGS && n < max)
			rows[n++] = (menu_row){ -1, h, false };
		if (n < max)
			rows[n++] = (menu_row){ i, NULL, false };
	}
	return n;
}

/* Rows of the whole of part 三 (its heading, a gap, each mechanism with its
 * tasks, gaps between them), shown beside the menu when the terminal is tall. */
static int outline_rows(const menu *m)
{
	return 2 + CATALOG_MECHANISMS * 2 - 1 + m->ntasks;
}

/* The side panel of a wide terminal: the selected mechanism's tasks (all of
 * part 三 when there is room, the selected mechanism standing out), or what
 * the selected item holds. */
static void draw_panel(menu *m, int top, int height, int x, int cols, bool outline)
{
	ui_app *app = m->sc.app;
	const menu_item *it = &m->items[m->sel];
	int y = top, bottom = top + height;
	if (it->what != MI_MECHANISM) {
		char label[256];
		item_label(m, it, false, label, sizeof label);
		ui_put(y++, x, cols, label, ui_attr(app, UI_TITLE));
		y++;
		ui_put(y, x, cols, item_about(it), A_NORMAL);
		return;
	}
	if (outline) {
		ui_put(y, x, cols, _("Part three of the plan: work tasks"), ui_attr(app, UI_TITLE));
		y += 2;
	}
	for (int mi = 0; mi < CATALOG_MECHANISMS && y < bottom; mi++) {
		bool cur = mi == it->mechanism;
		if (!outline && !cur)
			continue;
		const menu_mech *mm = &m->mech[mi];
		char head[256];
		snprintf(head, sizeof head, "%s  %s", mm->ch, mm->title);
		ui_put(y++, x, cols, head, cur ? ui_attr(app, UI_TITLE) : A_BOLD);
		if (!outline)
			y++;
		for (int i = 0; i < m->ntasks && y < bottom; i++) {
			if (m->tasks[i].mechanism != mi)
				continue;
			char line[CATALOG_TITLE_MAX + 16];
			snprintf(line, sizeof line, "%2d. %s", m->tasks[i].num, m->tasks[i].title);
			ui_put(y++, x + 2, cols - 2, line, cur ? A_NORMAL : ui_attr(app, UI_DIM));
		}
		y++;
	}
	if (!outline && y < bottom)
		ui_put(y, x, cols, _("Enter shows each task in full, with its lead units and record kinds."),
		       ui_attr(app, UI_DIM));
}

/* Width of the keys column and of the whole block of rows. */
static int block_width(menu *m, const menu_row *rows, int n, bool brief, int *kw)
{
	int lw = 0;
	*kw = 1;
	for (int i = 0; i < m->n; i++) {
		char label[512];
		item_label(m, &m->items[i], brief, label, sizeof label);
		if (text_width(m->items[i].keys) > *kw)
			*kw = text_width(m->items[i].keys);
		if (text_width(label) > lw)
			lw = text_width(label);
	}
	int bw = *kw + 2 + lw;
	for (int r = 0; r < n; r++)
		if (rows[r].heading && text_width(rows[r].heading) > bw)
			bw = text_width(rows[r].heading);
	return bw;
}

static void menu_draw(ui_screen *sc, int top, int height)
{
	menu *m = (menu *)sc;
	ui_app *app = sc->app;
	menu_row rows[MENU_ITEMS * 3 + 2];
	int max = (int)(sizeof rows / sizeof rows[0]);
	/* The richest layout that fits, the full one with a line of air. */
	int level = L_TITLE, n = layout(m, level, rows, max);
	while (level > L_ITEMS && n + (level == L_TITLE ? 2 : 0) > height)
		n = layout(m, --level, rows, max);

	/* The block is as wide as its widest line, so it can stand in the
	 * middle; on a narrow terminal the task ranges go first. */
	int kw;
	bool brief = false;
	int bw = block_width(m, rows, n, brief, &kw);
	if (bw > COLS - 2) {
		brief = true;
		bw = block_width(m, rows, n, brief, &kw);
	}

	/* A wide terminal gets the panel beside the menu. */
	int panel = 0;
	if (COLS >= bw + 50 && height >= 8)
		panel = COLS - bw - 8 > 90 ? 90 : COLS - bw - 8;
	int x = (COLS - bw - (panel ? panel + 4 : 0)) / 2;
	if (x < 1)
		x = COLS > 20 ? 1 : 0;
	if (bw > COLS - x)
		bw = COLS - x;

	int selrow = 0;
	for (int r = 0; r < n; r++)
		if (rows[r].item == m->sel)
			selrow = r;
	if (n > height) {
		if (selrow < m->scroll)
			m->scroll = selrow;
		if (selrow >= m->scroll + height)
			m->scroll = selrow - height + 1;
		if (m->scroll > n - height)
			m->scroll = n - height;
	} else {
		m->scroll = 0;
	}
	/* A tall panel shows all of part 三 and stands level with the menu. */
	bool outline = panel && outline_rows(m) <= height;
	int tall = outline && outline_rows(m) > n ? outline_rows(m) : n;
	int y0 = top + (tall < height ? (height - tall) / 2 : 0);

	for (int r = m->scroll; r < n && y0 + r - m->scroll < top + height; r++) {
		int y = y0 + r - m->scroll;
		if (rows[r].item < 0) {
			if (rows[r].heading)
				ui_put(y, x, bw, rows[r].heading,
				       rows[r].title ? ui_attr(app, UI_TITLE) : ui_attr(app, UI_DIM) | A_BOLD);
			continue;
		}
		const menu_item *it = &m->items[rows[r].item];
		attr_t a = rows[r].item == m->sel ? ui_attr(app, UI_SELECTED) : A_NORMAL;
		char label[512];
		item_label(m, it, brief, label, sizeof label);
		ui_fill(y, x, bw, a);
		ui_put(y, x, kw, it->keys, a | A_BOLD);
		ui_put(y, x + kw + 2, bw - kw - 2, label, a);
	}
	if (panel) {
		int py = outline || level < L_TITLE ? y0 : y0 + 2;
		draw_panel(m, py, top + height - py, x + bw + 4, panel, outline);
	}
}

static void open_item(menu *m, int i)
{
	ui_app *app = m->sc.app;
	const menu_item *it = &m->items[i];
	ui_screen *next = NULL;
	m->sel = i;
	switch (it->what) {
	case MI_MECHANISM:
		next = mechanism_open(app, it->mechanism);
		break;
	case MI_DASHBOARD:
		next = dashboard_open(app);
		break;
	case MI_KIND: {
		const kind *k = kind_find(it->kind);
		if (k)
			next = list_open(app, k, NULL, NULL, NULL);
		break;
	}
	case MI_SETTINGS:
		next = settings_open(app);
		break;
	case MI_TIANCHENG:
		next = tiancheng_open(app);
		break;
	case MI_DRAW:
		next = draw_screen_open(app);
		break;
	case MI_SATISFACTION:
		next = satisfaction_open(app);
		break;
	case MI_ARCHIVE:
		archive_action(app);
		break;
	}
	/* An opener that fails has already said why on the status line. */
	if (next)
		ui_push(app, next);
}

static ui_result menu_key(ui_screen *sc, ui_req req, wint_t ch)
{
	menu *m = (menu *)sc;
	switch (req) {
	case REQ_QUIT:
		return UI_CLOSE;
	case REQ_UP:
		m->sel = m->sel > 0 ? m->sel - 1 : m->n - 1;
		break;
	case REQ_DOWN:
		m->sel = m->sel < m->n - 1 ? m->sel + 1 : 0;
		break;
	case REQ_HOME:
		m->sel = 0;
		break;
	case REQ_END:
		m->sel = m->n - 1;
		break;
	case REQ_ENTER:
		open_item(m, m->sel);
		break;
	case REQ_NONE: {
		/* Letters in either case; the mechanism's own character (typed
		 * through an input method) opens it as its digit does. */
		wint_t c = ch < 0x80 ? towlower(ch) : ch;
		for (int i = 0; i < m->n; i++) {
			const menu_item *it = &m->items[i];
			if ((it->hot[0] && c == it->hot[0]) || (it->hot[1] && c == it->hot[1]) ||
			    (it->what == MI_MECHANISM && m->mech[it->mechanism].cp && c == m->mech[it->mechanism].cp)) {
				open_item(m, i);
				return UI_STAY;
			}
		}
		if (ch == 'a' || ch == 's')
			ui_status(sc->app, "%s", _("Users and settings are for administrators."));
		break;
	}
	default:
		break;
	}
	return UI_STAY;
}

static void menu_free(ui_screen *sc)
{
	free(sc);
}

static const ui_screen_ops menu_ops = { "menu", menu_keys, menu_draw, menu_key, menu_free, NULL };

ui_screen *menu_open(ui_app *app)
{
	menu *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->sc.ops = &menu_ops;
	m->sc.app = app;
	snprintf(m->sc.title, sizeof m->sc.title, "%s", _("Main menu"));
	load_catalog(m);
	static const char *const digits[CATALOG_MECHANISMS] = { "1", "2", "3", "4", "5", "6" };
	for (int i = 0; i < CATALOG_MECHANISMS; i++)
		add_item(m, MI_MECHANISM, i, NULL, digits[i], (wint_t)('1' + i), 0, G_MECHANISMS);
	add_item(m, MI_TIANCHENG, 0, NULL, "t", 't', 0, G_MECHANISMS);
	add_item(m, MI_DRAW, 0, NULL, "r", 'r', 0, G_MECHANISMS);
	add_item(m, MI_SATISFACTION, 0, NULL, "m", 'm', 0, G_MECHANISMS);
	add_item(m, MI_DASHBOARD, 0, NULL, "7 d", '7', 'd', G_DASHBOARD);
	add_item(m, MI_ARCHIVE, 0, NULL, "z", 'z', 0, G_DASHBOARD);
	add_item(m, MI_KIND, 0, "unit", "u", 'u', 0, G_MASTER);
	add_item(m, MI_KIND, 0, "person", "p", 'p', 0, G_MASTER);
	if (app->s.role == ROLE_ADMIN) {
		add_item(m, MI_KIND, 0, "account", "a", 'a', 0, G_ADMIN);
		add_item(m, MI_SETTINGS, 0, NULL, "s", 's', 0, G_ADMIN);
	}
	return &m->sc;
}
