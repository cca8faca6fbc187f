#include "export.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

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

lz_status export_sheet(session *s, ledger_book *b, const kind *k, const query_filter *f, const char *title,
		       long *rows, lz_err *err)
{
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
	query_cursor *c = NULL;
	lz_status st = query_open(s, k, &all, &c, err);
	if (st)
		goto out;
	char tbuf[128];
	if (!title) {
		snprintf(tbuf, sizeof tbuf, "%s台账", k->zh);
		title = tbuf;
	}
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
	if (rc < 0)
		st = err->code;
out:
	query_close(c);
	free(cols);
	free(cells);
	return st;
}

lz_status export_kind(session *s, const kind *k, const query_filter *f, const char *path,
		      enc_kind csv_encoding, long *rows, lz_err *err)
{
	ledger_format fmt;
	lz_status st = ledger_format_from_path(path, &fmt, err);
	if (st)
		return st;
	*rows = 0;
	ledger_book *b = NULL;
	/* A read snapshot: the ledger is one consistent moment, and the lock
	 * held is a reader's, which blocks no writer in WAL mode. */
	if ((st = db_begin_read(&s->db, err)))
		return st;
	if ((st = ledger_open(&b, path, fmt, csv_encoding, 0, err)))
		goto out;
	if ((st = export_sheet(s, b, k, f, NULL, rows, err)))
		goto out;
	st = ledger_close(b, err);
	b = NULL;
out:
	if (b)
		ledger_abort(b);
	db_rollback(&s->db);
	return st;
}
