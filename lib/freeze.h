/*
 * freeze — ending a customer's freeze (ch09 9.3.1.8, 9.3.1.9), shared by the
 * unfreeze pages (cgi-bin/customers_freeze.c), "Unfreeze now" of Set Budget
 * and the partner API (lib/budget.c).
 */
#ifndef PC_FREEZE_H
#define PC_FREEZE_H
#include <stdint.h>

#include "authz.h"

/*
 * End the open freeze of customer_id, whose row the caller locked, inside the
 * caller's transaction: the freeze record is closed with `reason`, frozen
 * resources run again, the customer is "normal", and the audit event
 * "customer.unfreeze" of user u (from ip) is written.  0 or -1.
 */
int pc_freeze_end(const pc_user *u, const char *ip, int64_t customer_id, const char *reason);

#endif
