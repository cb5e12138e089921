# Parse a UBL 2.1 invoice or credit note (standard input) with python3's xml
# and re-check its totals (EN 16931 BR-CO-10..16) independently of the C
# code.  Prints one JSON object: the parsed figures, the parties' VAT ids,
# the categories and the list of broken rules (empty when all hold).
import json
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

NS = {
    'cac': 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
    'cbc': 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
}
root = ET.fromstring(sys.stdin.buffer.read())
kind = root.tag.split('}')[1]
line_tag = 'cac:InvoiceLine' if kind == 'Invoice' else 'cac:CreditNoteLine'


def dec(node, path):
    e = node.find(path, NS)
    return Decimal(e.text) if e is not None else Decimal(0)


def text(node, path):
    e = node.find(path, NS)
    return e.text if e is not None else None


total = root.find('cac:LegalMonetaryTotal', NS)
t = {k: dec(total, 'cbc:' + k) for k in ['LineExtensionAmount', 'TaxExclusiveAmount', 'TaxInclusiveAmount',
                                         'AllowanceTotalAmount', 'ChargeTotalAmount', 'PrepaidAmount',
                                         'PayableRoundingAmount', 'PayableAmount']}
lines = [dec(l, 'cbc:LineExtensionAmount') for l in root.findall(line_tag, NS)]
allow = [dec(a, 'cbc:Amount') for a in root.findall('cac:AllowanceCharge', NS) if text(a, 'cbc:ChargeIndicator') == 'false']
charge = [dec(a, 'cbc:Amount') for a in root.findall('cac:AllowanceCharge', NS) if text(a, 'cbc:ChargeIndicator') == 'true']
tax_total = dec(root, 'cac:TaxTotal/cbc:TaxAmount')
subtotals = root.findall('cac:TaxTotal/cac:TaxSubtotal', NS)
broken = []
if t['LineExtensionAmount'] != sum(lines, Decimal(0)): broken.append('BR-CO-10')
if t['AllowanceTotalAmount'] != sum(allow, Decimal(0)): broken.append('BR-CO-11')
if t['ChargeTotalAmount'] != sum(charge, Decimal(0)): broken.append('BR-CO-12')
if t['TaxExclusiveAmount'] != t['LineExtensionAmount'] - t['AllowanceTotalAmount'] + t['ChargeTotalAmount']: broken.append('BR-CO-13')
if tax_total != sum((dec(s, 'cbc:TaxAmount') for s in subtotals), Decimal(0)): broken.append('BR-CO-14')
if t['TaxInclusiveAmount'] != t['TaxExclusiveAmount'] + tax_total: broken.append('BR-CO-15')
if t['PayableAmount'] != t['TaxInclusiveAmount'] - t['PrepaidAmount'] + t['PayableRoundingAmount']: broken.append('BR-CO-16')
print(json.dumps({
    'kind': kind,
    'id': text(root, 'cbc:ID'),
    'type': text(root, 'cbc:InvoiceTypeCode') or text(root, 'cbc:CreditNoteTypeCode'),
    'currency': text(root, 'cbc:DocumentCurrencyCode'),
    'billingReference': text(root, 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID'),
    'sellerVat': text(root, 'cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID'),
    'buyerVat': text(root, 'cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID'),
    'buyerCountry': text(root, 'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode'),
    'categories': [text(s, 'cac:TaxCategory/cbc:ID') for s in subtotals],
    'exemption': [text(s, 'cac:TaxCategory/cbc:TaxExemptionReason') for s in subtotals],
    'percent': [text(s, 'cac:TaxCategory/cbc:Percent') for s in subtotals],
    'lines': [str(x) for x in lines],
    'totals': {k: str(v) for k, v in t.items()},
    'tax': str(tax_total),
    'broken': broken,
}))
