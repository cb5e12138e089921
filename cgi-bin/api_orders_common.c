/* Helpers shared by the budget, order and resource operations of the partner API (api_orders.h). */
#include <stdio.h>
#include <string.h>

#include "api_customers.h"
#include "api_orders.h"
#include "base/clock.h"
#include "base/db.h"

enum stmt { ST_CUSTOMER, ST_OWN_PARTNER, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_CUSTOMER] = "SELECT c.id, c.partner_id, IFNULL(c.association_type, '') = 'reseller' AND "
                    "c.associated_at IS NOT NULL, c.freeze_state FROM customers c "
                    "WHERE c.id = ? AND c.partner_id = ? AND " PC_SCOPE_CUSTOMER_SQL,
    [ST_OWN_PARTNER] = "SELECT IFNULL(partner_id, 0) FROM customers WHERE id = ?",
};
PC_SQL_TABLE(api_common_sql, sql);

static int customer_row(void *arg, const pc_row *r)
{
    api_customer *k = arg;
    k->id = pc_row_i64(r, 0);
    k->partner_id = pc_row_i64(r, 1);
    k->reseller_model = pc_row_i64(r, 2) == 1;
    snprintf(k->freeze_state, sizeof k->freeze_state, "%s", pc_row_str(r, 3));
    return 1;
}

int api_scope_read(pc_api *a, int indirect, api_scope *sc)
{
    memset(sc, 0, sizeof *sc);
    if (a->user.kind == PC_KIND_CUSTOMER) {
        int64_t p =
            pc_db_int(&api_common_sql, ST_OWN_PARTNER, PC_BINDS(PC_I64(a->user.customer_id)), 0);
        if (p < 0)
            return api_db_error(a), -1;
        sc->s.partner_id = p > 0 ? p : -1; /* a customer without a partner sees no partner's data */
        sc->acting = sc->s.partner_id;
        sc->self = a->user.customer_id;
        return 0;
    }
    pc_authz_scope(&a->user, &sc->s);
    sc->acting = a->user.partner_id;
    return indirect ? pc_api_acting_partner(a, &sc->acting) : 0;
}

int api_customer_lookup(const char *wire_id, const api_scope *sc, api_customer *k)
{
    memset(k, 0, sizeof *k);
    int64_t id = api_customer_id(wire_id);
    if (!id || (sc->self && id != sc->self))
        return 0;
    return pc_db_query(&api_common_sql, ST_CUSTOMER,
                       PC_BINDS(PC_I64(id), PC_I64(sc->acting), PC_SCOPE_BINDS(sc->s)),
                       customer_row, k);
}

int api_customer_find(pc_api *a, const char *wire_id, const api_scope *sc, api_customer *k)
{
    int n = api_customer_lookup(wire_id, sc, k);
    if (n < 0) {
        api_db_error(a);
        return -1;
    }
    if (n == 0) {
        pc_api_error(a, 403, "CBC.0151", "Access denied: customer %s is not one of your customers.",
                     wire_id);
        return 0;
    }
    return 1;
}

/* "YYYY-MM-DDThh:mm:ssZ" with a valid date and time. */
static int time_ok(const char *s)
{
    time_t t;
    return pc_clock_parse_iso(s, &t) == 0;
}

int api_time(pc_api *a, const char *field, char out[20])
{
    const char *v;
    int rc = pc_api_string(a, field, 0, API_TIME_MAX, &v);
    if (rc <= 0)
        return rc;
    if (!time_ok(v)) {
        pc_api_error(a, 400, "CBC.0100",
                     "Invalid parameter: %s must be a UTC time yyyy-MM-ddTHH:mm:ssZ.", field);
        return -1;
    }
    snprintf(out, 20, "%.10s %.8s", v, v + 11);
    return 1;
}

int api_order_status(const char *status)
{
    /* an order whose resources were unsubscribed was completed (its unsubscription is an order of
     * type 4) */
    static const struct {
        const char *ours;
        int wire;
    } map[] = {{"pending_payment", 6},
               {"processing", 3},
               {"completed", 5},
               {"cancelled", 4},
               {"unsubscribed", 5}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(status, map[i].ours) == 0)
            return map[i].wire;
    return 0;
}

int api_order_type(const char *type)
{
    static const struct {
        const char *ours;
        int wire;
    } map[] = {
        {"new", 1}, {"renewal", 2}, {"change", 3}, {"unsubscription", 4}, {"price_adjustment", 15}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(type, map[i].ours) == 0)
            return map[i].wire;
    return 0;
}

void api_set_str(json_t *o, const char *key, const char *v)
{
    if (v && *v)
        json_object_set_new(o, key, json_string(v));
}

void api_set_time(json_t *o, const char *key, const char *v)
{
    json_t *t = v && *v ? pc_api_time(v) : NULL;
    if (t)
        json_object_set_new(o, key, t);
}

int api_db_error(pc_api *a)
{
    return pc_api_error(a, 500, "CBC.0999", "Internal error.");
}

int api_count_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 0);
    return 1;
}
