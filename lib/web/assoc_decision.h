/*
 * assoc_decision — what the partner's page (pc-customers) and the customer's
 * console (pc-console) both record when a disassociation request
 * (rules/assoc.h) is decided.
 */
#ifndef PC_ASSOC_DECISION_H
#define PC_ASSOC_DECISION_H
#include "rules/assoc.h"
#include "web/app.h"

/*
 * Record a decision on request p made by `by` ("customer" or "partner"): the
 * trace approvePartnerOrCustomerApply on the customer's tenant and the audit
 * event.  0 or -1.
 */
int pc_assoc_record_decision(pc_ctx *c, const pc_assoc_pending *p, int agree, const char *by);

#endif
