/* ubl — see ubl.h.  Written with libxml2's text writer: every value is escaped by it. */
#include "billing/ubl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "base/clock.h"
#include "base/money.h"

#define NS_ROOT_INV   "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
#define NS_ROOT_CN    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
#define NS_CAC        "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define NS_CBC        "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#define CUSTOMIZATION "urn:cen.eu:en16931:2017"

typedef struct ubl {
    xmlTextWriterPtr w;
    const pc_invoice_doc *d;
    int bad;
} ubl;

static void start(ubl *u, const char *name)
{
    if (xmlTextWriterStartElement(u->w, BAD_CAST name) < 0)
        u->bad = 1;
}

static void end(ubl *u)
{
    if (xmlTextWriterEndElement(u->w) < 0)
        u->bad = 1;
}

static void text(ubl *u, const char *name, const char *value)
{
    if (xmlTextWriterWriteElement(u->w, BAD_CAST name, BAD_CAST value) < 0)
        u->bad = 1;
}

static void attr(ubl *u, const char *name, const char *value)
{
    if (xmlTextWriterWriteAttribute(u->w, BAD_CAST name, BAD_CAST value) < 0)
        u->bad = 1;
}

/* <cbc:NAME currencyID="USD">12.34</cbc:NAME> */
static void amount(ubl *u, const char *name, int64_t v)
{
    char buf[40];
    start(u, name);
    attr(u, "currencyID", u->d->currency);
    pc_money_format(v, 2, 0, buf, sizeof buf);
    if (xmlTextWriterWriteString(u->w, BAD_CAST buf) < 0)
        u->bad = 1;
    end(u);
}

static void percent(ubl *u, int32_t ppm)
{
    char buf[40];
    /* ppm → percent in 10^-8 units: ppm / 10^4 × 10^8 */
    pc_money_format((int64_t)ppm * 10000, 2, 0, buf, sizeof buf);
    text(u, "cbc:Percent", buf);
}

static void tax_category(ubl *u, const char *element)
{
    start(u, element);
    text(u, "cbc:ID", u->d->category);
    if (strcmp(u->d->category, "O")) /* BR-O-05: no rate for "outside the scope" */
        percent(u, u->d->rate_ppm);
    if (u->d->exemption_note[0]) {
        text(u, "cbc:TaxExemptionReasonCode", "VATEX-EU-AE");
        text(u, "cbc:TaxExemptionReason", u->d->exemption_note);
    }
    start(u, "cac:TaxScheme");
    text(u, "cbc:ID", "VAT");
    end(u);
    end(u);
}

static void party(ubl *u, const char *role, const pc_invoice_party *p)
{
    start(u, role);
    start(u, "cac:Party");
    if (p->email[0]) {
        start(u, "cbc:EndpointID");
        attr(u, "schemeID", "EM");
        if (xmlTextWriterWriteString(u->w, BAD_CAST p->email) < 0)
            u->bad = 1;
        end(u);
    }
    start(u, "cac:PostalAddress");
    if (p->address[0])
        text(u, "cbc:StreetName", p->address);
    start(u, "cac:Country");
    text(u, "cbc:IdentificationCode", p->country);
    end(u);
    end(u);
    if (p->vat_id[0]) {
        start(u, "cac:PartyTaxScheme");
        text(u, "cbc:CompanyID", p->vat_id);
        start(u, "cac:TaxScheme");
        text(u, "cbc:ID", "VAT");
        end(u);
        end(u);
    }
    start(u, "cac:PartyLegalEntity");
    text(u, "cbc:RegistrationName", p->name);
    end(u);
    end(u);
    end(u);
}

