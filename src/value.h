/* value.h — a field's canonical text to and from its SQLite column. Decimals
 * are stored as whole hundredths so that sums and comparisons are exact. */
#ifndef LZ_VALUE_H
#define LZ_VALUE_H

#include <sqlite3.h>
#include <stdint.h>

#include "kind.h"

/* Binds canonical text v (NULL: SQL NULL) of field f to parameter idx. */
void value_bind(sqlite3_stmt *q, int idx, const kind_field *f, const char *v);

/* Column col as field f's canonical text (malloc'd; NULL when NULL or empty). */
char *value_column(sqlite3_stmt *q, int col, const kind_field *f);

/* Hundredths of canonical decimal text ("-12.30" gives -1230). */
int64_t value_hundredths(const char *canonical);

/* Canonical decimal text of v hundredths (malloc'd): -1230 gives "-12.30". */
char *value_hundredths_text(int64_t v);

#endif
