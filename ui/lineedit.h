/* lineedit.h — one line of text being typed: moves by character, measures
 * by display column (a CJK character is two columns and the cursor never
 * lands inside one), scrolls sideways when the text is wider than its box. */
#ifndef LZ_LINEEDIT_H
#define LZ_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "ui.h"

typedef struct lineedit {
	char *buf;      /* UTF-8, NUL-terminated */
	size_t len, cap;
	size_t cur;     /* byte offset of the cursor, always on a character boundary */
	int scroll;     /* display column shown at the left edge of the box */
} lineedit;

/* Starts editing text (NULL: empty). */
void le_init(lineedit *le, const char *text);

/* Frees the text. */
void le_free(lineedit *le);

/* Replaces the text, cursor at the end. */
void le_set(lineedit *le, const char *text);

/* The text (never NULL). */
const char *le_text(const lineedit *le);

/* Acts on an editing request or a typed character (req == REQ_NONE);
 * true when the text changed. Requests it does not know are ignored. */
bool le_key(lineedit *le, ui_req req, wint_t ch);

/* Draws the text in cols columns at y, x; with focus, leaves the terminal
 * cursor at the editing position and shows it. */
void le_draw(lineedit *le, int y, int x, int cols, attr_t attr, bool focus);

#endif
