#include "base/db.h"

#include <errmsg.h>
#include <mysqld_error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/conf.h"
#include "base/generation.h"
#include "base/log.h"

#define MAX_TABLES 64
#define MAX_COLS   64

static MYSQL *conn;
/* The second connection of pc_db_stream (opened on first use). */
static MYSQL *stream_conn;
static int in_tx;
static int tx_wrote; /* a statement of the running transaction may have changed data */
static unsigned last_errno;
static char last_error[512];
/* Tables whose statements are prepared on this connection (reset on reconnect). */
static pc_sql_table *tables[MAX_TABLES];
static size_t ntables;

static void set_error(unsigned no, const char *msg)
{
    last_errno = no;
    snprintf(last_error, sizeof last_error, "%s", msg ? msg : "");
}

static void forget_statements(void)
{
    for (size_t i = 0; i < ntables; i++)
        for (size_t j = 0; j < tables[i]->n; j++)
            if (tables[i]->cache[j]) {
                mysql_stmt_close(tables[i]->cache[j]);
                tables[i]->cache[j] = NULL;
            }
    ntables = 0;
}

/* A new connection by the DB.* keys, in UTC; NULL with the error recorded and printed. */
static MYSQL *new_connection(void)
{
    unsigned timeout = 10;
    my_bool off = 0;
    MYSQL *m = mysql_init(NULL);
    if (!m)
        return NULL;
    mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(m, MYSQL_OPT_RECONNECT, &off);
    mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    if (!mysql_real_connect(m, NULL, pc_conf_str("DB.user"), pc_conf_str("DB.password"),
                            pc_conf_str("DB.name"), 0, pc_conf_str("DB.socket"),
                            CLIENT_MULTI_STATEMENTS)) {
        set_error(mysql_errno(m), mysql_error(m));
        pc_log("ERROR", "db: cannot connect to %s: %s", pc_conf_str("DB.socket"), mysql_error(m));
        mysql_close(m);
        return NULL;
    }
    /* Store UTC; the billing time zone is applied by the code that needs it. */
    mysql_query(m, "SET time_zone = '+00:00'");
    return m;
}

int pc_db_connect(void)
{
    if (conn)
        pc_db_close();
    /* a process that could write without moving the shared counter would leave the others
     * serving what they kept: no database for it (generation.h) */
    if (*pc_conf_str("Paths.generation") && pc_gen_now() == 0) {
        set_error(0, "Paths.generation cannot be opened for writing");
        pc_log("ERROR", "db: not connecting: Paths.generation %s cannot be opened for writing",
               pc_conf_str("Paths.generation"));
        return -1;
    }
    conn = new_connection();
    return conn ? 0 : -1;
}

void pc_db_close(void)
{
    forget_statements();
    if (conn)
        mysql_close(conn);
    conn = NULL;
    if (stream_conn)
        mysql_close(stream_conn);
    stream_conn = NULL;
    in_tx = 0;
}

int pc_db_connect_after_fork(void)
{
    /* the parent's statements and connections are its session: closing them here would
       close them on the server for the parent too, so they are dropped unclosed */
    for (size_t i = 0; i < ntables; i++)
        memset(tables[i]->cache, 0, tables[i]->n * sizeof *tables[i]->cache);
    ntables = 0;
    conn = stream_conn = NULL;
    in_tx = 0;
    return pc_db_connect();
}

MYSQL *pc_db_handle(void)
{
    return conn;
}

int pc_db_ping(void)
{
    if (conn && mysql_ping(conn) == 0)
        return 0;
    return pc_db_connect();
}

static int lost_connection(unsigned no)
{
    return no == CR_SERVER_GONE_ERROR || no == CR_SERVER_LOST || no == ER_CONNECTION_KILLED;
}

static MYSQL_STMT *prepare(pc_sql_table *t, int st)
{
    if (st < 0 || (size_t)st >= t->n || !t->sql[st]) {
        pc_log("ERROR", "db: no statement %d in %s", st, t->name);
        abort();
    }
    if (t->cache[st])
        return t->cache[st];
    if (!conn && pc_db_connect())
        return NULL;
    MYSQL_STMT *s = mysql_stmt_init(conn);
    if (!s || mysql_stmt_prepare(s, t->sql[st], strlen(t->sql[st]))) {
        set_error(s ? mysql_stmt_errno(s) : 0, s ? mysql_stmt_error(s) : "out of memory");
        pc_log("ERROR", "db: prepare %s[%d]: %s", t->name, st, last_error);
        if (s)
            mysql_stmt_close(s);
        return NULL;
    }
    int known = 0;
    for (size_t i = 0; i < ntables; i++)
        known |= tables[i] == t;
    if (!known) {
        if (ntables == MAX_TABLES)
            abort();
        tables[ntables++] = t;
    }
    t->cache[st] = s;
    return s;
}

