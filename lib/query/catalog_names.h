/*
 * catalog_names — Chinese pages show the catalog's Chinese names (issue 16).
 *
 * Products, categories and regions are stored with an English name and a Chinese one
 * (name_zh, sql/030_catalog_zh.sql).  The programs select the English name; before a Chinese
 * page is rendered every data value of its tree that is exactly an English catalog name (or
 * such a name followed by " (…)", as "Object Storage Service (storage)") is replaced by the
 * Chinese one.  Filters and forms (Filter, Form, Query) keep what the user typed, and so does the
 * top-level node a page names in Page.catalog_keep (the operator's product form is filled from it).
 */
#ifndef PC_CATALOG_NAMES_H
#define PC_CATALOG_NAMES_H
#include <ClearSilver.h>

/* Read the names (again after any write, lib/base/generation.h); not while a streamed query is
 * open. */
void pc_catalog_names_load(void);
/* The Chinese name of an English catalog name as last read, or NULL. */
const char *pc_catalog_zh(const char *en);
/* Read the names as pc_catalog_names_load, then replace the English catalog names below the
 * top-level nodes of root (see above). */
void pc_catalog_names_zh(HDF *root);

#endif
