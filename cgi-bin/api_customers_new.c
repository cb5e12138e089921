/*
 * check_user_identity and create_sub_customer (partner-api.md §5.1).  A new
 * customer is a customers row associated with the acting partner in the
 * reseller model and a customer login (users, kind customer) of the same
 * name — the login and account names are unique together, as for the
 * customers who join through an invitation (console_join.c).  Without a
 * password the login cannot sign in (SSO only, §5.1).  The vendor's e-mail
 * verification code is not checked: this Partner Center sends none
 * (send_verification_message_code is not supported).
 */
#include <ctype.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_customers.h"
#include "base/db.h"
#include "access/session.h"

#define MOBILE_MAX_ACCOUNTS 5 /* customers that may register with one mobile number */

enum stmt {
    ST_NAME_TAKEN,
    ST_EMAIL_TAKEN,
    ST_MOBILE_USED,
    ST_XACCOUNT_TAKEN,
    ST_NEW_CUSTOMER,
    ST_NEW_USER,
    ST_ASSOCIATION,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_NAME_TAKEN] = "SELECT (SELECT COUNT(*) FROM users WHERE username = ?) + "
                      "(SELECT COUNT(*) FROM customers WHERE account_name = ?)",
    [ST_EMAIL_TAKEN] =
        "SELECT (SELECT COUNT(*) FROM users WHERE email = ? AND status <> 'deleted') + "
        "(SELECT COUNT(*) FROM customers WHERE email = ?)",
    [ST_MOBILE_USED] = "SELECT COUNT(*) FROM customers WHERE mobile = ? OR mobile = ?",
    [ST_XACCOUNT_TAKEN] = "SELECT COUNT(*) FROM customers WHERE partner_id = ? AND xaccount_id = ?",
    [ST_NEW_CUSTOMER] =
        "INSERT INTO customers (partner_id, name, account_name, email, country, registered_at, "
        "association_type, associated_at, account_manager_id, xaccount_id, xaccount_type) "
        "VALUES (?, ?, ?, NULLIF(?, ''), ?, UTC_TIMESTAMP(), 'reseller', UTC_TIMESTAMP(), "
        "NULLIF(?, 0), ?, ?)",
    [ST_NEW_USER] = "INSERT INTO users (kind, customer_id, username, name, email, country, "
                    "password_hash) VALUES ('customer', ?, ?, ?, ?, ?, ?)",
    [ST_ASSOCIATION] = "INSERT INTO associations (customer_id, partner_id, type, initiation, "
                       "associated_at) VALUES (?, ?, 'reseller', 'partner', UTC_TIMESTAMP())",
};
PC_SQL_TABLE(api_new_sql, sql);

static int64_t count(int st, const pc_bind *b, size_t nb)
{
    return pc_db_int(&api_new_sql, st, b, nb, -1);
}

/* A login name of §5.1: ^[a-zA-Z-][a-zA-Z0-9_-]{4,31}$ (create: a first '_' too), not op_ or
 * shadow_, not all digits. */
static int login_name_ok(const char *s, int allow_underscore_first)
{
    size_t n = strlen(s);
    if (n < 5 || n > 32 || strncmp(s, "op_", 3) == 0 || strncmp(s, "shadow_", 7) == 0)
        return 0;
    if (!isalpha((unsigned char)s[0]) && s[0] != '-' && !(allow_underscore_first && s[0] == '_'))
        return 0;
    return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == n;
}

/* ^\d{4}-\d+$ */
static int mobile_ok(const char *s)
{
    size_t n = strlen(s);
    return n > 5 && strspn(s, "0123456789") == 4 && s[4] == '-' &&
           strspn(s + 5, "0123456789") == n - 5;
}

