/* export.h — the ledger of a kind, as filtered, to .xlsx or .csv. */
#ifndef LZ_EXPORT_H
#define LZ_EXPORT_H

#include "enc.h"
#include "kind.h"
#include "query.h"
#include "session.h"

/* Writes the records f selects (limit and keyset ignored) to path, the
 * format from its extension; *rows gets how many were written. */
lz_status export_kind(session *s, const kind *k, const query_filter *f, const char *path,
		      enc_kind csv_encoding, long *rows, lz_err *err);

/* The ledger column type that shows field type t. */
int export_ledger_type(kind_ftype t);

#endif
