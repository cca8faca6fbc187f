/* list.c — the ledger of any record kind, driven by its descriptor. Only the
 * rows on screen are held: moving past the edge asks the core for the next
 * rows after (or before) the last one seen, by sort key (keyset paging), so
 * a ledger of a million rows scrolls like one of ten. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "export.h"
#include "i18n.h"
#include "kinds_master.h"
#include "lineedit.h"
#include "list_priv.h"
#include "listmark.h"
#include "record.h"
#include "text.h"
#include "ui.h"
#include "views.h"

static const ui_key list_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?', UI_CTRL('g') }, "F1 ? Ctrl-G", N_("Help"), true },
	{ REQ_SEARCH, { UI_K(KEY_F(3)), '/' }, "F3 /", N_("Search"), true },
	{ REQ_NEW, { 'n', UI_K(KEY_IC) }, "n Insert", N_("New"), true },
	{ REQ_EDIT, { 'e', UI_K(KEY_F(4)) }, "e F4", N_("Edit"), true },
	{ REQ_DELETE, { 'd', UI_K(KEY_F(8)) }, "d F8", N_("Delete"), true },
	{ REQ_EXPORT, { 'x', UI_K(KEY_F(9)) }, "x F9", N_("Export"), true },
	{ REQ_SORT, { 's', UI_K(KEY_F(6)) }, "s F6", N_("Sort"), true },
	{ REQ_FILTER, { 'f', UI_K(KEY_F(7)) }, "f F7", N_("Filter"), true },
	{ REQ_REFRESH, { UI_K(KEY_F(5)), UI_CTRL('r') }, "F5 Ctrl-R", N_("Refresh"), true },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Back"), true },
	{ REQ_ENTER, { '\r', '\n', UI_K(KEY_ENTER) }, "Enter", N_("Open the record"), false },
	{ REQ_HISTORY, { UI_K(KEY_F(11)), 'h' }, "F11 h", N_("History of a record by id, also of a deleted one"), false },
	{ REQ_UP, { UI_K(KEY_UP), 'k', UI_CTRL('p') }, "↑ k Ctrl-P", N_("Previous row"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j', UI_CTRL('n') }, "↓ j Ctrl-N", N_("Next row"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), 'b', UI_CTRL('b') }, "PgUp b Ctrl-B", N_("Previous page"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ', UI_CTRL('f') }, "PgDn Space Ctrl-F", N_("Next page"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g', '<' }, "Home g <", N_("First row"), false },
	{ REQ_END, { UI_K(KEY_END), 'G', '>' }, "End G >", N_("Last row"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

/* A chooser of records: no changes from here, Enter chooses. */
static const ui_key pick_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?', UI_CTRL('g') }, "F1 ? Ctrl-G", N_("Help"), true },
	{ REQ_ENTER, { '\r', '\n', UI_K(KEY_ENTER) }, "Enter", N_("Choose"), true },
	{ REQ_SEARCH, { UI_K(KEY_F(3)), '/' }, "F3 /", N_("Search"), true },
	{ REQ_SORT, { 's', UI_K(KEY_F(6)) }, "s F6", N_("Sort"), true },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Cancel"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k', UI_CTRL('p') }, "↑ k Ctrl-P", N_("Previous row"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j', UI_CTRL('n') }, "↓ j Ctrl-N", N_("Next row"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), 'b', UI_CTRL('b') }, "PgUp b Ctrl-B", N_("Previous page"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ', UI_CTRL('f') }, "PgDn Space Ctrl-F", N_("Next page"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g', '<' }, "Home g <", N_("First row"), false },
	{ REQ_END, { UI_K(KEY_END), 'G', '>' }, "End G >", N_("Last row"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

/* While typing a search, letters are text: only keys that cannot be typed act. */
static const ui_key search_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), UI_CTRL('g') }, "F1 Ctrl-G", N_("Help"), true },
	{ REQ_ENTER, { '\r', '\n', UI_K(KEY_ENTER) }, "Enter", N_("Keep this search"), true },
	{ REQ_BACK, { UI_ESC, UI_K(KEY_F(10)) }, "Esc F10", N_("Clear the search"), true },
	{ REQ_UP, { UI_K(KEY_UP) }, "↑", N_("Previous row"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN) }, "↓", N_("Next row"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE) }, "PgUp", N_("Previous page"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE) }, "PgDn", N_("Next page"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

static void list_draw(ui_screen *sc, int top, int height);
static ui_result list_key(ui_screen *sc, ui_req req, wint_t ch);
static void list_free(ui_screen *sc);
static void list_resume(ui_screen *sc);

static const ui_screen_ops list_ops = { "list", list_keys, list_draw, list_key, list_free, list_resume };
static const ui_screen_ops pick_ops = { "pick", pick_keys, list_draw, list_key, list_free, list_resume };
static const ui_screen_ops search_ops = { "search", search_keys, list_draw, list_key, list_free, list_resume };

static void free_row(list *l, lrow *r)
{
	for (int i = 0; r->val && r->shown && i < l->k->nfields; i++) {
		free(r->val[i]);
		free(r->shown[i]);
	}
	free(r->val);
	free(r->shown);
	memset(r, 0, sizeof *r);
}

static void clear_rows(list *l)
{
	for (int i = 0; i < l->nrows; i++)
		free_row(l, &l->rows[i]);
	l->nrows = 0;
}

int list_order_index(list *l)
{
	return kind_field_index(l->k, l->f.order ? l->f.order : l->k->order);
}

static void show_error(list *l, lz_err *e)
{
	ui_error(l->sc.app, "%s", e->msg);
}

/* Up to n rows after (or, backwards, before) anchor — from the start or the
 * end when anchor is NULL — into out, in the order they are shown. */
static int fetch(list *l, const lrow *anchor, bool backwards, bool inclusive, int n, lrow *out)
{
	query_filter f = l->f;
	f.desc = backwards ? !l->f.desc : l->f.desc;
	f.limit = n;
	f.inclusive = inclusive;
	int oi = list_order_index(l);
	if (anchor) {
		f.after = true;
		f.after_id = anchor->id;
		f.after_value = oi >= 0 ? anchor->val[oi] : NULL;
	}
	query_cursor *c;
	lz_err e;
	if (query_open(&l->sc.app->s, l->k, &f, &c, &e)) {
		show_error(l, &e);
		return 0;
	}
	int got = 0;
	query_row row;
	int rc;
	while (got < n && (rc = query_next(c, &row, &e)) == 1) {
		lrow *r = &out[got++];
		r->id = row.id;
		r->val = calloc((size_t)l->k->nfields, sizeof *r->val);
		r->shown = calloc((size_t)l->k->nfields, sizeof *r->shown);
		for (int i = 0; r->val && r->shown && i < l->k->nfields; i++) {
			r->val[i] = row.value[i] ? strdup(row.value[i]) : NULL;
			const char *sh = row.shown[i];
			/* Roles are stored in English (the CLI's words) but read in the screen's language. */
			if (sh && l->k == &kind_account && strcmp(l->k->fields[i].name, "role") == 0)
				sh = session_role_title(sh);
			r->shown[i] = sh ? strdup(sh) : NULL;
		}
	}
	if (got < n && rc < 0)
		show_error(l, &e);
	query_close(c);
	if (backwards)
		for (int i = 0; i < got / 2; i++) {
			lrow t = out[i];
			out[i] = out[got - 1 - i];
			out[got - 1 - i] = t;
		}
	return got;
}

static bool ensure_cap(list *l, int n)
{
	if (n <= l->cap)
		return true;
	lrow *p = realloc(l->rows, (size_t)n * sizeof *p);
	if (!p)
		return false;
	l->rows = p;
	l->cap = n;
	return true;
}

static void count_rows(list *l)
{
	lz_err e;
	query_filter f = l->f;
	f.after = false;
	if (query_count(&l->sc.app->s, l->k, &f, &l->total, &e))
		l->total = 0;
}

void list_go_home(list *l)
{
	clear_rows(l);
	if (!ensure_cap(l, l->height))
		return;
	l->nrows = fetch(l, NULL, false, false, l->height, l->rows);
	l->cur = 0;
	l->first_pos = 0;
}

static void go_end(list *l)
{
	clear_rows(l);
	if (!ensure_cap(l, l->height))
		return;
	l->nrows = fetch(l, NULL, true, false, l->height, l->rows);
	l->cur = l->nrows ? l->nrows - 1 : 0;
	l->first_pos = l->total - l->nrows > 0 ? l->total - l->nrows : 0;
}

/* Reads the rows on screen again (after a change, a resize or F5), from
 * the first one shown, keeping the cursor's place. */
void list_reload(list *l)
{
	count_rows(l);
	if (!l->nrows) {
		list_go_home(l);
		return;
	}
	if (!ensure_cap(l, l->height + 1))
		return;
	lrow first = l->rows[0];
	l->rows[0] = (lrow){ 0 };
	int cur = l->cur;
	clear_rows(l);
	lrow *tmp = calloc((size_t)l->height, sizeof *tmp);
	int got = tmp ? fetch(l, &first, false, true, l->height, tmp) : 0;
	free_row(l, &first);
	if (got < l->height && l->first_pos > 0) {
		/* Fewer rows below than fit: show the last page instead. */
		for (int i = 0; i < got; i++)
			free_row(l, &tmp[i]);
		free(tmp);
		go_end(l);
		if (cur < l->nrows)
			l->cur = cur;
		return;
	}
	memcpy(l->rows, tmp, (size_t)got * sizeof *tmp);
	free(tmp);
	l->nrows = got;
	l->cur = cur < got ? cur : (got ? got - 1 : 0);
	if (l->first_pos + l->nrows > l->total)
		l->first_pos = l->total - l->nrows > 0 ? l->total - l->nrows : 0;
}

static void move_down(list *l)
{
	if (l->cur < l->nrows - 1) {
		l->cur++;
		return;
	}
	if (!l->nrows)
		return;
	lrow r = { 0 };
	if (fetch(l, &l->rows[l->nrows - 1], false, false, 1, &r) != 1)
		return;
	if (l->nrows >= l->height) {
		free_row(l, &l->rows[0]);
		memmove(l->rows, l->rows + 1, (size_t)(l->nrows - 1) * sizeof *l->rows);
		l->rows[l->nrows - 1] = r;
		l->first_pos++;
	} else if (ensure_cap(l, l->nrows + 1)) {
		l->rows[l->nrows++] = r;
		l->cur++;
	} else {
		free_row(l, &r);
	}
	l->cur = l->nrows - 1;
}

static void move_up(list *l)
{
	if (l->cur > 0) {
		l->cur--;
		return;
	}
	if (!l->nrows)
		return;
	lrow r = { 0 };
	if (fetch(l, &l->rows[0], true, false, 1, &r) != 1)
		return;
	if (l->nrows >= l->height) {
		free_row(l, &l->rows[l->nrows - 1]);
		l->nrows--;
	}
	if (!ensure_cap(l, l->nrows + 1)) {
		free_row(l, &r);
		return;
	}
	memmove(l->rows + 1, l->rows, (size_t)l->nrows * sizeof *l->rows);
	l->rows[0] = r;
	l->nrows++;
	if (l->first_pos > 0)
		l->first_pos--;
}

static void page_down(list *l)
{
	if (!l->nrows)
		return;
	lrow *tmp = calloc((size_t)l->height, sizeof *tmp);
	int got = tmp ? fetch(l, &l->rows[l->nrows - 1], false, false, l->height, tmp) : 0;
	if (got == 0) {
		l->cur = l->nrows - 1;
	} else if (got < l->height) {
		for (int i = 0; i < got; i++)
			free_row(l, &tmp[i]);
		go_end(l);
	} else {
		int cur = l->cur;
		l->first_pos += l->nrows;
		clear_rows(l);
		memcpy(l->rows, tmp, (size_t)got * sizeof *tmp);
		l->nrows = got;
		l->cur = cur;
	}
	free(tmp);
}

static void page_up(list *l)
{
	if (!l->nrows)
		return;
	lrow *tmp = calloc((size_t)l->height, sizeof *tmp);
	int got = tmp ? fetch(l, &l->rows[0], true, false, l->height, tmp) : 0;
	if (got < l->height) {
		for (int i = 0; i < got; i++)
			free_row(l, &tmp[i]);
		int keep = got == 0 ? 0 : l->cur;
		list_go_home(l);
		l->cur = got == 0 ? 0 : (keep < l->nrows ? keep : 0);
		if (got == 0)
			l->cur = 0;
	} else {
		int cur = l->cur;
		l->first_pos -= got;
		if (l->first_pos < 0)
			l->first_pos = 0;
		clear_rows(l);
		memcpy(l->rows, tmp, (size_t)got * sizeof *tmp);
		l->nrows = got;
		l->cur = cur;
	}
	free(tmp);
}

/* The screen got taller or shorter: fetch or drop rows to fill it. */
static void fit_height(list *l, int height)
{
	if (height < 1)
		height = 1;
	if (height == l->height)
		return;
	l->height = height;
	if (!ensure_cap(l, height + 1))
		return;
	while (l->nrows > height) {
		if (l->cur > 0) {
			free_row(l, &l->rows[0]);
			memmove(l->rows, l->rows + 1, (size_t)(l->nrows - 1) * sizeof *l->rows);
			l->cur--;
			l->first_pos++;
		} else {
			free_row(l, &l->rows[l->nrows - 1]);
		}
		l->nrows--;
	}
	if (l->nrows < height && l->nrows > 0) {
		int got = fetch(l, &l->rows[l->nrows - 1], false, false, height - l->nrows, l->rows + l->nrows);
		l->nrows += got;
		if (l->nrows < height && l->first_pos > 0) {
			int cur_id_pos = l->cur;
			int want = height - l->nrows;
			lrow *tmp = calloc((size_t)want, sizeof *tmp);
			int up = tmp ? fetch(l, &l->rows[0], true, false, want, tmp) : 0;
			memmove(l->rows + up, l->rows, (size_t)l->nrows * sizeof *l->rows);
			memcpy(l->rows, tmp, (size_t)up * sizeof *tmp);
			free(tmp);
			l->nrows += up;
			l->cur = cur_id_pos + up;
			l->first_pos -= up;
			if (l->first_pos < 0)
				l->first_pos = 0;
		}
	} else if (l->nrows == 0) {
		list_go_home(l);
	}
}

/* Which fields are columns, and how wide: the descriptor's widths, shrunk
 * to fit the terminal, the last column taking what is left. */
static void layout(list *l, int *width, int *n)
{
	int avail = COLS - 1;
	*n = 0;
	int total = 0;
	for (int i = 0; i < l->ncol; i++) {
		const kind_field *f = &l->k->fields[l->col[i]];
		int w = f->width;
		int lw = text_width(kind_field_title(f)) + 1;
		if (w < lw && lw <= 12)
			w = lw;
		width[(*n)++] = w;
		total += w + 1;
	}
	/* Shrink the widest columns until it fits, but not below 4. */
	while (total > avail) {
		int wi = 0;
		for (int i = 1; i < *n; i++)
			if (width[i] > width[wi])
				wi = i;
		if (width[wi] <= 4)
			break;
		width[wi]--;
		total--;
	}
	while (total > avail && *n > 1)
		total -= width[--(*n)] + 1;
	if (*n > 0 && total < avail)
		width[*n - 1] += avail - total;
}

/* Whether the ledger has the line naming the plan's tasks above its columns. */
static int task_line(list *l)
{
	return !l->pick && l->mark.tasks[0] ? 1 : 0;
}

static void update_info(list *l)
{
	char hint[64] = "";
	if (l->nrows && l->cur < l->nrows)
		listmark_hint(&l->mark, l->sc.app, (const char *const *)l->rows[l->cur].val, hint, sizeof hint);
	if (l->total == 0)
		snprintf(l->sc.info, sizeof l->sc.info, "%s", _("no records"));
	else
		snprintf(l->sc.info, sizeof l->sc.info, _("%lld/%lld"), (long long)(l->first_pos + l->cur + 1),
			 (long long)l->total);
	if (hint[0]) {
		size_t n = strlen(l->sc.info);
		snprintf(l->sc.info + n, sizeof l->sc.info - n, "  %s", hint);
	}
}

static void list_draw(ui_screen *sc, int top, int height)
{
	list *l = (list *)sc;
	ui_app *app = sc->app;
	int extra = l->searching || l->f.search ? 1 : 0;
	int tl = task_line(l);
	if (tl) {
		/* The plan's words this ledger serves, cut to the width. */
		ui_fill(top, 0, COLS, A_NORMAL);
		ui_put(top, 0, COLS, l->mark.tasks, ui_attr(app, UI_DIM));
		top++;
		height--;
	}
	fit_height(l, height - 1 - extra);
	int width[64], n;
	layout(l, width, &n);
	/* Column headers, the sort column marked. */
	int x = 0, oi = list_order_index(l);
	ui_fill(top, 0, COLS, ui_attr(app, UI_TITLE) | A_UNDERLINE);
	for (int i = 0; i < n; i++) {
		const kind_field *f = &l->k->fields[l->col[i]];
		char h[160];
		snprintf(h, sizeof h, "%s%s", kind_field_title(f), l->col[i] == oi ? (l->f.desc ? "▼" : "▲") : "");
		ui_put(top, x, width[i], h, ui_attr(app, UI_TITLE) | A_UNDERLINE);
		x += width[i] + 1;
	}
	for (int r = 0; r < l->nrows && r < height - 1 - extra; r++) {
		attr_t a = listmark_row_attr(&l->mark, app, (const char *const *)l->rows[r].val, r == l->cur);
		int y = top + 1 + r;
		ui_fill(y, 0, COLS, a);
		x = 0;
		for (int i = 0; i < n; i++) {
			ui_put(y, x, width[i], l->rows[r].shown[l->col[i]], a);
			x += width[i] + 1;
		}
	}
	if (l->nrows == 0) {
		const char *msg = l->f.search || l->f.year || l->f.unit || l->f.state || l->f.category || l->f.cond || l->f.due
					  ? _("No records match. Esc clears the search; f changes the filter.")
					  : _("No records yet. Press n to add one.");
		ui_put(top + 2, 2, COLS - 4, msg, ui_attr(app, UI_DIM));
	}
	if (extra) {
		int y = top + height - 1;
		ui_fill(y, 0, COLS, A_NORMAL);
		int lw = ui_put(y, 0, COLS / 2, _("Search: "), A_BOLD);
		if (l->searching)
			le_draw(&l->search_le, y, lw, COLS - lw, ui_attr(app, UI_FIELD), true);
		else
			ui_put(y, lw, COLS - lw, l->search, A_NORMAL);
	}
	update_info(l);
}

static void set_title(list *l)
{
	char filt[512] = "";
	size_t n = 0;
	if (l->f.year)
		n += (size_t)snprintf(filt + n, sizeof filt - n, _("  year %s"), l->year);
	if (l->f.unit && n < sizeof filt)
		n += (size_t)snprintf(filt + n, sizeof filt - n, _("  unit %s"), l->unit_name);
	if (l->f.state && n < sizeof filt)
		n += (size_t)snprintf(filt + n, sizeof filt - n, _("  state %s"), l->state);
	if (n < sizeof filt)
		query_filter_words(&l->f, filt + n, sizeof filt - n);
	if (l->pick)
		snprintf(l->sc.title, sizeof l->sc.title, _("Choose: %s%s"), kind_title(l->k), filt);
	else
		snprintf(l->sc.title, sizeof l->sc.title, _("%s ledger%s"), kind_title(l->k), filt);
}

void list_after_filter_change(list *l)
{
	set_title(l);
	count_rows(l);
	list_go_home(l);
}

static void start_search(list *l)
{
	l->searching = true;
	le_set(&l->search_le, l->search);
	l->sc.ops = &search_ops;
}

static void end_search(list *l, bool keep)
{
	l->searching = false;
	l->sc.ops = l->pick ? &pick_ops : &list_ops;
	if (!keep) {
		l->search[0] = '\0';
		l->f.search = NULL;
		list_after_filter_change(l);
	}
}

static void search_typed(list *l, ui_req req, wint_t ch)
{
	if (!le_key(&l->search_le, req, req == REQ_NONE ? ch : 0))
		return;
	snprintf(l->search, sizeof l->search, "%s", le_text(&l->search_le));
	l->f.search = l->search[0] ? l->search : NULL;
	count_rows(l);
	list_go_home(l);
}

static ui_result list_key(ui_screen *sc, ui_req req, wint_t ch)
{
	list *l = (list *)sc;
	ui_app *app = sc->app;
	if (l->searching) {
		switch (req) {
		case REQ_ENTER: end_search(l, true); return UI_STAY;
		case REQ_BACK: end_search(l, false); return UI_STAY;
		case REQ_UP: move_up(l); return UI_STAY;
		case REQ_DOWN: move_down(l); return UI_STAY;
		case REQ_PGUP: page_up(l); return UI_STAY;
		case REQ_PGDN: page_down(l); return UI_STAY;
		default: search_typed(l, req, ch); return UI_STAY;
		}
	}
	/* Letters are commands here, but a Chinese character can only mean
	 * "find this": start the search with it, as a picker user expects. */
	if (req == REQ_NONE && ch >= 0x80) {
		start_search(l);
		search_typed(l, REQ_NONE, ch);
		return UI_STAY;
	}
	lrow *r = l->nrows ? &l->rows[l->cur] : NULL;
	switch (req) {
	case REQ_UP: move_up(l); break;
	case REQ_DOWN: move_down(l); break;
	case REQ_PGUP: page_up(l); break;
	case REQ_PGDN: page_down(l); break;
	case REQ_HOME: list_go_home(l); break;
	case REQ_END: go_end(l); break;
	case REQ_REFRESH: list_reload(l); ui_status(app, "%s", _("Refreshed")); break;
	case REQ_SEARCH: start_search(l); break;
	case REQ_SORT: list_choose_sort(l); break;
	case REQ_FILTER: list_choose_filter(l); break;
	case REQ_EXPORT: list_export(l); break;
	case REQ_DELETE: list_delete_current(l); break;
	case REQ_HISTORY: list_history_by_id(l); break;
	case REQ_NEW:
		if (l->k->system) {
			ui_error(app, _("%s records are made by liangze's rules, not by hand"), l->k->zh);
			break;
		}
		if (app->s.role == ROLE_VIEWER) {
			/* The core says why; an empty form that cannot be saved helps nobody. */
			record *nr = record_new(l->k);
			lz_err e;
			if (nr && record_check_write(&app->s, NULL, nr, &e))
				ui_error(app, "%s", e.msg);
			record_free(nr);
			break;
		}
		ui_push(app, form_open(app, l->k, 0, true, NULL, NULL));
		break;
	case REQ_EDIT:
		if (r)
			ui_push(app, form_open(app, l->k, r->id, true, NULL, NULL));
		break;
	case REQ_ENTER:
		if (!r)
			break;
		if (l->pick) {
			char shown[256];
			record_display(&app->s, l->k, r->id, shown, sizeof shown);
			l->pick(l->pick_arg, r->id, shown);
			return UI_CLOSE;
		}
		{
			/* A kind with a view of its own (the case) opens it instead of the form. */
			ui_view_fn view = ui_view_for_kind(l->k);
			ui_screen *o = view ? view(app, r->id) : form_open(app, l->k, r->id, false, NULL, NULL);
			if (o)
				ui_push(app, o);
		}
		break;
	case REQ_BACK: return UI_CLOSE;
	default: break;
	}
	return UI_STAY;
}

static void list_resume(ui_screen *sc)
{
	list_reload((list *)sc);
}

static void list_free(ui_screen *sc)
{
	list *l = (list *)sc;
	clear_rows(l);
	free(l->rows);
	le_free(&l->search_le);
	free(l);
}

ui_screen *list_open(ui_app *app, const kind *k, const query_filter *filter, ui_pick_fn pick, void *pick_arg)
{
	list *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->sc.ops = pick ? &pick_ops : &list_ops;
	l->sc.app = app;
	l->k = k;
	l->pick = pick;
	l->pick_arg = pick_arg;
	if (filter) {
		l->f = *filter;
		l->f.search = NULL;
		l->f.year = NULL;
		l->f.order = NULL;
		l->f.state = NULL;
		l->f.after = false;
		if (filter->year)
			snprintf(l->year, sizeof l->year, "%s", filter->year), l->f.year = l->year;
		if (filter->state)
			snprintf(l->state, sizeof l->state, "%s", filter->state), l->f.state = l->state;
		/* due and cond are values and static conditions: kept as given. */
		l->f.category = NULL;
		if (filter->category)
			snprintf(l->category, sizeof l->category, "%s", filter->category), l->f.category = l->category;
		if (filter->unit)
			record_display(&app->s, kind_find("unit"), filter->unit, l->unit_name, sizeof l->unit_name);
	}
	le_init(&l->search_le, "");
	listmark_init(&l->mark, app, k);
	for (int i = 0; i < k->nfields && l->ncol < 64; i++)
		if (!(k->fields[i].flags & KF_HIDDEN))
			l->col[l->ncol++] = i;
	l->height = LINES - 5 - task_line(l) > 1 ? LINES - 5 - task_line(l) : 1;
	set_title(l);
	count_rows(l);
	list_go_home(l);
	return &l->sc;
}
