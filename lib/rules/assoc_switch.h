/*
 * assoc_switch — the association-type switch (9.3.1.2, "seen in the
 * localized guide": the partner may switch a customer between resale and
 * referral, the impacts shown before confirming, through the same request
 * flow as a disassociation).  The partner asks (pc-customers); the customer
 * agrees or rejects in its console (pc-console).  Every function runs inside
 * the caller's pc_db_tx transaction.
 */
#ifndef PC_ASSOC_SWITCH_H
#define PC_ASSOC_SWITCH_H
#include <stdint.h>

/* The other association type: "referral" for "reseller" and back; NULL for anything else. */
const char *pc_assoc_switch_target(const char *type);

#define PC_SWITCH_E_GONE    (-2) /* the customer is not associated with that partner */
#define PC_SWITCH_E_PENDING (-3) /* a request of the pair waits for a decision */

/*
 * Ask to switch customer_id (associated with partner_id) to the other type:
 * locks the customer row, refuses while any request of the pair is pending,
 * stores the request with the current and the target type.  Returns the
 * request id, a PC_SWITCH_E_* code, or -1 on a database error.
 */
int64_t pc_assoc_switch_start(int64_t customer_id, int64_t partner_id, int64_t requested_by,
                              const char *reason);

/* A pending switch, locked. */
typedef struct pc_assoc_switch {
    int64_t id, customer_id, partner_id;
    char target[12];
} pc_assoc_switch;
/* Lock pending switch request_id of customer_id.  1, 0 (none such), -1. */
int pc_assoc_switch_lock(int64_t request_id, int64_t customer_id, pc_assoc_switch *s);

/*
 * Agree: the association in force ends and one of the target type starts at
 * the same moment (rating reads the type in force at each transaction time),
 * the customer row takes the new type.  To referral, the partner's budget
 * controls end (its budget and association freezes are lifted; budgets and
 * freezing apply to resale only); to resale, the account is frozen until the
 * partner sets a budget and unfreezes it, as a new resale customer is (11.1
 * rule 6).  0 or -1.
 */
int pc_assoc_switch_complete(const pc_assoc_switch *s, int64_t decided_by);
/* Reject.  0 or -1. */
int pc_assoc_switch_reject(const pc_assoc_switch *s, int64_t decided_by);

#endif
