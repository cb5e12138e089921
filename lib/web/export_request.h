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

#endif
