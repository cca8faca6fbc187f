/* draw.c — text on the screen by display column: UTF-8 in, wide characters
 * out (ncursesw turns them into the terminal's encoding), cut at a column
 * boundary with an ellipsis, never inside a character. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "ui.h"

int ui_utf8_encode(wint_t ch, char *buf)
{
	uint32_t c = (uint32_t)ch;
	int n;
	if (c < 0x80) {
		buf[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		buf[0] = (char)(0xC0 | (c >> 6));
		buf[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		buf[0] = (char)(0xE0 | (c >> 12));
		buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		buf[0] = (char)(0xF0 | (c >> 18));
		buf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		buf[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		buf[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	buf[n] = '\0';
	return n;
}

void ui_fill(int y, int x, int cols, attr_t attr)
{
	if (cols <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + cols > COLS)
		cols = COLS - x;
	attr_t old = getattrs(stdscr);
	attrset(attr);
	mvhline(y, x, ' ', cols);
	attrset(old);
}

int ui_put(int y, int x, int cols, const char *utf8, attr_t attr)
{
	if (cols <= 0 || y < 0 || y >= LINES || x >= COLS || !utf8)
		return 0;
	if (x + cols > COLS)
		cols = COLS - x;
	size_t n = strlen(utf8);
	char stack[512];
	char *fit = n * 2 + 8 <= sizeof stack ? stack : malloc(n * 2 + 8);
	if (!fit)
		return 0;
	int used = text_truncate(utf8, cols, fit, n * 2 + 8);
	wchar_t wstack[256];
	wchar_t *w = n + 1 <= 256 ? wstack : malloc((n + 1) * sizeof *w);
	int nw = 0;
	if (w) {
		for (size_t i = 0; fit[i];) {
			uint32_t cp;
			int k = text_decode(fit + i, strlen(fit + i), &cp);
			if (k <= 0) {
				cp = '?';
				k = 1;
			}
			/* Line breaks and tabs in a cell would tear the screen;
			 * C1 controls (U+0080..U+009F) would reach the terminal. */
			if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
				cp = ' ';
			w[nw++] = (wchar_t)cp;
			i += (size_t)k;
		}
		attr_t old = getattrs(stdscr);
		attrset(attr);
		mvaddnwstr(y, x, w, nw);
		attrset(old);
	}
	if (w != wstack)
		free(w);
	if (fit != stack)
		free(fit);
	return used;
}

void ui_put_pad(int y, int x, int cols, const char *utf8, attr_t attr)
{
	int used = ui_put(y, x, cols, utf8 ? utf8 : "", attr);
	ui_fill(y, x + used, cols - used, attr);
}
