/* outconv.h — the command line's output in the terminal's own encoding.
 * Inside, every string is UTF-8 (gettext is bound to UTF-8 for the command
 * line). A terminal whose locale is GB18030 gets its text converted at the
 * edge; pipes and files get UTF-8, as scripts expect. */
#ifndef LZ_OUTCONV_H
#define LZ_OUTCONV_H

/* Makes gettext hand out UTF-8: the screens convert text to wide characters
 * themselves, and the command line converts at the edge (outconv_stdio). */
void outconv_setup(void);

/* When stdout or stderr is a terminal, converts what is written there to the
 * locale's codeset and shows control characters and bytes that are not UTF-8
 * as '?', so stored text cannot drive the terminal. Not for the screens. */
void outconv_stdio(void);

/* argv in UTF-8: a copy converted from the locale's codeset when that is not
 * UTF-8 (what a GB18030 terminal types), else argv itself. File names stay as
 * the raw bytes in the original argv. */
char **outconv_argv(int argc, char **argv);

/* Frees what outconv_argv made (nothing when it returned argv). */
void outconv_argv_free(int argc, char **u, char **argv);

#endif
