/* strmap.h — a string → number hash map (open addressing), for checks over
 * every row of a big file that must not compare each row with all others. */
#ifndef LZ_STRMAP_H
#define LZ_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strmap {
	char **key;
	long *val;
	size_t *hash;    /* each key's hash: probes compare it before the text */
	size_t cap, n;
} strmap;

/* Finds key: true with *val filled, else false. */
bool strmap_get(const strmap *m, const char *key, long *val);

/* Adds key (copied) with val unless present; false when out of memory. */
bool strmap_put(strmap *m, const char *key, long val);

/* Frees everything; m is empty afterwards. */
void strmap_free(strmap *m);

#endif
