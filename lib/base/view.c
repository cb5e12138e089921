#include "base/view.h"

#include <cgi/cgi.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/conf.h"
#include "base/money.h"
#include "base/log.h"

static HDF *lang_en, *lang_zh;

static int hdf_file(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return n > 4 && strcmp(d->d_name + n - 4, ".hdf") == 0;
}

/* One directory per language, one file per feature area, read into one tree. */
static HDF *load_lang(const char *name)
{
    char dir[1024], path[1300];
    struct dirent **files;
    HDF *h = NULL;
    NEOERR *e = hdf_init(&h);
    snprintf(dir, sizeof dir, "%s/%s", pc_conf_str("Paths.lang"), name);
    int n = scandir(dir, &files, hdf_file, alphasort);
    if (n <= 0) {
        pc_log("ERROR", "view: no language files in %s", dir);
        nerr_ignore(&e);
        hdf_destroy(&h);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]->d_name);
        if (e == STATUS_OK && (e = hdf_read_file(h, path)) != STATUS_OK)
            pc_log("ERROR", "view: cannot read %s", path);
        free(files[i]);
    }
    free(files);
    if (e != STATUS_OK) {
        nerr_ignore(&e);
        hdf_destroy(&h);
    }
    return h;
}

int pc_view_init(void)
{
    if (lang_en)
        hdf_destroy(&lang_en);
    if (lang_zh)
        hdf_destroy(&lang_zh);
    lang_en = load_lang("en");
    lang_zh = load_lang("zh");
    return lang_en && lang_zh ? 0 : -1;
}

const char *pc_view_lang(const char *want)
{
    if (want && strcmp(want, "zh") == 0)
        return "zh";
    if (want && strcmp(want, "en") == 0)
        return "en";
    return strcmp(pc_conf_str("Site.default_lang"), "zh") == 0 ? "zh" : "en";
}

HDF *pc_view_lang_tree(const char *lang)
{
    return strcmp(pc_view_lang(lang), "zh") == 0 ? lang_zh : lang_en;
}

const char *pc_view_t(const char *lang, const char *key)
{
    HDF *h = pc_view_lang_tree(lang);
    const char *v = h ? hdf_get_value(h, key, NULL) : NULL;
    return v ? v : key;
}

static NEOERR *append(void *ctx, char *s)
{
    return string_append((STRING *)ctx, s);
}

static void take_error(NEOERR *e, char *err, size_t n)
{
    STRING s;
    string_init(&s);
    nerr_error_string(e, &s);
    snprintf(err, n, "%s", s.buf ? s.buf : "template error");
    string_clear(&s);
    nerr_ignore(&e);
}

/*
 * Parsed templates, kept for the life of the process: parsing cost more than
 * rendering.  ClearSilver renders one parse tree any number of times; its
 * only side effect is set:, and ours write request data only.  The tree is
 * bound to the data of the request at each render.  Programs are restarted
 * after a template changes.
 */
#define MAX_PARSED 128
typedef struct parsed_tpl {
    char *tpl;
    CSPARSE *cs;
} parsed_tpl;
static parsed_tpl parsed[MAX_PARSED];
static int n_parsed;

static NEOERR *parse(HDF *hdf, const char *tpl, CSPARSE **cs)
{
    NEOERR *e;
    /* escaping must be on before cs_init(): var: then escapes < > & " ' */
    if ((e = hdf_set_value(hdf, "Config.VarEscapeMode", "html")) != STATUS_OK ||
        (e = hdf_set_value(hdf, "hdf.loadpaths.0", pc_conf_str("Paths.templates"))) != STATUS_OK ||
        (e = cs_init(cs, hdf)) != STATUS_OK || (e = cgi_register_strfuncs(*cs)) != STATUS_OK ||
        (e = cs_parse_file(*cs, tpl)) != STATUS_OK)
        cs_destroy(cs);
    return e;
}

/* The kept parse of tpl, parsing it on first use; *kept = 0 when the table is full. */
static NEOERR *parsed_template(HDF *hdf, const char *tpl, CSPARSE **cs, int *kept)
{
    for (int i = 0; i < n_parsed; i++)
        if (strcmp(parsed[i].tpl, tpl) == 0) {
            *cs = parsed[i].cs;
            *kept = 1;
            return STATUS_OK;
        }
    NEOERR *e = parse(hdf, tpl, cs);
    *kept = e == STATUS_OK && n_parsed < MAX_PARSED;
    if (*kept)
        parsed[n_parsed++] = (parsed_tpl){strdup(tpl), *cs};
    return e;
}

