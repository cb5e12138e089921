/*
 * Funds > Payment Method (ch09 §9.4.2.2): the partner's cards — only the
 * last four digits, the holder and the expiry are stored, never the number
 * or the security code — added after the provider's check, the credit quota
 * raised to max(quota, 1,000 USD) in the same transaction, one default card
 * that cannot be deleted (409).  Add Card is disabled until the partner set
 * its payment currency.  Changes need the Admin role.
 *
 * States (9.4.2.2): a new card is stored VERIFYING (its own short
 * transaction) before the provider is asked, then ACTIVE (with the quota
 * rule) or FAILED with the provider's reason, which the card history shows;
 * the worker marks cards past their month EXPIRED (worker/jobs/job_cards.c).
 * Chile: the holder's authentication method (RUT or OTRO) and ID number are
 * required of a partner registered in CL.  An edit changes only the validity
 * period (an expired card becomes usable again), after a new test charge.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/db.h"
#include "finance.h"
#include "base/money.h"
#include "billing/payment_provider.h"
#include "base/view.h"
#include "web/page.h"

enum stmt {
    ST_CARDS,
    ST_INSERT,
    ST_QUOTA,
    ST_CARD,
    ST_DELETE,
    ST_UNDEFAULT,
    ST_DEFAULT,
    ST_CURRENCY_SET,
    ST_COUNTRY,
    ST_VERIFIED,
    ST_FAILED,
    ST_HISTORY,
    ST_EDITABLE,
    ST_EDIT,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_CARDS] = "SELECT id, last4, holder, expiry, is_default, created_at FROM payment_cards "
                 "WHERE partner_id = ? AND status = 'ACTIVE' ORDER BY is_default DESC, id",
    [ST_INSERT] =
        "INSERT INTO payment_cards (partner_id, last4, brand, holder, id_type, id_number, "
        "expiry, is_default, status, created_by, created_at) "
        "VALUES (?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, 0, 'VERIFYING', ?, ?)",
    /* the first usable card is the default */
    [ST_VERIFIED] =
        "UPDATE payment_cards SET status = 'ACTIVE', is_default = (SELECT COUNT(*) = 0 "
        "FROM (SELECT id FROM payment_cards WHERE partner_id = ? AND status = 'ACTIVE') "
        "a) WHERE id = ? AND status = 'VERIFYING'",
    [ST_FAILED] = "UPDATE payment_cards SET status = 'FAILED', failure_reason = ? WHERE id = ? "
                  "AND status = 'VERIFYING'",
    [ST_COUNTRY] = "SELECT country FROM partners WHERE id = ?",
    [ST_HISTORY] =
        "SELECT id, last4, expiry, status, failure_reason, created_at FROM payment_cards "
        "WHERE partner_id = ? ORDER BY id DESC LIMIT 20",
    /* 9.4.2.2: none → 1,000; below 1,000 → 1,000; above: unchanged */
    [ST_QUOTA] = "INSERT INTO credit_quotas (partner_id, quota, updated_at) VALUES (?, ?, ?) "
                 "ON DUPLICATE KEY UPDATE quota = GREATEST(quota, VALUES(quota)), "
                 "updated_at = VALUES(updated_at)",
    [ST_CARD] = "SELECT is_default FROM payment_cards WHERE id = ? AND partner_id = ? "
                "AND status = 'ACTIVE' FOR UPDATE",
    [ST_DELETE] = "UPDATE payment_cards SET status = 'DELETED' WHERE id = ? AND is_default = 0",
    [ST_UNDEFAULT] = "UPDATE payment_cards SET is_default = 0 WHERE partner_id = ?",
    [ST_DEFAULT] = "UPDATE payment_cards SET is_default = 1 WHERE id = ?",
    [ST_CURRENCY_SET] = "SELECT payment_currency_set FROM partners WHERE id = ?",
    /* an expired card gets a new validity period by an edit too */
    [ST_EDITABLE] = "SELECT COUNT(*) FROM payment_cards WHERE id = ? AND partner_id = ? "
                    "AND status IN ('ACTIVE', 'EXPIRED')",
    [ST_EDIT] =
        "UPDATE payment_cards SET expiry = ?, status = 'ACTIVE' WHERE id = ? AND partner_id = ? "
        "AND status IN ('ACTIVE', 'EXPIRED')",
};
PC_SQL_TABLE(cards_sql, sql);

