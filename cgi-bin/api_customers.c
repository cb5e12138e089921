/*
 * Customers and resellers over the partner API (partner-api.md §5.1, §5.2):
 * list_sub_customers and list_indirect_partners here, the creation and the
 * freezing in api_customers_new.c and api_customers_freeze.c.  The same
 * scope as the customer pages (lib/access/authz.h): an account manager's key sees
 * only its customers; a distributor's key sees a reseller's customers (with
 * indirect_partner_id) with the personal fields masked, as on the pages.
 */
#include <stdlib.h>
#include <string.h>

#include "api_customers.h"
#include "base/db.h"
#include "base/view.h"

#define MAX_LIMIT 100 /* ch09 S4 */
#define MAX_TEXT  64

PC_SQL_COMPOSER(api_cust_composer);

int64_t api_customer_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 18 || strspn(s, "0123456789") != n || s[0] == '0')
        return 0;
    return strtoll(s, NULL, 10);
}

/* The filters of list_sub_customers, read and checked. */
typedef struct cust_filter {
    int64_t partner_id, offset, limit, id;
    const char *account_name, *customer, *label, *assoc_type;
    char begin[20], end[20];
    int no_match; /* a customer_id that is no ID of ours */
} cust_filter;

static int read_filter(pc_api *a, cust_filter *f)
{
    const char *id = NULL, *type = NULL;
    memset(f, 0, sizeof f[0]);
    if (pc_api_string(a, "account_name", 0, MAX_TEXT, &f->account_name) < 0 ||
        pc_api_string(a, "customer", 0, MAX_TEXT, &f->customer) < 0 ||
        pc_api_string(a, "label", 0, MAX_TEXT, &f->label) < 0 ||
        pc_api_string(a, "association_type", 0, MAX_TEXT, &type) < 0 ||
        pc_api_utc_time(a, "associated_on_begin", 0, f->begin) < 0 ||
        pc_api_utc_time(a, "associated_on_end", 0, f->end) < 0 ||
        pc_api_string(a, "customer_id", 0, MAX_TEXT, &id) < 0 ||
        pc_api_paging(a, MAX_LIMIT, &f->offset, &f->limit) < 0 ||
        pc_api_acting_partner(a, &f->partner_id) < 0)
        return -1;
    if (type && *type) {
        if (strcmp(type, "1") && strcmp(type, "3"))
            return pc_api_error(a, 400, "CBC.0100",
                                "Invalid parameter: association_type must be 1 or 3."),
                   -1;
        f->assoc_type = strcmp(type, "1") == 0 ? "referral" : "reseller";
    }
    if (id && *id) {
        f->id = api_customer_id(id);
        f->no_match = f->id == 0;
    }
    return 0;
}

/* The scope of the key's user, the acting partner, and the filters set. */
static void add_where(pc_api *a, const cust_filter *f, pc_sql_build *b)
{
    pc_scope sc;
    pc_authz_scope(&a->user, &sc);
    pc_authz_scope_sql(&sc, b);
    pc_sql_add(b, "AND c.partner_id = ?", PC_I64(f->partner_id));
    if (f->account_name && *f->account_name)
        pc_sql_add(b, "AND c.account_name LIKE ?", PC_STR(pc_db_like(&a->arena, f->account_name)));
    if (f->customer && *f->customer)
        pc_sql_add(b, "AND c.name LIKE ?", PC_STR(pc_db_like(&a->arena, f->customer)));
    if (f->label && *f->label)
        pc_sql_add(b, "AND c.custom_tag LIKE ?", PC_STR(pc_db_like(&a->arena, f->label)));
    if (f->assoc_type)
        pc_sql_add(b, "AND c.association_type = ?", PC_STR(f->assoc_type));
    if (*f->begin)
        pc_sql_add(b, "AND c.associated_at >= ?", PC_STR(f->begin));
    if (*f->end)
        pc_sql_add(b, "AND c.associated_at <= ?", PC_STR(f->end));
    if (f->id)
        pc_sql_add(b, "AND c.id = ?", PC_I64(f->id));
}

typedef struct list_rows {
    pc_api *a;
    json_t *list;
    int64_t count;
} list_rows;

static void set_str(json_t *o, const char *k, const char *v)
{
    if (v && *v)
        json_object_set_new(o, k, json_string(v));
}

/* A value as the caller may see it: a distributor sees a reseller's customer masked. */
static const char *shown(pc_api *a, int masked, const char *v,
                         char *(*mask)(const char *, char *, size_t))
{
    char out[300];
    if (!masked || !*v)
        return v;
    return pc_arena_strdup(&a->arena, mask(v, out, sizeof out));
}

