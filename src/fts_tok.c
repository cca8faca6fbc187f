#include "fts_tok.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when the byte there
 * does not start one. Strict about continuation bytes, so a search text cut
 * out of a stored text decodes the same characters at the same places. */
static int utf8_len(const unsigned char *s, int left)
{
	int n;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (n > left)
		return 0;
	for (int i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int fts_tok_each(const char *text, int len, fts_tok_fn fn, void *arg)
{
	const unsigned char *s = (const unsigned char *)text;
	int prev = -1, prevlen = 0; /* previous non-ASCII character, if adjacent */
	int a0 = -1, a1 = -1;       /* start of the previous two ASCII alnum bytes */
	int i = 0;
	while (i < len) {
		int n = utf8_len(s + i, len - i);
		if (n == 1 && is_alnum(s[i])) {
			prev = -1;
			if (a0 >= 0 && a1 >= 0) {
				char t[3] = { (char)s[a0], (char)s[a1], (char)s[i] };
				for (int k = 0; k < 3; k++)
					if (t[k] >= 'A' && t[k] <= 'Z')
						t[k] = (char)(t[k] - 'A' + 'a');
				int rc = fn(arg, t, 3, a0, i + 1);
				if (rc)
					return rc;
			}
			a0 = a1;
			a1 = i;
			i++;
			continue;
		}
		a0 = a1 = -1;
		if (n <= 1) {
			/* ASCII punctuation, space, or a byte that is not UTF-8: a gap. */
			prev = -1;
			i++;
			continue;
		}
		if (prev >= 0) {
			int rc = fn(arg, text + prev, prevlen + n, prev, i + n);
			if (rc)
				return rc;
		}
		prev = i;
		prevlen = n;
		i += n;
	}
	return 0;
}

/* --- the FTS5 tokenizer object ------------------------------------------------ */

typedef struct tok_call {
	void *ctx;
	int (*emit)(void *, int, const char *, int, int, int);
} tok_call;

static int emit_token(void *arg, const char *tok, int n, int start, int end)
{
	tok_call *c = arg;
	return c->emit(c->ctx, 0, tok, n, start, end);
}

static int lz_create(void *ctx, const char **azArg, int nArg, Fts5Tokenizer **out)
{
	(void)ctx;
	(void)azArg;
	(void)nArg;
	static int dummy;
	*out = (Fts5Tokenizer *)&dummy; /* stateless */
	return SQLITE_OK;
}

static void lz_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int lz_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
		       int (*emit)(void *, int, const char *, int, int, int))
{
	(void)t;
	(void)flags;
	tok_call c = { ctx, emit };
	return fts_tok_each(text, len, emit_token, &c);
}

static fts5_api *get_api(sqlite3 *h)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int fts_tok_register(sqlite3 *h)
{
	static fts5_tokenizer tok = { lz_create, lz_delete, lz_tokenize };
	fts5_api *api = get_api(h);
	if (!api)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, "lz", NULL, &tok, NULL);
}
