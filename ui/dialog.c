/* dialog.c — questions asked on the status line: yes/no, and one line of text. */
#include <string.h>

#include "i18n.h"
#include "keyin.h"
#include "lineedit.h"
#include "ui.h"

const ui_key ui_edit_keys[] = {
	{ REQ_LEFT, { UI_K(KEY_LEFT), UI_CTRL('b') }, "← Ctrl-B", N_("Previous character"), false },
	{ REQ_RIGHT, { UI_K(KEY_RIGHT), UI_CTRL('f') }, "→ Ctrl-F", N_("Next character"), false },
	{ REQ_LINE_START, { UI_K(KEY_HOME), UI_CTRL('a') }, "Home Ctrl-A", N_("Start of the line"), false },
	{ REQ_LINE_END, { UI_K(KEY_END), UI_CTRL('e') }, "End Ctrl-E", N_("End of the line"), false },
	{ REQ_BACKSPACE, { UI_K(KEY_BACKSPACE), 127, UI_CTRL('h') }, "Backspace", N_("Delete the character before the cursor"), false },
	{ REQ_DELCHAR, { UI_K(KEY_DC), UI_CTRL('d') }, "Delete Ctrl-D", N_("Delete the character under the cursor"), false },
	{ REQ_CLEAR, { UI_CTRL('u') }, "Ctrl-U", N_("Clear the field"), false },
	{ REQ_NONE, { 0 }, NULL, NULL, false }
};

/* Reads one key; KEY_RESIZE redraws and reads again. */
static int read_key(ui_app *app, wint_t *ch)
{
	for (;;) {
		int r = keyin_get(ch);
		if (r == KEY_CODE_YES && *ch == KEY_RESIZE) {
			ui_redraw(app);
			return KEY_RESIZE;
		}
		if (r != ERR)
			return r;
	}
}

bool ui_confirm(ui_app *app, const char *question)
{
	for (;;) {
		int y = LINES - 2;
		char text[1024];
		snprintf(text, sizeof text, "%s %s", question, _("(y/n)"));
		ui_put_pad(y, 0, COLS, text, ui_attr(app, UI_WARN) | A_REVERSE);
		refresh();
		wint_t ch;
		int r = read_key(app, &ch);
		if (r == KEY_RESIZE)
			continue;
		if (r == KEY_CODE_YES)
			continue;
		if (ch == 'y' || ch == 'Y' || ch == 0x662F /* 是 */)
			return true;
		if (ch == 'n' || ch == 'N' || ch == UI_ESC || ch == 0x5426 /* 否 */ || ch == UI_CTRL('c'))
			return false;
	}
}

bool ui_prompt(ui_app *app, const char *label, char *buf, size_t bufsz)
{
	lineedit le;
	le_init(&le, buf);
	bool ok = false;
	for (;;) {
		int y = LINES - 2;
		ui_fill(y, 0, COLS, A_NORMAL);
		int lw = ui_put(y, 0, COLS / 2, label, A_BOLD);
		le_draw(&le, y, lw + 1, COLS - lw - 1, ui_attr(app, UI_FIELD), true);
		refresh();
		wint_t ch;
		int r = read_key(app, &ch);
		if (r == KEY_RESIZE)
			continue;
		bool is_key = r == KEY_CODE_YES;
		if ((!is_key && (ch == '\r' || ch == '\n')) || (is_key && ch == KEY_ENTER)) {
			ok = true;
			break;
		}
		if ((!is_key && (ch == UI_ESC || ch == UI_CTRL('c'))) || (is_key && ch == KEY_F(10)))
			break;
		ui_req req = ui_lookup(ui_edit_keys, ch, is_key);
		if (req != REQ_NONE || !is_key)
			le_key(&le, req, req == REQ_NONE ? ch : 0);
	}
	if (ok)
		snprintf(buf, bufsz, "%s", le_text(&le));
	le_free(&le);
	curs_set(0);
	return ok;
}
