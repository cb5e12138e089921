/*
 * usage_parse — the reading of usage and 95th-percentile bandwidth CSV files
 * (format: README.md, "Usage import format"), apart from the database: the
 * catalog that a line is checked against (products, regions, price items,
 * customers) is handed in, so that the importer (usage_import.c, which loads
 * it from the database and writes the good lines) and the fuzz harnesses
 * (tests/fuzz/fuzz_usage.c, fuzz_bandwidth.c) run the same code.
 */
#ifndef PC_USAGE_PARSE_H
#define PC_USAGE_PARSE_H
#include <stddef.h>
#include <stdint.h>

#include "base/idset.h"

#define USAGE_MAX_FIELDS 10

typedef enum { IMPORT_USAGE, IMPORT_BANDWIDTH } import_kind;

typedef struct import_result {
    int lines;      /* data lines read */
    int records;    /* rows inserted */
    int duplicates; /* good lines whose id was already stored (an id repeated in the file is bad) */
    int bad;        /* bad lines (skipped with skip_bad, else the file is rejected) */
    int rejected;   /* 1: nothing imported because of bad lines */
    char *report;   /* "line N: reason\n" per bad line, malloc'd (caller frees), never NULL on 0 */
    size_t report_len;
} import_result;

/* Append one printf-formatted piece (at most 599 bytes) to res->report.  Aborts when out of
 * memory. */
void usage_report(import_result *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- the catalog a line is checked against ---------------------------- */

typedef struct usage_entry {
    char key[160];
    int64_t id;
    int flag;
    char unit[17];
    char factor[32]; /* price items: conversion factor (DECIMAL as text) */
    int64_t list_price;
} usage_entry;

typedef struct usage_table {
    usage_entry *e;
    size_t n, cap;
} usage_table;

typedef struct usage_catalog {
    /* products: key = code, id, flag = p95 (billed by 95th-percentile bandwidth);
       regions: key = code;
       prices: every price item twice, key "PRODUCT_ID|ITEM|REGION" with its usage unit,
       factor and list price, and key "PRODUCT_ID|ITEM" (does the item exist at all) */
    usage_table products, regions, prices;
    int64_t *customers; /* ascending */
    size_t ncustomers, capcustomers;
    char latest[20];     /* the latest end (sample time) accepted: now + Usage.max_future_seconds */
    long future_seconds; /* that setting, for the message */
} usage_catalog;

/* Add an entry to t (key and texts cut to their fields' sizes).  Aborts when out of memory. */
void usage_table_add(usage_table *t, const char *key, int64_t id, int flag, const char *unit,
                     const char *factor, int64_t list_price);
/* Add a customer id; ids must come in ascending order.  Aborts when out of memory. */
void usage_catalog_add_customer(usage_catalog *c, int64_t id);
/* Sort the three tables for look-up: call once after the last usage_table_add. */
void usage_catalog_sort(usage_catalog *c);
/* Set the latest end accepted: now ("YYYY-MM-DD HH:MM:SS" UTC) + future_seconds.  0, or -1
 * when now is not such a time. */
int usage_catalog_set_latest(usage_catalog *c, const char *now, long future_seconds);
void usage_catalog_free(usage_catalog *c);

/* ---- the lines -------------------------------------------------------- */

/* A good line: its fields (pointers into the file buffer) and resolved ids. */
typedef struct usage_row {
    char *f[USAGE_MAX_FIELDS];
    int64_t customer, product;
} usage_row;

typedef struct usage_rows {
    usage_row *v;
    size_t n, cap;
    idset ids; /* record ids of the good lines so far */
} usage_rows;

/*
 * Read the text of a whole file (buf, NUL-terminated, without other NULs: the importer refuses
 * a file holding one before it gets here; buf is cut into fields in place and must outlive
 * rows): the header, then every line checked against cat.  Good lines are appended to rows;
 * res->lines and res->bad are counted and each bad line reported ("line N: reason\n").
 * Returns 0, or -1 when the header is wrong or no line follows it (reported too).
 */
int usage_parse_lines(import_kind kind, char *buf, const usage_catalog *cat, usage_rows *rows,
                      import_result *res);
void usage_rows_free(usage_rows *rows);

#endif
