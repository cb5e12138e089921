-- Funds issue (ch09 §9.4.1.1, §9.4.2.1-9.4.2.2, 3e due_date_settler): payments
-- onto partner bills and top-ups, what each payment paid on which bill, the
-- partners' cards and credit quotas.  Money is BIGINT in 10^-8 USD.

-- One payment: the idempotency key makes a repeated payment (a double click,
-- a re-run of the due-date settler) a no-op.  A card payment is INITIATED
-- before the provider is asked and SUCCEEDED or FAILED after; every other
-- method is SUCCEEDED when written.  journal_entry_id is its ledger entry.
CREATE TABLE payments (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  idempotency_key VARCHAR(120) NOT NULL,
  partner_id BIGINT UNSIGNED NOT NULL,
  bill_id BIGINT UNSIGNED NULL COMMENT 'the bill aimed at; NULL: oldest unpaid first or a top-up',
  method ENUM('TOP_UP','BALANCE_DEDUCTION','CREDIT_DEDUCTION','ONLINE_CARD','BANK_TRANSFER',
              'AUTO_DEDUCTION','AUTO_CARD_CHARGE','REMITTANCE_CLAIM') NOT NULL,
  amount BIGINT NOT NULL COMMENT 'USD',
  amount_ccy BIGINT NOT NULL COMMENT 'in currency, rounded half-up to the cent',
  currency CHAR(3) NOT NULL,
  rate DECIMAL(20,10) NOT NULL DEFAULT 1,
  status ENUM('INITIATED','SUCCEEDED','FAILED') NOT NULL,
  card_id BIGINT UNSIGNED NULL,
  failure_reason VARCHAR(255) NOT NULL DEFAULT '',
  reference VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'provider or bank reference',
  journal_entry_id BIGINT UNSIGNED NULL,
  user_id BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  confirmed_at DATETIME NULL,
  UNIQUE KEY uk_payment_idem (idempotency_key),
  KEY k_payment_partner (partner_id, id),
  CONSTRAINT ck_payment_amount CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a payment paid on each bill (a payment not aimed at one bill pays the
-- oldest unpaid bills first; what is left stays as top-up balance).
CREATE TABLE payment_allocations (
  payment_id BIGINT UNSIGNED NOT NULL,
  bill_id BIGINT UNSIGNED NOT NULL,
  amount BIGINT NOT NULL,
  PRIMARY KEY (payment_id, bill_id),
  KEY k_allocation_bill (bill_id)
) ENGINE=InnoDB;

-- A partner's cards (9.4.2.2): only what the page shows is stored — the last
-- four digits, the holder and the expiry; never the number or the security code.
CREATE TABLE payment_cards (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  last4 CHAR(4) NOT NULL,
  brand VARCHAR(16) NOT NULL DEFAULT '',
  holder VARCHAR(64) NOT NULL,
  expiry CHAR(7) NOT NULL COMMENT 'YYYY-MM',
  is_default TINYINT(1) NOT NULL DEFAULT 0,
  status ENUM('ACTIVE','EXPIRED','DELETED') NOT NULL DEFAULT 'ACTIVE',
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  KEY k_card_partner (partner_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The partner's credit quota (9.4.2.2: max(quota, 1,000 USD) when a card is
-- added).  What is used of it is the ledger's p<id>:credit account (debit).
CREATE TABLE credit_quotas (
  partner_id BIGINT UNSIGNED PRIMARY KEY,
  quota BIGINT NOT NULL DEFAULT 0,
  updated_at DATETIME NOT NULL,
  CONSTRAINT ck_credit_quota CHECK (quota >= 0)
) ENGINE=InnoDB;

-- The due-date settler: daily; it settles the bills due the previous day.  The card
-- autocharge: hourly; it charges new bills of partners with cards.
INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES
  ('due_settle', 86400, '2000-01-01 00:00:00'),
  ('card_autocharge', 3600, '2000-01-01 00:00:00');

-- Whether the partner chose its payment currency (Partner Information >
-- Preferences): Add Card stays disabled until it did (9.4.2.2).  Existing
-- partners keep the currency they have (default 1).
ALTER TABLE partners ADD COLUMN payment_currency_set TINYINT(1) NOT NULL DEFAULT 1;

-- ---------------------------------------------------------------- bank statements
-- An imported ISO 20022 camt.053 statement (its Stmt/Id is UNIQUE: importing
-- the same file again is a no-op).  Opening + entries = closing was checked
-- before anything was stored.
CREATE TABLE bank_statements (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  stmt_id VARCHAR(64) NOT NULL,
  account VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'IBAN or other id of the vendor account',
  currency CHAR(3) NOT NULL,
  opening BIGINT NOT NULL,
  closing BIGINT NOT NULL,
  entry_count INT NOT NULL,
  file_name VARCHAR(255) NOT NULL DEFAULT '',
  imported_by BIGINT UNSIGNED NULL COMMENT 'NULL: pcadm',
  imported_at DATETIME NOT NULL,
  UNIQUE KEY uk_bank_statement (stmt_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One entry of a statement.  Its bank reference (AcctSvcrRef, else NtryRef)
-- is UNIQUE.  A credit whose remittance information carries a bill's RF
-- reference is matched (paid onto the bill through lib/payment); the other
-- credits wait for a partner's remittance claim; debits are only recorded.
CREATE TABLE bank_entries (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  statement_id BIGINT UNSIGNED NOT NULL,
  entry_ref VARCHAR(64) NOT NULL,
  amount BIGINT NOT NULL,
  currency CHAR(3) NOT NULL,
  direction ENUM('CRDT','DBIT') NOT NULL,
  booking_date DATE NULL,
  debtor VARCHAR(140) NOT NULL DEFAULT '',
  remittance VARCHAR(500) NOT NULL DEFAULT '',
  status ENUM('matched','waiting','claimed','debit') NOT NULL,
  bill_id BIGINT UNSIGNED NULL,
  payment_id BIGINT UNSIGNED NULL,
  UNIQUE KEY uk_bank_entry (entry_ref),
  KEY k_bank_entry_statement (statement_id),
  KEY k_bank_entry_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- ---------------------------------------------------------------- remittance claims
-- A partner's claim of a transfer it made without a bill reference
-- (9.4.2.3): PENDING_REVIEW until the vendor operator approves it (the amount
-- is credited: the selected bills first, the rest as top-up balance) or
-- rejects it with a reason.
CREATE TABLE remittance_claims (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  partner_id BIGINT UNSIGNED NOT NULL,
  amount BIGINT NOT NULL,
  currency CHAR(3) NOT NULL,
  transfer_date DATE NOT NULL,
  sender VARCHAR(140) NOT NULL,
  sender_account VARCHAR(64) NOT NULL DEFAULT '',
  attachment_name VARCHAR(255) NOT NULL,
  attachment_type VARCHAR(8) NOT NULL COMMENT 'jpg jpeg png zip docx msg xlsx pdf',
  attachment MEDIUMBLOB NOT NULL COMMENT 'under 10 MB; in the database like every other state',
  status ENUM('PENDING_REVIEW','APPROVED','REJECTED') NOT NULL DEFAULT 'PENDING_REVIEW',
  review_comment VARCHAR(500) NOT NULL DEFAULT '',
  reviewed_by BIGINT UNSIGNED NULL,
  reviewed_at DATETIME NULL,
  payment_id BIGINT UNSIGNED NULL,
  bank_entry_id BIGINT UNSIGNED NULL COMMENT 'the waiting bank credit the operator found for it',
  submitted_by BIGINT UNSIGNED NOT NULL,
  submitted_at DATETIME NOT NULL,
  KEY k_claim_partner (partner_id, id),
  KEY k_claim_status (status, id),
  CONSTRAINT ck_claim_amount CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The bills a claim asks to be applied to, and how much each (Σ ≤ the claim's amount).
CREATE TABLE remittance_claim_bills (
  claim_id BIGINT UNSIGNED NOT NULL,
  bill_id BIGINT UNSIGNED NOT NULL,
  amount BIGINT NOT NULL,
  PRIMARY KEY (claim_id, bill_id)
) ENGINE=InnoDB;
