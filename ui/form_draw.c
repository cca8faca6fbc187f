/* form_draw.c — how a form is laid out: labels in a column as wide as the
 * widest, required fields marked, the focused field's help and hint below,
 * scrolled to keep the focus in view at any terminal size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_priv.h"
#include "i18n.h"
#include "text.h"

/* --- drawing ------------------------------------------------------------------ */

/* What to type or press in field f, for the line under the fields. */
static void hint(const form *fm, const kind_field *f, char *out, size_t n)
{
	/* Examples from today's date, cut to the field's precision. */
	char ex[16];
	const char *today = fm->sc.app->s.today[0] ? fm->sc.app->s.today : "2026-11-27";
	out[0] = '\0';
	if (!fm->edit) {
		if (f->type == KF_REF && fm->ff[fm->cur].ref)
			snprintf(out, n, "%s", _("Enter: open this record"));
		return;
	}
	switch (f->type) {
	case KF_ENUM:
		snprintf(out, n, "%s", _("Enter or F4: choose"));
		break;
	case KF_REF:
		snprintf(out, n, "%s", _("Enter or F4: choose; Ctrl-U: clear"));
		break;
	case KF_BOOL:
		snprintf(out, n, "%s", _("Space: yes/no"));
		break;
	case KF_DATE:
	case KF_PERIOD:
	case KF_YEAR:
		snprintf(ex, sizeof ex, "%.*s", f->type == KF_DATE ? 10 : f->type == KF_PERIOD ? 7 : 4, today);
		/* TRANSLATORS: %s is an example value such as 2026-11-27. */
		snprintf(out, n, _("e.g. %s"), ex);
		break;
	case KF_INT:
		snprintf(out, n, "%s", _("a whole number"));
		break;
	case KF_DEC:
		snprintf(out, n, "%s", _("a number with at most two decimal places, e.g. 12.50"));
		break;
	case KF_MULTI: {
		size_t used = (size_t)snprintf(out, n, "%s", _("several values, separated by ;"));
		for (int i = 0; f->choices && f->choices[i] && used < n; i++)
			used += (size_t)snprintf(out + used, n - used, "%s%s", i ? "; " : ": ", f->choices[i]);
		break;
	}
	case KF_TEXT:
		break;
	}
}

/* The value of field i as it reads on screen (not for typed fields in edit mode). */
static const char *shown_value(const form *fm, int i)
{
	const kind_field *f = &fm->k->fields[i];
	const char *v = le_text(&fm->ff[i].le);
	switch (f->type) {
	case KF_REF:
		return fm->ff[i].shown;
	case KF_BOOL:
		/* Data, as the ledgers and the importer write it in any language. */
		return strcmp(v, "1") == 0 ? "是" : *v ? "否" : "";
	default:
		return v;
	}
}

static int label_width(const form *fm)
{
	int w = 1;
	for (int i = 0; i < fm->k->nfields; i++) {
		int lw = text_width(kind_field_title(&fm->k->fields[i])); /* what is drawn */
		if (lw > w)
			w = lw;
	}
	/* Long English labels give way to the values on narrow terminals. */
	if (w > COLS / 3)
		w = COLS / 3 > 1 ? COLS / 3 : 1;
	return w;
}

static void draw_info(form *fm, int y, int lines)
{
	ui_app *app = fm->sc.app;
	const kind_field *f = cur_f(fm);
	char h[1024], pos[32] = "";
	const char *help = f->help ? _(f->help) : "";
	hint(fm, f, h, sizeof h);
	if (fm->rows < fm->k->nfields)
		snprintf(pos, sizeof pos, " %d/%d", fm->cur + 1, fm->k->nfields);
	int pw = text_width(pos);
	int room = COLS - 2 - pw;
	if (lines >= 2) {
		ui_put(y, 1, room, help, ui_attr(app, UI_DIM));
		ui_put(y + 1, 1, COLS - 2, h, A_NORMAL);
	} else {
		char both[2048];
		snprintf(both, sizeof both, "%s%s%s", help, *help && *h ? "  " : "", h);
		ui_put(y, 1, room, both, A_NORMAL);
	}
	if (pw && room > 0)
		ui_put(y, COLS - 1 - pw, pw, pos, ui_attr(app, UI_DIM));
}

void form_draw(ui_screen *sc, int top, int height)
{
	form *fm = (form *)sc;
	ui_app *app = sc->app;
	int n = fm->k->nfields;
	if (fm->failed) {
		ui_put(top + (height > 1), 1, COLS - 2, fm->failure, ui_attr(app, UI_ERROR));
		return;
	}
	if (n == 0)
		return;
	/* A blank line, the fields, a blank line, two lines of help; on short
	 * terminals the blank lines go first, then a line of help. */
	int info = height >= 8 ? 2 : height >= 4 ? 1 : 0;
	int gap = height >= 10 ? 1 : 0;
	int margin = height >= 12 ? 1 : 0;
	int rows = height - info - gap - margin;
	if (rows < 1)
		rows = 1;
	fm->rows = rows;
	if (fm->cur < fm->top)
		fm->top = fm->cur;
	if (fm->cur >= fm->top + rows)
		fm->top = fm->cur - rows + 1;
	if (fm->top > n - rows)
		fm->top = n - rows > 0 ? n - rows : 0;

	int lw = label_width(fm);
	/* ">label *value": marker, label, a space (a widest label must not run
	 * into its star), '*', space. */
	int bx = 1 + lw + 3;
	int bw = COLS - bx - 1;
	if (bw > 60)
		bw = 60;
	attr_t field = ui_attr(app, UI_FIELD), sel = ui_attr(app, UI_SELECTED);
	int cy = -1;                         /* where the focused editor goes, drawn last */

	for (int r = 0; r < rows && fm->top + r < n; r++) {
		int i = fm->top + r, y = top + margin + r;
		const kind_field *f = &fm->k->fields[i];
		bool foc = i == fm->cur;
		ui_put(y, 0, 1, foc ? ">" : " ", ui_attr(app, UI_TITLE));
		ui_put_pad(y, 1, lw, kind_field_title(f), foc ? ui_attr(app, UI_TITLE) : A_NORMAL);
		if (f->flags & KF_REQUIRED)
			ui_put(y, 2 + lw, 1, "*", ui_attr(app, UI_WARN));
		if (bw <= 0)
			continue;
		if (!fm->edit)
			ui_put_pad(y, bx, bw, shown_value(fm, i), foc ? sel : A_NORMAL);
		else if (!is_typed(f))
			ui_put_pad(y, bx, bw, shown_value(fm, i), foc ? sel : field);
		else if (foc)
			cy = y;
		else
			ui_put_pad(y, bx, bw, le_text(&fm->ff[i].le), field);
	}
	/* The help goes right under the fields, where the eye already is. */
	if (info) {
		int shown = n - fm->top < rows ? n - fm->top : rows;
		draw_info(fm, top + margin + shown + gap, info);
	}
	/* Last, so the terminal cursor stays in the field being typed into. */
	if (cy >= 0) {
		lineedit *le = &cur_ff(fm)->le;
		/* After a narrow spell (a resize) show as much of the text as
		 * now fits, not the scroll the narrow box needed. */
		int spare = text_width(le_text(le)) - (bw - 1);
		if (le->scroll > spare)
			le->scroll = spare > 0 ? spare : 0;
		le_draw(le, cy, bx, bw, field, true);
	}
}

