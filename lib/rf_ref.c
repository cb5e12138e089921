#include "rf_ref.h"

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

int64_t pc_rf_find_bill(const char *text)
{
    for (const char *p = text; (p = strpbrk(p, "Rr")) != NULL; p++) {
        if (toupper((unsigned char)p[1]) != 'F')
            continue;
        /* a candidate: "RF" and the letters and digits after it */
        size_t len = 2;
        while (len < 25 && isalnum((unsigned char)p[len]))
            len++;
        char c[32];
        memcpy(c, p, len);
        c[len] = '\0';
        if (!valid_compact(c))
            continue;
        if (strncasecmp(c + 4, "PCB", 3) == 0 && isdigit((unsigned char)c[7])) {
            char *end;
            long long id = strtoll(c + 7, &end, 10);
            if (!*end && id > 0)
                return id;
        }
    }
    return 0;
}
