/*
 * The bills area of the partner API (spec partner-api.md §5.6-§5.8): the
 * operation table and the partner's own money — its account balances
 * (show_customer_account_balances, also asked by customers), its consumption
 * quota (show_partner_consumption_quota) and its monthly bill
 * (list_postpaid_bill_sum).  Over the data of the Funds and Bills pages:
 * the ledger's top-up and credit accounts (lib/billing/payment.h), the credit quota,
 * the bills, the bill run's estimates and the vendor's coupons.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "api_bills.h"
#include "base/clock.h"
#include "base/db.h"
#include "billing/ledger.h"
#include "base/money.h"
#include "billing/payment.h"
#include "base/valid.h"

int api_list_sub_customer_coupons(pc_api *a);
int api_show_customer_monthly_sum(pc_api *a);
int api_list_customerself_resource_records(pc_api *a);
int api_list_costs(pc_api *a);

enum stmt { ST_OVERDUE, ST_UNBILLED, ST_COUPONS, ST_BILL, ST_ASSOC, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* arrears: what the bills past their due date still owe */
    [ST_OVERDUE] = "SELECT COALESCE(SUM(amount_due - amount_paid), 0) FROM partner_bills "
                   "WHERE partner_id = ? AND status = 'overdue'",
    /* the bill run's estimates of the months not billed yet (no coupons, no tax) */
    [ST_UNBILLED] = "SELECT COALESCE(SUM(e.amount), 0) FROM bill_estimates e WHERE "
                    "e.partner_id = ? AND NOT EXISTS (SELECT 1 FROM partner_bills b WHERE "
                    "b.partner_id = e.partner_id AND b.billing_cycle = e.billing_cycle)",
    /* what the vendor's coupons (they pay the partner's bills) still hold */
    [ST_COUPONS] = "SELECT COALESCE(SUM(balance), 0) FROM coupons WHERE owner_partner_id = ? "
                   "AND issuer = 'vendor' AND status = 'available' AND valid_to >= UTC_TIMESTAMP()",
    /* the bill's amount due and tax, and the amounts due (coupons deducted, tax included)
     * of its expenditure lines and of its refund lines */
    [ST_BILL] = "SELECT b.amount_due, b.tax, "
                "COALESCE(SUM(IF(l.bill_type = 'expenditure', l.amount_due, 0)), 0), "
                "COALESCE(SUM(IF(l.bill_type = 'refund', l.amount_due, 0)), 0) "
                "FROM partner_bills b LEFT JOIN bill_lines l ON l.bill_id = b.id "
                "WHERE b.partner_id = ? AND b.billing_cycle = ? GROUP BY b.id",
    [ST_ASSOC] = "SELECT COALESCE(association_type, '') FROM customers WHERE id = ?",
};
PC_SQL_TABLE(api_bills_sql, sql);

/* ---- show_customer_account_balances ---- */

static int assoc_row(void *arg, const pc_row *r)
{
    snprintf(arg, 16, "%s", pc_row_str(r, 0));
    return 1;
}

static json_t *balance_entry(int64_t account_id, int type, int64_t amount)
{
    json_t *o = json_object();
    json_object_set_new(o, "account_id", pc_api_id(account_id));
    json_object_set_new(o, "account_type", json_integer(type));
    json_object_set_new(o, "amount", pc_api_money(amount, 8));
    json_object_set_new(o, "currency", json_string("USD"));
    /* Partner Center has no earmarked money */
    json_object_set_new(o, "designated_amount", pc_api_money(0, 8));
    json_object_set_new(o, "measure_id", json_integer(1));
    return o;
}

/*
 * A customer asks: a resale customer has no account of its own (the
 * vendor's CBC.99000049); a referral customer's account is kept by the
 * vendor, not by Partner Center.
 */
static int customer_balances(pc_api *a)
{
    char assoc[16] = "";
    if (pc_db_query(&api_bills_sql, ST_ASSOC, PC_BINDS(PC_I64(a->user.customer_id)), assoc_row,
                    assoc) < 0)
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    if (strcmp(assoc, "reseller") == 0)
        return pc_api_error(a, 400, "CBC.99000049",
                            "Resale customers have no account balance: the partner pays their "
                            "bills.");
    /* a referral customer's account is the vendor's: as the operations we do not implement */
    return pc_api_error(a, 403, "CBC.0151",
                        "show_customer_account_balances is not supported by this Partner Center "
                        "for customers outside the resale model: their account is kept by the "
                        "cloud vendor.");
}

static int show_balances(pc_api *a)
{
    if (a->user.kind == PC_KIND_CUSTOMER)
        return customer_balances(a);
    if (bills_need_finance(a))
        return a->status;
    int64_t partner = a->user.partner_id, top = 0, quota = 0, used = 0;
    int64_t top_id = pc_ledger_partner_account(partner, "top_up");
    int64_t credit_id = pc_ledger_partner_account(partner, "credit");
    int64_t debt = pc_db_int(&api_bills_sql, ST_OVERDUE, PC_BINDS(PC_I64(partner)), -1);
    if (top_id < 0 || credit_id < 0 || debt < 0 ||
        pc_payment_balances(partner, &top, &quota, &used))
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    json_t *list = json_array();
    json_array_append_new(list, balance_entry(top_id, 1, top));
    json_t *credit = balance_entry(credit_id, 2, quota - used);
    json_object_set_new(credit, "credit_amount", pc_api_money(quota, 8));
    json_array_append_new(list, credit);
    json_object_set_new(a->out, "account_balances", list);
    json_object_set_new(a->out, "debt_amount", pc_api_money(debt, 8));
    json_object_set_new(a->out, "measure_id", json_integer(1));
    json_object_set_new(a->out, "currency", json_string("USD"));
    return 200;
}

