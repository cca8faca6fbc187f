/* import_priv.h — what the importer's two files share: the import in
 * progress, its rows, and reading them (import_rows.c) for the checking and
 * writing passes (import.c). Not for other modules. */
#ifndef LZ_IMPORT_PRIV_H
#define LZ_IMPORT_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "csv.h"
#include "import.h"
#include "strmap.h"

/* One data row: where it is in the text (it is parsed again in each pass
 * rather than kept, so a million-row file costs tens of bytes a row), and
 * what the checking pass learnt about it. */
typedef struct prow {
	size_t off;        /* where the row starts in the UTF-8 text */
	long line;         /* its physical line there */
	int64_t id;        /* existing record it updates (0: new) */
	int dep;           /* index of the row this one's self-reference names, or -1 */
	int dep_field;
	int state;         /* for ordering: 0 new, 1 visiting, 2 done */
} prow;

typedef struct imp {
	session *s;
	const kind *k;
	const char *fname;
	int ncols;
	int *col_field;    /* field index of each column */
	int *field_col;    /* column of each field, or -1 */
	csv_reader *rd;
	prow *rows;
	long nrows;
	char **v;          /* the values of the row just read, canonical */
	import_result *res;
	strmap refs;       /* references to other kinds resolved in this pass */
	bool self_ref;     /* k refers to itself (a unit's parent) */
	strmap named;      /* then: "field\x1fvalue" of each lookup field → first row */
} imp;

/* Empties the values of the row last read. */
void import_clear_values(imp *m);

/* Frees what m holds (not m itself). */
void import_free(imp *m);

/* Reads the file at path into a malloc'd *buf of *len bytes. */
lz_status import_read_whole(const char *path, char **buf, size_t *len, lz_err *err);

/* Puts the file's name before the CSV reader's message in err. */
lz_status import_prefix_file(lz_err *err, const char *fname);

/* Maps the header's cells to fields, refusing unknown, worked-out and repeated columns. */
lz_status import_map_header(imp *m, char **cells, size_t n, lz_err *err);

/* Whether k has a reference to its own kind (a unit's parent). */
bool import_self_referring(const kind *k);

/* Notes where each data row starts and checks its width (and, for a kind referring to itself, its lookup values). */
lz_status import_index_rows(imp *m, lz_err *err);

/* Reads row i again into m->v, canonical. */
lz_status import_read_row(imp *m, long i, lz_err *err);

/* The first row of the file whose lookup field equals text, or -1. */
int import_file_row_named(imp *m, const char *text);

#endif
