/*
 * Customer Development (9.2.2): the helpers its page files share
 * (customers_dev_common.h) — whose pre-registrations a member works on, the batch
 * checkboxes, the sub-tabs and the refusal page.  It calls none of them.
 */
#include <string.h>

#include "customers_dev_common.h"

int64_t dev_own_manager(const pc_ctx *c)
{
    return c->user.system_roles & (PC_ROLE_ACCOUNT_MANAGER | PC_ROLE_ACCOUNT_DIRECTOR) ? c->user.id
                                                                                       : 0;
}

int dev_read_ids(pc_ctx *c, int64_t *ids)
{
    return pc_valid_ids(&c->form, "ids", ids, DEV_MAX_BATCH);
}

void dev_subtabs(pc_ctx *c, const char *active)
{
    static const struct {
        const char *id, *href, *key;
    } tabs[] = {
        {"prereg", "/customers/development", "cust.dev.tab.prereg"},
        {"links", "/customers/development/links", "cust.dev.tab.links"},
        {"history", "/customers/development/history", "cust.dev.tab.history"},
    };
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
        pc_set(c, pc_arena_printf(&c->arena, "Subtabs.%zu.href", i), tabs[i].href);
        pc_set(c, pc_arena_printf(&c->arena, "Subtabs.%zu.label", i), pc_t(c, tabs[i].key));
        if (strcmp(tabs[i].id, active) == 0)
            pc_set(c, pc_arena_printf(&c->arena, "Subtabs.%zu.active", i), "1");
    }
    cust_tabs(c, "development");
}

int dev_refused(pc_ctx *c, int status, const char *key, int (*page)(pc_ctx *c))
{
    pc_form_error(c, "form", key);
    c->status = status;
    int rc = page(c);
    return rc == 200 ? status : rc;
}