static int customer_row(void *arg, const pc_row *r)
{
    list_rows *s = arg;
    pc_api *a = s->a;
    int masked = pc_row_i64(r, 12) != a->user.partner_id;
    const char *type = pc_row_str(r, 6);
    json_t *o = json_object();
    set_str(o, "customer", shown(a, masked, pc_row_str(r, 1), pc_mask_name));
    set_str(o, "account_name", shown(a, masked, pc_row_str(r, 2), pc_mask_name));
    json_object_set_new(o, "customer_id", pc_api_id(pc_row_i64(r, 0)));
    json_t *t = pc_api_time(pc_row_str(r, 5));
    if (t)
        json_object_set_new(o, "associated_on", t);
    if (*type)
        json_object_set_new(o, "association_type",
                            json_string(strcmp(type, "referral") == 0 ? "1" : "3"));
    set_str(o, "label", pc_row_str(r, 7));
    set_str(o, "telephone", shown(a, masked, pc_row_str(r, 4), pc_mask_phone));
    json_object_set_new(o, "is_frozen", json_integer(strcmp(pc_row_str(r, 8), "normal") != 0));
    json_t *ams = json_array();
    if (*pc_row_str(r, 9)) {
        json_t *am = json_object();
        json_object_set_new(am, "account_name", json_string(pc_row_str(r, 9)));
        json_array_append_new(ams, am);
    }
    json_object_set_new(o, "account_managers", ams);
    set_str(o, "xaccount_id", pc_row_str(r, 10));
    set_str(o, "xaccount_type", pc_row_str(r, 11));
    set_str(o, "email", shown(a, masked, pc_row_str(r, 3), pc_mask_email));
    json_array_append_new(s->list, o);
    return 0;
}

static int count_row(void *arg, const pc_row *r)
{
    ((list_rows *)arg)->count = pc_row_i64(r, 0);
    return 1;
}

static int list_sub_customers(pc_api *a)
{
    cust_filter f;
    if (!pc_authz_allows(&a->user, PC_GUARD_CUSTOMERS))
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: this account may not list customers.");
    if (read_filter(a, &f))
        return a->status;
    list_rows s = {a, json_array(), 0};
    json_object_set_new(a->out, "customer_infos", s.list);
    if (!f.no_match) {
        pc_sql_build page = {0};
        pc_sql_add_binds(
            &page,
            "SELECT c.id, c.name, c.account_name, IFNULL(c.email, ''), c.mobile, "
            "IFNULL(c.associated_at, ''), IFNULL(c.association_type, ''), IFNULL(c.custom_tag, "
            "''), "
            "c.freeze_state, IFNULL(am.username, ''), IFNULL(c.xaccount_id, ''), "
            "IFNULL(c.xaccount_type, ''), c.partner_id FROM customers c "
            "LEFT JOIN users am ON am.id = c.account_manager_id WHERE 1",
            NULL, 0);
        add_where(a, &f, &page);
        pc_sql_add(&page, "ORDER BY c.id LIMIT ? OFFSET ?", PC_I64(f.limit), PC_I64(f.offset));
        int rows = pc_db_query_built(&api_cust_composer, &page, customer_row, &s);
        /* a page short of the limit tells the total itself; a full page, or one past the end,
         * asks COUNT(*) (two plain statements cost less than one COUNT(*) OVER ()) */
        if (rows >= 0 && rows < f.limit && (rows > 0 || f.offset == 0)) {
            s.count = f.offset + rows;
        } else if (rows >= 0) {
            pc_sql_build count = {0};
            pc_sql_add_binds(&count, "SELECT COUNT(*) FROM customers c WHERE 1", NULL, 0);
            add_where(a, &f, &count);
            rows = pc_db_query_built(&api_cust_composer, &count, count_row, &s);
        }
        if (rows < 0)
            return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    }
    json_object_set_new(a->out, "count", json_integer(s.count));
    return 200;
}

enum stmt { ST_RESELLERS, ST_RESELLERS_COUNT, ST__MAX };
/* A reseller's contact: its first admin's e-mail and mobile. */
#define RESELLER_WHERE                                                                             \
    "FROM partners p WHERE p.distributor_id = ? AND (? = '' OR p.account_name LIKE ?) AND "        \
    "(? = '' OR p.created_at >= ?) AND (? = '' OR p.created_at <= ?) AND (? = 0 OR p.id = ?) "
