/*
 * export_request — the POST behind every "Export" button of a list page:
 * check the form's format (csv or xlsx), write the export task and its audit
 * event in one transaction, and send the member to Export History, where the
 * worker's file appears (ch09 §0: exports are asynchronous tasks).
 */
#ifndef PC_EXPORT_REQUEST_H
#define PC_EXPORT_REQUEST_H
#include "web/app.h"

/* Queue a task of `kind` named `name` with the filters already checked (a query string);
 * `action` names the audit event; a bad format is a 400 saying `format_error` (a language
 * key).  Returns the HTTP status as handlers do. */
int pc_export_request(pc_ctx *c, const char *action, const char *kind, const char *name,
                      const char *filters, const char *format_error);

/* Whether the export form asks for the precautions first (confirm=ask: the Export menu's forms
 * send it; the script's precautions dialog changes it to "ok" once the user clicked Got It).
 * A form without the field (a program, an old page) creates its task at once. */
int pc_export_asks(const pc_ctx *c);

/* Render the precautions page (ch09 §0: "learn the precautions and click Got It") holding every
 * field of the posted form but the CSRF token and `confirm`, to be posted again to the same
 * action on Got It; Cancel goes back to the list with its filters.  Returns the HTTP status. */
int pc_export_precautions(pc_ctx *c);

/* The export files of user u that are ready and not downloaded yet (completed, not expired,
 * never fetched): for the home page's to-dos and Export History's notice.  -1 on a database
 * error. */
int64_t pc_exports_ready_count(const pc_user *u);

#endif
