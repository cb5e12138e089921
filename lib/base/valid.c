#include "base/valid.h"

#include <ctype.h>
#include <string.h>

#include "base/clock.h"
#include "base/money.h"

/*
 * Count the characters of s; -1 when s is not valid UTF-8 (overlong forms,
 * surrogates, beyond U+10FFFF) or holds control characters (C0, DEL, C1).
 */
static int64_t utf8_chars(const char *s)
{
    int64_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp;
        int extra;
        if (*p < 0x80)
            cp = *p, extra = 0;
        else if ((*p & 0xe0) == 0xc0)
            cp = *p & 0x1f, extra = 1;
        else if ((*p & 0xf0) == 0xe0)
            cp = *p & 0x0f, extra = 2;
        else if ((*p & 0xf8) == 0xf0)
            cp = *p & 0x07, extra = 3;
        else
            return -1;
        p++;
        for (int i = 0; i < extra; i++, p++) {
            if ((*p & 0xc0) != 0x80)
                return -1;
            cp = cp << 6 | (*p & 0x3f);
        }
        static const uint32_t min_for[] = {0, 0x80, 0x800, 0x10000};
        if (cp < min_for[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return -1;
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
            return -1;
        n++;
    }
    return n;
}

const char *pc_valid_text(const pc_field *f, const char *in, pc_value *out)
{
    int64_t n = utf8_chars(in);
    if (n < 0)
        return "err.text_chars";
    if (f->min && n < f->min)
        return "err.too_short";
    if (f->max && n > f->max)
        return "err.too_long";
    out->s = in;
    return NULL;
}

static int parse_i64(const char *s, int64_t *v)
{
    int neg = 0;
    uint64_t x = 0;
    if (*s == '-')
        neg = 1, s++;
    if (!*s || strlen(s) > 18)
        return -1;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s))
            return -1;
        x = x * 10 + (uint64_t)(*s - '0');
    }
    *v = neg ? -(int64_t)x : (int64_t)x;
    return 0;
}

static const char *check_range(const pc_field *f, int64_t v, pc_value *out)
{
    if ((f->min || f->max) && (v < f->min || v > f->max))
        return "err.range";
    out->i = v;
    return NULL;
}

const char *pc_valid_int(const pc_field *f, const char *in, pc_value *out)
{
    int64_t v;
    if (parse_i64(in, &v))
        return "err.int";
    out->s = in;
    return check_range(f, v, out);
}

const char *pc_valid_id(const pc_field *f, const char *in, pc_value *out)
{
    int64_t v;
    (void)f;
    if (parse_i64(in, &v) || v <= 0)
        return "err.id";
    out->s = in;
    out->i = v;
    return NULL;
}

const char *pc_valid_money(const pc_field *f, const char *in, pc_value *out)
{
    int64_t v;
    if (pc_money_parse(in, &v))
        return "err.money";
    out->s = in;
    return check_range(f, v, out);
}

const char *pc_valid_date(const pc_field *f, const char *in, pc_value *out)
{
    (void)f;
    int ymd;
    if (pc_clock_date_parse(in, &ymd))
        return "err.date";
    out->s = in;
    out->i = ymd;
    return NULL;
}

const char *pc_valid_month(const pc_field *f, const char *in, pc_value *out)
{
    (void)f;
    int cycle;
    if (pc_clock_cycle_parse(in, &cycle))
        return "err.month";
    out->s = in;
    out->i = cycle;
    return NULL;
}

const char *pc_valid_email(const pc_field *f, const char *in, pc_value *out)
{
    (void)f;
    const char *at = strchr(in, '@');
    size_t len = strlen(in);
    if (!at || at == in || strchr(at + 1, '@') || len > 254 || !strchr(at + 1, '.') ||
        at[1] == '.' || in[len - 1] == '.')
        return "err.email";
    for (const char *p = in; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("<>()[]\\,;:\"", *p))
            return "err.email";
    out->s = in;
    return NULL;
}

const char *pc_valid_phone(const pc_field *f, const char *in, pc_value *out)
{
    (void)f;
    const char *p = in + (*in == '+');
    size_t n = strlen(p);
    if (n < 5 || n > 20 || strspn(p, "0123456789") != n)
        return "err.phone";
    out->s = in;
    return NULL;
}

const char *pc_valid_enum(const pc_field *f, const char *in, pc_value *out)
{
    for (int64_t i = 0; f->choices && f->choices[i]; i++)
        if (strcmp(f->choices[i], in) == 0) {
            out->s = in;
            out->i = i;
            return NULL;
        }
    return "err.choice";
}

const char *pc_valid_username(const pc_field *f, const char *in, pc_value *out)
{
    size_t n = strlen(in);
    (void)f;
    if (n < 3 || n > 32 || !isalnum((unsigned char)in[0]))
        return "err.username";
    if (strspn(in, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != n)
        return "err.username";
    out->s = in;
    return NULL;
}

const char *pc_valid_password(const pc_field *f, const char *in, pc_value *out)
{
    int letters = 0, digits = 0;
    int64_t n = utf8_chars(in);
    (void)f;
    if (n < 8 || n > 64)
        return "err.password_policy";
    for (const char *p = in; *p; p++) {
        if (*p == ' ' || (unsigned char)*p < 0x20)
            return "err.password_policy";
        letters |= isalpha((unsigned char)*p) != 0;
        digits |= isdigit((unsigned char)*p) != 0;
    }
    if (!letters || !digits)
        return "err.password_policy";
    out->s = in;
    return NULL;
}

int pc_valid_ids(const pc_params *in, const char *name, int64_t *out, int max)
{
    size_t n = pc_params_count(in, name);
    pc_value v;
    if (n == 0 || n > (size_t)max)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (pc_valid_id(NULL, pc_params_nth(in, name, i), &v))
            return -1;
        out[i] = v.i;
    }
    return (int)n;
}

static const char *trim(pc_arena *a, const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    return pc_arena_strndup(a, s, n);
}

int pc_valid_form(pc_arena *a, const pc_field *fields, size_t n, const pc_params *in,
                  pc_value *values, const char **errors)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        const pc_field *f = &fields[i];
        const char *raw = pc_params_get(in, f->name);
        /* passwords keep their spaces so that the policy can refuse them */
        const char *v = raw ? (f->check == pc_valid_password ? raw : trim(a, raw)) : "";
        values[i] = (pc_value){.s = v};
        errors[i] = NULL;
        if (!*v) {
            if (f->flags & PC_FIELD_REQUIRED)
                errors[i] = "err.required", bad++;
            continue;
        }
        values[i].present = 1;
        errors[i] = f->check(f, v, &values[i]);
        bad += errors[i] != NULL;
    }
    return bad;
}
