/* export.h — the ledger of a kind, as filtered, to .xlsx or .csv. */
#ifndef LZ_EXPORT_H
#define LZ_EXPORT_H

#include "enc.h"
#include "kind.h"
#include "ledger.h"
#include "query.h"
#include "session.h"

/* Writes the records f selects (limit and keyset ignored) to path, the
 * format from its extension; *rows gets how many were written. */
lz_status export_kind(session *s, const kind *k, const query_filter *f, const char *path,
		      enc_kind csv_encoding, long *rows, lz_err *err);

/* Writes the records f selects (limit and keyset ignored) as a sheet named
 * after k into the open book b, titled title (NULL: "<kind>台账"); *rows gets
 * how many. Runs in the caller's transaction, if any. */
lz_status export_sheet(session *s, ledger_book *b, const kind *k, const query_filter *f, const char *title,
		       long *rows, lz_err *err);

/* The ledger column type that shows field type t. */
int export_ledger_type(kind_ftype t);

#endif