static int bind_params(MYSQL_STMT *s, const pc_bind *b, size_t nb, MYSQL_BIND *mb,
                       unsigned long *lens)
{
    if (mysql_stmt_param_count(s) != nb) {
        pc_log("ERROR", "db: statement wants %lu binds, got %zu", mysql_stmt_param_count(s), nb);
        abort();
    }
    memset(mb, 0, nb * sizeof *mb);
    for (size_t i = 0; i < nb; i++) {
        if (b[i].t == PC_B_I64) {
            mb[i].buffer_type = MYSQL_TYPE_LONGLONG;
            mb[i].buffer = (void *)&b[i].i;
        } else if (b[i].t == PC_B_STR && b[i].s) {
            lens[i] = b[i].len ? b[i].len : strlen(b[i].s);
            mb[i].buffer_type = MYSQL_TYPE_STRING;
            mb[i].buffer = (void *)b[i].s;
            mb[i].buffer_length = lens[i];
            mb[i].length = &lens[i];
        } else {
            mb[i].buffer_type = MYSQL_TYPE_NULL;
        }
    }
    return nb ? (int)mysql_stmt_bind_param(s, mb) : 0;
}

/* Execute once; 1 = connection lost (caller may retry), 0 ok, -1 error. */
static int execute(MYSQL_STMT *s, const pc_bind *b, size_t nb)
{
    MYSQL_BIND mb[nb ? nb : 1];
    unsigned long lens[nb ? nb : 1];
    if (bind_params(s, b, nb, mb, lens) || mysql_stmt_execute(s)) {
        set_error(mysql_stmt_errno(s), mysql_stmt_error(s));
        return lost_connection(last_errno) ? 1 : -1;
    }
    return 0;
}

static int is_read(const char *sql)
{
    sql += strspn(sql, " \t\n(");
    return strncasecmp(sql, "SELECT", 6) == 0 || strncasecmp(sql, "WITH", 4) == 0;
}

/* Processes keep copies of what they read while nothing changed (generation.h): a write
 * moves the shared counter on once it is committed, at the end of its transaction. */
static void note_write(const char *sql)
{
    if (is_read(sql))
        return;
    if (in_tx)
        tx_wrote = 1;
    else
        pc_gen_bump();
}

/* Prepare and execute, reconnecting once when the server went away outside a transaction. */
static MYSQL_STMT *run_once(pc_sql_table *t, int st, const pc_bind *b, size_t nb)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        MYSQL_STMT *s = prepare(t, st);
        if (!s) {
            if (attempt == 0 && !in_tx && (lost_connection(last_errno) || !conn) &&
                pc_db_connect() == 0)
                continue;
            return NULL;
        }
        int rc = execute(s, b, nb);
        if (rc == 0)
            return s;
        if (rc == 1 && attempt == 0 && !in_tx && pc_db_connect() == 0)
            continue;
        if (rc < 0 && last_errno != ER_DUP_ENTRY)
            pc_log("ERROR", "db: %s[%d]: %s", t->name, st, last_error);
        return NULL;
    }
    return NULL;
}

static MYSQL_STMT *run(pc_sql_table *t, int st, const pc_bind *b, size_t nb)
{
    MYSQL_STMT *s = run_once(t, st, b, nb);
    note_write(t->sql[st]); /* after: a write outside a transaction is committed by now */
    return s;
}

