#include "base/mail.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/conf.h"
#include "base/db.h"

enum stmt { ST_OUTBOX_INSERT, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_OUTBOX_INSERT] =
        "INSERT INTO mail_outbox (to_addr, subject, body, next_attempt_at, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
};
PC_SQL_TABLE(mail_sql, sql);

int pc_mail_queue(const char *to, const char *subject, const char *body)
{
    char now[20]; /* a job's --now: `pc-worker run mail --now` at the same moment sends it */
    pc_clock_now_text(now);
    return pc_db_exec(&mail_sql, ST_OUTBOX_INSERT,
                      PC_BINDS(PC_STR(to), PC_STR(subject), PC_STR(body), PC_STR(now), PC_STR(now)),
                      NULL) == 1
               ? 0
               : -1;
}

static int has_crlf(const char *s)
{
    return strpbrk(s, "\r\n") != NULL;
}

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/*
 * RFC 2047: encoded words of at most 75 characters, each holding whole UTF-8
 * characters (45 bytes → 60 base64 characters + 12 of framing), folded onto
 * continuation lines; at most 600 bytes of subject are kept.
 */
static void encode_subject(const char *s, char *out, size_t cap)
{
    size_t len = strlen(s), o = 0, i = 0;
    if (len > 600)
        len = 600;
    while (i < len && o + 80 < cap) {
        size_t n = len - i < 45 ? len - i : 45;
        while (i + n < len && ((unsigned char)s[i + n] & 0xc0) == 0x80)
            n--; /* do not split a character */
        unsigned char b64[64];
        EVP_EncodeBlock(b64, (const unsigned char *)s + i, (int)n);
        o += (size_t)snprintf(out + o, cap - o, "%s=?UTF-8?B?%s?=", i ? "\r\n " : "", b64);
        i += n;
    }
    out[o] = '\0';
}

char *pc_mail_format(const char *from, const char *to, const char *subject, const char *body,
                     const char *date, const char *message_id)
{
    if (has_crlf(from) || has_crlf(to) || has_crlf(subject))
        return NULL;
    char subj[1400];
    if (is_ascii(subject))
        snprintf(subj, sizeof subj, "%.998s", subject);
    else
        encode_subject(subject, subj, sizeof subj);
    size_t cap = strlen(body) * 2 + strlen(from) + strlen(to) + strlen(subj) + strlen(date) +
                 strlen(message_id) + 512,
           o = 0;
    char *m = malloc(cap);
    if (!m)
        return NULL;
    o += (size_t)snprintf(m, cap,
                          "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: %s\r\n"
                          "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                          "Content-Transfer-Encoding: 8bit\r\n\r\n",
                          date, from, to, subj, message_id);
    for (const char *p = body; *p; p++) {
        if (*p == '\n' && (p == body || p[-1] != '\r'))
            m[o++] = '\r';
        m[o++] = *p;
    }
    memcpy(m + o, "\r\n", 3);
    return m;
}

struct upload {
    const char *data;
    size_t left;
};

static size_t read_cb(char *buf, size_t size, size_t n, void *arg)
{
    struct upload *u = arg;
    size_t len = size * n < u->left ? size * n : u->left;
    memcpy(buf, u->data, len);
    u->data += len;
    u->left -= len;
    return len;
}

int pc_mail_send(const char *to, const char *subject, const char *body, char *err, size_t errlen)
{
    char date[64], mid[128], host[64] = "localhost";
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    gethostname(host, sizeof host - 1);
    snprintf(mid, sizeof mid, "<%ld.%d.%ld@%s>", (long)now, (int)getpid(), (long)clock(), host);
    const char *from = pc_conf_str("Mail.from");
    char *msg = pc_mail_format(from, to, subject, body, date, mid);
    if (!msg) {
        snprintf(err, errlen, "refused: line break in an address or the subject");
        return -1;
    }
    CURL *c = curl_easy_init();
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    struct upload up = {msg, strlen(msg)};
    char cerr[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, pc_conf_str("Mail.smtp_url"));
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &up);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)pc_conf_int("Mail.timeout_seconds"));
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK)
        snprintf(err, errlen, "%s", *cerr ? cerr : curl_easy_strerror(rc));
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    free(msg);
    return rc == CURLE_OK ? 0 : -1;
}
