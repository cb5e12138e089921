/*
 * db — the one MariaDB connection of a process, prepared statements with
 * typed binds, rows as strings, transactions with deadlock retry.
 *
 * SQL lives in per-module statement tables (enum index → SQL text), prepared
 * on first use and cached for the life of the connection.  No SQL text is
 * ever built from input: every value is a bind.
 */
#ifndef PC_DB_H
#define PC_DB_H
#include <ClearSilver.h>
#include <mysql.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pc_sql_table {
    const char *name;
    const char *const *sql;
    MYSQL_STMT **cache;
    size_t n;
} pc_sql_table;

/* Declare `var` over a `static const char *const arr[ST__MAX]` of statements. */
#define PC_SQL_TABLE(var, arr)                                                                     \
    static MYSQL_STMT *var##_cache[sizeof(arr) / sizeof(arr[0])];                                  \
    static pc_sql_table var = {#var, arr, var##_cache, sizeof(arr) / sizeof(arr[0])}

typedef enum { PC_B_NULL, PC_B_I64, PC_B_STR } pc_bind_type;
typedef struct pc_bind {
    pc_bind_type t;
    int64_t i;
    const char *s;
    size_t len; /* 0: strlen(s) */
} pc_bind;

#define PC_NULL   ((pc_bind){.t = PC_B_NULL})
#define PC_I64(x) ((pc_bind){.t = PC_B_I64, .i = (int64_t)(x)})
/* A NULL pointer binds SQL NULL. */
#define PC_STR(x)     ((pc_bind){.t = PC_B_STR, .s = (x)})
#define PC_BLOB(p, n) ((pc_bind){.t = PC_B_STR, .s = (p), .len = (n)})
#define PC_BINDS(...) (pc_bind[]){__VA_ARGS__}, sizeof((pc_bind[]){__VA_ARGS__}) / sizeof(pc_bind)
#define PC_NOBINDS    NULL, 0

typedef struct pc_row {
    size_t n;
    const char *const *name; /* column names */
    const char *const *v;    /* values as text, NULL for SQL NULL */
    const unsigned long *len;
} pc_row;

/* Called per row; return non-zero to stop early. */
typedef int (*pc_row_fn)(void *arg, const pc_row *row);

/*
 * A statement composed at run time of constant fragments (string literals
 * chosen by the caller, never input): e.g. only the conditions of the filters
 * a user set, so that MariaDB plans a small statement instead of folding
 * dozens of "(? = 0 OR ...)" at every execution.  Each distinct list of
 * fragments is prepared once and kept, PC_COMPOSED_SLOTS per composer (the
 * oldest closed when all are taken).
 */
#define PC_COMPOSED_SLOTS 32
#define PC_COMPOSED_PARTS 40
#define PC_COMPOSED_BINDS 80
typedef struct pc_sql_composer {
    const char *name;
    const char *parts[PC_COMPOSED_SLOTS][PC_COMPOSED_PARTS];
    size_t nparts[PC_COMPOSED_SLOTS];
    const char *sql[PC_COMPOSED_SLOTS];
    MYSQL_STMT *cache[PC_COMPOSED_SLOTS];
    pc_sql_table table;
    size_t next_victim;
} pc_sql_composer;
#define PC_SQL_COMPOSER(var) static pc_sql_composer var = {.name = #var}

/* The fragments of one statement and their binds, in order. */
typedef struct pc_sql_build {
    const char *part[PC_COMPOSED_PARTS];
    size_t nparts;
    pc_bind bind[PC_COMPOSED_BINDS];
    size_t nbinds;
} pc_sql_build;
/* Append a fragment (a string literal) and its binds: pc_sql_add(q, "AND c.id = ?", PC_I64(id)). */
#define pc_sql_add(q, frag, ...) pc_sql_add_binds(q, frag, PC_BINDS(__VA_ARGS__))
void pc_sql_add_binds(pc_sql_build *q, const char *frag, const pc_bind *b, size_t nb);
/* Run the composed statement; as pc_db_query. */
int pc_db_query_built(pc_sql_composer *c, const pc_sql_build *q, pc_row_fn fn, void *arg);

/*
 * Run a composed statement on a second connection of its own and hand each
 * row to fn as it arrives from the server, without holding the result in
 * memory (no mysql_stmt_store_result): for exports of millions of rows.
 * While it runs, the usual functions above stay usable on the main
 * connection (e.g. to record progress).  The statement is prepared for this
 * one run.  Returns the number of rows seen, or -1 on error.
 */
int pc_db_stream(const pc_sql_build *q, pc_row_fn fn, void *arg);

/* Connect using the DB.* config keys.  Returns 0 or -1 (message on stderr). */
int pc_db_connect(void);
void pc_db_close(void);
/* In a child process after fork(): leave the parent's connection and statements alone and
 * connect anew (the child must end with _exit, never touching the parent's).  0 or -1. */
int pc_db_connect_after_fork(void);
/* 0 when the server answers (reconnecting if needed). */
int pc_db_ping(void);
/* The raw handle, for the migration runner only (multi-statement scripts). */
MYSQL *pc_db_handle(void);

/*
 * Run statement `st` of table `t` with binds b[0..nb).  fn (may be NULL) is
 * called for each row.  Returns the number of rows seen, or -1 on error.
 */
int pc_db_query(pc_sql_table *t, int st, const pc_bind *b, size_t nb, pc_row_fn fn, void *arg);

/* Run a statement without a result set.  Returns affected rows or -1; the
 * new AUTO_INCREMENT id goes to *insert_id when not NULL. */
int64_t pc_db_exec(pc_sql_table *t, int st, const pc_bind *b, size_t nb, int64_t *insert_id);

/* First column of the first row as an integer; `def` when there is no row or
 * it is NULL; -1 on error.  Only for values that are never negative (counts,
 * ids, flags): a sum or an amount that may be negative (a refund, a ledger
 * balance) cannot be told from an error here — read it with pc_db_value. */
int64_t pc_db_int(pc_sql_table *t, int st, const pc_bind *b, size_t nb, int64_t def);

/* First column of the first row as a signed integer into *out (`def` when
 * there is no row or it is NULL): the status apart from the value, for sums
 * and amounts of any sign.  Returns 1 a row, 0 no row, -1 on error (*out is
 * then `def`). */
int pc_db_value(pc_sql_table *t, int st, const pc_bind *b, size_t nb, int64_t def, int64_t *out);

/* Rows as HDF: prefix.0.col = value, prefix.1.col = … (NULL columns left out).
 * Returns the row count or -1. */
int pc_db_hdf(pc_sql_table *t, int st, const pc_bind *b, size_t nb, HDF *hdf, const char *prefix);

/*
 * Run fn inside one transaction.  fn returns 0 to commit or non-zero to roll
 * back (its value is returned).  A deadlock or lock wait timeout rolls back and
 * runs fn again: 5 runs in all, each retry after a short random wait that grows
 * (deadlock_backoff).  Returns fn's value, or -1 on a database error.
 */
int pc_db_tx(int (*fn)(void *arg), void *arg);

unsigned pc_db_errno(void);
const char *pc_db_error(void);

/* "%s%" with % _ and \ of s escaped, in arena memory: a LIKE pattern that
 * matches s as a substring and nothing else. */
struct pc_arena;
char *pc_db_like(struct pc_arena *a, const char *s);

/* Helpers for row callbacks. */
int64_t pc_row_i64(const pc_row *r, size_t i);
const char *pc_row_str(const pc_row *r, size_t i); /* "" for NULL */

#endif