int api_check_user_identity(pc_api *a)
{
    const char *type, *value;
    if (pc_api_string(a, "search_type", 1, 16, &type) < 0 ||
        pc_api_string(a, "search_value", 1, 64, &value) < 0)
        return a->status;
    int64_t used;
    if (strcmp(type, "name") == 0) {
        if (!login_name_ok(value, 0))
            return pc_api_error(a, 400, "CBC.0100",
                                "Invalid parameter: search_value is not a valid login name.");
        used = count(ST_NAME_TAKEN, PC_BINDS(PC_STR(value), PC_STR(value)));
    } else if (strcmp(type, "email") == 0) {
        if (!strchr(value, '@'))
            return pc_api_error(a, 400, "CBC.0100",
                                "Invalid parameter: search_value is not an e-mail address.");
        used = count(ST_EMAIL_TAKEN, PC_BINDS(PC_STR(value), PC_STR(value)));
    } else if (strcmp(type, "mobile") == 0) {
        if (!mobile_ok(value))
            return pc_api_error(a, 400, "CBC.0100",
                                "Invalid parameter: search_value must be a mobile number like "
                                "0044-20123456.");
        used = count(ST_MOBILE_USED, PC_BINDS(PC_STR(value), PC_STR(value + 5)));
        if (used >= 0) {
            int64_t left = used >= MOBILE_MAX_ACCOUNTS ? 0 : MOBILE_MAX_ACCOUNTS - used;
            json_object_set_new(a->out, "check_result",
                                json_string(left ? "available" : "used_by_user"));
            json_object_set_new(a->out, "mobile_remain_available_num", json_integer(left));
            return 200;
        }
    } else {
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: search_type must be email, mobile or name.");
    }
    if (used < 0)
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    json_object_set_new(a->out, "check_result", json_string(used ? "used_by_user" : "available"));
    return 200;
}

/* The input of create_sub_customer, checked. */
typedef struct new_customer {
    pc_api *a;
    const char *name, *email, *area, *xid, *xtype, *password;
    int64_t partner_id, id;
    char random_name[33];
    char hash[256];
    const char *code, *msg; /* a business-rule refusal found in the transaction */
} new_customer;

/* "At least two of upper-case, lower-case, digits, specials; not the name or its reverse; not the
 * e-mail." */
static int password_ok(const char *pw, const char *name, const char *email)
{
    int classes[4] = {0};
    size_t n = strlen(pw), k = strlen(name);
    if (n < 8 || n > 32)
        return 0;
    for (const char *p = pw; *p; p++)
        classes[isupper((unsigned char)*p)   ? 0
                : islower((unsigned char)*p) ? 1
                : isdigit((unsigned char)*p) ? 2
                                             : 3] = 1;
    if (classes[0] + classes[1] + classes[2] + classes[3] < 2 || strcmp(pw, name) == 0)
        return 0;
    if (n == k) {
        int reverse = 1;
        for (size_t i = 0; i < n; i++)
            reverse &= pw[i] == name[n - 1 - i];
        if (reverse)
            return 0;
    }
    return !(email && *email && strstr(pw, email));
}

static void random_name(char out[33])
{
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1)
        abort();  /* no randomness: nothing safe can be done */
    out[0] = 'c'; /* a letter first, never all digits */
    for (int i = 0; i < 16; i++)
        snprintf(out + 1 + 2 * i, 3, "%02x", b[i]);
    out[32] = '\0';
}

static int read_new(pc_api *a, new_customer *n)
{
    const char *close = NULL;
    int flag;
    if (pc_api_string(a, "domain_name", 0, 64, &n->name) < 0 ||
        pc_api_string(a, "email", 0, 64, &n->email) < 0 ||
        pc_api_string(a, "verification_code", 0, 64, &n->code) < 0 ||
        pc_api_string(a, "domain_area", 1, 2, &n->area) < 0 ||
        pc_api_string(a, "xaccount_id", 1, 64, &n->xid) < 0 ||
        pc_api_string(a, "xaccount_type", 1, 64, &n->xtype) < 0 ||
        pc_api_string(a, "password", 0, 64, &n->password) < 0 ||
        pc_api_string(a, "is_close_market_ms", 0, 8, &close) < 0 ||
        pc_api_bool(a, "include_association_result", 0, &flag) < 0)
        return -1;
    n->code = NULL;
    if (strlen(n->area) != 2 || !isupper((unsigned char)n->area[0]) ||
        !isupper((unsigned char)n->area[1]))
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: domain_area must be a two-letter ISO 3166 code."),
               -1;
    if (!*n->xid || !*n->xtype)
        return pc_api_error(a, 400, "CBC.0100", "Invalid parameter: %s is required.",
                            *n->xid ? "xaccount_type" : "xaccount_id"),
               -1;
    if (close && strcmp(close, "true") && strcmp(close, "false"))
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: is_close_market_ms must be true or false."),
               -1;
    if (n->email && *n->email && !strchr(n->email, '@'))
        return pc_api_error(a, 400, "CBC.0100", "Invalid parameter: email must contain @."), -1;
    if (!n->name || !*n->name) {
        random_name(n->random_name);
        n->name = n->random_name;
    } else if (!login_name_ok(n->name, 1)) {
        return pc_api_error(a, 400, "CBC.99000031",
                            "The login name domain_name is malformed: 5-32 letters, digits, '_' or "
                            "'-', starting with a letter, '_' or '-', not op_ or shadow_ first."),
               -1;
    }
    if (n->password && *n->password && !password_ok(n->password, n->name, n->email))
        return pc_api_error(a, 400, "CBC.99000036",
                            "The password is malformed: 8-32 characters of at least two kinds "
                            "(upper case, lower case, digits, special characters), not the account "
                            "name or its reverse, not containing the e-mail."),
               -1;
    return 0;
}

