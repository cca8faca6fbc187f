/* bulk_index.h — setting a table's secondary indexes aside during a big
 * import and building them again before it commits, all inside the write
 * transaction (readers keep their snapshot; a crash rolls everything back).
 * The indexes the importer's own lookups use stay: those on a key, a unique
 * field, a lookup field or the kind's reference to itself, and every UNIQUE
 * index (a constraint, not only a speed-up). */
#ifndef LZ_BULK_INDEX_H
#define LZ_BULK_INDEX_H

#include "db.h"
#include "kind.h"

typedef struct bulk_index {
	char **sql;   /* CREATE INDEX statements of the dropped indexes, as stored */
	int n;
} bulk_index;

/* Inside a write transaction: drops the indexes of k's table the import does not use, keeping their SQL in b. */
lz_status bulk_index_drop(db_conn *c, const kind *k, bulk_index *b, lz_err *err);

/* Makes the indexes b holds again, from their stored SQL. */
lz_status bulk_index_restore(db_conn *c, bulk_index *b, lz_err *err);

/* Frees b's statements; b is empty afterwards. */
void bulk_index_free(bulk_index *b);

#endif
