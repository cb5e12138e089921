-- Invoices, tax and withholding-tax certificates (issue 6; ch09 §9.4.3a,
-- §9.4.3b; ch11-14 §13.6, §13.7).

-- ---------------------------------------------------------------- tax as data
-- A region's rate now has a period: valid_from .. valid_to (both whole days,
-- included; valid_to NULL: open).  The bill run takes the row valid on the
-- cycle's last day.  Periods of one region never overlap (the operator's form
-- at /admin/tax checks it under a lock of the region's rows).
ALTER TABLE tax_rates
  DROP PRIMARY KEY,
  ADD COLUMN id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY FIRST,
  ADD COLUMN category ENUM('S','Z','E','O') NULL
    COMMENT 'EN 16931 VAT category; NULL: S when rate_ppm > 0, else O',
  ADD COLUMN valid_from DATE NOT NULL DEFAULT '2000-01-01',
  ADD COLUMN valid_to DATE NULL COMMENT 'last day included; NULL: open',
  ADD UNIQUE KEY uk_tax_region_from (region, valid_from),
  ADD CONSTRAINT ck_tax_period CHECK (valid_to IS NULL OR valid_to >= valid_from);

-- §13.6: Ireland Sparkoo's table.  IE exists (23 %); Switzerland changed on 2024-01-01.
INSERT INTO tax_rates (region, tax_name, rate_ppm, valid_from, valid_to) VALUES
  ('AT', 'VAT', 200000, '2024-01-01', NULL), ('BE', 'VAT', 210000, '2024-01-01', NULL),
  ('CZ', 'VAT', 210000, '2024-01-01', NULL), ('ES', 'VAT', 210000, '2024-01-01', NULL),
  ('FI', 'VAT', 240000, '2024-01-01', NULL), ('HU', 'VAT', 270000, '2024-01-01', NULL),
  ('IT', 'VAT', 220000, '2024-01-01', NULL), ('LU', 'VAT', 170000, '2024-01-01', NULL),
  ('NL', 'VAT', 210000, '2024-01-01', NULL), ('PL', 'VAT', 230000, '2024-01-01', NULL),
  ('PT', 'VAT', 230000, '2024-01-01', NULL), ('RO', 'VAT', 190000, '2024-01-01', NULL),
  ('SE', 'VAT', 250000, '2024-01-01', NULL),
  ('CH', 'MWST', 77000, '2023-01-01', '2023-12-31'), ('CH', 'MWST', 81000, '2024-01-01', NULL);

-- The EU member states: a VAT-registered business customer with a VAT id in a
-- member state other than the seller's is invoiced under reverse charge (0 %,
-- category AE), whether or not its country has a row in tax_rates (§13.6 rule 2).
CREATE TABLE eu_member_states (
  country CHAR(2) PRIMARY KEY
) ENGINE=InnoDB;
INSERT INTO eu_member_states VALUES ('AT'),('BE'),('BG'),('HR'),('CY'),('CZ'),('DK'),('EE'),
  ('FI'),('FR'),('DE'),('GR'),('HU'),('IE'),('IT'),('LV'),('LT'),('LU'),('MT'),('NL'),('PL'),
  ('PT'),('RO'),('SK'),('SI'),('ES'),('SE');

-- The partner's tax qualification (§13.6 "VAT Register"; from registration, not
-- editable by the partner) and invoice settings (9.4.3a).
ALTER TABLE partners
  ADD COLUMN vat_registered TINYINT(1) NOT NULL DEFAULT 0 COMMENT '§13.6: default Non VAT Register',
  ADD COLUMN vat_id VARCHAR(32) NULL COMMENT 'tax id from registration; printed on invoices',
  ADD COLUMN invoice_notice_no_expenditure TINYINT(1) NOT NULL DEFAULT 0
    COMMENT '9.4.3a: e-mail also when the month has no expenditure';

