/* fts_tok.h — liangze's own FTS5 tokenizer "lz": bigrams of adjacent non-ASCII
 * characters (so two-character Chinese words are indexed) and lower-cased
 * trigrams of ASCII letters and digits. Queries turn the search text into the
 * same tokens: any text that contains the search text contains all its
 * tokens, so the index gives a superset that an exact instr() then narrows. */
#ifndef LZ_FTS_TOK_H
#define LZ_FTS_TOK_H

#include <sqlite3.h>

/* Called for each token: bytes tok[0..n) found at text[start..end). Nonzero stops. */
typedef int (*fts_tok_fn)(void *arg, const char *tok, int n, int start, int end);

/* Splits text[0..len) into tokens (invalid UTF-8 bytes separate, never fail);
 * returns the first nonzero fn result, else 0. */
int fts_tok_each(const char *text, int len, fts_tok_fn fn, void *arg);

/* Registers the tokenizer "lz" on h; SQLITE_OK or an SQLite error code. */
int fts_tok_register(sqlite3 *h);

#endif
