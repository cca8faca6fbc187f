#include "lineedit.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

void le_init(lineedit *le, const char *text)
{
	memset(le, 0, sizeof le[0]);
	le_set(le, text);
}

void le_free(lineedit *le)
{
	free(le->buf);
	memset(le, 0, sizeof le[0]);
}

static bool reserve(lineedit *le, size_t need)
{
	if (need + 1 <= le->cap)
		return true;
	size_t cap = le->cap ? le->cap : 32;
	while (cap < need + 1)
		cap *= 2;
	char *p = realloc(le->buf, cap);
	if (!p)
		return false;
	le->buf = p;
	le->cap = cap;
	return true;
}

void le_set(lineedit *le, const char *text)
{
	size_t n = text ? strlen(text) : 0;
	if (!reserve(le, n))
		return;
	if (n)
		memcpy(le->buf, text, n);
	le->buf[n] = '\0';
	le->len = n;
	le->cur = n;
	le->scroll = 0;
}

const char *le_text(const lineedit *le)
{
	return le->buf ? le->buf : "";
}

/* Byte offset of the character before off. */
static size_t prev_char(const lineedit *le, size_t off)
{
	if (off == 0)
		return 0;
	off--;
	while (off > 0 && ((unsigned char)le->buf[off] & 0xC0) == 0x80)
		off--;
	return off;
}

static size_t next_char(const lineedit *le, size_t off)
{
	if (off >= le->len)
		return le->len;
	off++;
	while (off < le->len && ((unsigned char)le->buf[off] & 0xC0) == 0x80)
		off++;
	return off;
}

static void cut(lineedit *le, size_t from, size_t to)
{
	memmove(le->buf + from, le->buf + to, le->len - to + 1);
	le->len -= to - from;
}

bool le_key(lineedit *le, ui_req req, wint_t ch)
{
	switch (req) {
	case REQ_LEFT:
		le->cur = prev_char(le, le->cur);
		return false;
	case REQ_RIGHT:
		le->cur = next_char(le, le->cur);
		return false;
	case REQ_LINE_START:
	case REQ_HOME:
		le->cur = 0;
		return false;
	case REQ_LINE_END:
	case REQ_END:
		le->cur = le->len;
		return false;
	case REQ_BACKSPACE:
		if (le->cur == 0)
			return false;
		{
			size_t p = prev_char(le, le->cur);
			cut(le, p, le->cur);
			le->cur = p;
		}
		return true;
	case REQ_DELCHAR:
		if (le->cur >= le->len)
			return false;
		cut(le, le->cur, next_char(le, le->cur));
		return true;
	case REQ_CLEAR:
		if (!le->len)
			return false;
		le_set(le, "");
		return true;
	case REQ_NONE:
		break;
	default:
		return false;
	}
	if (ch < 0x20 || ch == 0x7F || text_cp_width((uint32_t)ch) == 0)
		return false;   /* control characters are not text */
	char enc[8];
	int n = ui_utf8_encode(ch, enc);
	if (!le->buf)
		le_set(le, "");
	if (!reserve(le, le->len + (size_t)n))
		return false;
	memmove(le->buf + le->cur + n, le->buf + le->cur, le->len - le->cur + 1);
	memcpy(le->buf + le->cur, enc, (size_t)n);
	le->len += (size_t)n;
	le->cur += (size_t)n;
	return true;
}

void le_draw(lineedit *le, int y, int x, int cols, attr_t attr, bool focus)
{
	if (cols <= 0)
		return;
	const char *t = le_text(le);
	/* Column of the cursor, and keep it inside the box. */
	int ccol = text_width_n(t, le->cur);
	/* After a resize to a wider box, show as much of the text as fits. */
	int tw = text_width(t);
	if (le->scroll > 0 && tw - le->scroll < cols - 1)
		le->scroll = tw - (cols - 1) > 0 ? tw - (cols - 1) : 0;
	if (ccol < le->scroll)
		le->scroll = ccol;
	if (ccol - le->scroll > cols - 1)
		le->scroll = ccol - (cols - 1);
	/* Skip whole characters until the scroll column; a wide character
	 * straddling the edge is skipped too. */
	size_t off = 0;
	int col = 0;
	while (off < le->len && col < le->scroll) {
		size_t nx = next_char(le, off);
		col += text_width_n(t + off, nx - off);
		off = nx;
	}
	int lead = col - le->scroll;   /* 1 when a wide character was cut at the left */
	ui_fill(y, x, cols, attr);
	int used = 0;
	if (cols - lead > 0) {
		size_t fit = text_fit(t + off, cols - lead, &used);
		char *part = strndup(t + off, fit);
		if (part) {
			ui_put(y, x + lead, cols - lead, part, attr);
			free(part);
		}
	}
	if (focus) {
		move(y, x + lead + text_width_n(t + off, le->cur >= off ? le->cur - off : 0));
		curs_set(1);
	}
}
