/*
 * catalog_names — Chinese pages show the catalog's Chinese names (issue 16).
 *
 * Products, categories and regions are stored with an English name and a Chinese one
 * (name_zh, sql/030_catalog_zh.sql).  The programs select the English name; before a Chinese
 * page is rendered every data value of its tree that is exactly an English catalog name (or
 * such a name followed by " (…)", as "Object Storage Service (storage)") is replaced by the
 * Chinese one.  Filters and forms (Filter, Form, Query) keep what the user typed.
 */
#ifndef PC_CATALOG_NAMES_H
#define PC_CATALOG_NAMES_H
#include <ClearSilver.h>

/* The Chinese name of an English catalog name, or NULL. */
const char *pc_catalog_zh(const char *en);
/* Replace the English catalog names below the top-level nodes of root (see above). */
void pc_catalog_names_zh(HDF *root);

#endif
