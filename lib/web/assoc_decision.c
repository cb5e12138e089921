#include "web/assoc_decision.h"

#include "base/trace.h"

int pc_assoc_record_decision(pc_ctx *c, const pc_assoc_pending *p, int agree, const char *by)
{
    const char *id = pc_arena_printf(&c->arena, "%lld", (long long)p->id);
    const char *details =
        pc_arena_printf(&c->arena, "{\"request_id\":%lld,\"decision\":\"%s\",\"by\":\"%s\"}",
                        (long long)p->id, agree ? "agree" : "reject", by);
    if (pc_trace(p->customer_id, PC_TRACE_APPROVE_APPLY, "accountInfo", id, c->user.id,
                 c->remote_addr, "normal", details) < 0)
        return -1;
    pc_audit_ctx(c, agree ? "association.disassociate_agree" : "association.disassociate_reject",
                 "customer", p->customer_id, "ok",
                 pc_arena_printf(&c->arena, "request=%lld", (long long)p->id));
    return 0;
}