static const char *const sql[ST__MAX] = {
    [ST_RESELLERS] =
        "SELECT p.id, p.account_name, p.name, p.created_at, "
        "IFNULL((SELECT u.email FROM users u JOIN member_roles mr ON mr.user_id = u.id JOIN roles "
        "r "
        "ON r.id = mr.role_id AND r.code = 'ADMIN' WHERE u.partner_id = p.id AND u.status = "
        "'normal' ORDER BY u.id LIMIT 1), ''), "
        "IFNULL((SELECT CONCAT(u.mobile_cc, ' ', u.mobile) FROM users u JOIN member_roles mr ON "
        "mr.user_id = u.id JOIN roles r ON r.id = mr.role_id AND r.code = 'ADMIN' WHERE "
        "u.partner_id = p.id AND u.status = 'normal' AND u.mobile <> '' ORDER BY u.id LIMIT 1), "
        "'') " RESELLER_WHERE "ORDER BY p.id LIMIT ? OFFSET ?",
    [ST_RESELLERS_COUNT] = "SELECT COUNT(*) " RESELLER_WHERE,
};
PC_SQL_TABLE(api_cust_sql, sql);

static int reseller_row(void *arg, const pc_row *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "indirect_partner_id", pc_api_id(pc_row_i64(r, 0)));
    set_str(o, "mobile_phone", pc_row_str(r, 5));
    set_str(o, "email", pc_row_str(r, 4));
    set_str(o, "account_name", pc_row_str(r, 1));
    set_str(o, "name", pc_row_str(r, 2));
    json_t *t = pc_api_time(pc_row_str(r, 3));
    if (t)
        json_object_set_new(o, "associated_on", t);
    json_array_append_new(arg, o);
    return 0;
}

static int list_indirect_partners(pc_api *a)
{
    const char *name = NULL, *id = NULL;
    char begin[20] = "", end[20] = "";
    int64_t offset, limit;
    if (strcmp(a->user.partner_kind, "distributor") != 0)
        return pc_api_error(a, 403, "CBC.0151", "Access denied: only a distributor has resellers.");
    if (pc_api_string(a, "account_name", 0, MAX_TEXT, &name) < 0 ||
        pc_api_utc_time(a, "associated_on_begin", 0, begin) < 0 ||
        pc_api_utc_time(a, "associated_on_end", 0, end) < 0 ||
        pc_api_paging(a, MAX_LIMIT, &offset, &limit) < 0 ||
        pc_api_string(a, "indirect_partner_id", 0, MAX_TEXT, &id) < 0)
        return a->status;
    name = name ? name : "";
    int64_t pid = id && *id ? api_customer_id(id) : 0;
    json_t *list = json_array();
    json_object_set_new(a->out, "indirect_partners", list);
    if (id && *id && pid == 0) { /* no ID of ours: nothing matches */
        json_object_set_new(a->out, "count", json_integer(0));
        return 200;
    }
    const char *like = pc_db_like(&a->arena, name);
#define BINDS                                                                                      \
    PC_I64(a->user.partner_id), PC_STR(name), PC_STR(like), PC_STR(begin), PC_STR(begin),          \
        PC_STR(end), PC_STR(end), PC_I64(pid), PC_I64(pid)
    int64_t count = pc_db_int(&api_cust_sql, ST_RESELLERS_COUNT, PC_BINDS(BINDS), -1);
    if (count < 0 ||
        pc_db_query(&api_cust_sql, ST_RESELLERS, PC_BINDS(BINDS, PC_I64(limit), PC_I64(offset)),
                    reseller_row, list) < 0)
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
#undef BINDS
    json_object_set_new(a->out, "count", json_integer(count));
    return 200;
}

static const pc_api_op ops[] = {
    PC_API_OP("POST", "/v2/partners/sub-customers/users/check-identity", "check_user_identity",
              api_check_user_identity, PC_API_PARTNER),
    PC_API_OP("POST", "/v2/partners/sub-customers", "create_sub_customer", api_create_sub_customer,
              PC_API_PARTNER | PC_API_IDEMPOTENT),
    PC_API_OP("POST", "/v2/partners/sub-customers/query", "list_sub_customers", list_sub_customers,
              PC_API_PARTNER),
    PC_API_OP("POST", "/v2/partners/sub-customers/freeze", "freeze_sub_customers",
              api_freeze_sub_customers, PC_API_PARTNER | PC_API_IDEMPOTENT),
    PC_API_OP("POST", "/v2/partners/sub-customers/unfreeze", "unfreeze_sub_customers",
              api_unfreeze_sub_customers, PC_API_PARTNER | PC_API_IDEMPOTENT),
    PC_API_OP("POST", "/v2/partners/indirect-partners/query", "list_indirect_partners",
              list_indirect_partners, PC_API_PARTNER),
};
PC_API_OP_TABLE(pc_api_customer_ops, ops);
