/* catalog.h — the plan's catalog as data: the 23 work tasks of part 三 in six
 * mechanisms (明询查考述评) with their lead and co-units, and the 22
 * responsibility items of part 二. The rows live in schema/0002_catalog.sql,
 * generated from the plan by tools/gen_catalog.py; this module only reads them. */
#ifndef LZ_CATALOG_H
#define LZ_CATALOG_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>

#include "status.h"

#define CATALOG_TASKS 23
#define CATALOG_MECHANISMS 6
/* Room for any task title of the plan (the longest is 114 bytes of UTF-8). */
#define CATALOG_TITLE_MAX 256

/* Prints the catalog to out: csv != 0 gives the CSV of `report catalog --format csv` (header, tasks 1..23, duties by holder then number), csv == 0 a listing for a person; LZ_IO if writing fails. */
lz_status catalog_report(sqlite3 *db, FILE *out, int csv, lz_err *err);

/* Copies the title of task num into out (never truncated); LZ_USAGE if the catalog has no task num, LZ_INTERNAL if outsz is too small. */
lz_status catalog_task_title(sqlite3 *db, int num, char *out, size_t outsz, lz_err *err);

/* Returns the mechanism of task: 0..5 for 明 询 查 考 述 评, or -1 if task is not 1..23. */
int catalog_mechanism_of(int task);

#endif