static void totals(ubl *u)
{
    const pc_invoice_doc *d = u->d;
    if (d->allowances) {
        start(u, "cac:AllowanceCharge");
        text(u, "cbc:ChargeIndicator", "false");
        text(u, "cbc:AllowanceChargeReason", "Cash coupons");
        amount(u, "cbc:Amount", d->allowances);
        tax_category(u, "cac:TaxCategory");
        end(u);
    }
    start(u, "cac:TaxTotal");
    amount(u, "cbc:TaxAmount", d->tax);
    start(u, "cac:TaxSubtotal");
    amount(u, "cbc:TaxableAmount", d->tax_exclusive);
    amount(u, "cbc:TaxAmount", d->tax);
    tax_category(u, "cac:TaxCategory");
    end(u);
    end(u);
    start(u, "cac:LegalMonetaryTotal");
    amount(u, "cbc:LineExtensionAmount", d->line_total);
    amount(u, "cbc:TaxExclusiveAmount", d->tax_exclusive);
    amount(u, "cbc:TaxInclusiveAmount", d->tax_inclusive);
    amount(u, "cbc:AllowanceTotalAmount", d->allowances);
    amount(u, "cbc:ChargeTotalAmount", 0);
    amount(u, "cbc:PrepaidAmount", d->prepaid);
    amount(u, "cbc:PayableRoundingAmount", d->rounding);
    amount(u, "cbc:PayableAmount", d->payable);
    end(u);
}

static void lines(ubl *u, int credit)
{
    const pc_invoice_doc *d = u->d;
    for (size_t i = 0; i < d->nlines; i++) {
        char id[24];
        snprintf(id, sizeof id, "%zu", i + 1);
        start(u, credit ? "cac:CreditNoteLine" : "cac:InvoiceLine");
        text(u, "cbc:ID", id);
        start(u, credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity");
        attr(u, "unitCode", "C62");
        if (xmlTextWriterWriteString(u->w, BAD_CAST "1") < 0)
            u->bad = 1;
        end(u);
        amount(u, "cbc:LineExtensionAmount", d->lines[i].net);
        start(u, "cac:Item");
        text(u, "cbc:Name", d->lines[i].description);
        tax_category(u, "cac:ClassifiedTaxCategory");
        end(u);
        start(u, "cac:Price");
        amount(u, "cbc:PriceAmount", d->lines[i].net);
        end(u);
        end(u);
    }
}

static void header(ubl *u, int credit)
{
    const pc_invoice_doc *d = u->d;
    char period[8];
    text(u, "cbc:CustomizationID", CUSTOMIZATION);
    text(u, "cbc:ID", d->number[0] ? d->number : "DRAFT");
    text(u, "cbc:IssueDate", d->issue_date);
    text(u, credit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", credit ? "381" : "380");
    if (d->exemption_note[0])
        text(u, "cbc:Note", d->exemption_note);
    text(u, "cbc:DocumentCurrencyCode", d->currency);
    pc_clock_cycle_format(d->period, period);
    if (credit && d->credits_number[0]) {
        start(u, "cac:BillingReference");
        start(u, "cac:InvoiceDocumentReference");
        text(u, "cbc:ID", d->credits_number);
        end(u);
        end(u);
    }
    start(u, "cac:AdditionalDocumentReference");
    text(u, "cbc:ID", period);
    text(u, "cbc:DocumentDescription", "Billing period");
    end(u);
    party(u, "cac:AccountingSupplierParty", &d->seller);
    party(u, "cac:AccountingCustomerParty", &d->buyer);
}

char *pc_ubl_write(const pc_invoice_doc *d, size_t *len)
{
    int credit = strcmp(d->kind, "credit_note") == 0;
    xmlBufferPtr buf = xmlBufferCreate();
    if (!buf)
        return NULL;
    ubl u = {xmlNewTextWriterMemory(buf, 0), d, 0};
    if (!u.w) {
        xmlBufferFree(buf);
        return NULL;
    }
    xmlTextWriterSetIndent(u.w, 1);
    if (xmlTextWriterStartDocument(u.w, NULL, "UTF-8", NULL) < 0)
        u.bad = 1;
    start(&u, credit ? "CreditNote" : "Invoice");
    attr(&u, "xmlns", credit ? NS_ROOT_CN : NS_ROOT_INV);
    attr(&u, "xmlns:cac", NS_CAC);
    attr(&u, "xmlns:cbc", NS_CBC);
    header(&u, credit);
    totals(&u);
    lines(&u, credit);
    end(&u);
    if (xmlTextWriterEndDocument(u.w) < 0)
        u.bad = 1;
    xmlFreeTextWriter(u.w);
    char *out = NULL;
    if (!u.bad) {
        *len = (size_t)xmlBufferLength(buf);
        out = malloc(*len + 1);
        if (out) {
            memcpy(out, xmlBufferContent(buf), *len);
            out[*len] = '\0';
        }
    }
    xmlBufferFree(buf);
    return out;
}
