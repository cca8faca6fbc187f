/* keyin.c — keys from a terminal that may not speak the locale's codeset.
 * A terminal left in GB18030 talking to a UTF-8 session sends bytes that are
 * no character here; ncurses' get_wch then keeps reading until its buffer is
 * full, so the next dozen keys vanish with them. Here the multibyte decoding
 * is done on getch()'s bytes: an invalid byte is dropped alone and what
 * follows it is read again as keys. */
#include "keyin.h"

#include <limits.h>
#include <string.h>

#include "ui.h"

/* A character's next byte: it is already on its way, so wait briefly. */
static int next_byte(void)
{
	int delay = wgetdelay(stdscr);
	timeout(delay < 0 || delay > 100 ? 100 : delay);
	int c = getch();
	timeout(delay);
	return c;
}

int keyin_get(wint_t *ch)
{
	int c = getch();
	if (c == ERR)
		return ERR;
	if (c >= KEY_MIN || c > 0xFF) {
		*ch = (wint_t)c;
		return KEY_CODE_YES;
	}
	char buf[MB_LEN_MAX];
	size_t n = 0;
	buf[n++] = (char)c;
	for (;;) {
		mbstate_t st;
		memset(&st, 0, sizeof st);
		wchar_t w = 0;
		size_t r = mbrtowc(&w, buf, n, &st);
		if (r != (size_t)-1 && r != (size_t)-2) {
			*ch = (wint_t)w;
			return OK;
		}
		if (r == (size_t)-2 && n < sizeof buf) {
			c = next_byte();
			if (c != ERR && c < KEY_MIN && c <= 0xFF) {
				buf[n++] = (char)c;
				continue;
			}
			if (c != ERR)
				ungetch(c);   /* a key code after a cut character */
			return ERR;
		}
		/* Not a character: drop the first byte, read the rest again
		 * (ungetch is last in, first out). */
		while (n > 1)
			ungetch((unsigned char)buf[--n]);
		return ERR;
	}
}
