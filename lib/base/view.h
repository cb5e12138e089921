/*
 * view — ClearSilver rendering with HTML escaping on for every render,
 * language strings (the .hdf files of conf/lang/en/ and conf/lang/zh/), formatting and
 * masking.
 */
#ifndef PC_VIEW_H
#define PC_VIEW_H
#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Load every .hdf file of Paths.lang/en and Paths.lang/zh.  0, or -1 with a message on stderr. */
int pc_view_init(void);
/* "en" or "zh" for any input (unknown → Site.default_lang). */
const char *pc_view_lang(const char *want);
/* The language tree of lang (for copying under "Lang"). */
HDF *pc_view_lang_tree(const char *lang);
/* The string of key in lang; the key itself when missing (a test fails on that). */
const char *pc_view_t(const char *lang, const char *key);

/*
 * Render template `tpl` (relative to Paths.templates) over hdf into out,
 * with Config.VarEscapeMode = html.  0, or -1 with the ClearSilver error in
 * err (the caller shows a 500 page).
 */
int pc_view_render(HDF *hdf, const char *tpl, STRING *out, char *err, size_t errlen);

/* "2026-07-02 03:00:31" (UTC) → "2026-07-02 11:00:31 GMT+08:00" in Billing.timezone
   (lib/base/clock.h), the zone written out; anything else is copied as it is. */
char *pc_view_datetime(const char *utc, char *out, size_t n);

/* Field `to` of an HDF node = the local time (pc_view_datetime) of its UTC field `from`; the
   same name replaces the value.  Names may be paths below the node ("Customer.0.at"). */
void pc_view_hdf_datetime(HDF *node, const char *from, const char *to);
/* Field `name` of an HDF node (money ×10^8 as the database gave it) rewritten as an amount with
   `decimals` decimals and thousands separators; an absent field or node is left alone. */
void pc_view_hdf_money(HDF *node, const char *name, int decimals);

/* Percent-encode s for a query string (RFC 3986 unreserved characters kept). */
char *pc_view_url_encode(const char *s, char *out, size_t n);

/* Masking for lists and exports (ch09 §0): "alice****@example.com", "138****5678", "Z****i". */
char *pc_mask_email(const char *s, char *out, size_t n);
char *pc_mask_phone(const char *s, char *out, size_t n);
char *pc_mask_name(const char *s, char *out, size_t n);

#endif
