/* mechanism.c — one of the plan's six work mechanisms: its tasks from the
 * catalog, and for the selected task the plan's full words, its lead and
 * co-units, and the record kinds that serve it, whose ledgers Enter opens.
 * ← and → step to the neighbouring mechanism. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "i18n.h"
#include "issue.h"
#include "text.h"
#include "ui.h"

#define MECH_KINDS 8

typedef struct mech_task {
	int num;
	int mechanism;
	char *title, *body, *lead, *co;
} mech_task;

typedef struct mech_screen {
	ui_screen sc;
	mech_task tasks[CATALOG_TASKS];   /* the whole catalog, read once */
	int ntasks;
	char ch[CATALOG_MECHANISMS][8];
	char title[CATALOG_MECHANISMS][128];
	int mechanism;
	int first, count;   /* this mechanism's tasks: tasks[first .. first+count) */
	int sel;            /* within them */
	int list_top;
	int detail_top;
	int detail_max;     /* the last detail_top that still shows something new */
	int detail_page;    /* rows of text the last drawing had room for */
	/* The kinds of the selected task when a choice is open; the names stay
	 * alive while the choice screen shows them. */
	const kind *kinds[MECH_KINDS];
	const char *names[MECH_KINDS + 1];
	char name_buf[MECH_KINDS][160];
	int pending;        /* the kind chosen, opened when this screen is back on top; -1: none */
} mech_screen;

static const ui_key mech_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), '?' }, "F1 ?", N_("Help"), true },
	{ REQ_ENTER, { '\r', '\n', UI_K(KEY_ENTER) }, "Enter", N_("Open the ledger"), true },
	/* 明 only: the year's letters and commitments in one go (tasks 1-2). */
	{ REQ_NEW, { UI_K(KEY_F(9)), 'i' }, "F9 i", N_("Batch issue"), true },
	/* 述 only: who of the discipline secretaries reports at a meeting (task 20). */
	{ REQ_PICK, { UI_K(KEY_F(8)), 'd' }, "F8 d", N_("Secretaries' draw"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k' }, "↑ k", N_("Previous task"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j' }, "↓ j", N_("Next task"), false },
	{ REQ_LEFT, { UI_K(KEY_LEFT), 'h' }, "← h", N_("Previous mechanism"), false },
	{ REQ_RIGHT, { UI_K(KEY_RIGHT), 'l' }, "→ l", N_("Next mechanism"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE), 'b' }, "PgUp b", N_("Scroll the task's text up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ' }, "PgDn Space", N_("Scroll the task's text down"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g' }, "Home g", N_("First task"), false },
	{ REQ_END, { UI_K(KEY_END), 'G' }, "End G", N_("Last task"), false },
	{ REQ_BACK, { UI_K(KEY_F(10)), 'q', UI_ESC }, "F10 q Esc", N_("Back"), true },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

/* ---- wrapping by display column ------------------------------------------ */

typedef struct wline {
	const char *s;
	size_t n;
} wline;

static uint32_t cp_at(const char *s)
{
	uint32_t cp;
	return text_decode(s, strlen(s), &cp) > 0 ? cp : 0;
}

/* Punctuation that must not begin a line, and that must not end one (Chinese
 * typesetting's 避头尾). The plan writes , ( ) ; in ASCII. */
static bool no_line_start(uint32_t c)
{
	return (c < 0x80 && strchr(",.;:!?)]", (int)c) && c) || c == 0xFF0C || c == 0x3002 || c == 0x3001 ||
	       c == 0xFF1B || c == 0xFF1A || c == 0xFF01 || c == 0xFF1F || c == 0xFF09 || c == 0x300B ||
	       c == 0x300D || c == 0x300F || c == 0x3011 || c == 0x3015 || c == 0x201D || c == 0x2019 ||
	       c == 0x2026;
}

static bool no_line_end(uint32_t c)
{
	return c == '(' || c == '[' || c == 0xFF08 || c == 0x300A || c == 0x300C || c == 0x300E || c == 0x3010 ||
	       c == 0x3014 || c == 0x201C || c == 0x2018;
}

/* The byte offset of the character before offset n of s (n > 0). */
static size_t prev_char(const char *s, size_t n)
{
	do
		n--;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80);
	return n;
}

/* Bytes of p that go on a line of width columns: as many as fit, moved back
 * to a space inside a Latin word, and back by one character rather than
 * start a line with a closing mark or end one with an opening mark. */
