/* import.h — CSV files into records of any kind. The whole file is read,
 * converted and validated before the write lock is taken; then every row is
 * written in one transaction (a row whose key exists updates that record).
 * The rows are parsed again from the text in the writing pass, not held, and
 * an import that adds at least as many rows as the table holds sets the
 * table's secondary indexes aside and builds them again before it commits,
 * and puts its new rows into the search index in one statement rather than
 * noting them one by one.
 * One bad row: nothing is written and the message names file, line and field. */
#ifndef LZ_IMPORT_H
#define LZ_IMPORT_H

#include <stdbool.h>

#include "enc.h"
#include "kind.h"
#include "session.h"

typedef struct import_result {
	long rows;        /* data rows in the file */
	long inserted;    /* new records (or that would be, with dry_run) */
	long updated;     /* existing records changed */
	long unchanged;   /* rows equal to what is stored */
	enc_kind encoding;/* the encoding read */
} import_result;

/* Imports path as records of kind k; dry_run validates only. */
lz_status import_file(session *s, const kind *k, const char *path, enc_kind enc, bool dry_run,
		      import_result *res, lz_err *err);

/* As import_file over bytes already in memory (fname names them in messages). */
lz_status import_bytes(session *s, const kind *k, const char *bytes, size_t len, const char *fname,
		       enc_kind enc, bool dry_run, import_result *res, lz_err *err);

#endif
