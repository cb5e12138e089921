/*
 * customer_freeze — freezing and unfreezing a customer (9.3.1.6-9.3.1.9),
 * shared by the customer pages (cgi-bin/customers_freeze.c) and the partner
 * API (freeze_sub_customers, unfreeze_sub_customers): who may (the budget
 * gate of ch10 10.2.1.2), which action the freeze state allows, and the
 * change itself with its freeze record, resources and audit event.
 */
#ifndef PC_CUSTOMER_FREEZE_H
#define PC_CUSTOMER_FREEZE_H
#include <stdint.h>

#include "access/audit.h"
#include "access/authz.h"

typedef enum {
    PC_FREEZE_ACCOUNT,   /* freeze the account */
    PC_FREEZE_ALL,       /* freeze the account and its resources */
    PC_UNFREEZE_ACCOUNT, /* unfreeze the account */
    PC_UNFREEZE_ALL,     /* unfreeze the account and its resources */
    PC_FREEZE__N
} pc_freeze_action;

/*
 * Which action the state allows: freeze from normal; account and resources
 * from normal or account; unfreeze account from account, or from account and
 * resources once the resources were released (nothing is left to unfreeze
 * but the account, 9.3.1.9); unfreeze account and resources before that.
 */
int pc_freeze_allowed(pc_freeze_action a, const char *state, int released);

/* Non-zero when the open freeze of the customer had its resources released; -1 on error. */
int pc_freeze_released(int64_t customer_id);

/*
 * The budget gate: 0 when user u may set budgets and freeze a customer of
 * partner customer_partner_id (in u's scope, checked by the caller) — with
 * customer.budget; a reseller needs its distributor's grant; a distributor
 * acts on a reseller's customer only while that reseller has none — 403
 * when not, 409 when the customer is not associated in the reseller model
 * (9.3.1.6), 500 on a database error.  *own_frozen: u's partner's own
 * account is frozen (it may not unfreeze, 9.3.1.8); may be NULL.
 */
int pc_freeze_gate(const pc_user *u, int64_t customer_partner_id, int associated,
                   const char *association_type, int *own_frozen);

/*
 * Inside the caller's transaction: lock the customer row, check that its
 * state allows the action, and apply it (freeze record, customer state,
 * resources) with the audit event `who` (actor, partner, ip; action and
 * object filled in here).  0 done, 1 the state does not allow it, -1 error.
 */
int pc_freeze_apply(const pc_audit_event *who, pc_freeze_action a, int64_t customer_id,
                    const char *reason);

/*
 * End the open freeze of a customer whose row the caller locked, inside the
 * caller's transaction (also used when a budget is raised), audited as
 * customer.unfreeze.  0 or -1.
 */
int pc_freeze_end(const pc_audit_event *who, int64_t customer_id, const char *reason);

#endif