int pc_db_query(pc_sql_table *t, int st, const pc_bind *b, size_t nb, pc_row_fn fn, void *arg)
{
    MYSQL_STMT *s = run(t, st, b, nb);
    if (!s)
        return -1;
    MYSQL_RES *meta = mysql_stmt_result_metadata(s);
    if (!meta) {
        mysql_stmt_free_result(s);
        return 0;
    }
    my_bool update_max = 1;
    mysql_stmt_attr_set(s, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max);
    if (mysql_stmt_store_result(s)) {
        set_error(mysql_stmt_errno(s), mysql_stmt_error(s));
        mysql_free_result(meta);
        return -1;
    }
    size_t ncol = mysql_num_fields(meta);
    if (ncol > MAX_COLS)
        abort();
    MYSQL_FIELD *fields = mysql_fetch_fields(meta);
    MYSQL_BIND rb[MAX_COLS];
    unsigned long lens[MAX_COLS];
    my_bool nulls[MAX_COLS] = {0};
    char *bufs[MAX_COLS];
    const char *vals[MAX_COLS], *names[MAX_COLS];
    memset(rb, 0, sizeof rb);
    for (size_t i = 0; i < ncol; i++) {
        bufs[i] = malloc(fields[i].max_length + 1);
        if (!bufs[i])
            abort();
        names[i] = fields[i].name;
        rb[i].buffer_type = MYSQL_TYPE_STRING;
        rb[i].buffer = bufs[i];
        rb[i].buffer_length = fields[i].max_length + 1;
        rb[i].length = &lens[i];
        rb[i].is_null = &nulls[i];
    }
    int count = 0, rc;
    mysql_stmt_bind_result(s, rb);
    pc_row row = {ncol, names, vals, lens};
    while ((rc = mysql_stmt_fetch(s)) == 0 || rc == MYSQL_DATA_TRUNCATED) {
        for (size_t i = 0; i < ncol; i++) {
            bufs[i][nulls[i] ? 0 : lens[i]] = '\0';
            vals[i] = nulls[i] ? NULL : bufs[i];
        }
        count++;
        if (fn && fn(arg, &row))
            break;
    }
    mysql_stmt_free_result(s);
    for (size_t i = 0; i < ncol; i++)
        free(bufs[i]);
    mysql_free_result(meta);
    return count;
}

void pc_sql_add_binds(pc_sql_build *q, const char *frag, const pc_bind *b, size_t nb)
{
    if (q->nparts == PC_COMPOSED_PARTS || q->nbinds + nb > PC_COMPOSED_BINDS)
        abort(); /* a programming error: raise the limits */
    q->part[q->nparts++] = frag;
    for (size_t i = 0; i < nb; i++)
        q->bind[q->nbinds++] = b[i];
}

/* The fragments of q joined by spaces, in malloc'd memory. */
static char *compose_sql(const pc_sql_build *q)
{
    size_t len = 1;
    for (size_t i = 0; i < q->nparts; i++)
        len += strlen(q->part[i]) + 1;
    char *sql = malloc(len), *p = sql;
    if (!sql)
        abort();
    *p = '\0';
    for (size_t i = 0; i < q->nparts; i++)
        p += sprintf(p, "%s ", q->part[i]);
    return sql;
}

static int same_parts(const pc_sql_composer *c, size_t slot, const pc_sql_build *q)
{
    return c->sql[slot] && c->nparts[slot] == q->nparts &&
           memcmp(c->parts[slot], q->part, q->nparts * sizeof q->part[0]) == 0;
}

/* The slot holding the statement of q's fragments, composing it (and evicting the oldest) if new.
 */
static int composed_slot(pc_sql_composer *c, const pc_sql_build *q)
{
    for (size_t i = 0; i < PC_COMPOSED_SLOTS; i++)
        if (same_parts(c, i, q))
            return (int)i;
    size_t slot = c->next_victim;
    c->next_victim = (c->next_victim + 1) % PC_COMPOSED_SLOTS;
    if (c->cache[slot])
        mysql_stmt_close(c->cache[slot]);
    c->cache[slot] = NULL;
    free((char *)c->sql[slot]);
    c->sql[slot] = compose_sql(q);
    c->nparts[slot] = q->nparts;
    memcpy(c->parts[slot], q->part, q->nparts * sizeof q->part[0]);
    return (int)slot;
}

int pc_db_query_built(pc_sql_composer *c, const pc_sql_build *q, pc_row_fn fn, void *arg)
{
    if (!c->table.sql)
        c->table = (pc_sql_table){c->name, c->sql, c->cache, PC_COMPOSED_SLOTS};
    return pc_db_query(&c->table, composed_slot(c, q), q->bind, q->nbinds, fn, arg);
}

/* The stream connection, (re)opened when missing or gone; NULL on failure. */
static MYSQL *stream_handle(void)
{
    if (stream_conn && mysql_ping(stream_conn) == 0)
        return stream_conn;
    if (stream_conn)
        mysql_close(stream_conn);
    stream_conn = new_connection();
    /* the caller may take a while over a row (writing a file): the server must wait */
    if (stream_conn)
        mysql_query(stream_conn, "SET SESSION net_write_timeout = 600");
    return stream_conn;
}

typedef struct stream_cols {
    size_t n;
    MYSQL_BIND rb[MAX_COLS];
    unsigned long lens[MAX_COLS];
    my_bool nulls[MAX_COLS];
    char *bufs[MAX_COLS];
    const char *vals[MAX_COLS], *names[MAX_COLS];
} stream_cols;

