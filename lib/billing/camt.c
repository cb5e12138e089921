#include "billing/camt.h"

#include <inttypes.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <string.h>

#include "base/money.h"

/* ---------------------------------------------------------------- reading */

#define MAX_DEPTH 40

typedef struct camt_reader {
    xmlTextReaderPtr r;
    char names[MAX_DEPTH][32];
    int stmt_depth, bal_depth, ntry_depth; /* -1: not inside */
    pc_camt_stmt s;
    pc_camt_entry e;
    char bal_type[8], bal_ccy[4];
    int64_t bal_amount;
    int bal_sign, bal_has_amount;
    int seen_doc, seen_stmt;
    char *err;
    size_t errlen;
    char xml_error[200];
} camt_reader;

static int reject(camt_reader *c, const char *fmt, const char *what)
{
    int line = c->r ? xmlTextReaderGetParserLineNumber(c->r) : 0;
    char msg[300];
    snprintf(msg, sizeof msg, fmt, what ? what : "");
    snprintf(c->err, c->errlen, "line %d: %s", line, msg);
    return 1;
}

static void xml_error(void *arg, const char *msg, xmlParserSeverities sev,
                      xmlTextReaderLocatorPtr loc)
{
    camt_reader *c = arg;
    (void)sev;
    if (!c->xml_error[0])
        snprintf(c->xml_error, sizeof c->xml_error, "line %d: %s",
                 xmlTextReaderLocatorLineNumber(loc), msg);
    size_t n = strlen(c->xml_error);
    while (n && (c->xml_error[n - 1] == '\n' || c->xml_error[n - 1] == ' '))
        c->xml_error[--n] = '\0';
}

static void copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

/* The status code without the blanks a pretty-printed file puts around it. */
static void copy_trimmed(char *dst, size_t n, const char *src)
{
    size_t len;
    src += strspn(src, " \t\r\n");
    for (len = strlen(src); len && strchr(" \t\r\n", src[len - 1]); len--)
        ;
    snprintf(dst, n, "%.*s", (int)len, src);
}

static void append(char *dst, size_t n, const char *src)
{
    size_t len = strlen(dst);
    if (len && len + 1 < n)
        dst[len++] = ' ', dst[len] = '\0';
    if (len < n)
        snprintf(dst + len, n - len, "%s", src);
}

static int amount_of(camt_reader *c, const char *text, int64_t *out)
{
    if (pc_money_parse(text, out) || *out < 0 || strchr(text, ','))
        return reject(c, "bad amount \"%.40s\"", text);
    return 0;
}

static const char *at(camt_reader *c, int depth)
{
    return depth >= 0 && depth < MAX_DEPTH ? c->names[depth] : "";
}

