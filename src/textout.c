#include "textout.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

void textout_init(textout_table *t, int ncols, const char **header)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->header = header;
}

int textout_add(textout_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		int cap = t->cap ? t->cap * 2 : 64;
		char ***nr = realloc(t->rows, (size_t)cap * sizeof *nr);
		if (!nr)
			return 0;
		t->rows = nr;
		t->cap = cap;
	}
	char **row = calloc((size_t)t->ncols, sizeof *row);
	if (!row)
		return 0;
	for (int c = 0; c < t->ncols; c++)
		row[c] = cells[c] ? strdup(cells[c]) : NULL;
	t->rows[t->nrows++] = row;
	return 1;
}

void textout_csv_field(FILE *out, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* Text cells are one line: a line break inside would break the columns. */
static void one_line(const char *in, char *out, size_t n)
{
	size_t i = 0;
	for (; in && *in && i + 1 < n; in++)
		out[i++] = (*in == '\n' || *in == '\r' || *in == '\t') ? ' ' : *in;
	out[i] = '\0';
}

void textout_print(textout_table *t, FILE *out, int csv)
{
	if (csv) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', out);
			textout_csv_field(out, t->header[c]);
		}
		fputc('\n', out);
		for (int r = 0; r < t->nrows; r++) {
			for (int c = 0; c < t->ncols; c++) {
				if (c)
					fputc(',', out);
				textout_csv_field(out, t->rows[r][c]);
			}
			fputc('\n', out);
		}
	} else {
		int *w = calloc((size_t)t->ncols, sizeof *w);
		char cell[4096], pad[4096 + 256];
		for (int c = 0; w && c < t->ncols; c++) {
			w[c] = text_width(t->header[c]);
			for (int r = 0; r < t->nrows; r++) {
				one_line(t->rows[r][c], cell, sizeof cell);
				int cw = text_width(cell);
				if (cw > w[c])
					w[c] = cw;
			}
			if (t->max_width && w[c] > t->max_width)
				w[c] = t->max_width;
		}
		for (int r = -1; w && r < t->nrows; r++) {
			for (int c = 0; c < t->ncols; c++) {
				one_line(r < 0 ? t->header[c] : t->rows[r][c], cell, sizeof cell);
				if (c == t->ncols - 1)
					text_truncate(cell, w[c], pad, sizeof pad);
				else
					text_pad(cell, w[c], pad, sizeof pad);
				fputs(pad, out);
				if (c < t->ncols - 1)
					fputs("  ", out);
			}
			fputc('\n', out);
		}
		free(w);
	}
	textout_clear(t);
}

void textout_clear(textout_table *t)
{
	for (int r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++)
			free(t->rows[r][c]);
		free(t->rows[r]);
	}
	free(t->rows);
	t->rows = NULL;
	t->nrows = t->cap = 0;
}
