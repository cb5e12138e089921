-- Discounts issue area (ch09 §9.4.4.1, §9.7.1.1, §9.4.1.3): the vendor's
-- adjustment lines with who entered them and why, and the daily refresh of
-- the discounts' statuses.

-- A vendor adjustment (9.4.1.3 Bill Type "Adjustment"): the line itself is
-- expenditure_lines row line_id (source_key 'a:<id>'), written in the same
-- transaction; this row keeps the reason and the author the line has no
-- column for.
CREATE TABLE adjustments (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  customer_id BIGINT UNSIGNED NOT NULL,
  product_id INT UNSIGNED NOT NULL,
  region VARCHAR(32) NOT NULL DEFAULT '',
  amount BIGINT NOT NULL COMMENT '10^-8 USD, ± , never 0',
  transaction_at DATETIME NOT NULL COMMENT 'UTC',
  billing_cycle MEDIUMINT UNSIGNED NOT NULL COMMENT 'yyyymm, GMT+08:00',
  reason VARCHAR(500) NOT NULL,
  line_id BIGINT UNSIGNED NULL COMMENT 'expenditure_lines.id',
  created_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  KEY k_adjustment_partner (partner_id, billing_cycle),
  CONSTRAINT ck_adjustment_amount CHECK (amount <> 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The worker's discount_status job looks for discounts whose dates passed.
ALTER TABLE commercial_discounts ADD KEY k_commercial_status (status, expires_at);
ALTER TABLE koogallery_discounts ADD KEY k_koogallery_status (status, valid_until);

-- discount_status (3e discount_status_refresh): daily at 00:15 GMT+08:00.
INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES
  ('discount_status', 86400, '2000-01-01 16:15:00');
