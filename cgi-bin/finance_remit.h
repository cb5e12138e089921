/* Remittance claims (ch09 §9.4.2.3): shared by finance_remit*.c. */
#ifndef PC_FINANCE_REMIT_H
#define PC_FINANCE_REMIT_H
#include <stddef.h>

#include "web/app.h"

#define REMIT_MAX_FILE (10u * 1024 * 1024) /* "exactly one file < 10 MB" */

/*
 * Check a claim's attachment: under 10 MB, an allowed type (JPG, JPEG, PNG, ZIP, DOCX, MSG,
 * XLSX, PDF) by its name AND its first bytes, and a ZIP holding only files of those types
 * (read with minizip).  Returns NULL and *type (the lower-case extension), or the language
 * key of the reason.
 */
const char *remit_attachment_check(const char *name, const char *data, size_t len,
                                   const char **type);

/* What a ZIP may unpack to in all: more is a ZIP bomb, refused before an operator opens it. */
#define REMIT_MAX_UNZIPPED (50u * 1024 * 1024)

/*
 * A ZIP attachment's members (read with minizip from a private temporary copy; directories
 * ignored), each unpacked: 0 when every file's extension is one of `types` (lower case,
 * NULL-ended; never "zip": no archive inside an archive) and its first bytes are of that
 * type; 1 when one is not (or is encrypted, so it cannot be checked); 2 when the members
 * unpack to more than REMIT_MAX_UNZIPPED; -1 when the ZIP is unreadable.  Used by the claims
 * and the WHT certificates (9.4.3b).
 */
int remit_zip_only(const char *data, size_t len, const char *const *types);

/* Load the Remittance Claim tab (the partner's claims, its bills, its matched transfers). */
int remit_load_tab(pc_ctx *c);

extern const pc_route_table finance_remit_routes;

#endif
