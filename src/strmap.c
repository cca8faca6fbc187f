#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)h;
}

static size_t slot(const strmap *m, const char *key, size_t h)
{
	size_t i = h & (m->cap - 1);
	while (m->key[i] && (m->hash[i] != h || strcmp(m->key[i], key) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

bool strmap_get(const strmap *m, const char *key, long *val)
{
	if (!m->cap)
		return false;
	size_t i = slot(m, key, hash(key));
	if (!m->key[i])
		return false;
	*val = m->val[i];
	return true;
}

static bool grow(strmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 1024;
	strmap b = { calloc(ncap, sizeof *b.key), calloc(ncap, sizeof *b.val), calloc(ncap, sizeof *b.hash), ncap, m->n };
	if (!b.key || !b.val || !b.hash) {
		free(b.key);
		free(b.val);
		free(b.hash);
		return false;
	}
	for (size_t i = 0; i < m->cap; i++)
		if (m->key[i]) {
			size_t j = slot(&b, m->key[i], m->hash[i]);
			b.key[j] = m->key[i];
			b.val[j] = m->val[i];
			b.hash[j] = m->hash[i];
		}
	free(m->key);
	free(m->val);
	free(m->hash);
	*m = b;
	return true;
}

bool strmap_put(strmap *m, const char *key, long val)
{
	if ((m->n + 1) * 2 > m->cap && !grow(m))
		return false;
	size_t h = hash(key);
	size_t i = slot(m, key, h);
	if (m->key[i])
		return true;
	if (!(m->key[i] = strdup(key)))
		return false;
	m->val[i] = val;
	m->hash[i] = h;
	m->n++;
	return true;
}

void strmap_free(strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->key[i]);
	free(m->key);
	free(m->val);
	free(m->hash);
	memset(m, 0, sizeof *m);
}
