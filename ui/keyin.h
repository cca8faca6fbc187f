/* keyin.h — reading one key from the terminal. */
#ifndef LZ_KEYIN_H
#define LZ_KEYIN_H

#include <wchar.h>

/* As ncurses' get_wch (OK with a character, KEY_CODE_YES with a key code,
 * ERR for nothing), but bytes that are not a character in the locale's
 * codeset are dropped one at a time and give ERR. */
int keyin_get(wint_t *ch);

#endif
