-- Bills issue (ch09 §9.4.1, §9.4.4, §9.4.5, §9.7, S1): the ledger, partner
-- bills and their lines, settlement discounts, commercial and KooGallery
-- discounts, cash coupons with quotas and operation logs, tax rates and
-- exchange rates.  Money is BIGINT in 10^-8 of the currency; rates are parts
-- per million (15.00 % = 150000).

-- ---------------------------------------------------------------- ledger
-- An account of the double-entry ledger.  Sign convention (the vendor's
-- books): a posting's amount is positive for a debit and negative for a
-- credit, and `balance` is the sum of the account's postings, kept in the same
-- transaction as every posting (pcadm verify-ledger checks it).  Credit-normal
-- accounts (a partner's top-up money, a coupon, a coupon quota, the vendor's
-- sales and tax) therefore carry negative balances; lib/ledger shows them
-- with the sign a person expects.
CREATE TABLE ledger_accounts (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(64) NOT NULL COMMENT 'p<partner>:<kind> | coupon:<id> | vendor:<kind>',
  kind ENUM('top_up','credit','receivable','coupon','coupon_quota',
            'vendor_sales','vendor_tax','vendor_coupons','vendor_cash','vendor_rounding') NOT NULL,
  partner_id BIGINT UNSIGNED NULL,
  coupon_id BIGINT UNSIGNED NULL,
  balance BIGINT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL,
  UNIQUE KEY uk_ledger_account (code),
  KEY k_ledger_partner (partner_id, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One movement of money: its postings sum to zero; the idempotency key makes
-- a repeated movement (a re-run job, a double click) a no-op.
CREATE TABLE journal_entries (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  idem_key VARCHAR(120) NOT NULL,
  kind ENUM('top_up','bill','payment','coupon_issue','coupon_reclaim','coupon_expiry',
            'quota_grant','quota_reclaim','refund','adjustment') NOT NULL,
  partner_id BIGINT UNSIGNED NULL,
  memo VARCHAR(255) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  UNIQUE KEY uk_journal_idem (idem_key),
  KEY k_journal_partner (partner_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE journal_postings (
  entry_id BIGINT UNSIGNED NOT NULL,
  account_id BIGINT UNSIGNED NOT NULL,
  amount BIGINT NOT NULL COMMENT 'debit > 0, credit < 0',
  PRIMARY KEY (entry_id, account_id),
  KEY k_posting_account (account_id, entry_id),
  CONSTRAINT fk_posting_entry FOREIGN KEY (entry_id) REFERENCES journal_entries (id),
  CONSTRAINT fk_posting_account FOREIGN KEY (account_id) REFERENCES ledger_accounts (id)
) ENGINE=InnoDB;

-- The nightly (and pcadm) ledger verification: what it found.
CREATE TABLE ledger_checks (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  checked_at DATETIME NOT NULL,
  entries BIGINT NOT NULL,
  accounts BIGINT NOT NULL,
  problems INT NOT NULL,
  report TEXT NOT NULL COMMENT 'one offending entry or account per line'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- ---------------------------------------------------------------- partners
ALTER TABLE partners
  ADD COLUMN tax_region CHAR(2) NULL COMMENT 'NULL: the registration country',
  ADD COLUMN payment_currency CHAR(3) NOT NULL DEFAULT 'USD',
  ADD COLUMN koogallery_program TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN test_coupon_notice TINYINT(1) NOT NULL DEFAULT 1 COMMENT '9.4.5.1.3 toggle, default on';

-- Tax by the partner's registration area (9.4.1.2).  The tax issue completes
-- the table; a partner whose region has no row gets no bill and a clear error.
CREATE TABLE tax_rates (
  region CHAR(2) PRIMARY KEY,
  tax_name VARCHAR(16) NOT NULL,
  rate_ppm INT NOT NULL,
  CONSTRAINT ck_tax_rate CHECK (rate_ppm BETWEEN 0 AND 1000000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO tax_rates (region, tax_name, rate_ppm) VALUES
  ('CN', 'VAT', 60000), ('SG', 'GST', 90000), ('HK', 'NONE', 0), ('MY', 'SST', 80000),
  ('TH', 'VAT', 70000), ('PH', 'VAT', 120000), ('IN', 'IGST', 180000), ('ID', 'VAT', 110000),
  ('AE', 'VAT', 50000), ('SA', 'VAT', 150000), ('ZA', 'VAT', 150000), ('MX', 'IVA', 160000),
  ('BR', 'NONE', 0), ('CL', 'IVA', 190000), ('PE', 'IGV', 180000), ('AR', 'IVA', 210000),
  ('TR', 'KDV', 200000), ('EG', 'VAT', 140000), ('US', 'NONE', 0), ('IE', 'VAT', 230000);

-- Rate of one USD in a payment currency on a day (9.4.1.2: the cycle's last day).
CREATE TABLE exchange_rates (
  currency CHAR(3) NOT NULL,
  day DATE NOT NULL,
  rate DECIMAL(20,10) NOT NULL,
  PRIMARY KEY (currency, day)
) ENGINE=InnoDB;

-- ---------------------------------------------------------------- settlement
-- What a product settles as (9.4.1.3 field 38) and whether it is a
-- KooGallery product (9.7) sold by a seller.
ALTER TABLE products
  ADD COLUMN settlement_type ENUM('common','promotional','no_discount') NOT NULL DEFAULT 'common',
  ADD COLUMN koogallery_seller VARCHAR(128) NULL COMMENT 'NULL: not a KooGallery product';

-- The partner's settlement discount per settlement type, valid over a period.
CREATE TABLE settlement_discounts (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  settlement_type ENUM('common','promotional') NOT NULL,
  discount_ppm INT NOT NULL,
  valid_from DATETIME NOT NULL,
  valid_to DATETIME NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  KEY k_settlement_partner (partner_id, settlement_type, valid_from),
  CONSTRAINT ck_settlement_ppm CHECK (discount_ppm BETWEEN 0 AND 1000000)
) ENGINE=InnoDB;

-- Commercial discounts (9.4.4.1): a list of product-type discounts or of
-- savings, never both; customer level applies to one customer's lines.
CREATE TABLE commercial_discounts (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(20) NOT NULL,
  partner_id BIGINT UNSIGNED NOT NULL,
  level ENUM('partner','customer') NOT NULL,
  customer_id BIGINT UNSIGNED NULL,
  body ENUM('product_type','savings') NOT NULL,
  effective_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  status ENUM('pending','effective','expired') NOT NULL DEFAULT 'pending' COMMENT 'refreshed daily from the dates',
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY uk_commercial_code (code),
  KEY k_commercial_partner (partner_id, effective_at),
  CONSTRAINT ck_commercial_level CHECK ((level = 'customer') = (customer_id IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One item: a product (type), optionally a region / billing mode / spec
-- ('' and NULL: unlimited) and either a discount or (savings) a fixed unit
-- price per pricing unit, with the optional linear size and usage-days ratio.
CREATE TABLE commercial_discount_items (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  discount_id BIGINT UNSIGNED NOT NULL,
  product_id INT UNSIGNED NOT NULL,
  region VARCHAR(32) NOT NULL DEFAULT '',
  billing_mode ENUM('yearly_monthly','pay_per_use','reserved_instance','savings_plan') NULL,
  spec VARCHAR(128) NOT NULL DEFAULT '',
  discount_ppm INT NULL,
  fixed_price BIGINT NULL,
  linear_size_milli BIGINT NULL COMMENT 'linear size × 1000, NULL: not applied',
  usage_days TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'multiply by Usage Days/Total',
  KEY k_item_discount (discount_id),
  CONSTRAINT fk_item_discount FOREIGN KEY (discount_id) REFERENCES commercial_discounts (id),
  CONSTRAINT ck_item_body CHECK ((discount_ppm IS NULL) <> (fixed_price IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- KooGallery resale discounts (9.7.1.1): product level (all partners),
-- partner level (one partner's customers), customer level (one customer).
CREATE TABLE koogallery_discounts (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  uuid CHAR(36) NOT NULL,
  level ENUM('product','partner','customer') NOT NULL,
  product_id INT UNSIGNED NOT NULL,
  spec_name VARCHAR(128) NOT NULL DEFAULT '',
  delivery_method VARCHAR(64) NOT NULL DEFAULT '',
  category VARCHAR(64) NOT NULL DEFAULT '',
  project VARCHAR(128) NOT NULL DEFAULT '',
  partner_id BIGINT UNSIGNED NULL,
  customer_id BIGINT UNSIGNED NULL,
  transaction_model VARCHAR(64) NOT NULL DEFAULT '',
  discount_ppm INT NOT NULL,
  status ENUM('to_be_validated','effective','invalid') NOT NULL DEFAULT 'to_be_validated',
  valid_from DATETIME NOT NULL,
  valid_until DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  UNIQUE KEY uk_koogallery_uuid (uuid),
  KEY k_koogallery_product (product_id, level),
  CONSTRAINT ck_koogallery_level CHECK ((level = 'product') = (partner_id IS NULL)
                                       AND (level = 'customer') = (customer_id IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Whether a refund returns the coupons its original line used (9.4.5.1.1:
-- only for orders not yet effective, order exceptions, renewals not yet
-- effective); set by rating from the unsubscription order.
ALTER TABLE expenditure_lines
  ADD COLUMN refund_coupons TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN original_line_id BIGINT UNSIGNED NULL COMMENT 'refunds: the line of the original order';

-- ---------------------------------------------------------------- coupons
-- A cash coupon.  Vendor coupons pay the owner partner's bills (limited to
-- one customer's lines when customer_id is set); partner coupons are issued
-- by a partner to one of its customers out of its quota (S1).  The balance
-- is the ledger's (account coupon:<id>), cached here in the same transaction.
CREATE TABLE coupons (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(24) NOT NULL,
  name VARCHAR(128) NOT NULL,
  issuer ENUM('vendor','partner') NOT NULL,
  owner_partner_id BIGINT UNSIGNED NOT NULL,
  customer_id BIGINT UNSIGNED NULL,
  reseller_id BIGINT UNSIGNED NULL,
  kind ENUM('normal','test','incentive') NOT NULL DEFAULT 'normal',
  face_value BIGINT NOT NULL,
  balance BIGINT NOT NULL,
  valid_from DATETIME NOT NULL,
  valid_to DATETIME NOT NULL,
  product_id INT UNSIGNED NULL COMMENT 'NULL: every product',
  excluded_product_id INT UNSIGNED NULL COMMENT '"Inapplicable to …"',
  billing_mode ENUM('yearly_monthly','pay_per_use','reserved_instance','savings_plan') NULL,
  region VARCHAR(32) NOT NULL DEFAULT '',
  no_promotion TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'cannot be used on promotional products',
  remarks VARCHAR(255) NOT NULL DEFAULT '',
  status ENUM('available','used','invalid','reclaimed') NOT NULL DEFAULT 'available',
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY uk_coupon_code (code),
  KEY k_coupon_owner (owner_partner_id, status, valid_to),
  KEY k_coupon_expiry (status, valid_to),
  CONSTRAINT ck_coupon_balance CHECK (balance >= 0 AND balance <= face_value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a bill run deducted from a coupon per bill line (negative: returned by a refund).
CREATE TABLE coupon_usage (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  coupon_id BIGINT UNSIGNED NOT NULL,
  bill_id BIGINT UNSIGNED NOT NULL,
  line_id BIGINT UNSIGNED NOT NULL COMMENT 'expenditure_lines.id',
  billing_cycle MEDIUMINT UNSIGNED NOT NULL,
  amount BIGINT NOT NULL,
  UNIQUE KEY uk_coupon_line (coupon_id, line_id),
  KEY k_usage_bill (bill_id),
  KEY k_usage_line (line_id)
) ENGINE=InnoDB;

-- A partner's quota for issuing coupons to its customers (S1); the amounts
-- are the ledger's (account p<id>:coupon_quota), cached here.
CREATE TABLE coupon_quotas (
  partner_id BIGINT UNSIGNED PRIMARY KEY,
  total BIGINT NOT NULL DEFAULT 0,
  available BIGINT NOT NULL DEFAULT 0,
  updated_at DATETIME NOT NULL,
  CONSTRAINT ck_quota_available CHECK (available >= 0 AND available <= total)
) ENGINE=InnoDB;

CREATE TABLE coupon_operation_logs (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  op_type ENUM('issue_coupon','reclaim_coupon','issue_quota','reclaim_quota') NOT NULL,
  coupon_id BIGINT UNSIGNED NULL,
  customer_id BIGINT UNSIGNED NULL,
  reseller_id BIGINT UNSIGNED NULL,
  amount BIGINT NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  result ENUM('success','failed') NOT NULL,
  remarks VARCHAR(255) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  KEY k_oplog_partner (partner_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- ---------------------------------------------------------------- bills
-- One bill per partner and month (UNIQUE), written whole in one transaction
-- by the bill run: a killed run leaves nothing behind.  canonical_sha256 is
-- over the canonical lines of docs/bills.md (pcadm verify-bill recomputes it).
CREATE TABLE partner_bills (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  billing_cycle MEDIUMINT UNSIGNED NOT NULL COMMENT 'yyyymm, GMT+08:00',
  status ENUM('unpaid','partially_paid','paid','overdue') NOT NULL,
  line_count INT NOT NULL,
  list_total BIGINT NOT NULL COMMENT 'customer expenditure at list price',
  expenditures BIGINT NOT NULL,
  refunds BIGINT NOT NULL,
  adjustments BIGINT NOT NULL,
  total_exact BIGINT NOT NULL,
  total_rounded BIGINT NOT NULL,
  coupons_used BIGINT NOT NULL,
  tax BIGINT NOT NULL,
  amount_due BIGINT NOT NULL,
  amount_paid BIGINT NOT NULL DEFAULT 0,
  tax_region CHAR(2) NOT NULL,
  tax_rate_ppm INT NOT NULL,
  payment_currency CHAR(3) NOT NULL,
  exchange_rate DECIMAL(20,10) NOT NULL,
  due_at DATETIME NOT NULL,
  generated_at DATETIME NOT NULL,
  journal_entry_id BIGINT UNSIGNED NULL,
  canonical_sha256 CHAR(64) NOT NULL,
  invoice_id BIGINT UNSIGNED NULL,
  UNIQUE KEY uk_bill_cycle (partner_id, billing_cycle),
  KEY k_bill_status (status, due_at)
) ENGINE=InnoDB;

-- One line per rated record of the cycle (the source expenditure line holds
-- the record's fields; the line adds how it was settled).  The primary key
-- also makes a record appear once: a record belongs to one partner and cycle.
CREATE TABLE bill_lines (
  bill_id BIGINT UNSIGNED NOT NULL,
  line_id BIGINT UNSIGNED NOT NULL COMMENT 'expenditure_lines.id',
  customer_id BIGINT UNSIGNED NOT NULL,
  product_id INT UNSIGNED NOT NULL,
  billing_mode ENUM('yearly_monthly','pay_per_use','reserved_instance','savings_plan') NOT NULL,
  bill_type ENUM('expenditure','refund','adjustment') NOT NULL,
  list_amount BIGINT NOT NULL,
  settlement_type ENUM('common','promotional','no_discount','special','resale_customer',
                       'resale_partner','resale_product') NOT NULL,
  discount_ppm INT NULL COMMENT 'rate case',
  fixed_price BIGINT NULL COMMENT 'fixed-price case',
  linear_size_milli BIGINT NULL,
  usage_days_bp INT NULL,
  discount_ref VARCHAR(40) NOT NULL DEFAULT '' COMMENT 'the commercial / KooGallery discount applied',
  settlement BIGINT NOT NULL,
  coupons BIGINT NOT NULL,
  refund_coupons TINYINT(1) NOT NULL DEFAULT 0,
  tax BIGINT NOT NULL,
  amount_due BIGINT NOT NULL,
  PRIMARY KEY (bill_id, line_id)
) ENGINE=InnoDB;

-- The current month's estimate per partner (no tax, no coupons), daily.
CREATE TABLE bill_estimates (
  partner_id BIGINT UNSIGNED NOT NULL,
  billing_cycle MEDIUMINT UNSIGNED NOT NULL,
  line_count INT NOT NULL,
  expenditures BIGINT NOT NULL,
  refunds BIGINT NOT NULL,
  adjustments BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  computed_at DATETIME NOT NULL,
  PRIMARY KEY (partner_id, billing_cycle)
) ENGINE=InnoDB;

-- The bill run: hourly, it bills the closed month from day 4 (GMT+08:00,
-- spec 3f.1) until every partner has its bill; the estimate of the current
-- month hourly too, each partner's once a day; ledger verification nightly.
INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES
  ('bills', 3600, '2000-01-01 00:00:00'),
  ('bill_estimates', 3600, '2000-01-01 00:00:00'),
  ('ledger', 86400, '2000-01-01 00:00:00');
