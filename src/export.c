#include "export.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ledger.h"

int export_ledger_type(kind_ftype t)
{
	switch (t) {
	case KF_INT:
	case KF_YEAR:
		return LEDGER_INT;
	case KF_DEC:
		return LEDGER_DECIMAL;
	case KF_DATE:
		return LEDGER_DATE;
	default:
		/* Flags are shown as 是/否 already by the query. */
		return LEDGER_TEXT;
	}
}

lz_status export_kind(session *s, const kind *k, const query_filter *f, const char *path,
		      enc_kind csv_encoding, long *rows, lz_err *err)
{
	ledger_format fmt;
	lz_status st = ledger_format_from_path(path, &fmt, err);
	if (st)
		return st;
	query_filter all = *f;
	all.limit = 0;
	all.after = false;
	*rows = 0;
	ledger_col *cols = calloc((size_t)k->nfields, sizeof *cols);
	const char **cells = calloc((size_t)k->nfields, sizeof *cells);
	if (!cols || !cells) {
		free(cols);
		free(cells);
		return lz_fail(err, LZ_INTERNAL, "%s", _("out of memory"));
	}
	for (int i = 0; i < k->nfields; i++) {
		cols[i].header = k->fields[i].zh;
		cols[i].type = (ledger_type)export_ledger_type(k->fields[i].type);
	}
	ledger_book *b = NULL;
	query_cursor *c = NULL;
	/* A read snapshot: the ledger is one consistent moment, and the lock
	 * held is a reader's, which blocks no writer in WAL mode. */
	if ((st = db_begin_read(&s->db, err)))
		goto out;
	if ((st = query_open(s, k, &all, &c, err)))
		goto out;
	if ((st = ledger_open(&b, path, fmt, csv_encoding, 0, err)))
		goto out;
	char title[128];
	snprintf(title, sizeof title, "%s台账", k->zh);
	if ((st = ledger_sheet(b, k->zh, title, cols, k->nfields, err)))
		goto out;
	query_row row;
	int rc;
	while ((rc = query_next(c, &row, err)) == 1) {
		for (int i = 0; i < k->nfields; i++)
			cells[i] = row.shown[i];
		if ((st = ledger_row(b, cells, err)))
			goto out;
		(*rows)++;
	}
	if (rc < 0) {
		st = err->code;
		goto out;
	}
	st = ledger_close(b, err);
	b = NULL;
out:
	if (b)
		ledger_abort(b);
	query_close(c);
	db_rollback(&s->db);
	free(cols);
	free(cells);
	return st;
}
