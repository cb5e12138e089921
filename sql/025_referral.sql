-- Association-type switch (9.3.1.2, "seen in the localized guide"): the
-- partner asks, the customer agrees or rejects in its console, through the
-- same association_requests as a disassociation.
ALTER TABLE association_requests
  MODIFY purpose ENUM('disassociation','type_switch') NOT NULL DEFAULT 'disassociation',
  ADD COLUMN target_type ENUM('reseller','referral') NULL COMMENT 'type_switch: the type asked for'
    AFTER association_type;

-- Referral price adjustment (S11): the partner of a referral customer sets the
-- price of an order awaiting payment; every change is kept.
ALTER TABLE orders
  ADD COLUMN adjusted_amount BIGINT NULL COMMENT 'S11: the price set by the referral partner, 10^-8 USD; NULL: the list price';

CREATE TABLE order_price_adjustments (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT UNSIGNED NOT NULL,
  partner_id BIGINT UNSIGNED NOT NULL,
  old_amount BIGINT NOT NULL,
  new_amount BIGINT NOT NULL,
  reason VARCHAR(200) NOT NULL,
  adjusted_by BIGINT UNSIGNED NOT NULL,
  adjusted_at DATETIME NOT NULL,
  KEY k_adjust_order (order_id, id),
  CONSTRAINT fk_adjust_order FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT fk_adjust_partner FOREIGN KEY (partner_id) REFERENCES partners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
