-- Customers issue: association, account managers, resources and orders (the
-- minimum the customer pages read; the usage issue extends them), spend
-- aggregates, export tasks.  Money is BIGINT in 10^-8 USD.

-- Partner settings that customer management reads.
ALTER TABLE partners
  ADD COLUMN verification_codes TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'sensitive operations need an e-mailed code (spec 13.5)',
  ADD COLUMN own_frozen TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'the partner''s own account is frozen: it cannot unfreeze customers (9.3.1.8)',
  ADD COLUMN is_prepaid TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN contact_email VARCHAR(254) NULL COMMENT 'reserved e-mail: needed to pre-register (9.2.2.1)',
  -- what a distributor granted a reseller (ch10 10.2.1.2, 10.2.1.3); set by the distribution issue
  ADD COLUMN grant_budget_monthly TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN grant_budget_one_time TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN quota_monthly BIGINT NULL,
  ADD COLUMN quota_one_time BIGINT NULL,
  ADD COLUMN grant_on_behalf TINYINT(1) NOT NULL DEFAULT 0;

-- The customer account and its current relationship (denormalised from
-- associations / assignments / budgets so that the list filters on one table).
ALTER TABLE customers
  ADD COLUMN mobile VARCHAR(20) NOT NULL DEFAULT '',
  ADD COLUMN company VARCHAR(200) NOT NULL DEFAULT '',
  ADD COLUMN industry VARCHAR(64) NOT NULL DEFAULT '',
  ADD COLUMN site ENUM('intl','cn') NOT NULL DEFAULT 'intl',
  ADD COLUMN registered_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ADD COLUMN has_cash_spend TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN enterprise_role ENUM('none','master','member') NOT NULL DEFAULT 'none',
  ADD COLUMN blockers SET('special_contract','unpaid_bills','unpaid_orders','valid_ri','support_plan',
    'stored_value_card','independent_members','dev_path','professional_service','member_support_plan',
    'partner_support_plan','no_currency') NOT NULL DEFAULT '' COMMENT 'facts that block association or disassociation (11.1, 11.2.1)',
  ADD COLUMN association_type ENUM('reseller','referral') NULL,
  ADD COLUMN associated_at DATETIME NULL,
  ADD COLUMN custom_tag VARCHAR(64) NULL,
  ADD COLUMN account_manager_id BIGINT UNSIGNED NULL COMMENT 'current account manager (am_assignments holds the history)',
  ADD COLUMN freeze_state ENUM('normal','account','account_resources') NOT NULL DEFAULT 'normal',
  ADD COLUMN freeze_source ENUM('none','association','budget_auto','manual') NOT NULL DEFAULT 'none',
  ADD COLUMN budget_exhausted TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN budget_usage_bp INT NULL COMMENT 'budget usage in basis points (10000 = 100 %), refreshed by the budget job',
  ADD COLUMN mtd_spend BIGINT NOT NULL DEFAULT 0 COMMENT 'month-to-date list-price expenditure, refreshed by the budget job',
  ADD COLUMN next_expiry DATETIME NULL COMMENT 'earliest expiry of a live yearly/monthly resource',
  ADD COLUMN cts_enabled TINYINT(1) NOT NULL DEFAULT 0,
  ADD KEY k_customer_partner_id (partner_id, id),
  DROP KEY k_customer_partner, -- the key above serves the foreign key and gives list order
  ADD KEY k_customer_am (account_manager_id, id),
  ADD KEY k_customer_email (email),
  ADD CONSTRAINT fk_customer_am FOREIGN KEY (account_manager_id) REFERENCES users (id);

