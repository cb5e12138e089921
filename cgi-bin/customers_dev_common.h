/*
 * Customer Development (9.2.2): helpers shared by the page files
 * customers_dev.c (pre-registrations), customers_dev_invite.c (e-mail
 * invitations, History Records) and customers_dev_links.c (links, QR codes);
 * the helpers are defined in customers_dev_common.c.
 */
#ifndef PC_CUSTOMERS_DEV_COMMON_H
#define PC_CUSTOMERS_DEV_COMMON_H
#include <stdint.h>

#include "customers.h"

#define DEV_MAX_BATCH 100

/*
 * The pre-registrations (alias p) a member may see: its partner's, and without
 * customer.view_all only those it made or that are attributed to it (a
 * director: also to its managers).  Binds: DEV_SCOPE_BINDS(c, scope).
 */
#define DEV_SCOPE                                                                                  \
    "p.partner_id = ? AND (? = 0 OR p.created_by = ? OR p.account_manager_id = ? OR "              \
    "p.account_manager_id IN (SELECT m.id FROM users m WHERE m.director_id = ?))"
#define DEV_SCOPE_BINDS(c, s)                                                                      \
    PC_I64((c)->user.partner_id), PC_I64((s).assigned_to), PC_I64((s).assigned_to),                \
        PC_I64((s).assigned_to), PC_I64((s).director_of)

/*
 * The member id an invitation or pre-registration made by the signed-in user
 * is attributed to (9.2.2.1, 9.2.2.3): itself when it is an account manager or
 * director, else 0.
 */
int64_t dev_own_manager(const pc_ctx *c);

/*
 * Inside a transaction: send an e-mail invitation for pre-registration
 * prereg_id of the signed-in user's partner (status PREREGISTERED and not
 * expired, row locked by the caller or here).  Earlier open invitations of it
 * are expired (their tokens die).  Returns 0, 1 when the pre-registration may
 * not be invited (*why = language key), -1 on a database error.
 */
int dev_invite_tx(pc_ctx *c, int64_t prereg_id, const char **why);

/* The "ids" checkboxes of a batch form into ids (≤ DEV_MAX_BATCH); count or -1. */
int dev_read_ids(pc_ctx *c, int64_t *ids);

/* Put the sub-tabs of Customer Development, marking `active`. */
void dev_subtabs(pc_ctx *c, const char *active);

/* Answer a refused change: status with the reason (key) above the list the action came from
 * (page: the list's or History Records' handler), never a bare error page. */
int dev_refused(pc_ctx *c, int status, const char *key, int (*page)(pc_ctx *c));

#endif