#define QUOTA_ON_CARD (INT64_C(1000) * PC_MONEY_SCALE)

int funds_load_cards(pc_ctx *c)
{
    if (pc_db_hdf(&cards_sql, ST_CARDS, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf, "Cards") < 0)
        return -1;
    for (HDF *h = hdf_get_child(c->hdf, "Cards"); h; h = hdf_obj_next(h)) {
        char out[80];
        NEOERR *e = hdf_set_value(h, "holder",
                                  pc_mask_name(hdf_get_value(h, "holder", ""), out, sizeof out));
        nerr_ignore(&e);
        pc_view_hdf_datetime(h, "created_at", "created_at");
    }
    if (pc_db_hdf(&cards_sql, ST_HISTORY, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf,
                  "CardHistory") < 0)
        return -1;
    for (HDF *h = hdf_get_child(c->hdf, "CardHistory"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_datetime(h, "created_at", "created_at");
        const char *why = hdf_get_value(h, "failure_reason", "");
        if (*why) { /* the provider's reason is a language key */
            NEOERR *e = hdf_set_value(h, "reason", pc_t(c, why));
            nerr_ignore(&e);
        }
    }
    return 0;
}

static const char *const id_types[] = {"RUT", "OTRO", NULL};
enum { F_NUMBER, F_HOLDER, F_EXPIRY, F_CODE, F_AGREE, F_ID_TYPE, F_ID_NUMBER, F__N };
static const pc_field fields[F__N] = {
    /* Chile only (required there, checked in chile_id) */
    [F_ID_TYPE] = {"id_type", pc_valid_enum, 0, 0, 0, id_types},
    [F_ID_NUMBER] = {"id_number", pc_valid_text, 0, 20, 0, NULL},
    [F_NUMBER] = {"card_no", pc_valid_text, 12, 23, PC_FIELD_REQUIRED, NULL},
    [F_HOLDER] = {"holder", pc_valid_text, 1, 64, PC_FIELD_REQUIRED, NULL},
    [F_EXPIRY] = {"expiry", pc_valid_month, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_CODE] = {"security_code", pc_valid_text, 3, 4, PC_FIELD_REQUIRED, NULL},
    [F_AGREE] = {"agree", pc_valid_text, 1, 3, PC_FIELD_REQUIRED, NULL},
};

/* The digits of a card number (spaces and dashes dropped) when they pass Luhn's check. */
static int card_digits(const char *in, char *out, size_t n)
{
    size_t k = 0;
    for (; *in; in++) {
        if (*in == ' ' || *in == '-')
            continue;
        if (!isdigit((unsigned char)*in) || k + 1 >= n)
            return -1;
        out[k++] = *in;
    }
    out[k] = '\0';
    if (k < 12 || k > 19)
        return -1;
    int sum = 0;
    for (size_t i = 0; i < k; i++) {
        int d = out[k - 1 - i] - '0';
        if (i % 2) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    return sum % 10 ? -1 : 0;
}

static int refuse(pc_ctx *c, const char *field, const char *key)
{
    if (field)
        pc_form_error(c, field, key);
    c->status = 400;
    /* never echo the card number or the security code back into the page */
    pc_set(c, "Form.card_no.value", "");
    pc_set(c, "Form.security_code.value", "");
    pc_set(c, "Form.edit_code.value", "");
    if (funds_header(c, "methods") || funds_load_cards(c))
        return pc_error(c, 500);
    return funds_render(c, "methods");
}

/*
 * A RUT as the guide shows it ("8148691-0"): 7 or 8 digits, a dash and the check character
 * (a digit or K).  The check character is not recomputed: the guide's own example does not
 * pass the modulo-11 rule.  OTRO: 5 to 20 letters or digits.
 */
static int chile_id(const char *type, const char *number)
{
    size_t n = strlen(number), digits = strspn(number, "0123456789");
    if (!strcmp(type, "RUT"))
        return (digits == 7 || digits == 8) && n == digits + 2 && number[digits] == '-' &&
                       (isdigit((unsigned char)number[n - 1]) || number[n - 1] == 'K' ||
                        number[n - 1] == 'k')
                   ? 0
                   : -1;
    if (n < 5 || n > 20)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)number[i]))
            return -1;
    return 0;
}

