/* csv.h — RFC 4180 reader over a UTF-8 buffer already in memory.
 * Quoted fields may hold commas, doubled quotes and line breaks; lines end in
 * LF, CRLF or a lone CR; a leading BOM and wholly empty lines are skipped.
 * Nothing is trimmed. Messages name the physical line (from 1) but not the
 * file: the caller knows the file and prefixes it. */
#ifndef LZ_CSV_H
#define LZ_CSV_H

#include <stddef.h>

#include "status.h"

typedef struct csv_reader csv_reader;

/* Opens a reader over utf8[0..len), which must outlive it; NULL if out of memory. */
csv_reader *csv_open(const char *utf8, size_t len);

/* Frees the reader and every field it handed out; NULL is allowed. */
void csv_close(csv_reader *r);

/* Reads the next record: 1 with *fields (NUL-terminated, owned by r, valid until the next call), *nfields and *line (physical line where it starts); 0 at the end; -1 with err filled (LZ_BAD, naming the line) on a syntax error or a NUL byte, and again on every later call. */
int csv_next(csv_reader *r, char ***fields, size_t *nfields, long *line, lz_err *err);

/* Where the next csv_next call starts reading: a byte offset into the buffer and its physical line. */
void csv_tell(const csv_reader *r, size_t *off, long *line);

/* Goes back (or forward) to a position csv_tell gave, so the record there is read again. */
void csv_seek(csv_reader *r, size_t off, long line);

#endif