-- Invoice info (9.4.3a): added once, then modified.
CREATE TABLE partner_invoice_info (
  partner_id BIGINT UNSIGNED PRIMARY KEY,
  address VARCHAR(300) NOT NULL,
  email VARCHAR(254) NOT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT fk_invoice_info_partner FOREIGN KEY (partner_id) REFERENCES partners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- ---------------------------------------------------------------- issuing entities
-- Who issues a partner's invoices (the signing entity, §9.4.3b, §13.6, §13.7).
CREATE TABLE invoice_entities (
  code VARCHAR(8) PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  country CHAR(2) NOT NULL,
  vat_id VARCHAR(32) NOT NULL,
  address VARCHAR(300) NOT NULL,
  invoice_prefix VARCHAR(8) NOT NULL,
  credit_prefix VARCHAR(8) NOT NULL,
  is_default TINYINT(1) NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO invoice_entities VALUES
  ('IE', 'Sparkoo Technologies Ireland Co., Limited', 'IE', '3921024FH', 'Dublin, Ireland', 'CIE', 'NIE', 0),
  ('SG', 'Sparkoo Technologies Singapore Pte. Ltd.', 'SG', '201900001K', 'Singapore', 'CSG', 'NSG', 0),
  ('TH', 'Sparkoo Technologies (Thailand) Co., Ltd.', 'TH', '0105561000001', 'Bangkok, Thailand', 'CTH', 'NTH', 0),
  ('PH', 'Huawei Technologies Phils. Inc.', 'PH', '000-000-000-000', 'Manila, Philippines', 'CPH', 'NPH', 0),
  ('HK', 'Sparkoo Technologies Hong Kong Co., Limited', 'HK', 'HK-00000001', 'Hong Kong', 'CSER', 'NSER', 1);

-- Country of the partner → issuing entity; other countries: the default entity.
CREATE TABLE invoice_entity_countries (
  country CHAR(2) PRIMARY KEY,
  entity VARCHAR(8) NOT NULL,
  CONSTRAINT fk_entity_country FOREIGN KEY (entity) REFERENCES invoice_entities (code)
) ENGINE=InnoDB;
INSERT INTO invoice_entity_countries (country, entity)
  SELECT country, 'IE' FROM eu_member_states;
INSERT INTO invoice_entity_countries VALUES ('CH', 'IE'), ('MY', 'SG'), ('SG', 'SG'), ('TH', 'TH'),
  ('PH', 'PH');

-- Reverse charge (§13.6 rule 2): a VAT-registered partner with a VAT id in an EU
-- member state other than its issuing entity's.  Only EU partners have a row.
-- The bill run's tax query and the invoice both read it: the rule is here once.
CREATE VIEW partner_reverse_charge AS
  SELECT p.id AS partner_id,
         (p.vat_registered = 1 AND COALESCE(p.vat_id, '') <> '' AND e.country <> m.country) AS reverse_charge
  FROM partners p
  JOIN eu_member_states m ON m.country = COALESCE(p.tax_region, p.country)
  JOIN invoice_entity_countries ec ON ec.country = m.country
  JOIN invoice_entities e ON e.code = ec.entity;

-- The last number of each sequence: one row per (entity, kind), seeded here
-- and only ever UPDATEd in the transaction that issues (a row lock, no gap
-- lock: the bill run's parallel workers queue on it instead of deadlocking),
-- so that a rolled-back issue leaves no gap (never AUTO_INCREMENT).  The
-- sequence runs on across years; the number shows the issue year.
CREATE TABLE invoice_counters (
  entity VARCHAR(8) NOT NULL,
  kind ENUM('invoice','credit_note') NOT NULL,
  last_no INT NOT NULL DEFAULT 0,
  PRIMARY KEY (entity, kind),
  CONSTRAINT fk_counter_entity FOREIGN KEY (entity) REFERENCES invoice_entities (code)
) ENGINE=InnoDB;
INSERT INTO invoice_counters (entity, kind)
  SELECT code, 'invoice' FROM invoice_entities UNION ALL SELECT code, 'credit_note' FROM invoice_entities;

-- ---------------------------------------------------------------- invoices
-- Never deleted: an issued invoice is voided, or corrected by a credit note
-- (kind credit_note, credits_invoice_id).  A refused one (EN 16931 totals
-- rules failed) has no number and says why.  Amounts in 10^-8 of currency.
CREATE TABLE invoices (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  entity VARCHAR(8) NOT NULL,
  kind ENUM('bill','topup','prepayment','credit_note') NOT NULL,
  number VARCHAR(20) NULL COMMENT 'NULL: refused',
  status ENUM('issued','voided','credited','refused') NOT NULL,
  period INT NOT NULL COMMENT 'yyyymm',
  bill_id BIGINT UNSIGNED NULL,
  credits_invoice_id BIGINT UNSIGNED NULL,
  currency CHAR(3) NOT NULL,
  line_total BIGINT NOT NULL,
  allowances BIGINT NOT NULL,
  tax_exclusive BIGINT NOT NULL,
  tax BIGINT NOT NULL,
  tax_inclusive BIGINT NOT NULL,
  prepaid BIGINT NOT NULL DEFAULT 0,
  rounding BIGINT NOT NULL DEFAULT 0,
  payable BIGINT NOT NULL,
  tax_category ENUM('S','AE','Z','E','O') NOT NULL,
  tax_rate_ppm INT NOT NULL,
  exemption_note VARCHAR(200) NULL,
  buyer_name VARCHAR(200) NOT NULL,
  buyer_country CHAR(2) NOT NULL,
  buyer_address VARCHAR(300) NOT NULL,
  buyer_email VARCHAR(254) NOT NULL,
  buyer_vat_id VARCHAR(32) NULL,
  refused_reason VARCHAR(300) NULL,
  void_reason VARCHAR(300) NULL,
  created_at DATETIME NOT NULL,
  issued_at DATETIME NULL,
  voided_at DATETIME NULL,
  mailed_at DATETIME NULL,
  -- one invoice per bill that is not refused; refused attempts stay as history
  live_bill_id BIGINT UNSIGNED AS (IF(status = 'refused', NULL, bill_id)) PERSISTENT,
  UNIQUE KEY uk_invoice_number (entity, number),
  UNIQUE KEY uk_invoice_bill (live_bill_id, kind),
  KEY k_invoice_bill (bill_id),
  KEY k_invoice_partner (partner_id, period),
  CONSTRAINT fk_invoice_partner FOREIGN KEY (partner_id) REFERENCES partners (id),
  CONSTRAINT fk_invoice_entity FOREIGN KEY (entity) REFERENCES invoice_entities (code),
  CONSTRAINT fk_invoice_bill FOREIGN KEY (bill_id) REFERENCES partner_bills (id),
  CONSTRAINT fk_invoice_credits FOREIGN KEY (credits_invoice_id) REFERENCES invoices (id),
  CONSTRAINT ck_invoice_number CHECK ((number IS NULL) = (status = 'refused'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE invoice_lines (
  invoice_id BIGINT UNSIGNED NOT NULL,
  line_no INT NOT NULL,
  description VARCHAR(200) NOT NULL,
  net_amount BIGINT NOT NULL,
  PRIMARY KEY (invoice_id, line_no),
  CONSTRAINT fk_invoice_line FOREIGN KEY (invoice_id) REFERENCES invoices (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE partner_bills
  ADD CONSTRAINT fk_bill_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id);

-- The "no expenditure this month" notice (9.4.3a), once per partner and cycle.
CREATE TABLE invoice_notices (
  partner_id BIGINT UNSIGNED NOT NULL,
  billing_cycle INT NOT NULL,
  sent_at DATETIME NOT NULL,
  PRIMARY KEY (partner_id, billing_cycle),
  CONSTRAINT fk_invoice_notice_partner FOREIGN KEY (partner_id) REFERENCES partners (id)
) ENGINE=InnoDB;

-- After the bill run (hourly, a quarter past): the invoice e-mails and the no-expenditure notices.
INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES ('invoice_mail', 3600, '2000-01-01 00:15:00');

-- ---------------------------------------------------------------- WHT certificates
-- 9.4.3b, §13.7: uploaded by a partner registered in MY, TH or PH, reviewed by
-- the operator.  Amounts in 10^-8 of the certificate currency; each covered
-- invoice also with its amount in the invoice currency (2 decimals), which an
-- approval credits to the invoice's bill (docs/DECISIONS.md).
CREATE TABLE wht_certificates (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  code VARCHAR(64) NOT NULL,
  certificate_date DATE NOT NULL,
  amount BIGINT NOT NULL,
  currency CHAR(3) NOT NULL,
  remarks VARCHAR(500) NOT NULL DEFAULT '',
  attachment_path VARCHAR(255) NOT NULL,
  attachment_name VARCHAR(255) NOT NULL,
  attachment_type VARCHAR(40) NOT NULL,
  attachment_size INT NOT NULL,
  status ENUM('to_be_reviewed','approved','rejected') NOT NULL DEFAULT 'to_be_reviewed',
  review_reason VARCHAR(300) NULL,
  uploaded_by BIGINT UNSIGNED NOT NULL,
  uploaded_at DATETIME NOT NULL,
  reviewed_by BIGINT UNSIGNED NULL,
  reviewed_at DATETIME NULL,
  UNIQUE KEY uk_wht_code (partner_id, code),
  KEY k_wht_status (status, uploaded_at),
  CONSTRAINT fk_wht_partner FOREIGN KEY (partner_id) REFERENCES partners (id),
  CONSTRAINT ck_wht_amount CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- active = 1 while the certificate is not rejected, NULL after: the unique key
-- lets an invoice be in one non-rejected certificate only.
CREATE TABLE wht_certificate_invoices (
  certificate_id BIGINT UNSIGNED NOT NULL,
  invoice_id BIGINT UNSIGNED NOT NULL,
  amount BIGINT NOT NULL COMMENT 'certificate currency',
  invoice_amount BIGINT NOT NULL COMMENT 'invoice currency, whole cents',
  credited BIGINT NULL COMMENT 'what the approval credited to the bill',
  active TINYINT(1) NULL DEFAULT 1,
  PRIMARY KEY (certificate_id, invoice_id),
  UNIQUE KEY uk_wht_invoice_active (invoice_id, active),
  CONSTRAINT fk_wht_cert FOREIGN KEY (certificate_id) REFERENCES wht_certificates (id),
  CONSTRAINT fk_wht_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id),
  CONSTRAINT ck_wht_active CHECK (active IS NULL OR active = 1)
) ENGINE=InnoDB;
