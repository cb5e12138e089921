/*
 * page — helpers several pages share on top of the program shape (web/app.h):
 * the tabs of a page group and the one-time code sender of sensitive operations.
 */
#ifndef PC_PAGE_H
#define PC_PAGE_H
#include "web/app.h"

/*
 * Tabs of a page group: Tabs.N.{href,label,active} for the tabs the user may
 * open (guard: a permission or PC_GUARD_*), `active` marking the current one.
 */
typedef struct pc_tab {
    const char *id, *href, *label_key;
    int guard;
} pc_tab;
void pc_tabs(pc_ctx *c, const pc_tab *tabs, size_t n, const char *active);

/*
 * POST handler body shared by the code senders of sensitive operations: mail
 * the signed-in user a one-time code for `purpose` and go back to the form
 * (the "back" field, kept only when it starts with back_prefix, else
 * back_default) with ?msg=code_sent or code_wait.
 */
int pc_send_code(pc_ctx *c, const char *purpose, const char *back_prefix, const char *back_default);

/*
 * Confirmation of a destructive or money action (issue 16): returns 0 when the
 * POST carries confirm=1, and the handler goes on.  Otherwise it renders
 * confirm.cs — title and text (language keys), subject (what is affected,
 * shown as given), the button (a language key) and Cancel to back — with a
 * form that posts the same fields again plus confirm=1 to the same path, and
 * returns 200, which the handler returns at once: nothing happens in one
 * unconfirmed click.  The page's tabs are the caller's (pc_tabs first).
 */
int pc_confirm_first(pc_ctx *c, const char *title_key, const char *text_key, const char *subject,
                     const char *button_key, const char *back);

#endif
