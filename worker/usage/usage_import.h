/*
 * usage_import — the CSV imports of usage records and 95th-percentile
 * bandwidth samples (pcadm import-usage / import-bandwidth, the usage_spool
 * job).  File formats: README.md, "Usage import format".
 */
#ifndef PC_USAGE_IMPORT_H
#define PC_USAGE_IMPORT_H
#include "usage/usage_parse.h" /* import_kind, import_result */

/*
 * Import one file in one transaction and record it in usage_imports.
 * source: "cli" or "spool"; now: "YYYY-MM-DD HH:MM:SS" UTC (imported_at).
 * Without skip_bad a file with a bad line imports nothing (rejected = 1).
 * Returns 0 when the file was read and either imported or rejected for bad
 * lines; -1 when the file cannot be read as this format (unreadable, not
 * text, wrong header, no line after the header); -2 on a database error
 * (worth trying again).  The
 * reason is in the report.
 */
int usage_import_file(import_kind kind, const char *path, const char *source, int skip_bad,
                      const char *now, import_result *res);

/* pcadm import-usage / import-bandwidth: bad lines on stderr, a summary on
 * stdout; exit status 0 when the file was imported, 1 otherwise. */
int usage_import_cli(import_kind kind, const char *path, int skip_bad);

#endif
