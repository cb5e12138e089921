/*
 * trace — the customer's Cloud Trace Service records (guide 11.7): what was
 * done on a customer's tenant, by whom (the customer or a partner acting on
 * its behalf), from where.  A tenant records traces only after it enabled
 * CTS (customers.cts_enabled); the worker job "traces" keeps 7 days.
 */
#ifndef PC_TRACE_H
#define PC_TRACE_H
#include <stddef.h>
#include <stdint.h>

/* Trace names of 11.7.1 (and the one we add for on-behalf sessions). */
#define PC_TRACE_CREATE_TRACKER "createTracker"
#define PC_TRACE_CONFIRM_AUTH   "confirmCustomerAgentAuthorizationApply"
#define PC_TRACE_APPLY_UNBIND   "applyUnbindOrSwitchCooperation"
#define PC_TRACE_APPROVE_APPLY  "approvePartnerOrCustomerApply"
#define PC_TRACE_REQUEST_AUTH   "applyCustomerAgentAuthorization"
#define PC_TRACE_AGENT_SESSION  "startCustomerAgentSession"

/*
 * Write one trace on customer_id's tenant when it has CTS enabled; nothing
 * otherwise.  resource_id is also stored as the resource name; status is
 * "normal", "warning" or "incident"; details is a JSON object (NULL: "{}").
 * Runs in the caller's transaction when there is one.  Returns 1 when a
 * trace was written, 0 when CTS is off, -1 on a database error.
 */
int pc_trace(int64_t customer_id, const char *trace_name, const char *resource_type,
             const char *resource_id, int64_t operator_id, const char *ip, const char *status,
             const char *details);

/* s as the inside of a JSON string (quotes, backslashes and controls escaped) into out. */
char *pc_trace_json(const char *s, char *out, size_t n);

#endif
