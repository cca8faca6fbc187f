/* textout.h — plain text and CSV on standard output for scripts, cron and
 * mail: UTF-8, columns aligned by display width, no escape codes. */
#ifndef LZ_TEXTOUT_H
#define LZ_TEXTOUT_H

#include <stdio.h>

/* A table printed as aligned text (widths measured over all rows) or CSV. */
typedef struct textout_table {
	int ncols;
	const char **header;
	char ***rows;   /* rows[r][c], NULL = empty */
	int nrows;
	int cap;
	int max_width;  /* cut cells wider than this (text only); 0: no limit */
} textout_table;

/* Starts a table with ncols columns and these headers (copied by pointer). */
void textout_init(textout_table *t, int ncols, const char **header);

/* Appends a row of ncols cells (copied); false if out of memory. */
int textout_add(textout_table *t, const char *const *cells);

/* Prints t as text (csv=0) or CSV with a header row (csv=1); then frees its rows. */
void textout_print(textout_table *t, FILE *out, int csv);

/* Frees t's rows without printing them. */
void textout_clear(textout_table *t);

/* Writes one CSV field with RFC 4180 quoting when needed. */
void textout_csv_field(FILE *out, const char *s);

#endif
