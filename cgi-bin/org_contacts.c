/* Organization > Member Management > Customer Contacts (spec 5.1.1.6: at most 5). */
#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "org.h"

#define MAX_CONTACTS 5

enum stmt { ST_LIST, ST_GET, ST_COUNT, ST_INSERT, ST_UPDATE, ST_DELETE, ST_LOCK_PARTNER, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT id, name, mobile_cc, mobile, email, position FROM customer_contacts "
                "WHERE partner_id = ? ORDER BY id",
    [ST_GET] = "SELECT id, name, mobile_cc, mobile, email, position FROM customer_contacts "
               "WHERE id = ? AND partner_id = ?",
    [ST_COUNT] = "SELECT COUNT(*) FROM customer_contacts WHERE partner_id = ?",
    [ST_INSERT] =
        "INSERT INTO customer_contacts (partner_id, name, mobile_cc, mobile, email, position) "
        "VALUES (?, ?, ?, ?, ?, ?)",
    [ST_UPDATE] =
        "UPDATE customer_contacts SET name = ?, mobile_cc = ?, mobile = ?, email = ?, position = ? "
        "WHERE id = ? AND partner_id = ?",
    [ST_DELETE] = "DELETE FROM customer_contacts WHERE id = ? AND partner_id = ?",
    [ST_LOCK_PARTNER] = "SELECT id FROM partners WHERE id = ? FOR UPDATE",
};
PC_SQL_TABLE(contacts_sql, sql);

static const pc_field contact_fields[] = {
    {"name", pc_valid_text, 1, 100, PC_FIELD_REQUIRED, NULL},
    {"mobile_cc", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, org_country_codes},
    {"mobile", pc_valid_phone, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"email", pc_valid_email, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"position", pc_valid_text, 0, 100, 0, NULL},
};
#define NFIELDS (sizeof contact_fields / sizeof contact_fields[0])

static int list_page(pc_ctx *c)
{
    int n =
        pc_db_hdf(&contacts_sql, ST_LIST, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf, "Contacts");
    if (n < 0)
        return pc_error(c, 500);
    pc_set_int(c, "Page.count", n);
    pc_set_int(c, "Page.max", MAX_CONTACTS);
    for (int i = 0; org_country_codes[i]; i++)
        pc_set(c, pc_arena_printf(&c->arena, "CountryCodes.%d", i), org_country_codes[i]);
    if (!hdf_get_value(c->hdf, "Form.mobile_cc.value", NULL))
        pc_set(c, "Form.mobile_cc.value", "+86");
    pc_set(c, "Page.title", pc_t(c, "org.contacts.title"));
    org_tabs(c, "contacts");
    return pc_render(c, "org/contacts.cs");
}

static int contacts_list(pc_ctx *c)
{
    return list_page(c);
}

typedef struct contact_args {
    pc_ctx *c;
    pc_value *v;
    int64_t id;
} contact_args;

static int create_tx(void *arg)
{
    contact_args *a = arg;
    int64_t pid = a->c->user.partner_id;
    if (pc_db_query(&contacts_sql, ST_LOCK_PARTNER, PC_BINDS(PC_I64(pid)), NULL, NULL) < 0)
        return -1;
    if (pc_db_int(&contacts_sql, ST_COUNT, PC_BINDS(PC_I64(pid)), 0) >= MAX_CONTACTS)
        return 1;
    if (pc_db_exec(&contacts_sql, ST_INSERT,
                   PC_BINDS(PC_I64(pid), PC_STR(a->v[0].s), PC_STR(a->v[1].s), PC_STR(a->v[2].s),
                            PC_STR(a->v[3].s), PC_STR(a->v[4].s)),
                   &a->id) != 1)
        return -1;
    pc_audit_ctx(a->c, "contact.create", "contact", a->id, "ok", a->v[0].s);
    return 0;
}

static int contact_create(pc_ctx *c)
{
    pc_value v[NFIELDS];
    contact_args a = {c, v, 0};
    int bad = pc_form(c, contact_fields, NFIELDS, v);
    if (!bad) {
        int rc = pc_db_tx(create_tx, &a);
        if (rc < 0)
            return pc_error(c, 500);
        if (rc > 0)
            pc_form_error(c, "form", "org.err.contact_limit"), bad++;
    }
    if (bad) {
        c->status = 400;
        return list_page(c);
    }
    return pc_redirect(c, "/org/contacts?msg=contact_saved");
}