static void forget_parse(CSPARSE *cs)
{
    for (int i = 0; i < n_parsed; i++)
        if (parsed[i].cs == cs) {
            free(parsed[i].tpl);
            parsed[i] = parsed[--n_parsed];
            break;
        }
    cs_destroy(&cs);
}

int pc_view_render(HDF *hdf, const char *tpl, STRING *out, char *err, size_t errlen)
{
    CSPARSE *cs = NULL;
    int kept = 0;
    NEOERR *e = parsed_template(hdf, tpl, &cs, &kept);
    if (e == STATUS_OK) {
        cs->hdf = hdf;
        cs->locals = NULL;
        e = cs_render(cs, out, append);
    }
    if (e != STATUS_OK) {
        take_error(e, err, errlen);
        if (cs) /* a render stopped half-way may leave state behind: parse afresh next time */
            forget_parse(cs);
        return -1;
    }
    if (!kept)
        cs_destroy(&cs);
    return 0;
}

char *pc_view_url_encode(const char *s, char *out, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (; *s && o + 4 < n; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
            strchr("-_.~", ch)) {
            out[o++] = (char)ch;
        } else {
            out[o++] = '%';
            out[o++] = hex[ch >> 4];
            out[o++] = hex[ch & 15];
        }
    }
    out[o] = '\0';
    return out;
}

char *pc_view_datetime(const char *utc, char *out, size_t n)
{
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;
    time_t t;
    if (pc_clock_parse(utc, &t)) {
        snprintf(out, n, "%s", utc ? utc : "");
        return out;
    }
    pc_clock_local_tm(t, &tm);
    /* as strftime "%b %d, %Y %H:%M:%S" in the C locale */
    snprintf(out, n, "%s %02d, %04d %02d:%02d:%02d", months[tm.tm_mon], tm.tm_mday,
             tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return out;
}

void pc_view_hdf_datetime(HDF *node, const char *from, const char *to)
{
    char when[64];
    NEOERR *e =
        hdf_set_value(node, to, pc_view_datetime(hdf_get_value(node, from, ""), when, sizeof when));
    nerr_ignore(&e);
}

/* Length in bytes of the UTF-8 character starting at s. */
static size_t char_len(const char *s)
{
    size_t n = 1;
    while (s[n] && ((unsigned char)s[n] & 0xc0) == 0x80)
        n++;
    return n;
}

/* ch09 §0: e-mail → first ≤ 5 characters of the local part + "****@" + domain. */
char *pc_mask_email(const char *s, char *out, size_t n)
{
    const char *at = strchr(s, '@');
    if (!at || at == s)
        return pc_mask_name(s, out, n);
    size_t keep = 0;
    for (int i = 0; i < 5 && s + keep < at; i++)
        keep += char_len(s + keep);
    snprintf(out, n, "%.*s****%s", (int)keep, s, at);
    return out;
}

/* ch09 §0: mobile → first 3 + "****" + last 4. */
char *pc_mask_phone(const char *s, char *out, size_t n)
{
    size_t len = strlen(s);
    if (len < 7) {
        snprintf(out, n, "****");
        return out;
    }
    snprintf(out, n, "%.3s****%s", s, s + len - 4);
    return out;
}

/* ch09 §0: name → first character + "****" + last character (UTF-8 aware). */
char *pc_mask_name(const char *s, char *out, size_t n)
{
    if (!*s) {
        snprintf(out, n, "****");
        return out;
    }
    size_t first = char_len(s), last = strlen(s) - 1;
    while (last > 0 && ((unsigned char)s[last] & 0xc0) == 0x80)
        last--; /* the lead byte of the last character */
    if (last < first)
        snprintf(out, n, "%.*s****", (int)first, s);
    else
        snprintf(out, n, "%.*s****%s", (int)first, s, s + last);
    return out;
}

void pc_view_hdf_money(HDF *node, const char *name, int decimals)
{
    char out[40];
    const char *v = node ? hdf_get_value(node, name, NULL) : NULL;
    if (!v)
        return;
    NEOERR *e = hdf_set_value(node, name,
                              pc_money_format(strtoll(v, NULL, 10), decimals, 1, out, sizeof out));
    nerr_ignore(&e);
}
