-- Funds, second part (issue 6; ch09 §9.4.2.1-9.4.2.3, §9.4.3a-b, ch11-14 §13.7).

-- A WHT certificate's credit to a bill is a payment like the others (lib/payment,
-- method WHT: vendor:tax Dr / receivable Cr).
ALTER TABLE payments MODIFY method ENUM('TOP_UP','BALANCE_DEDUCTION','CREDIT_DEDUCTION',
  'ONLINE_CARD','BANK_TRANSFER','AUTO_DEDUCTION','AUTO_CARD_CHARGE','REMITTANCE_CLAIM','WHT')
  NOT NULL;

-- A card payment is money in (a top-up line) and then a payment from it (a payment
-- line), 9.4.2.1 "Online payment success ⇒ top-up + payment entries": two journal
-- entries; top_up_entry_id is the first, journal_entry_id the second.
ALTER TABLE payments ADD COLUMN top_up_entry_id BIGINT UNSIGNED NULL AFTER journal_entry_id,
  ADD KEY k_payment_entry (journal_entry_id), ADD KEY k_payment_top_up_entry (top_up_entry_id);

-- Card states of 9.4.2.2: VERIFYING while the provider checks a new card, then
-- ACTIVE or FAILED (with the reason, the card history); EXPIRED after its month.
-- Chile: the holder's authentication method and ID number.
ALTER TABLE payment_cards
  MODIFY status ENUM('VERIFYING','ACTIVE','FAILED','EXPIRED','DELETED') NOT NULL DEFAULT 'ACTIVE',
  ADD COLUMN failure_reason VARCHAR(64) NOT NULL DEFAULT '' AFTER status,
  ADD COLUMN id_type ENUM('RUT','OTRO') NULL AFTER holder,
  ADD COLUMN id_number VARCHAR(20) NULL AFTER id_type;

-- Remittance claims in the currency transferred: amount and currency are the
-- transfer's; amount_usd what the operator's approval credits (converted with
-- the exchange rate of the first bill applied to, else the latest rate);
-- reminded_at: the vendor operators were reminded of the claim (once).
ALTER TABLE remittance_claims
  ADD COLUMN amount_usd BIGINT NULL AFTER currency,
  ADD COLUMN rate DECIMAL(20,10) NULL AFTER amount_usd,
  ADD COLUMN reminded_at DATETIME NULL;
UPDATE remittance_claims SET amount_usd = amount, rate = 1 WHERE currency = 'USD';

-- Pre-payment invoices share the "invoice" sequence of their entity (the counter rows exist).

-- card_quota: hourly, a partner with cards whose spending passes its credit quota is
-- charged the excess (a pre-payment).  card_expiry: daily.  claim_reminder: hourly.
INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES
  ('card_quota', 3600, '2000-01-01 00:00:00'),
  ('card_expiry', 86400, '2000-01-01 00:00:00'),
  ('claim_reminder', 3600, '2000-01-01 00:00:00');
