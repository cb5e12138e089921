#include "base/trace.h"

#include <openssl/rand.h>
#include <stdio.h>

#include "base/db.h"

enum stmt { ST_INSERT, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* the tenant's switch is read in the same statement: no trace when it is off */
    [ST_INSERT] =
        "INSERT INTO cts_traces (id, customer_id, trace_name, resource_type, resource_id, "
        "resource_name, status, operator_id, operator_name, source_ip, operated_at, "
        "generated_at, details) SELECT ?, c.id, ?, ?, ?, ?, ?, NULLIF(?, 0), "
        "IFNULL((SELECT u.username FROM users u WHERE u.id = ?), ''), ?, UTC_TIMESTAMP(), "
        "UTC_TIMESTAMP(), ? FROM customers c WHERE c.id = ? AND c.cts_enabled = 1",
};
PC_SQL_TABLE(trace_sql, sql);

/* A random (version 4) UUID like the vendor's trace ids. */
static int uuid4(char out[37])
{
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1)
        return -1;
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
             b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
             b[14], b[15]);
    return 0;
}

int pc_trace(int64_t customer_id, const char *trace_name, const char *resource_type,
             const char *resource_id, int64_t operator_id, const char *ip, const char *status,
             const char *details)
{
    char id[37];
    if (uuid4(id))
        return -1;
    const char *rid = resource_id ? resource_id : "";
    int64_t n = pc_db_exec(&trace_sql, ST_INSERT,
                           PC_BINDS(PC_STR(id), PC_STR(trace_name), PC_STR(resource_type),
                                    PC_STR(rid), PC_STR(rid), PC_STR(status ? status : "normal"),
                                    PC_I64(operator_id), PC_I64(operator_id), PC_STR(ip ? ip : ""),
                                    PC_STR(details ? details : "{}"), PC_I64(customer_id)),
                           NULL);
    return n < 0 ? -1 : (int)n;
}

char *pc_trace_json(const char *s, char *out, size_t n)
{
    size_t k = 0;
    if (n == 0)
        return out;
    for (; s && *s && k + 7 < n; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') {
            out[k++] = '\\';
            out[k++] = (char)ch;
        } else if (ch < 0x20) {
            k += (size_t)snprintf(out + k, n - k, "\\u%04x", ch);
        } else {
            out[k++] = (char)ch;
        }
    }
    out[k] = '\0';
    return out;
}
