/*
 * assoc — disassociation between a customer and its partner (guide 9.3.1.2,
 * 11.2.1), shared by the partner's pages (pc-customers) and the customer's
 * console (pc-console): the account check, the request with its rate limit,
 * and the completion.  Every function that changes data runs inside the
 * caller's pc_db_tx transaction.
 */
#ifndef PC_ASSOC_H
#define PC_ASSOC_H
#include <stdint.h>

/* At most this many disassociation requests per initiator and pair in 90 days. */
#define PC_ASSOC_LIMIT      3
#define PC_ASSOC_LIMIT_DAYS 90
#define PC_ASSOC_MAX_FAILS  12

typedef enum {
    PC_ASSOC_PARTNER_SIDE, /* the five checks of 9.3.1.2 */
    PC_ASSOC_CUSTOMER_SIDE /* the items of 11.2.1 rule 2 */
} pc_assoc_side;

/*
 * The account check before a disassociation is submitted or agreed.  Puts
 * the code of each failing item in fails[] (the page shows the language
 * string cust.precheck.<code>).  Returns the number of failures, -1 on a
 * database error.
 */
int pc_assoc_check(int64_t customer_id, pc_assoc_side side, const char *fails[PC_ASSOC_MAX_FAILS]);

typedef struct pc_assoc_request {
    int64_t customer_id, partner_id, requested_by;
    const char *initiator;   /* "partner" or "customer" */
    const char *reason_code; /* NULL for a partner */
    const char *reason;
} pc_assoc_request;

#define PC_ASSOC_E_GONE    (-2) /* the customer is not associated with that partner */
#define PC_ASSOC_E_PENDING (-3) /* a request of the pair waits for a decision */
#define PC_ASSOC_E_LIMIT   (-4) /* the initiator's limit of 90 days is reached */

/*
 * Start a disassociation request: locks the customer row, then counts the
 * initiator's requests of the last 90 days under that lock so that two
 * concurrent requests cannot both pass.  Returns the new request id, a
 * PC_ASSOC_E_* code, or -1 on a database error.
 */
int64_t pc_assoc_start(const pc_assoc_request *r);

/* A pending request, locked: fills the pair and the initiator.  1, 0 (none), -1. */
typedef struct pc_assoc_pending {
    int64_t id, customer_id, partner_id;
    char initiator[12];
} pc_assoc_pending;
int pc_assoc_lock_pending(int64_t request_id, pc_assoc_pending *p);

/* Reject a pending request.  0 or -1. */
int pc_assoc_reject(int64_t request_id, int64_t decided_by);

/*
 * Complete a pending request: the association ends, the customer leaves the
 * partner (association fields cleared, the partner's budget freeze lifted,
 * the budget kept but no longer enforced), open account manager assignments
 * and authorizations end.  0 or -1.
 */
int pc_assoc_complete(const pc_assoc_pending *p, int64_t decided_by, const char *today);

#endif