static int load_contact(pc_ctx *c)
{
    return pc_db_hdf(&contacts_sql, ST_GET,
                     PC_BINDS(PC_I64(c->path_id[0]), PC_I64(c->user.partner_id)), c->hdf,
                     "Contact") == 1;
}

static int edit_page(pc_ctx *c)
{
    for (int i = 0; org_country_codes[i]; i++)
        pc_set(c, pc_arena_printf(&c->arena, "CountryCodes.%d", i), org_country_codes[i]);
    pc_set(c, "Page.title", pc_t(c, "org.contacts.edit_title"));
    org_tabs(c, "contacts");
    return pc_render(c, "org/contact_form.cs");
}

static int contact_edit_form(pc_ctx *c)
{
    if (!load_contact(c))
        return pc_error(c, 404);
    for (size_t i = 0; i < NFIELDS; i++)
        pc_set(c, pc_arena_printf(&c->arena, "Form.%s.value", contact_fields[i].name),
               hdf_get_value(
                   c->hdf, pc_arena_printf(&c->arena, "Contact.0.%s", contact_fields[i].name), ""));
    return edit_page(c);
}

static int contact_update(pc_ctx *c)
{
    pc_value v[NFIELDS];
    if (!load_contact(c))
        return pc_error(c, 404);
    if (pc_form(c, contact_fields, NFIELDS, v)) {
        c->status = 400;
        return edit_page(c);
    }
    if (pc_db_exec(&contacts_sql, ST_UPDATE,
                   PC_BINDS(PC_STR(v[0].s), PC_STR(v[1].s), PC_STR(v[2].s), PC_STR(v[3].s),
                            PC_STR(v[4].s), PC_I64(c->path_id[0]), PC_I64(c->user.partner_id)),
                   NULL) < 0)
        return pc_error(c, 500);
    pc_audit_ctx(c, "contact.update", "contact", c->path_id[0], "ok", v[0].s);
    return pc_redirect(c, "/org/contacts?msg=contact_saved");
}

static int contact_delete_form(pc_ctx *c)
{
    if (!load_contact(c))
        return pc_error(c, 404);
    pc_set(c, "Confirm.title", pc_t(c, "org.contacts.delete_title"));
    pc_set(c, "Confirm.text", pc_t(c, "org.contacts.delete_text"));
    pc_set(c, "Confirm.subject", hdf_get_value(c->hdf, "Contact.0.name", ""));
    pc_set(c, "Confirm.action",
           pc_arena_printf(&c->arena, "/org/contacts/%lld/delete", (long long)c->path_id[0]));
    pc_set(c, "Confirm.back", "/org/contacts");
    pc_set(c, "Confirm.button", pc_t(c, "org.delete"));
    pc_set(c, "Page.title", pc_t(c, "org.contacts.delete_title"));
    org_tabs(c, "contacts");
    return pc_render(c, "confirm.cs");
}

static int contact_delete(pc_ctx *c)
{
    if (pc_db_exec(&contacts_sql, ST_DELETE,
                   PC_BINDS(PC_I64(c->path_id[0]), PC_I64(c->user.partner_id)), NULL) != 1)
        return pc_error(c, 404);
    pc_audit_ctx(c, "contact.delete", "contact", c->path_id[0], "ok", "");
    return pc_redirect(c, "/org/contacts?msg=contact_deleted");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/org/contacts", PC_PERM_ORG_CONTACT_MANAGE, contacts_list, 0),
    PC_ROUTE("POST", "/org/contacts/new", PC_PERM_ORG_CONTACT_MANAGE, contact_create, 0),
    PC_ROUTE("GET", "/org/contacts/{id}/edit", PC_PERM_ORG_CONTACT_MANAGE, contact_edit_form, 0),
    PC_ROUTE("POST", "/org/contacts/{id}/edit", PC_PERM_ORG_CONTACT_MANAGE, contact_update, 0),
    PC_ROUTE("GET", "/org/contacts/{id}/delete", PC_PERM_ORG_CONTACT_MANAGE, contact_delete_form,
             0),
    PC_ROUTE("POST", "/org/contacts/{id}/delete", PC_PERM_ORG_CONTACT_MANAGE, contact_delete, 0),
};
PC_ROUTE_TABLE(org_contacts_routes, routes);
