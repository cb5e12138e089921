#include "web/page.h"

#include <stdio.h>
#include <string.h>

#include "access/session.h"
#include "base/conf.h"
#include "base/mail.h"

void pc_tabs(pc_ctx *c, const pc_tab *tabs, size_t n, const char *active)
{
    int shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (!pc_authz_allows(&c->user, tabs[i].guard))
            continue;
        pc_set(c, pc_arena_printf(&c->arena, "Tabs.%d.href", shown), tabs[i].href);
        pc_set(c, pc_arena_printf(&c->arena, "Tabs.%d.label", shown), pc_t(c, tabs[i].label_key));
        if (strcmp(tabs[i].id, active) == 0)
            pc_set(c, pc_arena_printf(&c->arena, "Tabs.%d.active", shown), "1");
        shown++;
    }
}

int pc_send_code(pc_ctx *c, const char *purpose, const char *back_prefix, const char *back_default)
{
    char code[7], body[512];
    const char *back = pc_params_get(&c->form, "back");
    int rc = pc_code_issue(purpose, c->user.email, code);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc == 0) {
        /* the language files keep the printf order: %s code, %d minutes */
        snprintf(body, sizeof body, pc_t(c, "mail.critical_code.body"), code,
                 (int)pc_conf_int("Codes.lifetime_minutes"));
        if (pc_mail_queue(c->user.email, pc_t(c, "mail.critical_code.subject"), body))
            return pc_error(c, 500);
        pc_audit_ctx(c, "code.send", "user", c->user.id, "ok", purpose);
    }
    if (!back || strncmp(back, back_prefix, strlen(back_prefix)) != 0 ||
        strpbrk(back, "?#\r\n\t\\"))
        back = back_default;
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "%s?msg=%s", back, rc == 0 ? "code_sent" : "code_wait"));
}

int pc_confirm_first(pc_ctx *c, const char *title_key, const char *text_key, const char *subject,
                     const char *button_key, const char *back)
{
    const char *yes = pc_params_get(&c->form, "confirm");
    if (yes && strcmp(yes, "1") == 0)
        return 0;
    int n = 0;
    for (size_t i = 0; i < c->form.n; i++) {
        const pc_param *p = &c->form.v[i];
        if (p->filename || strcmp(p->name, "csrf") == 0 || strcmp(p->name, "confirm") == 0)
            continue;
        pc_set(c, pc_arena_printf(&c->arena, "Confirm.fields.%d.name", n), p->name);
        pc_set(c, pc_arena_printf(&c->arena, "Confirm.fields.%d.value", n), p->value);
        n++;
    }
    pc_set(c, "Confirm.generic", "1");
    pc_set(c, "Confirm.title", pc_t(c, title_key));
    pc_set(c, "Confirm.text", pc_t(c, text_key));
    pc_set(c, "Confirm.subject", subject);
    pc_set(c, "Confirm.action", c->path);
    pc_set(c, "Confirm.back", back);
    pc_set(c, "Confirm.button", pc_t(c, button_key));
    pc_set(c, "Page.title", pc_t(c, title_key));
    return pc_render(c, "confirm.cs");
}