static int country_row(void *arg, const pc_row *r)
{
    snprintf(arg, 8, "%s", pc_row_str(r, 0));
    return 1;
}

typedef struct add_arg {
    pc_ctx *c;
    const char *last4, *holder, *expiry, *id_type, *id_number, *now;
    int64_t id;
    int step; /* 0: store VERIFYING; 1: verified (ACTIVE, the quota); 2: refused (FAILED) */
    const char *reason;
} add_arg;

static int add_tx(void *arg)
{
    add_arg *x = arg;
    pc_ctx *c = x->c;
    if (x->step == 0) {
        if (pc_db_exec(&cards_sql, ST_INSERT,
                       PC_BINDS(PC_I64(c->user.partner_id), PC_STR(x->last4), PC_STR(""),
                                PC_STR(x->holder), PC_STR(x->id_type), PC_STR(x->id_number),
                                PC_STR(x->expiry), PC_I64(c->user.id), PC_STR(x->now)),
                       &x->id) != 1)
            return -1;
        pc_audit_ctx(c, "funds.card_verify", "payment_card", x->id, "ok",
                     pc_arena_printf(&c->arena, "last4=%s", x->last4));
        return 0;
    }
    if (x->step == 2) {
        if (pc_db_exec(&cards_sql, ST_FAILED, PC_BINDS(PC_STR(x->reason), PC_I64(x->id)), NULL) !=
            1)
            return -1;
        pc_audit_ctx(c, "funds.card_add", "payment_card", x->id, "failed", x->reason);
        return 0;
    }
    if (pc_db_exec(&cards_sql, ST_VERIFIED, PC_BINDS(PC_I64(c->user.partner_id), PC_I64(x->id)),
                   NULL) != 1 ||
        pc_db_exec(&cards_sql, ST_QUOTA,
                   PC_BINDS(PC_I64(c->user.partner_id), PC_I64(QUOTA_ON_CARD), PC_STR(x->now)),
                   NULL) < 0)
        return -1;
    pc_audit_ctx(c, "funds.card_add", "payment_card", x->id, "ok",
                 pc_arena_printf(&c->arena, "last4=%s", x->last4));
    return 0;
}

