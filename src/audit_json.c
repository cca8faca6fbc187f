#include "audit_json.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

static const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return 0;
	}
	*out = v;
	return 1;
}

static void put_utf8(sbuf *b, unsigned c)
{
	char u[4];
	size_t n;
	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	sbuf_addn(b, u, n);
}

/* A string literal at p (at its opening quote) into a malloc'd string; the end is *end. */
static char *str(const char *p, const char **end)
{
	if (*p++ != '"')
		return NULL;
	sbuf b = { 0 };
	sbuf_addn(&b, "", 0);
	while (*p && *p != '"') {
		if ((unsigned char)*p < 0x20)
			goto bad;
		if (*p != '\\') {
			sbuf_addn(&b, p++, 1);
			continue;
		}
		p++;
		unsigned c;
		switch (*p) {
		case '"': case '\\': case '/': sbuf_addn(&b, p, 1); break;
		case 'n': sbuf_add(&b, "\n"); break;
		case 'r': sbuf_add(&b, "\r"); break;
		case 't': sbuf_add(&b, "\t"); break;
		case 'b': sbuf_add(&b, "\b"); break;
		case 'f': sbuf_add(&b, "\f"); break;
		case 'u':
			if (!hex4(p + 1, &c))
				goto bad;
			p += 4;
			if (c >= 0xd800 && c < 0xdc00 && p[1] == '\\' && p[2] == 'u') {
				unsigned lo;
				if (hex4(p + 3, &lo) && lo >= 0xdc00 && lo < 0xe000) {
					c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
					p += 6;
				}
			}
			put_utf8(&b, c);
			break;
		default:
			goto bad;
		}
		p++;
	}
	if (*p != '"' || b.oom)
		goto bad;
	*end = p + 1;
	return sbuf_take(&b);
bad:
	sbuf_free(&b);
	return NULL;
}

/* A bare word (null, true, false, a number): its text, or NULL for null. */
static const char *bare(const char *p, char **out)
{
	size_t n = 0;
	while (p[n] && strchr("+-.0123456789eEtrufalsn", p[n]))
		n++;
	if (n == 0)
		return NULL;
	if (n == 4 && strncmp(p, "null", 4) == 0)
		*out = NULL;
	else if (!(*out = strndup(p, n)))
		return NULL;
	return p + n;
}

static bool add(audit_json *j, char *k, char *v)
{
	char **nk = realloc(j->key, (size_t)(j->n + 1) * sizeof *nk);
	if (!nk)
		return false;
	j->key = nk;
	char **nv = realloc(j->val, (size_t)(j->n + 1) * sizeof *nv);
	if (!nv)
		return false;
	j->val = nv;
	j->key[j->n] = k;
	j->val[j->n++] = v;
	return true;
}

bool audit_json_parse(const char *text, audit_json *out)
{
	memset(out, 0, sizeof *out);
	if (!text)
		return true;
	const char *p = ws(text);
	if (*p++ != '{')
		return false;
	p = ws(p);
	if (*p == '}')
		return *ws(p + 1) == '\0';
	for (;;) {
		char *k = str(p, &p), *v = NULL;
		if (!k)
			goto bad;
		p = ws(p);
		if (*p++ != ':') {
			free(k);
			goto bad;
		}
		p = ws(p);
		const char *e = p;
		if (*p == '"')
			v = str(p, &e);
		else
			e = bare(p, &v);
		if (!e || (*p == '"' && !v) || !add(out, k, v)) {
			free(k);
			free(v);
			goto bad;
		}
		p = ws(e);
		if (*p == ',') {
			p = ws(p + 1);
			continue;
		}
		if (*p == '}' && *ws(p + 1) == '\0')
			return true;
		goto bad;
	}
bad:
	audit_json_free(out);
	return false;
}

const char *audit_json_get(const audit_json *j, const char *key, bool *present)
{
	for (int i = 0; i < j->n; i++)
		if (strcmp(j->key[i], key) == 0) {
			if (present)
				*present = true;
			return j->val[i];
		}
	if (present)
		*present = false;
	return NULL;
}

void audit_json_free(audit_json *j)
{
	for (int i = 0; i < j->n; i++) {
		free(j->key[i]);
		free(j->val[i]);
	}
	free(j->key);
	free(j->val);
	memset(j, 0, sizeof *j);
}
