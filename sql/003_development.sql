-- Customer development (9.2.2.1-9.2.2.4, 11.1): pre-registrations, invitations
-- by e-mail, standing and customized invitation links (QR codes), and the
-- expiry job.  Tokens are 32 random bytes in hex; invitations keep only their
-- SHA-256.

CREATE TABLE preregistrations (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  full_name VARCHAR(100) NOT NULL,
  email VARCHAR(254) NOT NULL COMMENT 'lower case: the address of the cloud account',
  mobile VARCHAR(20) NOT NULL DEFAULT '',
  send_invite TINYINT(1) NOT NULL DEFAULT 0,
  association_type ENUM('reseller') NOT NULL DEFAULT 'reseller',
  status ENUM('UNDER_REVIEW','PREREGISTERED','ASSOCIATED','EXPIRED','REVIEW_REJECTED','DELETED') NOT NULL,
  review_reasons VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'comma list: reg_over_7_days, cash_spend',
  review_spend VARCHAR(1000) NOT NULL DEFAULT '' COMMENT 'manual review: potential additional expenditures',
  review_process VARCHAR(2000) NOT NULL DEFAULT '' COMMENT 'manual review: communication with the customer',
  customer_id BIGINT UNSIGNED NULL COMMENT 'the account it became (set on association)',
  preregistered_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL COMMENT 'preregistered_at + 15 days',
  account_manager_id BIGINT UNSIGNED NULL COMMENT 'the creator when an account manager or director',
  created_by BIGINT UNSIGNED NOT NULL,
  remarks VARCHAR(200) NOT NULL DEFAULT '',
  deleted_at DATETIME NULL,
  -- at most one live pre-registration per e-mail across all partners: NULL when not live
  live_email VARCHAR(254) AS (IF(status IN ('UNDER_REVIEW','PREREGISTERED'), email, NULL)) PERSISTENT,
  UNIQUE KEY uk_prereg_live_email (live_email),
  KEY k_prereg_partner (partner_id, status, id),
  KEY k_prereg_email (email),
  KEY k_prereg_expiry (status, expires_at),
  CONSTRAINT fk_prereg_partner FOREIGN KEY (partner_id) REFERENCES partners (id),
  CONSTRAINT fk_prereg_am FOREIGN KEY (account_manager_id) REFERENCES users (id),
  CONSTRAINT fk_prereg_creator FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT fk_prereg_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Standing (general: one per user) and customized invitation links (9.2.2.3).
-- Links are published on posters and re-sent from the generation record, so
-- the token is kept to show the link again; lookups go by its hash.
CREATE TABLE invitation_links (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('general','custom') NOT NULL,
  association_type ENUM('reseller') NOT NULL DEFAULT 'reseller',
  custom_tag VARCHAR(64) NULL,
  account_manager_id BIGINT UNSIGNED NULL,
  remarks VARCHAR(100) NOT NULL DEFAULT '',
  token CHAR(64) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  general_of BIGINT UNSIGNED AS (IF(kind = 'general', created_by, NULL)) PERSISTENT,
  UNIQUE KEY uk_link_token (token_hash),
  UNIQUE KEY uk_one_general_link (general_of),
  KEY k_link_creator (created_by, kind, created_at),
  KEY k_link_partner (partner_id, id),
  CONSTRAINT fk_link_partner FOREIGN KEY (partner_id) REFERENCES partners (id),
  CONSTRAINT fk_link_am FOREIGN KEY (account_manager_id) REFERENCES users (id),
  CONSTRAINT fk_link_creator FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Invitations (9.2.2.2, 9.2.2.4): one row per e-mail invitation sent, and one
-- per association attempt through a link or QR code.
CREATE TABLE invitations (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  preregistration_id BIGINT UNSIGNED NULL,
  link_id BIGINT UNSIGNED NULL,
  method ENUM('email','link','qr') NOT NULL,
  association_type ENUM('reseller') NOT NULL DEFAULT 'reseller',
  token_hash CHAR(64) NULL COMMENT 'SHA-256 of the single-use token (e-mail invitations)',
  status ENUM('INVITED','ASSOCIATED','ASSOCIATION_FAILED','EXPIRED') NOT NULL DEFAULT 'INVITED',
  failure_code VARCHAR(40) NULL COMMENT 'cause code of 9.2.2.4',
  full_name VARCHAR(100) NOT NULL DEFAULT '',
  email VARCHAR(254) NOT NULL DEFAULT '',
  mobile VARCHAR(20) NOT NULL DEFAULT '',
  customer_id BIGINT UNSIGNED NULL,
  account_manager_id BIGINT UNSIGNED NULL,
  custom_tag VARCHAR(64) NULL,
  invited_by BIGINT UNSIGNED NULL,
  sent_at DATETIME NOT NULL,
  expires_at DATETIME NULL,
  used_at DATETIME NULL,
  UNIQUE KEY uk_invitation_token (token_hash),
  KEY k_invitation_partner (partner_id, id),
  KEY k_invitation_prereg (preregistration_id, status),
  KEY k_invitation_expiry (status, expires_at),
  CONSTRAINT fk_invitation_partner FOREIGN KEY (partner_id) REFERENCES partners (id),
  CONSTRAINT fk_invitation_prereg FOREIGN KEY (preregistration_id) REFERENCES preregistrations (id),
  CONSTRAINT fk_invitation_link FOREIGN KEY (link_id) REFERENCES invitation_links (id),
  CONSTRAINT fk_invitation_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
  CONSTRAINT fk_invitation_am FOREIGN KEY (account_manager_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES ('development', 600, '2000-01-01 00:00:00');
