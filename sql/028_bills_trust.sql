-- Bills a partner can trust (issue 14): who is billed, what, and when.

-- The partner a bill line's customer is associated with (ch10 §10.2.4.1.2): on a
-- distributor's bill the reseller's lines carry the reseller, the bill header the
-- distributor.  late_cycle: a record of an earlier cycle rated after that cycle was
-- billed, carried on this (the next) bill; NULL for the cycle's own lines.  covered:
-- usage within a yearly/monthly package, reserved instance or savings plan, shown on
-- the bill and not billed separately (§9.4.1.3 fields 31, 33, 35).
ALTER TABLE bill_lines
  ADD COLUMN partner_id BIGINT UNSIGNED NULL COMMENT 'the partner the customer is associated with',
  ADD COLUMN late_cycle MEDIUMINT UNSIGNED NULL COMMENT 'yyyymm of a late record',
  ADD COLUMN covered TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'package / RI usage: not billed separately',
  ADD UNIQUE KEY uk_bill_line (line_id);

-- What a bill whose total is negative gave back to the partner's top-up balance
-- (the amount due is 0; the rest is not lost, §9.4.1.4).
ALTER TABLE partner_bills
  ADD COLUMN credited BIGINT NOT NULL DEFAULT 0 COMMENT 'negative total credited to the top-up balance';

-- Records rated after their cycle's bill was made: the next bill of the billed
-- partner (the distributor for its resellers' customers) takes them.  Written by the
-- rating in the transaction that stores the line, under the cycle's lock below, so a
-- bill run and a late record never miss each other.
CREATE TABLE bill_late_lines (
  line_id BIGINT UNSIGNED PRIMARY KEY COMMENT 'expenditure_lines.id',
  partner_id BIGINT UNSIGNED NOT NULL COMMENT 'the billed partner',
  billing_cycle MEDIUMINT UNSIGNED NOT NULL COMMENT 'the cycle already billed',
  found_at DATETIME NOT NULL,
  KEY k_late_partner (partner_id, line_id)
) ENGINE=InnoDB;

-- One row per billing cycle, only to be locked: each bill transaction of cycle M
-- share-locks M's row before it reads anything; the rating locks it exclusively before it
-- looks for the bills of the records of closed cycle M it stores.  So a record of M is
-- either read by the bill, or sees the bill and is queued as late.
CREATE TABLE bill_cycle_locks (
  billing_cycle MEDIUMINT UNSIGNED PRIMARY KEY
) ENGINE=InnoDB;

-- Why an unsubscription was made: it decides whether the coupons its original order
-- used are given back (§9.4.5.1.1): yes when the order or renewal period had not taken
-- effect or an order exception caused it, no for a customer's ordinary unsubscription
-- or downgrade.
ALTER TABLE orders
  ADD COLUMN refund_cause ENUM('requested','not_effective','renewal_not_effective','order_exception')
    NOT NULL DEFAULT 'requested' COMMENT 'unsubscriptions: why';
