/*
 * export_file — one export file written row by row: CSV (RFC 4180, UTF-8
 * with a BOM so that Excel reads Chinese names) or XLSX (libxlsxwriter in
 * constant_memory mode: each row goes to disk as it is written).  Nothing
 * holds more than one row in memory.
 */
#ifndef PC_EXPORT_FILE_H
#define PC_EXPORT_FILE_H
#include <stddef.h>

#include "exports/export_kinds.h"

typedef struct export_file export_file;

/* Create the file at path as format "csv" or "xlsx", with the header row
 * `labels`; `rows` is the number of rows to come (an XLSX that large uses
 * ZIP64).  NULL on failure (errno or the library's message on stderr). */
export_file *export_file_open(const char *format, const char *path, const char *const *labels,
                              size_t ncols, long long rows);
/* Append one row of ncols cells; types[i] says whether cell i is a number
 * (EXPORT_INT) or text.  0, or -1 on a write error. */
int export_file_row(export_file *f, const char *const *cells, const export_type *types);
/* Finish and close the file (the XLSX is assembled here).  0 or -1.  f is freed. */
int export_file_close(export_file *f);

#endif
