/*
 * audit — the trace: who did what, on whose behalf, to which object, from
 * where, with what result.  Written in the same transaction as the change it
 * records when there is one.
 */
#ifndef PC_AUDIT_H
#define PC_AUDIT_H
#include <stdint.h>

typedef struct pc_audit_event {
    int64_t actor_user_id;  /* 0: nobody signed in */
    const char *actor_name; /* login name as typed (failed logins) */
    int64_t partner_id;     /* whose data; 0 for none */
    int64_t on_behalf_of;   /* customer acted for; 0 for none */
    const char *action;     /* "login", "member.create", … */
    const char *object_type;
    int64_t object_id;
    const char *ip;
    const char *result; /* "ok", "denied", "failed" */
    const char *detail;
} pc_audit_event;

/* Store one event.  0 or -1. */
int pc_audit(const pc_audit_event *e);

/* Store one event of signed-in user u (its id, login name and partner) from address ip.  0 or -1.
 */
struct pc_user;
int pc_audit_by(const struct pc_user *u, const char *ip, const char *action,
                const char *object_type, int64_t object_id, const char *result, const char *detail);

#endif