static int on_text(camt_reader *c, int depth, const char *v)
{
    const char *el = at(c, depth - 1), *parent = at(c, depth - 2), *grand = at(c, depth - 3);
    if (c->ntry_depth >= 0) {
        pc_camt_entry *e = &c->e;
        int direct = depth - 1 == c->ntry_depth + 1;
        if (direct && !strcmp(el, "NtryRef"))
            copy(e->ref, sizeof e->ref, v);
        else if (direct && !strcmp(el, "AcctSvcrRef"))
            copy(e->svc_ref, sizeof e->svc_ref, v);
        else if (direct && !strcmp(el, "Amt")) {
            if (amount_of(c, v, &e->amount))
                return 1;
            e->has_amount = 1;
        } else if (direct && !strcmp(el, "CdtDbtInd"))
            e->direction = !strcmp(v, "CRDT") ? 1 : !strcmp(v, "DBIT") ? -1 : 0;
        else if ((direct && !strcmp(el, "Sts")) ||
                 (depth - 1 == c->ntry_depth + 2 && !strcmp(el, "Cd") && !strcmp(parent, "Sts")))
            copy_trimmed(e->status, sizeof e->status, v);
        else if (!strcmp(el, "Dt") && !strcmp(parent, "BookgDt"))
            copy(e->booking, sizeof e->booking, v);
        else if (!strcmp(el, "Ustrd") || (!strcmp(el, "Ref") && !strcmp(parent, "CdtrRefInf")))
            append(e->remittance, sizeof e->remittance, v);
        else if (!strcmp(el, "Nm") && !strcmp(parent, "Dbtr") && !e->debtor[0])
            copy(e->debtor, sizeof e->debtor, v);
        return 0;
    }
    if (c->bal_depth >= 0) {
        int direct = depth - 1 == c->bal_depth + 1;
        if (!strcmp(el, "Cd") && !strcmp(parent, "CdOrPrtry"))
            copy(c->bal_type, sizeof c->bal_type, v);
        else if (direct && !strcmp(el, "Amt")) {
            if (amount_of(c, v, &c->bal_amount))
                return 1;
            c->bal_has_amount = 1;
        } else if (direct && !strcmp(el, "CdtDbtInd"))
            c->bal_sign = !strcmp(v, "DBIT") ? -1 : 1;
        return 0;
    }
    if (c->stmt_depth >= 0) {
        if (depth - 1 == c->stmt_depth + 1 && !strcmp(el, "Id"))
            copy(c->s.id, sizeof c->s.id, v);
        else if (!strcmp(el, "IBAN") && !strcmp(grand, "Acct"))
            copy(c->s.account, sizeof c->s.account, v);
        else if (!strcmp(el, "Ccy") && !strcmp(parent, "Acct"))
            copy(c->s.currency, sizeof c->s.currency, v);
    }
    return 0;
}

static void on_start(camt_reader *c, int depth, const char *name)
{
    if (depth < MAX_DEPTH)
        copy(c->names[depth], sizeof c->names[depth], name);
    if (depth == 0 && !strcmp(name, "Document"))
        c->seen_doc = 1;
    if (!strcmp(name, "Stmt") && depth == 2 && !strcmp(at(c, 1), "BkToCstmrStmt")) {
        c->stmt_depth = depth;
        c->seen_stmt = 1;
        memset(&c->s, 0, sizeof c->s);
    } else if (c->stmt_depth >= 0 && depth == c->stmt_depth + 1 && !strcmp(name, "Bal")) {
        c->bal_depth = depth;
        c->bal_type[0] = c->bal_ccy[0] = '\0';
        c->bal_sign = 1;
        c->bal_has_amount = 0;
    } else if (c->stmt_depth >= 0 && depth == c->stmt_depth + 1 && !strcmp(name, "Ntry")) {
        c->ntry_depth = depth;
        memset(&c->e, 0, sizeof c->e);
    }
    /* the currency of an amount is its Ccy attribute */
    if (!strcmp(name, "Amt")) {
        xmlChar *ccy = xmlTextReaderGetAttribute(c->r, BAD_CAST "Ccy");
        if (c->ntry_depth >= 0 && depth == c->ntry_depth + 1)
            copy(c->e.currency, sizeof c->e.currency, (const char *)ccy);
        else if (c->bal_depth >= 0 && depth == c->bal_depth + 1)
            copy(c->bal_ccy, sizeof c->bal_ccy, (const char *)ccy);
        xmlFree(ccy);
    }
}

static int end_bal(camt_reader *c)
{
    if (!c->bal_has_amount)
        return reject(c, "a balance without an amount%s", "");
    int64_t v = c->bal_sign * c->bal_amount;
    if (!strcmp(c->bal_type, "OPBD") || !strcmp(c->bal_type, "PRCD"))
        c->s.opening = v, c->s.has_opening = 1;
    else if (!strcmp(c->bal_type, "CLBD"))
        c->s.closing = v, c->s.has_closing = 1;
    if (!c->s.currency[0])
        copy(c->s.currency, sizeof c->s.currency, c->bal_ccy);
    return 0;
}

