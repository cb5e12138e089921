#include "web/nav.h"

#include <stdio.h>
#include <string.h>

#include "base/view.h"

/*
 * The vendor's grouped menu (guide and spec "Where:" lines): Sales ▸ Customers, Sales ▸
 * Financial Information, Sales ▸ KooGallery; Organization.  Areas not built yet (Operations
 * Statistics, Resellers, Incentives, Support, Programs) are not listed at all: an entry
 * appears with its page.  Each leaf carries the guard its page's route declares (or the
 * stronger guard the handler asks, e.g. PC_GUARD_KOOGALLERY), so the menu shows exactly
 * what answers.  Leaves with menu = 0 only name the place in the breadcrumbs (pages reached
 * from a list, e.g. Export History from Export ▸ View Export).
 */
typedef struct nav_item {
    const char *key;   /* language key of the label */
    const char *href;  /* NULL: a group */
    int guard;         /* permission or PC_GUARD_*; groups: -1 (shown when a child is) */
    int parent;        /* index of the group, or -1 */
    int menu;          /* 0: breadcrumbs only */
    pc_user_kind kind; /* who sees it */
} nav_item;

#define M PC_KIND_MEMBER
#define O PC_KIND_OPERATOR
#define C PC_KIND_CUSTOMER

enum { HOME, SALES, CUSTOMERS, FINANCE, KOOGALLERY, ORG };

static const nav_item items[] = {
    [HOME] = {"nav.home", "/home", PC_GUARD_SIGNED_IN, -1, 1, M},
    [SALES] = {"nav.sales", NULL, -1, -1, 1, M},
    [CUSTOMERS] = {"nav.customers", NULL, -1, SALES, 1, M},
    [FINANCE] = {"nav.fin_info", NULL, -1, SALES, 1, M},
    [KOOGALLERY] = {"nav.koo_group", NULL, -1, SALES, 1, M},
    [ORG] = {"nav.org", NULL, -1, -1, 1, M},
    /* Sales ▸ Customers (9.3): two entries of one label show once, the first the user may open */
    {"nav.cust_mgmt", "/customers/", PC_GUARD_CUSTOMERS, CUSTOMERS, 1, M},
    {"nav.orders", "/orders/", PC_PERM_ORDER_VIEW, CUSTOMERS, 1, M},
    {"nav.spend", "/spend/", PC_PERM_SPEND_VIEW, CUSTOMERS, 1, M},
    {"nav.assignment", "/customers/assignment", PC_GUARD_ASSIGNMENT, CUSTOMERS, 1, M},
    {"nav.exports", "/exports/", PC_PERM_CUSTOMER_EXPORT, CUSTOMERS, 0, M},
    {"nav.exports", "/exports/", PC_PERM_SPEND_EXPORT, CUSTOMERS, 0, M},
    /* Sales ▸ Financial Information (9.4) */
    {"nav.bills", "/finance/bills", PC_PERM_FINANCE_VIEW, FINANCE, 1, M},
    {"nav.funds", "/finance/funds", PC_PERM_FINANCE_VIEW, FINANCE, 1, M},
    {"nav.invoices", "/finance/invoices", PC_PERM_FINANCE_VIEW, FINANCE, 1, M},
    {"nav.invoices", "/finance/wht", PC_PERM_FINANCE_VIEW, FINANCE, 0, M},
    {"nav.coupons", "/finance/coupons", PC_PERM_FINANCE_VIEW, FINANCE, 1, M},
    {"nav.coupons", "/finance/coupon-management", PC_PERM_FINANCE_VIEW, FINANCE, 0, M},
    {"nav.contracts", "/finance/discounts", PC_PERM_FINANCE_VIEW, FINANCE, 1, M},
    /* Sales ▸ KooGallery ▸ Discounts for KooGallery Products (9.7.1.1): program members */
    {"nav.koogallery", "/finance/koogallery", PC_GUARD_KOOGALLERY, KOOGALLERY, 1, M},
    /* Organization ▸ Member Management (tabs Users, Roles, Customer Contacts), Account Managers */
    {"nav.member_mgmt", "/org/members", PC_PERM_ORG_MEMBER_MANAGE, ORG, 1, M},
    {"nav.member_mgmt", "/org/roles", PC_PERM_ORG_ROLE_MANAGE, ORG, 1, M},
    {"nav.member_mgmt", "/org/contacts", PC_PERM_ORG_CONTACT_MANAGE, ORG, 1, M},
    {"nav.team", "/org/team", PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS, ORG, 1, M},
    {"nav.api_keys", "/org/api-keys", PC_GUARD_PARTNER, ORG, 0, M},
    /* the vendor's operators and the customers' console */
    {"nav.home", "/home", PC_GUARD_SIGNED_IN, -1, 1, O},
    {"nav.admin", "/admin/", PC_GUARD_OPERATOR, -1, 1, O},
    {"nav.home", "/home", PC_GUARD_SIGNED_IN, -1, 1, C},
    {"nav.console", "/console/", PC_GUARD_CUSTOMER, -1, 1, C},
};
#define NITEMS ((int)(sizeof items / sizeof items[0]))