/* POST /finance/funds/cards: add a card after the provider's check. */
static int add_card(pc_ctx *c)
{
    pc_value v[F__N];
    char digits[24], now[20], reason[64] = "";
    if (!(c->user.system_roles & PC_ROLE_ADMIN))
        return pc_error(c, 403);
    if (pc_db_int(&cards_sql, ST_CURRENCY_SET, PC_BINDS(PC_I64(c->user.partner_id)), 0) != 1)
        return pc_error_say(c, 409, "funds.err.currency_title", "funds.err.currency");
    if (pc_form(c, fields, F__N, v))
        return refuse(c, NULL, NULL);
    if (card_digits(v[F_NUMBER].s, digits, sizeof digits))
        return refuse(c, "card_no", "funds.err.card_no");
    if (strspn(v[F_CODE].s, "0123456789") != strlen(v[F_CODE].s))
        return refuse(c, "security_code", "funds.err.security_code");
    char country[8] = "";
    if (pc_db_query(&cards_sql, ST_COUNTRY, PC_BINDS(PC_I64(c->user.partner_id)), country_row,
                    country) < 0)
        return pc_error(c, 500);
    int chile = !strcmp(country, "CL");
    const char *id_type = chile && v[F_ID_TYPE].s ? v[F_ID_TYPE].s : "";
    const char *id_number = chile && v[F_ID_NUMBER].s ? v[F_ID_NUMBER].s : "";
    if (chile && !*id_type)
        return refuse(c, "id_type", "funds.err.id_type");
    if (chile && chile_id(id_type, id_number))
        return refuse(c, "id_number", "funds.err.id_number");
    pc_clock_now_text(now);
    /* the card is valid to the end of its expiry month (local time) */
    char this_month[11];
    pc_clock_today(this_month);
    if (strncmp(v[F_EXPIRY].s, this_month, 7) < 0)
        return refuse(c, "expiry", "funds.err.expired");
    const pc_card_provider *prov = pc_card_provider_get();
    if (!prov)
        return pc_error(c, 503);
    add_arg x = {c,
                 digits + strlen(digits) - 4,
                 v[F_HOLDER].s,
                 v[F_EXPIRY].s,
                 id_type,
                 id_number,
                 now,
                 0,
                 0,
                 NULL};
    if (pc_db_tx(add_tx, &x))
        return pc_error(c, 500);
    int ok = prov->verify(digits, v[F_EXPIRY].s, reason, sizeof reason) == 1;
    x.step = ok ? 1 : 2;
    x.reason = reason[0] ? reason : "funds.err.card_declined";
    if (pc_db_tx(add_tx, &x))
        return pc_error(c, 500);
    /* 9.4.2.2: a failure leads to the card history with the reason */
    return pc_redirect(c, ok ? "/finance/funds?tab=methods&msg=card_added"
                             : "/finance/funds?tab=methods&msg=card_failed#card-history");
}

static const pc_field edit_fields[] = {
    {"new_expiry", pc_valid_month, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"edit_code", pc_valid_text, 3, 4, PC_FIELD_REQUIRED, NULL},
};

/* An edit refused: the reason next to the card's field and above the card form (an expired
 * card is listed in the history only). */
static int edit_refuse(pc_ctx *c, const char *field, const char *key)
{
    pc_form_error(c, "form", key);
    return refuse(c, field, key);
}

typedef struct edit_arg {
    pc_ctx *c;
    int64_t id;
    const char *expiry;
} edit_arg;

static int edit_tx(void *arg)
{
    edit_arg *x = arg;
    if (pc_db_exec(&cards_sql, ST_EDIT,
                   PC_BINDS(PC_STR(x->expiry), PC_I64(x->id), PC_I64(x->c->user.partner_id)),
                   NULL) != 1)
        return 1;
    pc_audit_ctx(x->c, "funds.card_edit", "payment_card", x->id, "ok",
                 pc_arena_printf(&x->c->arena, "expiry=%s", x->expiry));
    return 0;
}

/*
 * POST /finance/funds/cards/{id}/edit: only the validity period and the security code
 * (9.4.2.2), after a new test charge by the provider; a refusal changes nothing.
 */
static int edit_card(pc_ctx *c)
{
    pc_value v[2];
    char this_month[11], reason[64] = "";
    if (!(c->user.system_roles & PC_ROLE_ADMIN))
        return pc_error(c, 403);
    int64_t mine = pc_db_int(&cards_sql, ST_EDITABLE,
                             PC_BINDS(PC_I64(c->path_id[0]), PC_I64(c->user.partner_id)), -1);
    if (mine <= 0)
        return pc_error(c, mine < 0 ? 500 : 404);
    pc_set_int(c, "Page.edit_card", c->path_id[0]);
    if (pc_form(c, edit_fields, 2, v))
        return refuse(c, NULL, NULL);
    if (strspn(v[1].s, "0123456789") != strlen(v[1].s))
        return edit_refuse(c, "edit_code", "funds.err.security_code");
    pc_clock_today(this_month);
    if (strncmp(v[0].s, this_month, 7) < 0)
        return edit_refuse(c, "new_expiry", "funds.err.expired");
    const pc_card_provider *prov = pc_card_provider_get();
    if (!prov)
        return pc_error(c, 503);
    if (prov->reverify(c->path_id[0], v[0].s, v[1].s, reason, sizeof reason) != 1)
        return edit_refuse(c, "edit_code", reason[0] ? reason : "funds.err.card_declined");
    edit_arg x = {c, c->path_id[0], v[0].s};
    int rc = pc_db_tx(edit_tx, &x);
    if (rc)
        return pc_error(c, rc > 0 ? 404 : 500);
    return pc_redirect(c, "/finance/funds?tab=methods&msg=card_edited");
}