static int create_tx(void *arg)
{
    new_customer *n = arg;
    pc_api *a = n->a;
    const char *email = n->email ? n->email : "";
    int64_t taken = count(ST_NAME_TAKEN, PC_BINDS(PC_STR(n->name), PC_STR(n->name)));
    int64_t mail = *email ? count(ST_EMAIL_TAKEN, PC_BINDS(PC_STR(email), PC_STR(email))) : 0;
    int64_t xdup = count(ST_XACCOUNT_TAKEN, PC_BINDS(PC_I64(n->partner_id), PC_STR(n->xid)));
    if (taken < 0 || mail < 0 || xdup < 0)
        return -1;
    if (taken || mail || xdup) {
        n->code = taken ? "CBC.99000038" : mail ? "CBC.99000051" : "CBC.99000039";
        n->msg = taken  ? "The login name domain_name already exists."
                 : mail ? "The e-mail address is already registered."
                        : "The xaccount_id is already used by another customer of this partner.";
        return 1;
    }
    /* an account manager's customer stays in its scope */
    pc_scope sc;
    pc_authz_scope(&a->user, &sc);
    int64_t am = sc.assigned_to;
    if (pc_db_exec(&api_new_sql, ST_NEW_CUSTOMER,
                   PC_BINDS(PC_I64(n->partner_id), PC_STR(n->name), PC_STR(n->name), PC_STR(email),
                            PC_STR(n->area), PC_I64(am), PC_STR(n->xid), PC_STR(n->xtype)),
                   &n->id) != 1 ||
        pc_db_exec(&api_new_sql, ST_NEW_USER,
                   PC_BINDS(PC_I64(n->id), PC_STR(n->name), PC_STR(n->name), PC_STR(email),
                            PC_STR(n->area), PC_STR(n->hash)),
                   NULL) != 1 ||
        pc_db_exec(&api_new_sql, ST_ASSOCIATION, PC_BINDS(PC_I64(n->id), PC_I64(n->partner_id)),
                   NULL) != 1)
        return -1;
    pc_api_audit(a, "api.customer.create", "customer", n->id, "ok",
                 pc_arena_printf(&a->arena, "name=%s partner=%lld xaccount_id=%s", n->name,
                                 (long long)n->partner_id, n->xid));
    return 0;
}

int api_create_sub_customer(pc_api *a)
{
    new_customer n;
    memset(&n, 0, sizeof n);
    n.a = a;
    if (!pc_authz_allows(&a->user, PC_PERM_CUSTOMER_DEVELOP))
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: this account may not create customers.");
    if (read_new(a, &n) || pc_api_acting_partner(a, &n.partner_id) < 0)
        return a->status;
    if (n.partner_id == a->user.partner_id && strcmp(a->user.partner_kind, "distributor") == 0)
        return pc_api_error(a, 400, "CBC.50010059",
                            "A distributor may not take customers directly: give "
                            "indirect_partner_id.");
    /* "!" is no Argon2 hash: a login without a password cannot sign in (SSO only) */
    if (n.password && *n.password) {
        if (pc_password_hash(n.password, n.hash, sizeof n.hash))
            return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    } else {
        snprintf(n.hash, sizeof n.hash, "!");
    }
    int rc = pc_db_tx(create_tx, &n);
    if (rc < 0)
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    if (rc > 0)
        return pc_api_error(a, 400, n.code, "%s", n.msg);
    json_object_set_new(a->out, "domain_id", pc_api_id(n.id));
    json_object_set_new(a->out, "domain_name", json_string(n.name));
    return 200;
}
