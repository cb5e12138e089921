/*
 * Admin > Exchange Rates (ch09 §9.4.1.2): the rate of one USD in a payment
 * currency on a day; a bill takes the rate of its cycle's last day.  Typing
 * a currency and day again corrects that day's rate (bills already generated
 * keep the rate they stored).
 */
#include <ctype.h>
#include <string.h>

#include "admin_discounts.h"
#include "base/db.h"
#include "billing/discount.h"
#include "base/view.h"

enum stmt { ST_LIST, ST_UPSERT, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT currency, day, CAST(rate AS CHAR) AS rate FROM exchange_rates "
                "ORDER BY day DESC, currency LIMIT 500",
    [ST_UPSERT] = "INSERT INTO exchange_rates (currency, day, rate) VALUES (?, ?, ?) "
                  "ON DUPLICATE KEY UPDATE rate = VALUES(rate)",
};
PC_SQL_TABLE(rates_sql, sql);

enum { F_CURRENCY, F_DAY, F_RATE, F__N };
static const pc_field fields[F__N] = {
    [F_CURRENCY] = {"currency", pc_valid_text, 3, 3, PC_FIELD_REQUIRED, NULL},
    [F_DAY] = {"day", pc_valid_date, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_RATE] = {"rate", pc_valid_rate, 0, 0, PC_FIELD_REQUIRED, NULL},
};

static int list_page(pc_ctx *c)
{
    if (pc_db_hdf(&rates_sql, ST_LIST, PC_NOBINDS, c->hdf, "Rates") < 0)
        return pc_error(c, 500);
    pc_set(c, "Page.title", pc_t(c, "disc.rates.title"));
    admin_tabs(c, "rates");
    return pc_render(c, "admin/rates.cs");
}

/* Three upper-case letters other than USD (the base of every rate). */
static int currency_ok(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (!isupper((unsigned char)s[i]))
            return 0;
    return strcmp(s, "USD") != 0;
}

static int save(pc_ctx *c)
{
    pc_value v[F__N];
    int bad = pc_form(c, fields, F__N, v);
    if (!bad && !currency_ok(v[F_CURRENCY].s))
        pc_form_error(c, "currency", "disc.err.currency_code"), bad = 1;
    if (bad) {
        c->status = 400;
        return list_page(c);
    }
    admin_change x = {
        c,
        &rates_sql,
        ST_UPSERT,
        PC_BINDS(PC_STR(v[F_CURRENCY].s), PC_STR(v[F_DAY].s), PC_STR(v[F_RATE].s)),
        "exchange_rate.save",
        "exchange_rate",
        pc_arena_printf(&c->arena, "%s %s = %s", v[F_CURRENCY].s, v[F_DAY].s, v[F_RATE].s),
        v[F_DAY].i,
        0,
        0,
        0};
    admin_change_run(&x);
    if (x.rows < 0)
        return pc_error(c, 500);
    return pc_redirect(c, "/admin/rates?msg=disc_rate_saved");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/rates", PC_GUARD_OPERATOR, list_page, 0),
    PC_ROUTE("POST", "/admin/rates", PC_GUARD_OPERATOR, save, 0),
};
PC_ROUTE_TABLE(admin_rate_routes, routes);
