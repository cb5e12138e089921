/*
 * /admin/bank-statements — the vendor operator uploads a camt.053 statement
 * of the vendor's bank account (the same import as `pcadm import-camt`,
 * lib/billing/camt.h): checked whole before anything is stored, a repeated
 * statement a no-op, a rejected file shown with its reason.  The page lists
 * the statements imported and the credits waiting for a remittance claim.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "billing/camt.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/money.h"
#include "base/view.h"

enum stmt { ST_STATEMENTS, ST_WAITING, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_STATEMENTS] = "SELECT s.id, s.stmt_id, s.account, s.currency, s.opening, s.closing, "
                      "s.file_name, s.imported_at, (SELECT COUNT(*) FROM bank_entries e "
                      "WHERE e.statement_id = s.id) AS entries FROM bank_statements s "
                      "ORDER BY s.id DESC LIMIT 50",
    [ST_WAITING] = "SELECT e.id, e.entry_ref, e.amount, e.currency, e.booking_date, e.debtor, "
                   "e.remittance FROM bank_entries e WHERE e.status = 'waiting' "
                   "ORDER BY e.id DESC LIMIT 200",
};
PC_SQL_TABLE(bank_sql, sql);

static int render(pc_ctx *c)
{
    if (pc_db_hdf(&bank_sql, ST_STATEMENTS, PC_NOBINDS, c->hdf, "Statements") < 0 ||
        pc_db_hdf(&bank_sql, ST_WAITING, PC_NOBINDS, c->hdf, "Waiting") < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "Statements"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_money(h, "opening", 2);
        pc_view_hdf_money(h, "closing", 2);
        pc_view_hdf_datetime(h, "imported_at", "imported_at");
    }
    for (HDF *h = hdf_get_child(c->hdf, "Waiting"); h; h = hdf_obj_next(h))
        pc_view_hdf_money(h, "amount", 2);
    pc_set(c, "Page.title", pc_t(c, "remit.bank.title"));
    admin_tabs(c, "bank");
    return pc_render(c, "admin/bank.cs");
}

static int bank_page(pc_ctx *c)
{
    return render(c);
}

/* POST /admin/bank-statements (multipart, field "statement"): import one camt.053 file. */
static int bank_upload(pc_ctx *c)
{
    const pc_param *file = NULL;
    for (size_t i = 0; i < c->form.n; i++)
        if (!strcmp(c->form.v[i].name, "statement") && c->form.v[i].filename)
            file = &c->form.v[i];
    if (!file || !file->len) {
        pc_form_error(c, "statement", "remit.bank.err.file");
        c->status = 400;
        return render(c);
    }
    /* the reader streams from a file: a private temporary copy of the upload */
    char path[] = "/tmp/pc-camt-XXXXXX", now[20];
    int fd = mkstemp(path);
    if (fd < 0)
        return pc_error(c, 500);
    int ok = write(fd, file->value, file->len) == (ssize_t)file->len;
    close(fd);
    pc_camt_result r;
    pc_clock_now_text(now);
    int rc = ok ? pc_camt_import(path, file->filename, c->user.id, now, &r) : -1;
    unlink(path);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc == 1) {
        /* audit_events.result is ok, denied or failed: a rejected file failed, the reason in
           the detail */
        pc_audit_ctx(c, "bank_statement.import", "file", 0, "failed",
                     pc_arena_printf(&c->arena, "rejected %s: %s", file->filename, r.error));
        pc_set(c, "Import.error", r.error);
        c->status = 400;
        return render(c);
    }
    pc_audit_ctx(c, "bank_statement.import", "file", 0, "ok",
                 pc_arena_printf(&c->arena,
                                 "statements=%d skipped=%d entries=%d matched=%d not_booked=%d",
                                 r.statements, r.skipped, r.entries, r.matched, r.not_booked));
    pc_set_int(c, "Import.statements", r.statements);
    pc_set_int(c, "Import.skipped", r.skipped);
    pc_set_int(c, "Import.entries", r.entries);
    pc_set_int(c, "Import.matched", r.matched);
    pc_set_int(c, "Import.waiting", r.waiting);
    pc_set_int(c, "Import.not_booked", r.not_booked);
    pc_set(c, "Import.done", "1");
    return render(c);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/bank-statements", PC_GUARD_OPERATOR, bank_page, 0),
    PC_ROUTE("POST", "/admin/bank-statements", PC_GUARD_OPERATOR, bank_upload, 0),
};
PC_ROUTE_TABLE(admin_bank_routes, routes);
