/*
 * log — the one log file of a program (Paths.log; standard error when none is
 * set or it cannot be opened).  Every line starts with the UTC time to the
 * millisecond and a level, and every control character of a message is written
 * as \xNN, so no text from a request can start a line of its own.
 *
 * After logrotate moves the file away it sends SIGHUP: the program reopens
 * Paths.log before its next line (pc_log_reopen_wanted(), SA_RESTART, so the
 * FastCGI accept is not interrupted).
 */
#ifndef PC_LOG_H
#define PC_LOG_H
#include <stdio.h>

/* Open path for appending (NULL or "": standard error) and install the SIGHUP
 * handler.  0, or -1 when path cannot be opened (lines then go to standard error). */
int pc_log_open(const char *path);

/* One line: "2026-12-08T01:05:30.123Z LEVEL message"; level is INFO, WARN or ERROR. */
void pc_log(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append text to buf (size n, always terminated) with its control characters and
 * backslashes escaped; for a value of a request inside a log line. */
void pc_log_escape(char *buf, size_t n, const char *text);

#endif
