-- Usage issue: the product catalog with list prices, orders and resources in
-- full, usage records in, rated expenditure lines out, 95th-percentile
-- bandwidth samples, the daily expenditure summary.  Money is BIGINT in
-- 10^-8 USD; usage quantities are DECIMAL(30,10) (spec 3a).

-- The catalog of seed 001 (spec catalog.md): category → product.
CREATE TABLE product_categories (
  id SMALLINT UNSIGNED PRIMARY KEY,
  code VARCHAR(32) NOT NULL,
  name VARCHAR(64) NOT NULL,
  UNIQUE KEY uk_category_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE products (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  category_id SMALLINT UNSIGNED NOT NULL,
  sort SMALLINT NOT NULL,
  code VARCHAR(64) NOT NULL COMMENT 'the product type code of records and filters',
  name VARCHAR(128) NOT NULL,
  kind ENUM('service','console','platform','doc','agreement','tool','solution') NOT NULL,
  p95 TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'billed monthly by 95th-percentile bandwidth (9.3.4.3)',
  flag VARCHAR(32) NOT NULL DEFAULT '',
  active TINYINT(1) NOT NULL DEFAULT 1,
  UNIQUE KEY uk_product_code (code),
  KEY k_product_category (category_id, sort),
  CONSTRAINT fk_product_category FOREIGN KEY (category_id) REFERENCES product_categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE regions (
  code VARCHAR(32) PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  sort SMALLINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a product charges for: a billing item with its resource type, the
-- unit usage arrives in, the pricing unit and the conversion factor between
-- them (pricing quantity = trunc10(usage / factor), spec 3d.6), and the list
-- price of one pricing unit, per region ('' = every region without its own).
CREATE TABLE price_items (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  product_id INT UNSIGNED NOT NULL,
  billing_item VARCHAR(64) NOT NULL,
  resource_type VARCHAR(64) NOT NULL,
  region VARCHAR(32) NOT NULL DEFAULT '',
  usage_unit VARCHAR(16) NOT NULL,
  pricing_unit VARCHAR(16) NOT NULL,
  conversion_factor DECIMAL(20,10) NOT NULL DEFAULT 1,
  list_price BIGINT NOT NULL COMMENT 'per pricing unit, 10^-8 USD',
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uk_price_item (product_id, billing_item, region),
  CONSTRAINT fk_price_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Orders in full (9.3.3.1): payment, the original of a change or unsubscription.
ALTER TABLE orders
  ADD COLUMN product_id INT UNSIGNED NULL,
  ADD COLUMN billing_mode ENUM('yearly_monthly','reserved_instance','savings_plan') NOT NULL DEFAULT 'yearly_monthly',
  ADD COLUMN region VARCHAR(32) NOT NULL DEFAULT '',
  ADD COLUMN paid_at DATETIME NULL,
  ADD COLUMN amount_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN cash_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN coupons_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN original_order_id BIGINT UNSIGNED NULL,
  ADD KEY k_order_partner (partner_id, ordered_at),
  ADD KEY k_order_paid (paid_at);

-- Resources in full: the order that created them and the product.
ALTER TABLE resources
  ADD COLUMN product_id INT UNSIGNED NULL,
  ADD COLUMN order_id BIGINT UNSIGNED NULL,
  ADD COLUMN resource_key VARCHAR(64) NULL COMMENT 'the resource id usage records name',
  ADD UNIQUE KEY uk_resource_key (resource_key),
  ADD KEY k_resource_order (order_id);

-- Usage as it arrives (import file or spool directory); record_id makes an
-- import repeated a no-op.
CREATE TABLE usage_records (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  record_id VARCHAR(64) NOT NULL,
  customer_id BIGINT UNSIGNED NOT NULL,
  resource_key VARCHAR(64) NOT NULL,
  product_id INT UNSIGNED NOT NULL,
  region VARCHAR(32) NOT NULL,
  billing_item VARCHAR(64) NOT NULL,
  start_at DATETIME NOT NULL,
  end_at DATETIME NOT NULL,
  quantity DECIMAL(30,10) NOT NULL,
  unit VARCHAR(16) NOT NULL,
  imported_at DATETIME NOT NULL,
  import_batch BIGINT UNSIGNED NOT NULL,
  rated TINYINT(1) NOT NULL DEFAULT 0,
  UNIQUE KEY uk_usage_record (record_id),
  KEY k_usage_unrated (rated, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE usage_imports (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  file_name VARCHAR(255) NOT NULL,
  source ENUM('cli','spool') NOT NULL,
  records INT NOT NULL DEFAULT 0,
  duplicates INT NOT NULL DEFAULT 0,
  skipped INT NOT NULL DEFAULT 0,
  status ENUM('ok','rejected') NOT NULL,
  report TEXT NOT NULL COMMENT 'the bad lines, one per line: line number and reason',
  imported_at DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Rated expenditure: one line per usage record, paid order, refund or
-- monthly 95th-percentile figure (spec 9.3.4.2).  partner_id is the partner
-- the customer was associated with at transaction time (NULL: none, the
-- line is the customer's alone); account_manager_id by the assignment window.
CREATE TABLE expenditure_lines (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  source_key VARCHAR(80) NOT NULL COMMENT 'u:<record id> | o:<order no> | r:<order no> | p95:<resource>:<yyyymm>',
  customer_id BIGINT UNSIGNED NOT NULL,
  partner_id BIGINT UNSIGNED NULL,
  association_type ENUM('reseller','referral') NULL,
  account_manager_id BIGINT UNSIGNED NULL,
  billing_cycle MEDIUMINT UNSIGNED NOT NULL COMMENT 'yyyymm of the transaction time, GMT+08:00',
  product_id INT UNSIGNED NOT NULL,
  billing_mode ENUM('yearly_monthly','pay_per_use','reserved_instance','savings_plan') NOT NULL,
  bill_type ENUM('expenditure','refund','adjustment') NOT NULL DEFAULT 'expenditure',
  monthly_settled TINYINT(1) NOT NULL DEFAULT 0 COMMENT '95th-percentile products: left out of monthly budgets',
  spent_from DATETIME NOT NULL,
  spent_to DATETIME NOT NULL,
  transaction_at DATETIME NOT NULL,
  transaction_no VARCHAR(80) NOT NULL COMMENT 'order no or usage record id',
  region VARCHAR(32) NOT NULL DEFAULT '',
  resource_key VARCHAR(64) NOT NULL DEFAULT '',
  resource_name VARCHAR(128) NOT NULL DEFAULT '',
  billing_item VARCHAR(64) NOT NULL DEFAULT '',
  usage_qty DECIMAL(30,10) NOT NULL DEFAULT 0,
  pricing_qty DECIMAL(30,10) NOT NULL DEFAULT 0,
  pricing_unit VARCHAR(16) NOT NULL DEFAULT '',
  list_amount BIGINT NOT NULL,
  discount BIGINT NOT NULL DEFAULT 0,
  amount_due BIGINT NOT NULL,
  cash_payment BIGINT NOT NULL DEFAULT 0,
  coupons_used BIGINT NOT NULL DEFAULT 0,
  monthly_settlement BIGINT NOT NULL DEFAULT 0,
  payment_status ENUM('unsettled','paid','unpaid') NOT NULL DEFAULT 'unsettled',
  created_at DATETIME NOT NULL,
  UNIQUE KEY uk_line_source (source_key),
  KEY k_line_partner_cycle (partner_id, billing_cycle, id),
  KEY k_line_customer_cycle (customer_id, billing_cycle)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 5-minute bandwidth peaks of 95th-percentile resources (288 a day).
CREATE TABLE bandwidth_samples (
  resource_key VARCHAR(64) NOT NULL,
  sampled_at DATETIME NOT NULL COMMENT 'UTC, on a 5-minute boundary',
  customer_id BIGINT UNSIGNED NOT NULL,
  product_id INT UNSIGNED NOT NULL,
  region VARCHAR(32) NOT NULL,
  mbps DECIMAL(20,6) NOT NULL,
  PRIMARY KEY (resource_key, sampled_at)
) ENGINE=InnoDB;

-- The monthly 95th-percentile figure per resource (9.3.4.3), one per month.
CREATE TABLE bandwidth_monthly (
  resource_key VARCHAR(64) NOT NULL,
  billing_cycle MEDIUMINT UNSIGNED NOT NULL,
  samples INT NOT NULL,
  discarded INT NOT NULL,
  billable_mbps DECIMAL(20,6) NOT NULL,
  usage_days_bp INT NOT NULL COMMENT 'Usage Days/Total in 1/10000',
  computed_at DATETIME NOT NULL,
  PRIMARY KEY (resource_key, billing_cycle)
) ENGINE=InnoDB;

-- Day D's expenditure per customer, product, billing mode and association
-- type (9.3.4.1), built by the worker; shown from 00:00 of D+2.
CREATE TABLE expenditure_daily (
  partner_id BIGINT UNSIGNED NOT NULL,
  day DATE NOT NULL COMMENT 'GMT+08:00',
  customer_id BIGINT UNSIGNED NOT NULL,
  product_id INT UNSIGNED NOT NULL,
  billing_mode ENUM('yearly_monthly','pay_per_use','reserved_instance','savings_plan') NOT NULL,
  association_type ENUM('reseller','referral') NOT NULL,
  bill_type ENUM('expenditure','refund','adjustment') NOT NULL,
  account_manager_id BIGINT UNSIGNED NULL,
  amount BIGINT NOT NULL,
  cash_payment BIGINT NOT NULL,
  coupons_used BIGINT NOT NULL,
  monthly_settlement BIGINT NOT NULL,
  discount BIGINT NOT NULL,
  PRIMARY KEY (partner_id, day, customer_id, product_id, billing_mode, association_type, bill_type)
) ENGINE=InnoDB;

-- Export tasks in full (the engine): progress, the file's format and expiry.
ALTER TABLE export_tasks
  ADD COLUMN format ENUM('csv','xlsx') NOT NULL DEFAULT 'csv',
  ADD COLUMN progress_rows INT NOT NULL DEFAULT 0,
  ADD COLUMN started_at DATETIME NULL,
  ADD COLUMN expires_at DATETIME NULL,
  ADD COLUMN worker VARCHAR(64) NOT NULL DEFAULT '',
  ADD KEY k_export_queue (status, id);
