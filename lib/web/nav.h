/*
 * nav — the portal's top navigation (Home; Sales: Customers, Orders, Spend,
 * Finance, Incentives, Statistics; Programs; Organization; Support), filtered
 * by what the signed-in user may open.
 */
#ifndef PC_NAV_H
#define PC_NAV_H
#include <ClearSilver.h>

#include "access/authz.h"

/* Fill prefix.N.{label,href,active,children.M...} for u into hdf.  Entries
 * whose area is not built yet are shown without a link (available = 0). */
void pc_nav_build(HDF *hdf, const char *prefix, const pc_user *u, const char *path,
                  const char *lang);

#endif