/* ---- show_partner_consumption_quota ---- */

static int show_quota(pc_api *a)
{
    if (bills_need_finance(a))
        return a->status;
    int64_t partner = a->user.partner_id, top = 0, quota = 0, used = 0;
    int64_t due = pc_payment_due_total(partner);
    int64_t unbilled; /* estimates of refund months are negative */
    int unbilled_rc =
        pc_db_value(&api_bills_sql, ST_UNBILLED, PC_BINDS(PC_I64(partner)), 0, &unbilled);
    int64_t coupons = pc_db_int(&api_bills_sql, ST_COUPONS, PC_BINDS(PC_I64(partner)), -1);
    if (due < 0 || unbilled_rc < 0 || coupons < 0 ||
        pc_payment_balances(partner, &top, &quota, &used))
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    (void)used;
    json_object_set_new(a->out, "consumption_quota", bills_money_string(quota));
    json_object_set_new(a->out, "amount", bills_money_string(top));
    json_object_set_new(a->out, "coupon_amount", bills_money_string(coupons));
    json_object_set_new(a->out, "due_amount", bills_money_string(due));
    json_object_set_new(a->out, "unbilled_amount", bills_money_string(unbilled));
    /* the contract's own formula (and the vendor's Consumption Quota page) */
    json_object_set_new(a->out, "used_consumption_quota",
                        bills_money_string(due + unbilled - top - coupons));
    json_object_set_new(a->out, "measure_id", json_integer(1));
    json_object_set_new(a->out, "currency", json_string("USD"));
    return 200;
}

/* ---- list_postpaid_bill_sum ---- */

/*
 * The contract's identity initial_amount_due = consume_amount + refunds +
 * adjustments holds exactly, tax and coupons inside (docs/DECISIONS.md, issue
 * 14): initial_amount_due is the bill's amount due (settlement − coupons +
 * tax, rounded once to the cent, at least 0: what the Bills page, the invoice
 * and the payment show); consume_amount and refunds are the amounts due of
 * the bill's expenditure and refund lines; adjustments those of its
 * adjustment lines plus what the bill's rounding and floor at 0 wrote off.
 * tax_amount is the tax already inside those figures, not a further term.
 */
typedef struct bill_sum {
    int found;
    int64_t due, tax, consume, refunds, adjustments;
} bill_sum;

static int bill_row(void *arg, const pc_row *r)
{
    bill_sum *s = arg;
    s->due = pc_row_i64(r, 0);
    s->tax = pc_row_i64(r, 1);
    s->consume = pc_row_i64(r, 2);
    s->refunds = pc_row_i64(r, 3);
    /* the rounding to the cent and the floor at 0 are the bill's own write-off */
    s->adjustments = s->due - s->consume - s->refunds;
    s->found = 1;
    return 1;
}

static int postpaid_bill_sum(pc_api *a)
{
    if (bills_need_finance(a))
        return a->status;
    int64_t cycle = 0;
    if (bills_month(a, "bill_cycle", 1, &cycle) < 0)
        return a->status;
    bill_sum s = {0};
    if (pc_db_query(&api_bills_sql, ST_BILL, PC_BINDS(PC_I64(a->user.partner_id), PC_I64(cycle)),
                    bill_row, &s) < 0)
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    json_object_set_new(a->out, "bill_cycle", json_string(pc_clock_cycle_text(&a->arena, cycle)));
    /* a month without a bill (not billed yet, or nothing to bill) has no amounts */
    if (s.found) {
        json_object_set_new(a->out, "initial_amount_due", pc_api_money(s.due, 8));
        json_object_set_new(a->out, "consume_amount", pc_api_money(s.consume, 8));
        json_object_set_new(a->out, "refunds", pc_api_money(s.refunds, 8));
        json_object_set_new(a->out, "adjustments", pc_api_money(s.adjustments, 8));
        json_object_set_new(a->out, "tax_amount", pc_api_money(s.tax, 8));
    }
    json_object_set_new(a->out, "currency", json_string("USD"));
    return 200;
}

static const pc_api_op ops[] = {
    PC_API_OP("GET", "/v2/promotions/benefits/coupons", "list_sub_customer_coupons",
              api_list_sub_customer_coupons, 0),
    PC_API_OP("GET", "/v2/accounts/customer-accounts/balances", "show_customer_account_balances",
              show_balances, 0),
    PC_API_OP("GET", "/v2/partners/credit/consumption-quota", "show_partner_consumption_quota",
              show_quota, PC_API_PARTNER),
    PC_API_OP("GET", "/v2/bills/partner-bills/postpaid-bill-summary", "list_postpaid_bill_sum",
              postpaid_bill_sum, PC_API_PARTNER),
    PC_API_OP("GET", "/v2/bills/customer-bills/monthly-sum", "show_customer_monthly_sum",
              api_show_customer_monthly_sum, PC_API_CUSTOMER),
    PC_API_OP("GET", "/v2/bills/customer-bills/res-fee-records",
              "list_customerself_resource_records", api_list_customerself_resource_records,
              PC_API_CUSTOMER),
    PC_API_OP("POST", "/v4/costs/cost-analysed-bills/query", "list_costs", api_list_costs,
              PC_API_CUSTOMER),
};
PC_API_OP_TABLE(pc_api_bill_ops, ops);