static void stream_bind(stream_cols *sc, MYSQL_RES *meta)
{
    MYSQL_FIELD *fields = mysql_fetch_fields(meta);
    sc->n = mysql_num_fields(meta);
    if (sc->n > MAX_COLS)
        abort();
    memset(sc->rb, 0, sizeof sc->rb);
    for (size_t i = 0; i < sc->n; i++) {
        sc->bufs[i] = malloc(256);
        if (!sc->bufs[i])
            abort();
        sc->names[i] = fields[i].name;
        sc->rb[i].buffer_type = MYSQL_TYPE_STRING;
        sc->rb[i].buffer = sc->bufs[i];
        sc->rb[i].buffer_length = 255; /* one byte kept for the NUL */
        sc->rb[i].length = &sc->lens[i];
        sc->rb[i].is_null = &sc->nulls[i];
    }
}

/* After MYSQL_DATA_TRUNCATED: grow the buffers that were too small and fetch those columns again.
 */
static int stream_refetch(MYSQL_STMT *s, stream_cols *sc)
{
    for (size_t i = 0; i < sc->n; i++) {
        if (sc->nulls[i] || sc->lens[i] <= sc->rb[i].buffer_length)
            continue;
        char *b = realloc(sc->bufs[i], sc->lens[i] + 1);
        if (!b)
            abort();
        sc->bufs[i] = b;
        sc->rb[i].buffer = b;
        sc->rb[i].buffer_length = sc->lens[i];
        if (mysql_stmt_fetch_column(s, &sc->rb[i], (unsigned)i, 0))
            return -1;
    }
    return mysql_stmt_bind_result(s, sc->rb) ? -1 : 0;
}

static int stream_rows(MYSQL_STMT *s, stream_cols *sc, pc_row_fn fn, void *arg)
{
    int count = 0, rc;
    pc_row row = {sc->n, sc->names, sc->vals, sc->lens};
    mysql_stmt_bind_result(s, sc->rb);
    while ((rc = mysql_stmt_fetch(s)) == 0 || rc == MYSQL_DATA_TRUNCATED) {
        if (rc == MYSQL_DATA_TRUNCATED && stream_refetch(s, sc))
            return -1;
        for (size_t i = 0; i < sc->n; i++) {
            sc->bufs[i][sc->nulls[i] ? 0 : sc->lens[i]] = '\0';
            sc->vals[i] = sc->nulls[i] ? NULL : sc->bufs[i];
        }
        count++;
        if (fn(arg, &row))
            return count;
    }
    return rc == MYSQL_NO_DATA ? count : -1;
}

int pc_db_stream(const pc_sql_build *q, pc_row_fn fn, void *arg)
{
    MYSQL *m = stream_handle();
    if (!m)
        return -1;
    char *sql = compose_sql(q);
    MYSQL_STMT *s = mysql_stmt_init(m);
    MYSQL_BIND mb[PC_COMPOSED_BINDS];
    unsigned long lens[PC_COMPOSED_BINDS];
    MYSQL_RES *meta = NULL;
    stream_cols sc = {0};
    int count = -1;
    if (!s || mysql_stmt_prepare(s, sql, strlen(sql)) ||
        bind_params(s, q->bind, q->nbinds, mb, lens) || mysql_stmt_execute(s) ||
        !(meta = mysql_stmt_result_metadata(s)))
        goto done;
    /* no mysql_stmt_store_result: each fetch reads the next row from the server */
    stream_bind(&sc, meta);
    count = stream_rows(s, &sc, fn, arg);
done:
    if (count < 0 && s) {
        /* a fetch error is the statement's; a lost connection may be only the connection's */
        if (mysql_stmt_errno(s))
            set_error(mysql_stmt_errno(s), mysql_stmt_error(s));
        else
            set_error(mysql_errno(m), mysql_error(m));
        pc_log("ERROR", "db: stream: %s (%u)", last_error, last_errno);
    }
    for (size_t i = 0; i < sc.n; i++)
        free(sc.bufs[i]);
    if (meta)
        mysql_free_result(meta);
    if (s)
        mysql_stmt_close(s); /* also skips the rows fn did not want */
    free(sql);
    return count;
}

int64_t pc_db_exec(pc_sql_table *t, int st, const pc_bind *b, size_t nb, int64_t *insert_id)
{
    MYSQL_STMT *s = run(t, st, b, nb);
    if (!s)
        return -1;
    if (insert_id)
        *insert_id = (int64_t)mysql_stmt_insert_id(s);
    int64_t n = (int64_t)mysql_stmt_affected_rows(s);
    mysql_stmt_free_result(s);
    return n;
}