static size_t wrap_take(const char *p, int width)
{
	size_t nl = strcspn(p, "\n");
	size_t n = text_fit(p, width, NULL);
	if (n > nl)
		n = nl;
	if (n == 0 && nl > 0) {
		/* One character wider than the line: it goes alone (ui_put cuts it). */
		int k = text_decode(p, strlen(p), &(uint32_t){ 0 });
		return k > 0 ? (size_t)k : 1;
	}
	if (n >= nl)
		return n;
	if (p[n] != ' ' && (unsigned char)p[n] < 0x80 && n > 0 && p[n - 1] != ' ' && (unsigned char)p[n - 1] < 0x80) {
		size_t sp = n;
		while (sp > 0 && p[sp - 1] != ' ' && (unsigned char)p[sp - 1] < 0x80)
			sp--;
		if (sp > 0)
			return sp;
	}
	size_t before = prev_char(p, n);
	if (before > 0 && (no_line_start(cp_at(p + n)) || no_line_end(cp_at(p + before))))
		return before;
	return n;
}

/* Splits text into at most max lines of at most width columns; returns the
 * number of lines (each a slice of text). */
static int wrap(const char *text, int width, wline *out, int max)
{
	int n = 0;
	const char *p = text;
	if (width < 1)
		return 0;
	while (*p && n < max) {
		size_t k = wrap_take(p, width);
		out[n++] = (wline){ p, k };
		p += k;
		if (*p == '\n')
			p++;
		else
			while (*p == ' ')
				p++;
	}
	return n;
}

/* ---- the catalog ------------------------------------------------------------ */

static char *dup_col(sqlite3_stmt *q, int col)
{
	const char *s = (const char *)sqlite3_column_text(q, col);
	return strdup(s ? s : "");
}