-- Every association a customer had, live or ended (9.3.1.2, 11.1).
CREATE TABLE associations (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  partner_id BIGINT UNSIGNED NOT NULL,
  type ENUM('reseller','referral') NOT NULL DEFAULT 'reseller',
  status ENUM('active','ended') NOT NULL DEFAULT 'active',
  initiation ENUM('email','link','qr','partner','customer','system') NOT NULL,
  invitation_id BIGINT UNSIGNED NULL,
  custom_tag VARCHAR(64) NULL,
  associated_at DATETIME NOT NULL,
  ended_at DATETIME NULL,
  -- at most one live association per customer: NULL for ended rows
  live TINYINT(1) AS (IF(status = 'active', 1, NULL)) PERSISTENT,
  UNIQUE KEY uk_one_live_association (customer_id, live),
  KEY k_assoc_partner (partner_id, status),
  CONSTRAINT fk_assoc_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
  CONSTRAINT fk_assoc_partner FOREIGN KEY (partner_id) REFERENCES partners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Account manager assignments (9.3.1.14, 9.3.2.1): unassigning ends on the 1st of next month.
CREATE TABLE am_assignments (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  partner_id BIGINT UNSIGNED NOT NULL,
  account_manager_id BIGINT UNSIGNED NOT NULL,
  status ENUM('active','pending_end','ended') NOT NULL DEFAULT 'active',
  effective_from DATE NOT NULL COMMENT 'assignment day (GMT+08:00); credit starts the day after',
  effective_to DATE NULL COMMENT 'last day counted (end of the month of unassignment)',
  assigned_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  ended_by BIGINT UNSIGNED NULL,
  open TINYINT(1) AS (IF(status = 'ended', NULL, 1)) PERSISTENT,
  UNIQUE KEY uk_one_open_assignment (customer_id, open),
  KEY k_assign_am (account_manager_id, status),
  CONSTRAINT fk_assign_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
  CONSTRAINT fk_assign_am FOREIGN KEY (account_manager_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Customer tags shown and filtered on the list (the custom tag of a link is one of them).
CREATE TABLE customer_tags (
  customer_id BIGINT UNSIGNED NOT NULL,
  tag VARCHAR(64) NOT NULL,
  PRIMARY KEY (customer_id, tag),
  KEY k_tag (tag),
  CONSTRAINT fk_tag_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Budgets (9.3.1.3-9.3.1.5): one per customer; every change bumps the version
-- and writes an adjustment record.
CREATE TABLE budgets (
  customer_id BIGINT UNSIGNED PRIMARY KEY,
  type ENUM('monthly','one_time') NOT NULL,
  amount BIGINT NOT NULL COMMENT 'USD in 10^-8 units',
  policy ENUM('automatic','manual') NOT NULL,
  window_start DATE NOT NULL COMMENT 'monthly: 1st of the current month; one-time: 1st of the month it was set',
  version INT NOT NULL DEFAULT 1,
  updated_by BIGINT UNSIGNED NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT fk_budget_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE budget_adjustments (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  at DATETIME NOT NULL,
  old_type ENUM('monthly','one_time') NULL,
  old_amount BIGINT NULL,
  old_policy ENUM('automatic','manual') NULL,
  new_type ENUM('monthly','one_time') NOT NULL,
  new_amount BIGINT NOT NULL,
  new_policy ENUM('automatic','manual') NOT NULL,
  unfreeze_now TINYINT(1) NOT NULL DEFAULT 0,
  KEY k_adjust_customer (customer_id, id),
  CONSTRAINT fk_adjust_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per level crossed per window and budget version: the key makes a re-run harmless.
CREATE TABLE budget_alerts (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  window_start DATE NOT NULL,
  budget_version INT NOT NULL,
  level SMALLINT NOT NULL COMMENT '75, 90 or 100',
  usage_bp INT NOT NULL,
  fired_at DATETIME NOT NULL,
  resolved_at DATETIME NULL,
  UNIQUE KEY uk_alert (customer_id, window_start, budget_version, level),
  KEY k_alert_open (customer_id, resolved_at),
  CONSTRAINT fk_alert_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE budget_recipients (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(100) NOT NULL,
  email VARCHAR(254) NOT NULL,
  phone VARCHAR(20) NOT NULL DEFAULT '',
  KEY k_recipient_partner (partner_id),
  CONSTRAINT fk_recipient_partner FOREIGN KEY (partner_id) REFERENCES partners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Freezes (9.3.1.6-9.3.1.9); the open one (unfrozen_at NULL) matches customers.freeze_state.
CREATE TABLE freeze_records (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  scope ENUM('account','account_resources') NOT NULL,
  source ENUM('association','budget_auto','manual') NOT NULL,
  reason VARCHAR(256) NOT NULL DEFAULT '',
  frozen_by BIGINT UNSIGNED NULL COMMENT 'NULL: the system',
  frozen_at DATETIME NOT NULL,
  unfrozen_by BIGINT UNSIGNED NULL,
  unfrozen_at DATETIME NULL,
  unfreeze_reason VARCHAR(256) NOT NULL DEFAULT '',
  release_due_at DATETIME NULL COMMENT 'account and resources: 15 days after the freeze',
  resources_released_at DATETIME NULL,
  KEY k_freeze_customer (customer_id, unfrozen_at),
  KEY k_freeze_release (release_due_at, resources_released_at),
  CONSTRAINT fk_freeze_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Resources and orders: the columns the customer pages need (the usage issue adds the rest).
CREATE TABLE resources (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  billing_mode ENUM('yearly_monthly','pay_per_use','reserved_instance','savings_plan') NOT NULL,
  name VARCHAR(128) NOT NULL,
  product_type VARCHAR(64) NOT NULL,
  spec VARCHAR(128) NOT NULL DEFAULT '',
  region VARCHAR(32) NOT NULL DEFAULT '',
  status ENUM('running','stopped','frozen','expired','released') NOT NULL DEFAULT 'running',
  effective_at DATETIME NULL,
  expires_at DATETIME NULL,
  subscribed_at DATETIME NULL,
  order_no VARCHAR(32) NULL,
  released_at DATETIME NULL,
  KEY k_resource_customer (customer_id, billing_mode, expires_at),
  CONSTRAINT fk_resource_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE orders (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  order_no VARCHAR(32) NOT NULL,
  customer_id BIGINT UNSIGNED NOT NULL,
  partner_id BIGINT UNSIGNED NULL COMMENT 'partner at order time',
  order_type ENUM('new','renewal','change','unsubscription','price_adjustment') NOT NULL DEFAULT 'new',
  status ENUM('pending_payment','processing','completed','cancelled','unsubscribed') NOT NULL DEFAULT 'pending_payment',
  ordered_at DATETIME NOT NULL,
  list_amount BIGINT NOT NULL DEFAULT 0,
  placed_on_behalf_by BIGINT UNSIGNED NULL,
  UNIQUE KEY uk_order_no (order_no),
  KEY k_order_customer (customer_id, status),
  CONSTRAINT fk_order_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- List-price expenditure per customer and day (GMT+08:00), the figure budgets
-- measure; rating (usage issue) keeps it; monthly-settled services (95th
-- percentile bandwidth) are kept apart because monthly budgets exclude them.
CREATE TABLE customer_spend_daily (
  customer_id BIGINT UNSIGNED NOT NULL,
  day DATE NOT NULL,
  monthly_settled TINYINT(1) NOT NULL DEFAULT 0,
  list_amount BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (customer_id, day, monthly_settled),
  CONSTRAINT fk_spend_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB;

-- Asynchronous exports (the engine that fills them comes with the usage issue).
CREATE TABLE export_tasks (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  kind VARCHAR(32) NOT NULL,
  name VARCHAR(128) NOT NULL,
  filters TEXT NOT NULL COMMENT 'the query string of the list when exported',
  status ENUM('queued','processing','completed','failed') NOT NULL DEFAULT 'queued',
  row_count INT NOT NULL DEFAULT 0,
  file_path VARCHAR(255) NULL,
  error VARCHAR(500) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  completed_at DATETIME NULL,
  KEY k_export_user (partner_id, user_id, id),
  CONSTRAINT fk_export_partner FOREIGN KEY (partner_id) REFERENCES partners (id),
  CONSTRAINT fk_export_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES ('assignments', 3600, '2000-01-01 00:00:00');

-- Permissions of the customer pages beyond those of 001 (grantable to custom roles).
INSERT INTO permissions (code, grp, is_default, admin_only, sort) VALUES
  ('customer.budget', 'sales', 0, 0, 125),
  ('customer.authorize', 'sales', 0, 0, 126);
INSERT INTO role_permissions (role_id, perm_code) VALUES (1, 'customer.budget'), (1, 'customer.authorize');
