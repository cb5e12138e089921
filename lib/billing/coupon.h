/*
 * coupon — the money movements of cash coupons and coupon quotas (ch09
 * §9.4.5.1, S1).  Each function runs INSIDE the caller's pc_db_tx: it writes
 * the business change, its one ledger entry (lib/billing/ledger.h) and the cached
 * amount (coupons.balance, coupon_quotas.available) together; the caller adds
 * its audit event to the same transaction and commits.  Used by the vendor's
 * and the partner's pages, the expiry job and the demo data alike.
 *
 * Ledger entries (debit > 0, credit < 0):
 *   vendor issues coupon      "coupon_issue:<id>"   vendor_coupons Dr, coupon Cr
 *   partner issues from quota "coupon_grant:<id>"   quota Dr, coupon Cr          (kind
 * coupon_issue) vendor revokes            "coupon_revoke:<id>"  coupon Dr, vendor_coupons Cr (kind
 * coupon_reclaim) partner reclaims          "coupon_reclaim:<id>" coupon Dr, quota Cr (kind
 * coupon_reclaim) coupon expires            "coupon_expiry:<id>"  coupon Dr, vendor_coupons Cr
 * (kind coupon_expiry) vendor grants quota       "quota_grant:<log>"   vendor_coupons Dr, quota Cr
 *   vendor reclaims quota     "quota_reclaim:<log>" quota Dr, vendor_coupons Cr
 */
#ifndef PC_COUPON_H
#define PC_COUPON_H
#include <stdint.h>

/* Results besides 0 (done) and -1 (database error: roll back). */
#define PC_COUPON_NO_QUOTA  1 /* the quota's available amount is smaller */
#define PC_COUPON_NOT_FOUND 2 /* no such coupon of that partner */
#define PC_COUPON_STATE     3 /* the coupon is not in a state that allows it */

typedef struct pc_coupon_new {
    const char *issuer;      /* "vendor" or "partner" (out of the partner's quota) */
    const char *name, *kind; /* kind: normal | test */
    int64_t partner_id;      /* the owner */
    int64_t customer_id;     /* 0: every customer of the partner */
    int64_t reseller_id;     /* 0: every reseller (a distributor's coupon, ch10 §10.2.4.5) */
    int64_t face_value;      /* 10^-8 USD, > 0 */
    const char *valid_from, *valid_to;       /* UTC "YYYY-MM-DD HH:MM:SS" */
    int64_t product_id, excluded_product_id; /* 0: none */
    const char *billing_mode;                /* NULL or "": every billing mode */
    const char *region, *remarks;            /* "" allowed */
    int no_promotion;
    int64_t user_id;  /* who issues (0: the system) */
    const char *code; /* NULL: a new random code; else this one (the demo data's fixed codes) */
} pc_coupon_new;

/*
 * Issue a coupon: a new row with a unique code "CP" + 16 characters, its
 * ledger entry and balance = face value.  A partner's issue also consumes
 * its quota and writes one ISSUE_COUPON operation log.  *id gets the coupon.
 * Returns 0, PC_COUPON_NO_QUOTA (nothing written: the caller rolls back and
 * may log the failure with pc_coupon_log_failed) or -1.
 */
int pc_coupon_issue(const pc_coupon_new *n, const char *now, int64_t *id);

typedef enum { PC_COUPON_REVOKE, PC_COUPON_EXPIRE, PC_COUPON_RECLAIM } pc_coupon_close_how;

/*
 * Close an available coupon: REVOKE (the vendor; status invalid) and EXPIRE
 * (valid_to passed; invalid) write the remaining balance off to the vendor;
 * RECLAIM (the issuing partner; status reclaimed) returns it to the
 * partner's quota and writes one RECLAIM_COUPON log.  partner_id limits the
 * coupon to that owner (0: any, the vendor and the job).  *amount (may be
 * NULL) gets the balance moved.  Returns 0, PC_COUPON_NOT_FOUND,
 * PC_COUPON_STATE or -1.
 */
int pc_coupon_close(int64_t coupon_id, int64_t partner_id, pc_coupon_close_how how, const char *now,
                    int64_t user_id, const char *remarks, int64_t *amount);

/*
 * The vendor grants (amount > 0) or reclaims (amount < 0) coupon quota of a
 * partner: coupon_quotas row, ledger entry and one ISSUE_QUOTA /
 * RECLAIM_QUOTA log.  Returns 0, PC_COUPON_NO_QUOTA (reclaiming more than
 * is available; nothing written) or -1.
 */
int pc_coupon_quota_change(int64_t partner_id, int64_t amount, int64_t user_id, const char *remarks,
                           const char *now);

/* One operation log with result "failed" (a refused issue), in its own transaction of the caller.
 */
int pc_coupon_log_failed(int64_t partner_id, const char *op_type, int64_t customer_id,
                         int64_t amount, int64_t user_id, const char *remarks, const char *now);

/*
 * The operation records of one partner (S1), shared by the page and the
 * export kind: columns id, op_type, coupon code, customer name, customer
 * account, amount, operator, created_at, result, remarks; one bind: the
 * partner id.  Newest first.
 */
#define PC_COUPON_LOG_SELECT                                                                       \
    "SELECT l.id, l.op_type, COALESCE(k.code, ''), COALESCE(c.name, ''), "                         \
    "COALESCE(c.account_name, ''), l.amount, COALESCE(u.name, ''), l.created_at, l.result, "       \
    "l.remarks FROM coupon_operation_logs l LEFT JOIN coupons k ON k.id = l.coupon_id "            \
    "LEFT JOIN customers c ON c.id = l.customer_id LEFT JOIN users u ON u.id = l.user_id "         \
    "WHERE l.partner_id = ?"
#define PC_COUPON_LOG_ORDER " ORDER BY l.id DESC"

#endif
