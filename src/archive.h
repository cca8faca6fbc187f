/* archive.h — the yearly archive (归档): one workbook with a cover sheet,
 * the master data as it stands, one print-ready sheet per record kind with
 * that year's records (each kind's year field decides), the year's
 * satisfaction ranking and the twelve monthly Tiancheng rankings as tables.
 * Written from one read snapshot, streamed (constant_memory), under a
 * temporary name renamed into place when complete. */
#ifndef LZ_ARCHIVE_H
#define LZ_ARCHIVE_H

#include "session.h"

/* Called before each step: done steps of total, what names the next one. */
typedef void (*archive_progress_fn)(void *arg, int done, int total, const char *what);

/* What went into the workbook. */
typedef struct archive_summary {
	int sheets;
	long records;   /* records of the year, all kinds (master data not counted) */
} archive_summary;

/* Writes the archive of year to path (.xlsx), within the session's scope.
 * progress may be NULL. LZ_USAGE for another extension or a year out of range. */
lz_status archive_write(session *s, int year, const char *path, archive_progress_fn progress, void *arg,
			archive_summary *out, lz_err *err);

#endif
