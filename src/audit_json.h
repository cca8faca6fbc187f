/* audit_json.h — reading back the flat JSON objects the audit trail keeps
 * ({"field":"text" or null, …}, as record_json and settings write them). */
#ifndef LZ_AUDIT_JSON_H
#define LZ_AUDIT_JSON_H

#include <stdbool.h>

typedef struct audit_json {
	int n;
	char **key;
	char **val;   /* NULL for null */
} audit_json;

/* Parses text into out (emptied first); false when it is not a flat object
 * of strings, numbers, booleans and nulls (out is then empty). NULL text
 * gives an empty object. */
bool audit_json_parse(const char *text, audit_json *out);

/* The value of key (NULL for null or absent); *present (may be NULL) tells which. */
const char *audit_json_get(const audit_json *j, const char *key, bool *present);

/* Frees the keys and values; j is empty afterwards. */
void audit_json_free(audit_json *j);

#endif