static int end_ntry(camt_reader *c, pc_camt_entry_fn fn, void *arg)
{
    pc_camt_entry *e = &c->e;
    if (e->svc_ref[0])
        copy(e->ref, sizeof e->ref, e->svc_ref);
    if (!e->ref[0])
        return reject(c, "an entry without a reference (AcctSvcrRef or NtryRef)%s", "");
    if (!e->has_amount || !e->direction)
        return reject(c, "entry %s has no amount or no CdtDbtInd", e->ref);
    if (!e->status[0])
        return reject(c, "entry %s has no status (Sts)", e->ref);
    if (!e->currency[0])
        copy(e->currency, sizeof e->currency, c->s.currency);
    c->s.entries++;
    /* the closing booked balance moves only by booked entries of the account's currency */
    e->booked = !strcmp(e->status, "BOOK");
    if (!e->booked)
        c->s.not_booked++;
    else if (!strcmp(e->currency, c->s.currency))
        c->s.sum += e->direction * e->amount;
    return fn ? fn(arg, &c->s, e) : 0;
}

static int end_stmt(camt_reader *c, pc_camt_stmt_fn fn, void *arg)
{
    char want[40], got[40];
    if (!c->s.id[0])
        return reject(c, "a statement without an Id%s", "");
    if (!c->s.has_opening || !c->s.has_closing)
        return reject(c, "statement %s lacks its opening (OPBD) or closing (CLBD) balance",
                      c->s.id);
    if (c->s.opening + c->s.sum != c->s.closing) {
        pc_money_format(c->s.opening + c->s.sum, 2, 0, want, sizeof want);
        pc_money_format(c->s.closing, 2, 0, got, sizeof got);
        char what[220];
        snprintf(what, sizeof what,
                 "statement %s does not balance: opening balance + entries = %s, closing "
                 "balance %s",
                 c->s.id, want, got);
        return reject(c, "%s", what);
    }
    return fn ? fn(arg, &c->s) : 0;
}

static int on_end(camt_reader *c, int depth, pc_camt_entry_fn efn, pc_camt_stmt_fn sfn, void *arg)
{
    int rc = 0;
    if (depth == c->bal_depth) {
        rc = end_bal(c);
        c->bal_depth = -1;
    } else if (depth == c->ntry_depth) {
        rc = end_ntry(c, efn, arg);
        c->ntry_depth = -1;
    } else if (depth == c->stmt_depth) {
        rc = end_stmt(c, sfn, arg);
        c->stmt_depth = -1;
    }
    return rc;
}

int pc_camt_read(const char *path, pc_camt_entry_fn efn, pc_camt_stmt_fn sfn, void *arg, char *err,
                 size_t errlen)
{
    camt_reader c = {
        .stmt_depth = -1, .bal_depth = -1, .ntry_depth = -1, .err = err, .errlen = errlen};
    /* no network, no entity expansion, no DTD loading: the file is outside input */
    c.r = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    if (!c.r) {
        snprintf(err, errlen, "cannot open the file");
        return 1;
    }
    xmlTextReaderSetErrorHandler(c.r, xml_error, &c);
    int ret, rc = 0;
    while (rc == 0 && (ret = xmlTextReaderRead(c.r)) == 1) {
        int type = xmlTextReaderNodeType(c.r), depth = xmlTextReaderDepth(c.r);
        if (type == XML_READER_TYPE_ELEMENT) {
            const char *name = (const char *)xmlTextReaderConstLocalName(c.r);
            if (depth == 0 && strcmp(name, "Document"))
                rc = reject(&c, "not a camt.053 Document (root element %.40s)", name);
            else {
                on_start(&c, depth, name);
                if (xmlTextReaderIsEmptyElement(c.r))
                    rc = on_end(&c, depth, efn, sfn, arg);
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            rc = on_end(&c, depth, efn, sfn, arg);
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) {
            const char *v = (const char *)xmlTextReaderConstValue(c.r);
            rc = on_text(&c, depth, v ? v : "");
        }
    }
    if (rc == 0 && ret < 0)
        rc = c.xml_error[0] ? (snprintf(err, errlen, "malformed XML: %s", c.xml_error), 1)
                            : reject(&c, "malformed XML%s", "");
    if (rc == 0 && !c.seen_stmt)
        rc = reject(&c, "no camt.053 statement (BkToCstmrStmt/Stmt)%s", "");
    xmlFreeTextReader(c.r);
    return rc;
}
