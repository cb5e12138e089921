-- Cash coupons (issue 5, ch09 §9.4.5.1.1–9.4.5.1.3, S1, 3e): the test-coupon
-- notification's idempotency key and the daily coupon jobs.  The coupons,
-- quotas and operation logs themselves are in 015.

-- One row per mail round of the Test Coupon Balance Notification: the
-- partner's Admins were mailed for `month` (yyyymm, GMT+08:00) `days_left`
-- (7 or 3) days before its end.  Written in the transaction of the mails.
CREATE TABLE coupon_notices (
  partner_id BIGINT UNSIGNED NOT NULL,
  month MEDIUMINT UNSIGNED NOT NULL,
  days_left TINYINT UNSIGNED NOT NULL,
  mails INT NOT NULL,
  sent_at DATETIME NOT NULL,
  PRIMARY KEY (partner_id, month, days_left)
) ENGINE=InnoDB;

-- The partner's own list of coupons it issued, the operation records and the
-- usable-for-a-customer search read these.
ALTER TABLE coupons ADD KEY k_coupon_customer (customer_id, status);
ALTER TABLE coupon_operation_logs ADD KEY k_oplog_coupon (coupon_id);

-- coupon_expiry daily at 00:15 GMT+08:00 (16:15 UTC), coupon_notices daily at
-- 09:00 GMT+08:00 (01:00 UTC) — 3e.
INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES
  ('coupon_expiry', 86400, '2000-01-01 16:15:00'),
  ('coupon_notices', 86400, '2000-01-01 01:00:00');
