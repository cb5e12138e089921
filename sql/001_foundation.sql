-- Foundation: partners, users, roles and permissions, sessions, audit, mail, jobs.
-- All times are UTC.  Money (later migrations) is BIGINT in 10^-8 units.

CREATE TABLE partners (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('solution_provider','distributor','reseller','software','service','si','learning') NOT NULL,
  name VARCHAR(200) NOT NULL,
  account_name VARCHAR(64) NOT NULL,
  distributor_id BIGINT UNSIGNED NULL,
  country CHAR(2) NOT NULL DEFAULT 'CN',
  status ENUM('active','suspended') NOT NULL DEFAULT 'active',
  custom_role_limit INT NULL COMMENT 'NULL: Org.custom_role_limit of the config',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uk_partner_account (account_name),
  KEY k_partner_distributor (distributor_id),
  CONSTRAINT fk_partner_distributor FOREIGN KEY (distributor_id) REFERENCES partners (id),
  CONSTRAINT ck_reseller_has_distributor CHECK ((kind = 'reseller') = (distributor_id IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A cloud account that buys through a partner (extended by the customers issue).
CREATE TABLE customers (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NULL,
  name VARCHAR(200) NOT NULL,
  account_name VARCHAR(64) NOT NULL,
  email VARCHAR(254) NULL,
  country CHAR(2) NOT NULL DEFAULT 'CN',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uk_customer_account (account_name),
  KEY k_customer_partner (partner_id),
  CONSTRAINT fk_customer_partner FOREIGN KEY (partner_id) REFERENCES partners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Everyone who signs in: vendor operators, partner members, customers, and
-- individuals who registered but have not joined the partner network yet.
CREATE TABLE users (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('operator','member','customer','individual') NOT NULL,
  partner_id BIGINT UNSIGNED NULL,
  customer_id BIGINT UNSIGNED NULL,
  username VARCHAR(32) NOT NULL COMMENT 'login name, unique everywhere, never changed',
  name VARCHAR(100) NOT NULL,
  email VARCHAR(254) NOT NULL,
  mobile_cc VARCHAR(6) NOT NULL DEFAULT '+86',
  mobile VARCHAR(20) NOT NULL DEFAULT '',
  office_phone VARCHAR(30) NOT NULL DEFAULT '',
  country CHAR(2) NULL,
  status ENUM('normal','locked','deleted') NOT NULL DEFAULT 'normal',
  password_hash VARCHAR(255) NOT NULL,
  must_change_password TINYINT(1) NOT NULL DEFAULT 0,
  director_id BIGINT UNSIGNED NULL COMMENT 'account director of an account manager',
  lang ENUM('en','zh') NOT NULL DEFAULT 'en',
  last_login_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uk_username (username),
  KEY k_user_email (email),
  KEY k_user_partner (partner_id, status),
  KEY k_user_director (director_id),
  CONSTRAINT fk_user_partner FOREIGN KEY (partner_id) REFERENCES partners (id),
  CONSTRAINT fk_user_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
  CONSTRAINT fk_user_director FOREIGN KEY (director_id) REFERENCES users (id),
  CONSTRAINT ck_member_has_partner CHECK ((kind = 'member') = (partner_id IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE permissions (
  code VARCHAR(64) PRIMARY KEY,
  grp VARCHAR(32) NOT NULL,
  is_default TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'added to every role on save (spec 5.1.1.4 R8)',
  admin_only TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'never grantable to a custom role (R10)',
  sort INT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE roles (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NULL COMMENT 'NULL for the four system roles',
  code ENUM('ADMIN','FINANCE','ACCOUNT_DIRECTOR','ACCOUNT_MANAGER') NULL,
  name VARCHAR(64) NOT NULL,
  description VARCHAR(200) NOT NULL DEFAULT '',
  deleted_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uk_role_code (code),
  KEY k_role_partner (partner_id, deleted_at),
  CONSTRAINT fk_role_partner FOREIGN KEY (partner_id) REFERENCES partners (id),
  CONSTRAINT ck_role_kind CHECK ((code IS NULL) = (partner_id IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE role_permissions (
  role_id BIGINT UNSIGNED NOT NULL,
  perm_code VARCHAR(64) NOT NULL,
  PRIMARY KEY (role_id, perm_code),
  CONSTRAINT fk_rp_role FOREIGN KEY (role_id) REFERENCES roles (id),
  CONSTRAINT fk_rp_perm FOREIGN KEY (perm_code) REFERENCES permissions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE member_roles (
  user_id BIGINT UNSIGNED NOT NULL,
  role_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (user_id, role_id),
  KEY k_mr_role (role_id),
  CONSTRAINT fk_mr_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_mr_role FOREIGN KEY (role_id) REFERENCES roles (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Contacts a partner shows its customers (spec 5.1.1.6, at most 5).
CREATE TABLE customer_contacts (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(100) NOT NULL,
  mobile_cc VARCHAR(6) NOT NULL DEFAULT '+86',
  mobile VARCHAR(20) NOT NULL,
  email VARCHAR(254) NOT NULL,
  position VARCHAR(100) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_contact_partner (partner_id),
  CONSTRAINT fk_contact_partner FOREIGN KEY (partner_id) REFERENCES partners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only the SHA-256 of a session token is stored: a database dump cannot sign anyone in.
CREATE TABLE sessions (
  token_hash CHAR(64) PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  csrf CHAR(64) NOT NULL,
  ip VARCHAR(45) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  last_seen_at DATETIME NOT NULL,
  KEY k_session_user (user_id),
  CONSTRAINT fk_session_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE login_attempts (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(254) NOT NULL,
  ip VARCHAR(45) NOT NULL,
  ok TINYINT(1) NOT NULL,
  at DATETIME NOT NULL,
  KEY k_attempt_user (username, at),
  KEY k_attempt_ip (ip, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One-time codes sent by mail (sign-up, critical operations).  Only a hash is kept.
CREATE TABLE verify_codes (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  purpose VARCHAR(32) NOT NULL,
  target VARCHAR(254) NOT NULL,
  code_hash CHAR(64) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  expires_at DATETIME NOT NULL,
  used_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  KEY k_code_target (purpose, target, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_events (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  actor_user_id BIGINT UNSIGNED NULL,
  actor_name VARCHAR(254) NOT NULL DEFAULT '' COMMENT 'login name as typed, for failed logins',
  partner_id BIGINT UNSIGNED NULL COMMENT 'whose data it is',
  on_behalf_of BIGINT UNSIGNED NULL COMMENT 'customer acted for, if any',
  action VARCHAR(64) NOT NULL,
  object_type VARCHAR(32) NOT NULL DEFAULT '',
  object_id BIGINT UNSIGNED NULL,
  ip VARCHAR(45) NOT NULL DEFAULT '',
  result ENUM('ok','denied','failed') NOT NULL,
  detail VARCHAR(1000) NOT NULL DEFAULT '',
  KEY k_audit_partner (partner_id, at),
  KEY k_audit_actor (actor_user_id, at),
  KEY k_audit_action (action, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE mail_outbox (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  to_addr VARCHAR(254) NOT NULL,
  subject VARCHAR(255) NOT NULL,
  body TEXT NOT NULL,
  status ENUM('pending','sent','failed') NOT NULL DEFAULT 'pending',
  attempts INT NOT NULL DEFAULT 0,
  last_error VARCHAR(500) NOT NULL DEFAULT '',
  next_attempt_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  sent_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_outbox_due (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Scheduled worker jobs; a run claims its row with FOR UPDATE SKIP LOCKED.
CREATE TABLE jobs (
  name VARCHAR(32) PRIMARY KEY,
  interval_seconds INT NOT NULL,
  next_run_at DATETIME NOT NULL,
  enabled TINYINT(1) NOT NULL DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE job_runs (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  job VARCHAR(32) NOT NULL,
  started_at DATETIME NOT NULL,
  ended_at DATETIME NULL,
  items INT NOT NULL DEFAULT 0,
  failures INT NOT NULL DEFAULT 0,
  status ENUM('running','ok','error') NOT NULL DEFAULT 'running',
  error VARCHAR(1000) NOT NULL DEFAULT '',
  host VARCHAR(64) NOT NULL DEFAULT '',
  KEY k_run_job (job, started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES
  ('mail', 60, '2000-01-01 00:00:00'),
  ('purge', 3600, '2000-01-01 00:00:00');

-- The permission catalog (spec 5.1 matrix; codes are proposals of the spec).
INSERT INTO permissions (code, grp, is_default, admin_only, sort) VALUES
  ('default.home', 'default', 1, 0, 10),
  ('default.profile', 'default', 1, 0, 20),
  ('support.use', 'default', 1, 0, 30),
  ('customer.develop', 'sales', 0, 0, 100),
  ('customer.view_all', 'sales', 0, 0, 110),
  ('customer.export', 'sales', 0, 1, 120),
  ('customer.disassociate', 'sales', 0, 1, 130),
  ('order.view', 'sales', 0, 0, 140),
  ('spend.view', 'sales', 0, 0, 150),
  ('finance.view', 'finance', 0, 0, 200),
  ('finance.topup_withdraw', 'finance', 0, 0, 210),
  ('benefit.invoice', 'finance', 0, 0, 220),
  ('incentive.view', 'finance', 0, 0, 230),
  ('stats.view', 'sales', 0, 0, 160),
  ('program.manage', 'programs', 0, 0, 300),
  ('program.certificate.download', 'programs', 0, 0, 310),
  ('goal.annual_revenue', 'programs', 0, 0, 320),
  ('build.solution.manage', 'programs', 0, 0, 330),
  ('competency.certify', 'programs', 0, 0, 340),
  ('benefit.request', 'programs', 0, 0, 350),
  ('org.member.manage', 'org', 0, 0, 400),
  ('org.role.manage', 'org', 0, 0, 410),
  ('org.contact.manage', 'org', 0, 0, 420),
  ('org.dp.manage', 'org', 0, 0, 430),
  ('team.manage_account_managers', 'org', 0, 0, 440);

INSERT INTO roles (id, partner_id, code, name, description) VALUES
  (1, NULL, 'ADMIN', 'Admin', ''),
  (2, NULL, 'FINANCE', 'Finance specialist', ''),
  (3, NULL, 'ACCOUNT_DIRECTOR', 'Account director', ''),
  (4, NULL, 'ACCOUNT_MANAGER', 'Account manager', '');

INSERT INTO role_permissions (role_id, perm_code) SELECT 1, code FROM permissions;
INSERT INTO role_permissions (role_id, perm_code) SELECT 2, code FROM permissions
  WHERE is_default = 1 OR code IN ('customer.view_all','order.view','spend.view','finance.view',
                                    'finance.topup_withdraw','benefit.invoice','incentive.view');
-- an account director sees the customers of its managers (and its own), not all (spec 5.1.1.2)
INSERT INTO role_permissions (role_id, perm_code) SELECT 3, code FROM permissions
  WHERE is_default = 1 OR code IN ('customer.develop','order.view','spend.view',
                                    'stats.view','team.manage_account_managers');
INSERT INTO role_permissions (role_id, perm_code) SELECT 4, code FROM permissions
  WHERE is_default = 1 OR code IN ('customer.develop','order.view','spend.view','stats.view');