static void load(mech_screen *ms)
{
	sqlite3_stmt *q;
	lz_err err;
	for (int i = 0; i < CATALOG_MECHANISMS; i++)
		snprintf(ms->ch[i], sizeof ms->ch[i], "?");
	if (db_prepare(&ms->sc.app->s.db,
		       "SELECT num, mechanism, mechanism_title, title, body, lead_text, co_text"
		       " FROM catalog_task ORDER BY num", &q, &err)) {
		ui_error(ms->sc.app, "%s", err.msg);
		return;
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && ms->ntasks < CATALOG_TASKS) {
		int num = sqlite3_column_int(q, 0);
		int m = catalog_mechanism_of(num);
		if (m < 0)
			continue;
		const char *ch = (const char *)sqlite3_column_text(q, 1);
		const char *mt = (const char *)sqlite3_column_text(q, 2);
		snprintf(ms->ch[m], sizeof ms->ch[m], "%s", ch ? ch : "?");
		snprintf(ms->title[m], sizeof ms->title[m], "%s", mt ? mt : "");
		mech_task *t = &ms->tasks[ms->ntasks];
		t->num = num;
		t->mechanism = m;
		t->title = dup_col(q, 3);
		t->body = dup_col(q, 4);
		t->lead = dup_col(q, 5);
		t->co = dup_col(q, 6);
		if (!t->title || !t->body || !t->lead || !t->co) {
			free(t->title);
			free(t->body);
			free(t->lead);
			free(t->co);
			ui_error(ms->sc.app, "%s", _("out of memory"));
			break;
		}
		ms->ntasks++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ui_error(ms->sc.app, "%s", sqlite3_errmsg(ms->sc.app->s.db.h));
	sqlite3_finalize(q);
}

static void select_mechanism(mech_screen *ms, int m)
{
	ms->mechanism = m;
	ms->first = ms->count = 0;
	for (int i = 0; i < ms->ntasks; i++)
		if (ms->tasks[i].mechanism == m) {
			if (!ms->count)
				ms->first = i;
			ms->count++;
		}
	ms->sel = ms->list_top = ms->detail_top = 0;
	snprintf(ms->sc.title, sizeof ms->sc.title, "%s  %s", ms->ch[m], ms->title[m]);
}

static const mech_task *selected(mech_screen *ms)
{
	return ms->count ? &ms->tasks[ms->first + ms->sel] : NULL;
}

/* ---- drawing ---------------------------------------------------------------- */

/* One paragraph of the detail; the first bold bytes of it are its label. */
typedef struct para {
	char *text;
	size_t bold;
	attr_t attr;
} para;

#define MECH_PARAS 6

static int detail_paras(mech_screen *ms, const mech_task *t, para *p)
{
	int n = 0;
	const kind *k[MECH_KINDS];
	int nk = kind_serving_task(t->num, k, MECH_KINDS);
	char *s;
	if (asprintf(&s, "%d. %s", t->num, t->body) >= 0)
		p[n++] = (para){ s, 0, A_NORMAL };
	if (asprintf(&s, "%s: %s", _("Lead units"), t->lead) >= 0)
		p[n++] = (para){ s, strlen(_("Lead units")) + 1, A_NORMAL };
	if (asprintf(&s, "%s: %s", _("Co-units"), t->co) >= 0)
		p[n++] = (para){ s, strlen(_("Co-units")) + 1, A_NORMAL };
	if (nk == 0) {
		if (asprintf(&s, "%s", _("No record kind serves this task yet.")) >= 0)
			p[n++] = (para){ s, 0, ui_attr(ms->sc.app, UI_DIM) };
		return n;
	}
	char names[512] = "";
	for (int i = 0; i < nk; i++) {
		size_t len = strlen(names);
		char kt[160];
		kind_task_title(k[i], t->num, kt, sizeof kt);
		snprintf(names + len, sizeof names - len, "%s%s", i ? " / " : "", kt);
	}
	const char *label = _("Record kinds serving this task");
	if (asprintf(&s, "%s: %s", label, names) >= 0)
		p[n++] = (para){ s, strlen(label) + 1, A_NORMAL };
	if (asprintf(&s, "%s", nk == 1 ? _("Enter opens its ledger.") : _("Enter asks which ledger to open.")) >= 0)
		p[n++] = (para){ s, 0, ui_attr(ms->sc.app, UI_DIM) };
	return n;
}

/* The tabs 明 询 查 考 述 评, the current one marked. */
static void draw_tabs(mech_screen *ms, int y)
{
	int x = 1;
	for (int m = 0; m < CATALOG_MECHANISMS && x < COLS; m++) {
		char tab[16];
		snprintf(tab, sizeof tab, " %s ", ms->ch[m]);
		attr_t a = m == ms->mechanism ? ui_attr(ms->sc.app, UI_SELECTED) | A_BOLD : ui_attr(ms->sc.app, UI_DIM);
		x += ui_put(y, x, COLS - x, tab, a) + 1;
	}
	char hint[256];
	snprintf(hint, sizeof hint, "%s", _("* has a ledger   ← → other mechanisms"));
	int hw = text_width(hint);
	if (x + 2 + hw < COLS)
		ui_put(y, COLS - hw - 1, hw, hint, ui_attr(ms->sc.app, UI_DIM));
}

static void draw_detail(mech_screen *ms, const mech_task *t, int top, int height)
{
	int x = 2, width = COLS - 4;
	if (width < 4) {
		x = 0;
		width = COLS;
	}
	para p[MECH_PARAS];
	int np = detail_paras(ms, t, p);
	/* Lay out every line once, so the scroll can be bounded. */
	enum { MAXL = 600 };
	wline *lines = malloc(MAXL * sizeof *lines);
	int *of = malloc(MAXL * sizeof *of);
	int n = 0;
	if (lines && of) {
		for (int i = 0; i < np && n < MAXL; i++) {
			/* A blank line after the plan's words and before the kinds. */
			if ((i == 1 || i == 3) && n < MAXL) {
				lines[n] = (wline){ "", 0 };
				of[n++] = -1;
			}
			int k = wrap(p[i].text, width, lines + n, MAXL - n);
			for (int j = 0; j < k; j++)
				of[n + j] = i;
			n += k;
		}
	}
	/* When it does not all fit, the last row says so instead of a line of text. */
	int text_h = n > height && height > 1 ? height - 1 : height;
	ms->detail_max = n > text_h ? n - text_h : 0;
	/* A line of overlap keeps the reader's place, when there are lines to spare. */
	ms->detail_page = text_h > 3 ? text_h - 1 : text_h > 0 ? text_h : 1;
	if (ms->detail_top > ms->detail_max)
		ms->detail_top = ms->detail_max;
	for (int r = 0; r < text_h && ms->detail_top + r < n; r++) {
		int li = ms->detail_top + r;
		if (of[li] < 0)
			continue;
		const para *pp = &p[of[li]];
		char buf[2048];
		size_t len = lines[li].n < sizeof buf - 1 ? lines[li].n : sizeof buf - 1;
		memcpy(buf, lines[li].s, len);
		buf[len] = '\0';
		int y = top + r;
		size_t off = (size_t)(lines[li].s - pp->text);
		if (off < pp->bold) {
			/* The label part of the paragraph's first line is bold. */
			size_t b = pp->bold - off < len ? pp->bold - off : len;
			char c = buf[b];
			buf[b] = '\0';
			int w = ui_put(y, x, width, buf, ui_attr(ms->sc.app, UI_TITLE));
			buf[b] = c;
			ui_put(y, x + w, width - w, buf + b, pp->attr);
		} else {
			ui_put(y, x, width, buf, pp->attr);
		}
	}
	if (text_h < height) {
		char more[256];
		snprintf(more, sizeof more, ms->detail_top < ms->detail_max ? _("(more: PgDn; lines %d–%d of %d)")
									     : _("(end; PgUp goes back; lines %d–%d of %d)"),
			 ms->detail_top + 1, ms->detail_top + text_h, n);
		ui_put(top + height - 1, x, width, more, ui_attr(ms->sc.app, UI_DIM));
	}
	free(lines);
	free(of);
	for (int i = 0; i < np; i++)
		free(p[i].text);
}

static void mech_draw(ui_screen *sc, int top, int height)
{
	mech_screen *ms = (mech_screen *)sc;
	ui_app *app = sc->app;
	int y = top, bottom = top + height;
	if (height >= 6) {
		draw_tabs(ms, y++);
		if (height >= 12)
			y++;
	}
	if (!ms->count) {
		ui_put(y, 1, COLS - 2, _("The plan's catalog has no tasks for this mechanism."), ui_attr(app, UI_ERROR));
		return;
	}
	/* The task list takes what it needs, but leaves the detail at least
	 * half of what is left. */
	int avail = bottom - y;
	int list_h = ms->count;
	if (list_h > (avail + 1) / 2)
		list_h = (avail + 1) / 2;
	if (list_h < 1)
		list_h = 1;
	if (ms->sel < ms->list_top)
		ms->list_top = ms->sel;
	if (ms->sel >= ms->list_top + list_h)
		ms->list_top = ms->sel - list_h + 1;
	for (int r = 0; r < list_h && ms->list_top + r < ms->count && y < bottom; r++, y++) {
		int i = ms->list_top + r;
		const mech_task *t = &ms->tasks[ms->first + i];
		const kind *k[1];
		bool served = kind_serving_task(t->num, k, 1) > 0;
		attr_t a = i == ms->sel ? ui_attr(app, UI_SELECTED) : A_NORMAL;
		char line[CATALOG_TITLE_MAX + 16];
		snprintf(line, sizeof line, "%2d. %s", t->num, t->title);
		ui_fill(y, 1, COLS - 2, a);
		/* A mark for tasks that have a ledger to open. */
		ui_put(y, 1, 2, served ? "*" : " ", a | A_BOLD);
		ui_put(y, 3, COLS - 4, line, a);
	}
	if (y < bottom && bottom - y >= 3)
		y++;
	if (y < bottom)
		draw_detail(ms, selected(ms), y, bottom - y);
}

/* ---- keys ------------------------------------------------------------------- */

/* The ledger of kind k; only the records that serve the task when only some do. */
static void open_kind(mech_screen *ms, const kind *k, int task)
{
	query_filter f = { 0 };
	f.task = kind_task_condition(k, task) ? task : 0;
	ui_screen *next = list_open(ms->sc.app, k, f.task ? &f : NULL, NULL, NULL);
	if (next)
		ui_push(ms->sc.app, next);
}

/* Only notes the choice: the choice screen is still on top while it calls
 * this, and the ledger must open above this screen, not above the choice. */
static void on_choice(void *arg, int index)
{
	mech_screen *ms = arg;
	ms->pending = index;
}

static void mech_resume(ui_screen *sc)
{
	mech_screen *ms = (mech_screen *)sc;
	int i = ms->pending;
	ms->pending = -1;
	if (i >= 0 && i < MECH_KINDS && ms->kinds[i])
		open_kind(ms, ms->kinds[i], selected(ms) ? selected(ms)->num : 0);
}

static void mech_enter(mech_screen *ms)
{
	const mech_task *t = selected(ms);
	if (!t)
		return;
	memset(ms->kinds, 0, sizeof ms->kinds);
	int nk = kind_serving_task(t->num, ms->kinds, MECH_KINDS);
	if (nk == 0) {
		ui_status(ms->sc.app, "%s", _("No record kind serves this task yet."));
		return;
	}
	if (nk == 1) {
		open_kind(ms, ms->kinds[0], t->num);
		return;
	}
	for (int i = 0; i < nk; i++) {
		kind_task_title(ms->kinds[i], t->num, ms->name_buf[i], sizeof ms->name_buf[i]);
		ms->names[i] = ms->name_buf[i];
	}
	ms->names[nk] = NULL;
	ui_screen *c = choice_open(ms->sc.app, _("Open which ledger?"), ms->names, 0, on_choice, ms);
	if (c)
		ui_push(ms->sc.app, c);
}

/* Batch issuance for the current year, asked first; the counts go to the
 * status line. Viewers get the core's refusal without being asked. */
static void mech_issue(mech_screen *ms)
{
	ui_app *app = ms->sc.app;
	if (ms->mechanism != 0) {
		ui_status(app, "%s", _("Batch issuance belongs to 明 (tasks 1-2): ← or → goes there"));
		return;
	}
	int year = atoi(app->s.today);
	issue_counts n;
	lz_err e;
	char q[512];
	snprintf(q, sizeof q, _("Issue %d's letters and commitments now? Existing ones are skipped."), year);
	if (app->s.role != ROLE_VIEWER && !ui_confirm(app, q))
		return;
	ui_status(app, "%s", _("Issuing…"));
	ui_redraw(app);
	if (issue_year(&app->s, year, &n, &e)) {
		ui_error(app, "%s", e.msg);
		return;
	}
	int existing = 0, outside = 0;
	for (int i = 0; i < ISSUE_WHATS; i++) {
		existing += n.existing[i];
		outside += n.out_of_scope[i];
	}
	char more[128] = "";
	if (outside)
		snprintf(more, sizeof more, _("; %d outside your scope"), outside);
	ui_status(app, _("%d: made %d %s, %d %s, %d %s; %d already there%s"), year, n.made[ISSUE_BRIEFING],
		  issue_what_name(ISSUE_BRIEFING), n.made[ISSUE_NOTICE], issue_what_name(ISSUE_NOTICE),
		  n.made[ISSUE_COMMITMENT], issue_what_name(ISSUE_COMMITMENT), existing, more);
}

/* The secretaries' draw of 述, opened above this screen. */
static void mech_duty_draw(mech_screen *ms)
{
	if (ms->mechanism != catalog_mechanism_of(20)) {
		ui_status(ms->sc.app, "%s", _("The secretaries' draw belongs to 述 (task 20): ← or → goes there"));
		return;
	}
	ui_screen *next = duty_draw_open(ms->sc.app);
	if (next)
		ui_push(ms->sc.app, next);
}

static ui_result mech_key(ui_screen *sc, ui_req req, wint_t ch)
{
	mech_screen *ms = (mech_screen *)sc;
	int page = ms->detail_page > 0 ? ms->detail_page : 1;
	int before = ms->sel;
	(void)ch;
	switch (req) {
	case REQ_BACK:
		return UI_CLOSE;
	case REQ_UP:
		if (ms->sel > 0)
			ms->sel--;
		break;
	case REQ_DOWN:
		if (ms->sel < ms->count - 1)
			ms->sel++;
		break;
	case REQ_HOME:
		ms->sel = 0;
		break;
	case REQ_END:
		ms->sel = ms->count > 0 ? ms->count - 1 : 0;
		break;
	case REQ_LEFT:
		select_mechanism(ms, (ms->mechanism + CATALOG_MECHANISMS - 1) % CATALOG_MECHANISMS);
		break;
	case REQ_RIGHT:
		select_mechanism(ms, (ms->mechanism + 1) % CATALOG_MECHANISMS);
		break;
	case REQ_PGUP:
		ms->detail_top = ms->detail_top > page ? ms->detail_top - page : 0;
		break;
	case REQ_PGDN:
		/* detail_max and detail_page are from the last drawing, at the current size. */
		ms->detail_top = ms->detail_top + page < ms->detail_max ? ms->detail_top + page : ms->detail_max;
		break;
	case REQ_ENTER:
		mech_enter(ms);
		break;
	case REQ_NEW:
		mech_issue(ms);
		break;
	case REQ_PICK:
		mech_duty_draw(ms);
		break;
	default:
		break;
	}
	if (ms->sel != before)
		ms->detail_top = 0;
	return UI_STAY;
}

static void mech_free(ui_screen *sc)
{
	mech_screen *ms = (mech_screen *)sc;
	for (int i = 0; i < ms->ntasks; i++) {
		free(ms->tasks[i].title);
		free(ms->tasks[i].body);
		free(ms->tasks[i].lead);
		free(ms->tasks[i].co);
	}
	free(ms);
}

static const ui_screen_ops mech_ops = { "mechanism", mech_keys, mech_draw, mech_key, mech_free, mech_resume };

ui_screen *mechanism_open(ui_app *app, int mechanism)
{
	mech_screen *ms = calloc(1, sizeof *ms);
	if (!ms)
		return NULL;
	ms->sc.ops = &mech_ops;
	ms->sc.app = app;
	ms->pending = -1;
	load(ms);
	select_mechanism(ms, mechanism >= 0 && mechanism < CATALOG_MECHANISMS ? mechanism : 0);
	return &ms->sc;
}