typedef struct card_arg {
    pc_ctx *c;
    int64_t id;
    int set_default;
} card_arg;

enum { CARD_NOT_FOUND = 1, CARD_DEFAULT = 2 };

static int card_tx(void *arg)
{
    card_arg *x = arg;
    pc_ctx *c = x->c;
    int64_t def =
        pc_db_int(&cards_sql, ST_CARD, PC_BINDS(PC_I64(x->id), PC_I64(c->user.partner_id)), -2);
    if (def == -1)
        return -1;
    if (def == -2)
        return CARD_NOT_FOUND;
    if (x->set_default) {
        if (pc_db_exec(&cards_sql, ST_UNDEFAULT, PC_BINDS(PC_I64(c->user.partner_id)), NULL) < 0 ||
            pc_db_exec(&cards_sql, ST_DEFAULT, PC_BINDS(PC_I64(x->id)), NULL) < 0)
            return -1;
    } else {
        if (def == 1)
            return CARD_DEFAULT;
        if (pc_db_exec(&cards_sql, ST_DELETE, PC_BINDS(PC_I64(x->id)), NULL) != 1)
            return -1;
    }
    pc_audit_ctx(c, x->set_default ? "funds.card_default" : "funds.card_delete", "payment_card",
                 x->id, "ok", "");
    return 0;
}

static int card_change(pc_ctx *c, int set_default)
{
    if (!(c->user.system_roles & PC_ROLE_ADMIN))
        return pc_error(c, 403);
    card_arg x = {c, c->path_id[0], set_default};
    int rc = pc_db_tx(card_tx, &x);
    if (rc == CARD_NOT_FOUND)
        return pc_error(c, 404);
    if (rc == CARD_DEFAULT)
        return pc_error_say(c, 409, "funds.err.default_title", "funds.err.default");
    if (rc)
        return pc_error(c, 500);
    return pc_redirect(c, set_default ? "/finance/funds?tab=methods&msg=card_default"
                                      : "/finance/funds?tab=methods&msg=card_deleted");
}

/* POST /finance/funds/cards/{id}/delete: never the default card (409). */
static int delete_card(pc_ctx *c)
{
    if (pc_confirm_first(c, "dlg.card.title", "dlg.card.text", "", "funds.cards.delete",
                         "/finance/funds?tab=methods"))
        return c->status ? c->status : 200;
    return card_change(c, 0);
}

/* POST /finance/funds/cards/{id}/default */
static int default_card(pc_ctx *c)
{
    return card_change(c, 1);
}

static const pc_route routes[] = {
    PC_ROUTE("POST", "/finance/funds/cards", PC_PERM_FINANCE_VIEW, add_card, 0),
    PC_ROUTE("POST", "/finance/funds/cards/{id}/delete", PC_PERM_FINANCE_VIEW, delete_card, 0),
    PC_ROUTE("POST", "/finance/funds/cards/{id}/default", PC_PERM_FINANCE_VIEW, default_card, 0),
    PC_ROUTE("POST", "/finance/funds/cards/{id}/edit", PC_PERM_FINANCE_VIEW, edit_card, 0),
};
PC_ROUTE_TABLE(finance_funds_cards_routes, routes);
