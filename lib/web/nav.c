#include "web/nav.h"

#include <string.h>

#include "base/view.h"

typedef struct nav_item {
    const char *key; /* language key of the label */
    const char *href;
    int guard;         /* permission or guard; -1: any of the group's children */
    int available;     /* 0 while the area is not built: shown as text, not a link */
    int parent;        /* index of the group, or -1 */
    pc_user_kind kind; /* who sees it */
} nav_item;

#define M PC_KIND_MEMBER
#define O PC_KIND_OPERATOR
#define C PC_KIND_CUSTOMER

static const nav_item items[] = {
    /* 0 */ {"nav.home", "/home", PC_GUARD_SIGNED_IN, 1, -1, M},
    /* 1 */ {"nav.sales", NULL, -1, 1, -1, M},
    /* 2 */ {"nav.customers", "/customers/", PC_PERM_CUSTOMER_DEVELOP, 1, 1, M},
    /* 3 */ {"nav.customers", "/customers/", PC_PERM_CUSTOMER_VIEW_ALL, 1, 1, M},
    /* 4 */ {"nav.orders", "/orders/", PC_PERM_ORDER_VIEW, 1, 1, M},
    /* 5 */ {"nav.spend", "/spend/", PC_PERM_SPEND_VIEW, 1, 1, M},
    /* 6 */ {"nav.finance", "/finance/bills", PC_PERM_FINANCE_VIEW, 1, 1, M},
    /* 7 */ {"nav.incentives", "/incentives/", PC_PERM_INCENTIVE_VIEW, 0, 1, M},
    /* 8 */ {"nav.stats", "/stats/", PC_PERM_STATS_VIEW, 0, 1, M},
    /* 9 */ {"nav.programs", "/programs/", PC_PERM_PROGRAM_MANAGE, 0, -1, M},
    /* 10 */ {"nav.org", NULL, -1, 1, -1, M},
    /* 11 */ {"nav.members", "/org/members", PC_PERM_ORG_MEMBER_MANAGE, 1, 10, M},
    /* 12 */ {"nav.roles", "/org/roles", PC_PERM_ORG_ROLE_MANAGE, 1, 10, M},
    /* 13 */ {"nav.team", "/org/team", PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS, 1, 10, M},
    /* 14 */ {"nav.contacts", "/org/contacts", PC_PERM_ORG_CONTACT_MANAGE, 1, 10, M},
    /* 15 */ {"nav.support", "/support/", PC_PERM_SUPPORT_USE, 0, -1, M},
    /* 16 */ {"nav.home", "/home", PC_GUARD_SIGNED_IN, 1, -1, O},
    /* 17 */ {"nav.admin", "/admin/", PC_GUARD_OPERATOR, 1, -1, O},
    /* 18 */ {"nav.home", "/home", PC_GUARD_SIGNED_IN, 1, -1, C},
    /* 19 */ {"nav.console", "/console/", PC_GUARD_CUSTOMER, 1, -1, C},
    /* Sales > Export History, for whoever may export (the two items show once: same label) */
    /* 20 */ {"nav.exports", "/exports/", PC_PERM_CUSTOMER_EXPORT, 1, 1, M},
    /* 21 */ {"nav.exports", "/exports/", PC_PERM_SPEND_EXPORT, 1, 1, M},
    /* Sales > Contracts and Commerce (9.4.4.1), Sales > KooGallery discounts (9.7.1.1) */
    /* 22 */ {"nav.contracts", "/finance/discounts", PC_PERM_FINANCE_VIEW, 1, 1, M},
    /* 23 */ {"nav.koogallery", "/finance/koogallery", PC_PERM_FINANCE_VIEW, 1, 1, M},
    /* Sales > Funds: pay bills, cards, remittance claims, account statements (9.4.2) */
    /* 24 */ {"nav.funds", "/finance/funds", PC_PERM_FINANCE_VIEW, 1, 1, M},
    /* Sales > Invoices (9.4.3a), Sales > Coupons (9.4.5.1.2) */
    /* 25 */ {"nav.invoices", "/finance/invoices", PC_PERM_FINANCE_VIEW, 1, 1, M},
    /* 26 */ {"nav.coupons", "/finance/coupons", PC_PERM_FINANCE_VIEW, 1, 1, M},
};
#define NITEMS (sizeof items / sizeof items[0])

static int visible(const nav_item *it, const pc_user *u)
{
    return it->kind == u->kind && it->guard >= 0 && pc_authz_allows(u, it->guard);
}

static void set(HDF *h, const char *fmt, const char *prefix, int i, int j, const char *v)
{
    NEOERR *e =
        j < 0 ? hdf_set_valuef(h, fmt, prefix, i, v) : hdf_set_valuef(h, fmt, prefix, i, j, v);
    nerr_ignore(&e);
}

void pc_nav_build(HDF *hdf, const char *prefix, const pc_user *u, const char *path,
                  const char *lang)
{
    int top = 0;
    for (size_t i = 0; i < NITEMS; i++) {
        const nav_item *it = &items[i];
        if (it->parent >= 0 || it->kind != u->kind)
            continue;
        if (it->guard >= 0) {
            if (!visible(it, u))
                continue;
            set(hdf, "%s.%d.label=%s", prefix, top, -1, pc_view_t(lang, it->key));
            if (it->available)
                set(hdf, "%s.%d.href=%s", prefix, top, -1, it->href);
            if (it->href && strncmp(path, it->href, strlen(it->href)) == 0)
                set(hdf, "%s.%d.active=%s", prefix, top, -1, "1");
            top++;
            continue;
        }
        /* a group: shown when at least one child is visible; children deduplicated by label */
        int n = 0;
        const char *last = NULL;
        for (size_t k = 0; k < NITEMS; k++) {
            const nav_item *ch = &items[k];
            if (ch->parent != (int)i || !visible(ch, u) || (last && strcmp(last, ch->key) == 0))
                continue;
            last = ch->key;
            set(hdf, "%s.%d.children.%d.label=%s", prefix, top, n, pc_view_t(lang, ch->key));
            if (ch->available)
                set(hdf, "%s.%d.children.%d.href=%s", prefix, top, n, ch->href);
            if (strncmp(path, ch->href, strlen(ch->href)) == 0)
                set(hdf, "%s.%d.active=%s", prefix, top, -1, "1");
            n++;
        }
        if (n) {
            set(hdf, "%s.%d.label=%s", prefix, top, -1, pc_view_t(lang, it->key));
            top++;
        }
    }
}
