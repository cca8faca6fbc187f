/* form.c — one record of any kind, laid out from its descriptor alone: a row
 * per field (label, required mark, value), read-only until the user asks to
 * edit, then a line editor for typed fields and pickers for choices and
 * references. Saving goes through record_save, which checks, validates,
 * audits and runs the rules; its refusals are shown and nothing typed is lost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "form_priv.h"
#include "lineedit.h"
#include "record.h"
#include "text.h"
#include "ui.h"

/* Read-only: letters are free to be alternatives. */
static const ui_key view_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), UI_CTRL('g'), '?' }, "F1 Ctrl-G ?", N_("Help"), true },
	{ REQ_EDIT, { UI_K(KEY_F(4)), 'e' }, "F4 e", N_("Edit"), true },
	{ REQ_HISTORY, { UI_K(KEY_F(11)), 'h' }, "F11 h", N_("History"), true },
	{ REQ_BACK, { UI_K(KEY_F(10)), UI_ESC, 'q' }, "F10 Esc q", N_("Back"), true },
	{ REQ_UP, { UI_K(KEY_UP), 'k', UI_K(KEY_BTAB) }, "↑ k Shift-Tab", N_("Previous field"), false },
	{ REQ_DOWN, { UI_K(KEY_DOWN), 'j', '\t' }, "↓ j Tab", N_("Next field"), false },
	{ REQ_HOME, { UI_K(KEY_HOME), 'g' }, "Home g", N_("First field"), false },
	{ REQ_END, { UI_K(KEY_END), 'G' }, "End G", N_("Last field"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE) }, "PgUp", N_("Page up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE), ' ' }, "PgDn Space", N_("Page down"), false },
	{ REQ_ENTER, { '\r', '\n', UI_K(KEY_ENTER) }, "Enter", N_("Open the record a reference names"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

/* Editing: letters are text, so every function key has a Ctrl alternative. */
static const ui_key edit_own_keys[] = {
	{ REQ_HELP, { UI_K(KEY_F(1)), UI_CTRL('g') }, "F1 Ctrl-G", N_("Help"), true },
	{ REQ_SAVE, { UI_K(KEY_F(2)), UI_CTRL('s') }, "F2 Ctrl-S", N_("Save"), true },
	{ REQ_PICK, { UI_K(KEY_F(4)), UI_CTRL('p') }, "F4 Ctrl-P", N_("Choose"), true },
	{ REQ_BACK, { UI_K(KEY_F(10)), UI_ESC }, "F10 Esc", N_("Back"), true },
	{ REQ_NEXT_FIELD, { '\t', UI_K(KEY_DOWN) }, "Tab ↓", N_("Next field"), false },
	{ REQ_PREV_FIELD, { UI_K(KEY_BTAB), UI_K(KEY_UP) }, "Shift-Tab ↑", N_("Previous field"), false },
	{ REQ_ENTER, { '\r', '\n', UI_K(KEY_ENTER) }, "Enter", N_("Next field; on a choice or reference: choose"), false },
	/* Space is also text: on a typed field it is typed (see form_edit_key). */
	{ REQ_TOGGLE, { ' ' }, "Space", N_("Yes/no on a yes/no field"), false },
	{ REQ_PGUP, { UI_K(KEY_PPAGE) }, "PgUp", N_("A page of fields up"), false },
	{ REQ_PGDN, { UI_K(KEY_NPAGE) }, "PgDn", N_("A page of fields down"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

static ui_result form_key(ui_screen *sc, ui_req req, wint_t ch);
static void form_free(ui_screen *sc);

/* The edit mode's ops differ only in keys (see edit_keys_init). */
static const ui_screen_ops view_ops = { "form", view_keys, form_draw, form_key, form_free, NULL };

/* --- values ------------------------------------------------------------------- */

static void set_ref(form *fm, int i, int64_t id, const char *shown)
{
	form_field *x = &fm->ff[i];
	x->ref = id;
	x->shown[0] = '\0';
	if (!id)
		return;
	if (shown && *shown)
		snprintf(x->shown, sizeof x->shown, "%s", shown);
	else
		record_display(&fm->sc.app->s, kind_find(fm->k->fields[i].ref), id, x->shown, sizeof x->shown);
}

static bool changed(const form *fm)
{
	for (int i = 0; i < fm->k->nfields; i++) {
		const form_field *x = &fm->ff[i];
		if (fm->k->fields[i].type == KF_REF ? x->ref != x->ref_init : strcmp(le_text(&x->le), x->init) != 0)
			return true;
	}
	return false;
}

/* Puts every field back as it was when the form opened. */
static void revert(form *fm)
{
	for (int i = 0; i < fm->k->nfields; i++) {
		form_field *x = &fm->ff[i];
		if (fm->k->fields[i].type == KF_REF) {
			if (x->ref != x->ref_init)
				set_ref(fm, i, x->ref_init, NULL);
		} else if (strcmp(le_text(&x->le), x->init) != 0) {
			le_set(&x->le, x->init);
		}
	}
}

/* The record the fields describe, values parsed into canonical form. On a
 * value that does not parse, *bad is its field (else -1) and err says why. */
static lz_status build(form *fm, record **out, int *bad, lz_err *err)
{
	const kind *k = fm->k;
	*out = NULL;
	*bad = -1;
	record *r = record_new(k);
	if (!r)
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	r->id = fm->orig ? fm->orig->id : 0;
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *f = &k->fields[i];
		if (f->type == KF_REF) {
			char id[32];
			snprintf(id, sizeof id, "%lld", (long long)fm->ff[i].ref);
			record_set(r, i, fm->ff[i].ref ? id : NULL);
			continue;
		}
		char *v = NULL;
		lz_status st = kind_parse_value(f, le_text(&fm->ff[i].le), &v, err);
		if (st) {
			record_free(r);
			*bad = i;
			return st;
		}
		record_set(r, i, v);
		free(v);
	}
	*out = r;
	return LZ_OK;
}

/* Whether the session may change this record (a new one: as filled in so
 * far, which for a scoped account starts in its unit, see prefill_scope). */
static lz_status may_write(form *fm, lz_err *err)
{
	session *s = &fm->sc.app->s;
	if (fm->orig)
		return record_check_write(s, fm->orig, fm->orig, err);
	record *r;
	int bad;
	lz_status st = build(fm, &r, &bad, err);
	if (st)
		return st;
	st = record_check_write(s, NULL, r, err);
	record_free(r);
	return st;
}

/* Leaving a typed field: dates, numbers and lists are brought to their
 * canonical form at once (2026/3/5 becomes 2026-03-05), so a mistake shows
 * while the field is still in mind. The move is not refused: F2 checks again. */
static void leave_field(form *fm)
{
	const kind_field *f = cur_f(fm);
	if (!is_typed(f) || f->type == KF_TEXT)
		return;
	lineedit *le = &cur_ff(fm)->le;
	char *v = NULL;
	lz_err err;
	if (kind_parse_value(f, le_text(le), &v, &err)) {
		ui_error(fm->sc.app, "%s: %s", kind_field_title(f), err.msg);
		return;
	}
	if (v && strcmp(v, le_text(le)) != 0)
		le_set(le, v);
	free(v);
}

static void focus(form *fm, int to)
{
	int n = fm->k->nfields;
	if (to >= n)
		to = n - 1;
	if (to < 0)
		to = 0;
	if (fm->edit) {
		/* Step over fields that cannot be typed into, in the direction of the move. */
		int dir = to >= fm->cur ? 1 : -1;
		while (to >= 0 && to < n && !editable(&fm->k->fields[to]))
			to += dir;
		if (to < 0 || to >= n)
			return;
	}
	if (to == fm->cur)
		return;
	if (fm->edit)
		leave_field(fm);
	fm->cur = to;
}

/* Tab, Down, Enter: on the last field there is nowhere to go, but its
 * value is still checked and the way on is named. */
static void next_field(form *fm)
{
	if (fm->cur < fm->k->nfields - 1) {
		focus(fm, fm->cur + 1);
		return;
	}
	leave_field(fm);
	if (!fm->sc.app->status_error)
		ui_status(fm->sc.app, "%s", _("This is the last field: F2 or Ctrl-S saves."));
}

/* --- pickers ------------------------------------------------------------------ */

static void on_choice(void *arg, int index)
{
	form *fm = arg;
	const kind_field *f = &fm->k->fields[fm->picking];
	le_set(&fm->ff[fm->picking].le, f->choices[index]);
}

static void on_ref(void *arg, int64_t id, const char *shown)
{
	form *fm = arg;
	set_ref(fm, fm->picking, id, shown);
}

static void open_picker(form *fm)
{
	ui_app *app = fm->sc.app;
	const kind_field *f = cur_f(fm);
	ui_screen *p = NULL;
	fm->picking = fm->cur;
	if (f->type == KF_ENUM) {
		int at = -1;
		const char *v = le_text(&cur_ff(fm)->le);
		for (int i = 0; f->choices && f->choices[i]; i++)
			if (strcmp(f->choices[i], v) == 0)
				at = i;
		p = choice_open(app, kind_field_title(f), f->choices, at, on_choice, fm);
	} else if (f->type == KF_REF) {
		const kind *rk = kind_find(f->ref);
		if (rk)
			p = list_open(app, rk, NULL, on_ref, fm);
	}
	if (p)
		ui_push(app, p);
}

static void toggle(form *fm)
{
	lineedit *le = &cur_ff(fm)->le;
	le_set(le, strcmp(le_text(le), "1") == 0 ? "0" : "1");
}

/* --- keys --------------------------------------------------------------------- */

/* The header says which record, and whether it is being changed: view and
 * edit look alike otherwise. */
static void set_title(form *fm)
{
	char name[256] = "";
	if (fm->orig)
		record_display(&fm->sc.app->s, fm->k, fm->orig->id, name, sizeof name);
	snprintf(fm->sc.title, sizeof fm->sc.title, "%s — %s%s", kind_title(fm->k), fm->orig ? name : _("new"),
		 fm->edit && fm->orig ? _(" (editing)") : "");
}

static void enter_edit(form *fm)
{
	lz_err err;
	if (may_write(fm, &err)) {
		ui_error(fm->sc.app, "%s", err.msg);
		return;
	}
	fm->edit = true;
	fm->sc.ops = &fm->edit_ops;
	set_title(fm);
	if (!editable(cur_f(fm))) {
		int at = fm->cur;
		focus(fm, at + 1);
		if (fm->cur == at)
			focus(fm, at - 1);
	}
}

static void leave_edit(form *fm)
{
	revert(fm);
	fm->edit = false;
	fm->sc.ops = &view_ops;
	set_title(fm);
}

static ui_result save(form *fm)
{
	ui_app *app = fm->sc.app;
	record *r;
	int bad;
	lz_err err;
	if (build(fm, &r, &bad, &err)) {
		if (bad >= 0) {
			focus(fm, bad);
			ui_error(app, "%s: %s", _(fm->k->fields[bad].label), err.msg);
		} else {
			ui_error(app, "%s", err.msg);
		}
		return UI_STAY;
	}
	if (record_save(&app->s, r, &err)) {
		ui_error(app, "%s", err.msg);
		record_free(r);
		return UI_STAY;
	}
	int64_t id = r->id;
	record_free(r);
	ui_status(app, "%s", _("Saved"));
	if (fm->on_saved)
		fm->on_saved(fm->arg, id);
	return UI_CLOSE;
}

static ui_result form_view_key(form *fm, ui_req req)
{
	int page = fm->rows > 1 ? fm->rows : 1;
	const kind_field *f = cur_f(fm);
	switch (req) {
	case REQ_BACK:
		return UI_CLOSE;
	case REQ_EDIT:
		enter_edit(fm);
		break;
	case REQ_HISTORY:
		if (fm->orig) {
			ui_screen *h = history_open(fm->sc.app, fm->k, fm->orig->id);
			if (h)
				ui_push(fm->sc.app, h);
		}
		break;
	case REQ_UP:
		focus(fm, fm->cur - 1);
		break;
	case REQ_DOWN:
		focus(fm, fm->cur + 1);
		break;
	case REQ_HOME:
		focus(fm, 0);
		break;
	case REQ_END:
		focus(fm, fm->k->nfields - 1);
		break;
	case REQ_PGUP:
		focus(fm, fm->cur - page);
		break;
	case REQ_PGDN:
		focus(fm, fm->cur + page);
		break;
	case REQ_ENTER:
		/* A reference leads to the record it names, read-only. */
		if (f->type == KF_REF && cur_ff(fm)->ref) {
			ui_screen *o = form_open(fm->sc.app, kind_find(f->ref), cur_ff(fm)->ref, false, NULL, NULL);
			if (o)
				ui_push(fm->sc.app, o);
		}
		break;
	default:
		break;
	}
	return UI_STAY;
}

static ui_result form_edit_key(form *fm, ui_req req, wint_t ch)
{
	ui_app *app = fm->sc.app;
	const kind_field *f = cur_f(fm);
	form_field *x = cur_ff(fm);
	int page = fm->rows > 1 ? fm->rows : 1;
	/* Ctrl keys of the line editor, should the table not have caught them. */
	if (req == REQ_NONE && ch && ch < 0x20)
		req = ui_lookup(ui_edit_keys, ch, false);
	switch (req) {
	case REQ_SAVE:
		leave_field(fm);
		return save(fm);
	case REQ_BACK:
		if (changed(fm) && !ui_confirm(app, _("Discard your changes?")))
			return UI_STAY;
		if (fm->opened_edit)
			return UI_CLOSE;
		leave_edit(fm);
		return UI_STAY;
	case REQ_NEXT_FIELD:
		next_field(fm);
		return UI_STAY;
	case REQ_PREV_FIELD:
		focus(fm, fm->cur - 1);
		return UI_STAY;
	case REQ_PGUP:
		focus(fm, fm->cur - page);
		return UI_STAY;
	case REQ_PGDN:
		focus(fm, fm->cur + page);
		return UI_STAY;
	default:
		break;
	}
	if (!editable(f)) {
		if (req == REQ_ENTER)
			next_field(fm);
		else if (req != REQ_NONE || ch)
			ui_status(app, "%s", _("This value is worked out by liangze."));
		return UI_STAY;
	}

	switch (f->type) {
	case KF_ENUM:
	case KF_REF:
		if (req == REQ_ENTER || req == REQ_PICK)
			open_picker(fm);
		else if (req == REQ_CLEAR || req == REQ_DELCHAR || req == REQ_BACKSPACE) {
			if (f->type == KF_REF)
				set_ref(fm, fm->cur, 0, NULL);
			else
				le_set(&x->le, "");
		} else if (req == REQ_NONE && ch)
			ui_status(app, "%s", _("This field is chosen, not typed: press Enter or F4."));
		break;
	case KF_BOOL:
		if (req == REQ_TOGGLE || req == REQ_ENTER || req == REQ_PICK)
			toggle(fm);
		else if (req == REQ_NONE && ch) {
			/* 是/否, y/n, 1/0 typed straight in. */
			char typed[8], *v = NULL;
			lz_err err;
			ui_utf8_encode(ch, typed);
			if (kind_parse_value(f, typed, &v, &err) == LZ_OK && v)
				le_set(&x->le, v);
			else
				ui_status(app, "%s", _("Space: yes/no"));
			free(v);
		}
		break;
	default:
		if (req == REQ_ENTER)
			next_field(fm);
		else if (req == REQ_TOGGLE)
			le_key(&x->le, REQ_NONE, ' ');
		else if (req == REQ_PICK)
			ui_status(app, "%s", _("This field is typed; there is nothing to choose."));
		else
			le_key(&x->le, req, req == REQ_NONE ? ch : 0);
		break;
	}
	return UI_STAY;
}

static ui_result form_key(ui_screen *sc, ui_req req, wint_t ch)
{
	form *fm = (form *)sc;
	if (fm->failed)
		return req == REQ_BACK ? UI_CLOSE : UI_STAY;
	if (fm->k->nfields == 0)
		return req == REQ_BACK ? UI_CLOSE : UI_STAY;
	return fm->edit ? form_edit_key(fm, req, ch) : form_view_key(fm, req);
}

static void form_free(ui_screen *sc)
{
	form *fm = (form *)sc;
	for (int i = 0; fm->ff && i < fm->k->nfields; i++) {
		le_free(&fm->ff[i].le);
		free(fm->ff[i].init);
	}
	free(fm->ff);
	record_free(fm->orig);
	free(fm);
}

/* The app dispatches only the top screen's table, and gives the screen no
 * key code for keys it does not find there; the line editor's arrows,
 * Home, End and Delete therefore have to be in the edit table itself. */
static void edit_keys_init(form *fm)
{
	size_t n = 0;
	for (const ui_key *k = edit_own_keys; k->req != REQ_NONE && n + 1 < FORM_EDIT_KEYS; k++)
		fm->edit_keys[n++] = *k;
	for (const ui_key *k = ui_edit_keys; k->req != REQ_NONE && n + 1 < FORM_EDIT_KEYS; k++)
		fm->edit_keys[n++] = *k;
	memset(&fm->edit_keys[n], 0, sizeof fm->edit_keys[n]);
	fm->edit_ops = view_ops;
	fm->edit_ops.keys = fm->edit_keys;
}

/* A new record in a unit-scoped session starts in the session's unit: the
 * only place it may go, and the usual one. */
static void prefill_scope(form *fm)
{
	session *s = &fm->sc.app->s;
	if (!s->scope_unit || s->role == ROLE_ADMIN)
		return;
	const char *owner = fm->k->owner == KO_FIELD ? fm->k->owner_field : fm->k->owner == KO_SELF ? "parent" : NULL;
	int i = owner ? kind_field_index(fm->k, owner) : -1;
	if (i >= 0 && fm->k->fields[i].type == KF_REF)
		set_ref(fm, i, s->scope_unit, NULL);
}

ui_screen *form_open(ui_app *app, const kind *k, int64_t id, bool edit, void (*on_saved)(void *arg, int64_t id),
		     void *arg)
{
	form *fm = calloc(1, sizeof *fm);
	if (!fm)
		return NULL;
	fm->ff = calloc(k->nfields > 0 ? (size_t)k->nfields : 1, sizeof *fm->ff);
	if (!fm->ff) {
		free(fm);
		return NULL;
	}
	fm->sc.ops = &view_ops;
	fm->sc.app = app;
	fm->k = k;
	fm->on_saved = on_saved;
	fm->arg = arg;
	edit_keys_init(fm);

	lz_err err;
	if (id && record_get(&app->s, k, id, &fm->orig, &err)) {
		fm->failed = true;
		snprintf(fm->failure, sizeof fm->failure, "%s", err.msg);
		ui_error(app, "%s", err.msg);
		snprintf(fm->sc.title, sizeof fm->sc.title, "%s", kind_title(k));
		return &fm->sc;
	}
	/* A new record starts from the defaults the kind fills in itself (a
	 * letter's 草稿, a report counted truthful, a case's first stage …). */
	record *fresh = NULL;
	if (!fm->orig && k->prepare && (fresh = record_new(k)) != NULL) {
		lz_err pe;
		if (k->prepare(&app->s, fresh, &pe) != LZ_OK) {
			record_free(fresh);
			fresh = NULL;
		}
	}
	for (int i = 0; i < k->nfields; i++) {
		const kind_field *f = &k->fields[i];
		const char *v = fm->orig ? fm->orig->v[i] : fresh ? fresh->v[i] : NULL;
		if (f->type == KF_REF) {
			set_ref(fm, i, v ? strtoll(v, NULL, 10) : 0, NULL);
		} else {
			/* A flag left empty is stored as no. */
			le_init(&fm->ff[i].le, !v && f->type == KF_BOOL ? "0" : v);
		}
	}
	record_free(fresh);
	if (!fm->orig)
		prefill_scope(fm);
	for (int i = 0; i < k->nfields; i++) {
		fm->ff[i].ref_init = fm->ff[i].ref;
		fm->ff[i].init = strdup(le_text(&fm->ff[i].le));
		if (!fm->ff[i].init) {
			form_free(&fm->sc);
			return NULL;
		}
	}

	set_title(fm);

	/* A new record is for filling in; it has nothing to show read-only. */
	if (edit || !fm->orig) {
		enter_edit(fm);
		fm->opened_edit = fm->edit;
	}
	return &fm->sc;
}
