#include "billing/rf_ref.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The remainder mod 97 of the digits of s, letters as two digits (A = 10). */
static unsigned mod97(const char *s)
{
    unsigned r = 0;
    for (; *s; s++) {
        int c = toupper((unsigned char)*s);
        if (isdigit(c))
            r = (r * 10 + (unsigned)(c - '0')) % 97;
        else
            r = (r * 100 + (unsigned)(c - 'A' + 10)) % 97;
    }
    return r;
}

static int body_ok(const char *b, size_t len)
{
    if (len < 1 || len > 21)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)b[i]) || !isascii((unsigned char)b[i]))
            return 0;
    return 1;
}

char *pc_rf_make(const char *body, char *out, size_t n)
{
    char tmp[32];
    size_t len = strlen(body);
    if (!body_ok(body, len) || n < 26)
        return NULL;
    for (size_t i = 0; i < len; i++)
        tmp[i] = (char)toupper((unsigned char)body[i]);
    memcpy(tmp + len, "RF00", 5);
    unsigned check = 98 - mod97(tmp);
    tmp[len] = '\0';
    snprintf(out, n, "RF%02u%s", check, tmp);
    return out;
}

char *pc_rf_for_bill(int64_t bill_id, char *out, size_t n)
{
    char body[24];
    snprintf(body, sizeof body, "PCB%" PRId64, bill_id);
    if (!pc_rf_make(body, out, n) && n)
        out[0] = '\0';
    return out;
}

/* Copy s without spaces into out (cap bytes); 0 when too long. */
static int compact(const char *s, size_t len, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ')
            continue;
        if (k + 1 >= cap)
            return 0;
        out[k++] = s[i];
    }
    out[k] = '\0';
    return 1;
}

static int valid_compact(const char *s)
{
    size_t len = strlen(s);
    char moved[32];
    if (len < 5 || len > 25 || toupper((unsigned char)s[0]) != 'R' ||
        toupper((unsigned char)s[1]) != 'F' || !isdigit((unsigned char)s[2]) ||
        !isdigit((unsigned char)s[3]) || !body_ok(s + 4, len - 4))
        return 0;
    /* the body, then "RF" and the check digits: the whole is 1 mod 97 */
    snprintf(moved, sizeof moved, "%s%.4s", s + 4, s);
    return mod97(moved) == 1;
}

int pc_rf_valid(const char *s)
{
    char c[32];
    return compact(s, strlen(s), c, sizeof c) && valid_compact(c);
}

/* The bill id of a valid compact reference "RF..PCB<digits>", else 0. */
static int64_t bill_of(const char *c)
{
    if (!valid_compact(c) || strncasecmp(c + 4, "PCB", 3) != 0 || !isdigit((unsigned char)c[7]))
        return 0;
    char *end;
    long long id = strtoll(c + 7, &end, 10);
    return !*end && id > 0 ? id : 0;
}

/*
 * The reference starting at p ("RF…"), compact ("RF18PCB123") or in groups separated by
 * single spaces (ISO 11649's print form "RF18 PCB1 23", or any other grouping).  Where it
 * ends is not marked (the text may go on "RF18 PCB1 23 thanks"): every group boundary is a
 * candidate end, and the longest candidate that is a bill's reference wins.  A shorter prefix
 * passes the check digits by chance once in 97 and would name a smaller bill id, which is
 * likelier to exist than the large id a longer chance match names.
 */
static int64_t bill_at(const char *p)
{
    char c[32];
    size_t k = 0, ends[32], nends = 0;
    for (size_t i = 0; k < 25 && isalnum((unsigned char)p[i]); i++) {
        c[k++] = p[i];
        if (!isalnum((unsigned char)p[i + 1]))
            ends[nends++] = k;
        if (p[i + 1] == ' ' && isalnum((unsigned char)p[i + 2]))
            i++;
    }
    if (!nends || ends[nends - 1] != k)
        ends[nends++] = k; /* cut at 25 characters: checked as it is, as it always was */
    while (nends--) {
        c[ends[nends]] = '\0';
        int64_t id = bill_of(c);
        if (id)
            return id;
    }
    return 0;
}

int64_t pc_rf_find_bill(const char *text)
{
    for (const char *p = text; (p = strpbrk(p, "Rr")) != NULL; p++) {
        if (toupper((unsigned char)p[1]) != 'F')
            continue;
        int64_t id = bill_at(p);
        if (id)
            return id;
    }
    return 0;
}
