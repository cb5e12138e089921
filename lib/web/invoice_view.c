/* invoice_view — see invoice_view.h. */
#include "web/invoice_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "billing/invoice.h"
#include "base/money.h"
#include "billing/ubl.h"

int pc_invoice_send_ubl(pc_ctx *c, int64_t id, int64_t partner_id)
{
    pc_invoice_doc d;
    int found = pc_invoice_load(id, partner_id, &d);
    if (found < 0)
        return pc_error(c, 500);
    if (!found || !d.number[0]) {
        pc_invoice_doc_free(&d);
        return pc_error(c, 404);
    }
    size_t len = 0;
    char *xml = pc_ubl_write(&d, &len);
    if (!xml) {
        pc_invoice_doc_free(&d);
        return pc_error(c, 500);
    }
    pc_send_bytes(c, "application/xml; charset=utf-8",
                  pc_arena_printf(&c->arena, "%s.xml", d.number), xml, len);
    free(xml);
    pc_invoice_doc_free(&d);
    return 200;
}

const char *pc_invoice_amount(pc_ctx *c, int64_t v)
{
    char buf[48];
    return pc_arena_printf(&c->arena, "%s", pc_money_format(v, 2, 1, buf, sizeof buf));
}

void pc_invoice_hdf_amounts(pc_ctx *c, const char *prefix, const char *field)
{
    char name[64];
    snprintf(name, sizeof name, "%s_text", field);
    for (HDF *h = hdf_get_child(c->hdf, prefix); h; h = hdf_obj_next(h)) {
        const char *v = hdf_get_value(h, field, NULL);
        if (v)
            hdf_set_value(h, name, pc_invoice_amount(c, strtoll(v, NULL, 10)));
    }
}
