/*
 * apikey_page — the "API keys" page of a user (issue 7): list, create (the
 * secret key shown once, in the answer to the POST), delete.  Served by pc-org
 * (/org/api-keys, partner admins) and pc-console (/console/api-keys,
 * customers); the caller checks who may and sets its tabs first.  `area` is
 * "org" or "console" (the template's tabs), `base` the pages' path.
 */
#ifndef PC_APIKEY_PAGE_H
#define PC_APIKEY_PAGE_H
#include "web/app.h"

int pc_apikey_page_list(pc_ctx *c, const char *area, const char *base);
int pc_apikey_page_create(pc_ctx *c, const char *area, const char *base);
/* GET/POST base/{id}/delete: the key c->path_id[0] of the signed-in user (else 404). */
int pc_apikey_page_delete_form(pc_ctx *c, const char *area, const char *base);
int pc_apikey_page_delete(pc_ctx *c, const char *area, const char *base);

#endif