struct int_arg {
    int64_t v;
};

static int first_int(void *arg, const pc_row *r)
{
    if (r->n && r->v[0])
        ((struct int_arg *)arg)->v = strtoll(r->v[0], NULL, 10);
    return 1;
}

int64_t pc_db_int(pc_sql_table *t, int st, const pc_bind *b, size_t nb, int64_t def)
{
    struct int_arg a = {def};
    if (pc_db_query(t, st, b, nb, first_int, &a) < 0)
        return -1;
    return a.v;
}

int pc_db_value(pc_sql_table *t, int st, const pc_bind *b, size_t nb, int64_t def, int64_t *out)
{
    struct int_arg a = {def};
    int n = pc_db_query(t, st, b, nb, first_int, &a);
    *out = n < 0 ? def : a.v;
    return n < 0 ? -1 : n > 0;
}

struct hdf_arg {
    HDF *hdf;
    const char *prefix;
    int i;
};

static int row_to_hdf(void *arg, const pc_row *r)
{
    struct hdf_arg *a = arg;
    char name[128];
    HDF *row = NULL;
    snprintf(name, sizeof name, "%s.%d", a->prefix, a->i++);
    NEOERR *e = hdf_get_node(a->hdf, name, &row);
    for (size_t c = 0; e == STATUS_OK && c < r->n; c++)
        if (r->v[c])
            e = hdf_set_value(row, r->name[c], r->v[c]);
    nerr_ignore(&e);
    return 0;
}

int pc_db_hdf(pc_sql_table *t, int st, const pc_bind *b, size_t nb, HDF *hdf, const char *prefix)
{
    struct hdf_arg a = {hdf, prefix, 0};
    return pc_db_query(t, st, b, nb, row_to_hdf, &a);
}

enum tx_step { TX_BEGIN, TX_COMMIT, TX_ROLLBACK };
static const char *const tx_sql[] = {"START TRANSACTION", "COMMIT", "ROLLBACK"};

static int plain(enum tx_step step)
{
    if (!conn && pc_db_connect())
        return -1;
    if (mysql_query(conn, tx_sql[step])) {
        set_error(mysql_errno(conn), mysql_error(conn));
        return -1;
    }
    return 0;
}

/* A deadlock's loser waits a little, longer each time and not in step with the others, so
 * that processes contending for the same rows (the bill run's workers on the invoice
 * counter and the vendor's ledger accounts) do not meet again at once. */
static void deadlock_backoff(int attempt)
{
    static pid_t seeded_for; /* forked workers must not share one sequence */
    if (seeded_for != getpid()) {
        seeded_for = getpid();
        srandom((unsigned)seeded_for ^ (unsigned)time(NULL));
    }
    struct timespec ts = {0, (long)(attempt + 1) * (5 + (long)(random() % 10)) * 1000000L};
    nanosleep(&ts, NULL);
}

int pc_db_tx(int (*fn)(void *arg), void *arg)
{
    for (int attempt = 0; attempt < 5; attempt++) {
        if (attempt)
            deadlock_backoff(attempt);
        if (plain(TX_BEGIN))
            return -1;
        in_tx = 1;
        tx_wrote = 0;
        last_errno = 0;
        int rc = fn(arg);
        unsigned err = last_errno;
        in_tx = 0;
        if (rc == 0 && plain(TX_COMMIT) == 0) {
            if (tx_wrote)
                pc_gen_bump();
            return 0;
        }
        err = rc == 0 ? last_errno : err;
        plain(TX_ROLLBACK);
        if (err != ER_LOCK_DEADLOCK && err != ER_LOCK_WAIT_TIMEOUT)
            return rc ? rc : -1;
        last_errno = err;
    }
    return -1;
}

unsigned pc_db_errno(void)
{
    return last_errno;
}

const char *pc_db_error(void)
{
    return last_error;
}

int64_t pc_row_i64(const pc_row *r, size_t i)
{
    return i < r->n && r->v[i] ? strtoll(r->v[i], NULL, 10) : 0;
}

const char *pc_row_str(const pc_row *r, size_t i)
{
    return i < r->n && r->v[i] ? r->v[i] : "";
}

char *pc_db_like(pc_arena *a, const char *s)
{
    size_t n = strlen(s), o = 0;
    char *out = pc_arena_alloc(a, 2 * n + 3);
    out[o++] = '%';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
            out[o++] = '\\';
        out[o++] = s[i];
    }
    out[o++] = '%';
    return out;
}