static int visible(int i, const pc_user *u)
{
    const nav_item *it = &items[i];
    return it->kind == u->kind && it->href && pc_authz_allows(u, it->guard);
}

static int is_ancestor(int a, int i)
{
    for (int p = items[i].parent; p >= 0; p = items[p].parent)
        if (p == a)
            return 1;
    return 0;
}

/* The page's place: the visible leaf whose address is the longest prefix of path, or -1. */
static int place(const pc_user *u, const char *path)
{
    int best = -1;
    size_t len = 0;
    for (int i = 0; i < NITEMS; i++) {
        if (!visible(i, u))
            continue;
        size_t n = strlen(items[i].href);
        int match = items[i].href[n - 1] == '/'
                        ? strncmp(path, items[i].href, n) == 0
                        : strncmp(path, items[i].href, n) == 0 && (path[n] == 0 || path[n] == '/');
        if (match && n > len) {
            best = i;
            len = n;
        }
    }
    return best;
}

static void setf(HDF *h, const char *prefix, const char *field, const char *v)
{
    char name[200];
    snprintf(name, sizeof name, "%s.%s", prefix, field);
    NEOERR *e = hdf_set_value(h, name, v);
    nerr_ignore(&e);
}

/* Write the visible entries under `parent` as prefix.N.{label,href,active,current,children};
 * returns N.  A group shows when one of its entries does; two entries of one label, once. */
static int emit(HDF *hdf, const char *prefix, int parent, const pc_user *u, int here,
                const char *lang)
{
    char name[160], sub[180];
    int n = 0;
    const char *last = NULL;
    for (int i = 0; i < NITEMS; i++) {
        const nav_item *it = &items[i];
        if (it->parent != parent || it->kind != u->kind || !it->menu)
            continue;
        snprintf(name, sizeof name, "%s.%d", prefix, n);
        if (!it->href) {
            snprintf(sub, sizeof sub, "%s.children", name);
            if (emit(hdf, sub, i, u, here, lang) == 0)
                continue;
            setf(hdf, name, "id", it->key + 4);
        } else {
            if (!visible(i, u) || (last && strcmp(last, it->key) == 0))
                continue;
            last = it->key;
            setf(hdf, name, "href", it->href);
        }
        setf(hdf, name, "label", pc_view_t(lang, it->key));
        if (here >= 0 &&
            (i == here || is_ancestor(i, here) ||
             (it->href && strcmp(items[here].key, it->key) == 0 && items[here].parent == parent)))
            setf(hdf, name, "active", "1");
        n++;
    }
    return n;
}

void pc_nav_build(HDF *hdf, const char *prefix, const pc_user *u, const char *path,
                  const char *lang)
{
    int here = place(u, path);
    emit(hdf, prefix, -1, u, here, lang);
    if (here < 0 || strcmp(path, "/home") == 0)
        return;
    /* the breadcrumbs: the groups down to the page's entry (the template adds the page) */
    int chain[8], n = 0;
    for (int i = here; i >= 0 && n < 8; i = items[i].parent)
        chain[n++] = i;
    char name[64];
    for (int k = 0; k < n; k++) {
        const nav_item *it = &items[chain[n - 1 - k]];
        snprintf(name, sizeof name, "Crumbs.%d", k);
        setf(hdf, name, "label", pc_view_t(lang, it->key));
        if (it->href && strcmp(it->href, path) != 0)
            setf(hdf, name, "href", it->href);
    }
    setf(hdf, "Crumb", "last", pc_view_t(lang, items[here].key));
}
