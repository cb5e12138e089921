-- Promotional invitation links (9.2.2.3): a partner member makes one link per
-- promotion activity the vendor runs; the link lives until the activity ends
-- and is then expired by the development job.
CREATE TABLE promotions (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  description VARCHAR(500) NOT NULL DEFAULT '',
  valid_from DATETIME NOT NULL,
  valid_to DATETIME NOT NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  KEY k_promotion_valid (valid_to, valid_from),
  CONSTRAINT fk_promotion_creator FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE invitation_links
  MODIFY kind ENUM('general','custom','promo') NOT NULL,
  ADD COLUMN promotion_id BIGINT UNSIGNED NULL,
  ADD COLUMN valid_to DATETIME NULL COMMENT 'promotional links: the end of the activity',
  ADD COLUMN status ENUM('active','expired') NOT NULL DEFAULT 'active',
  ADD COLUMN promo_of BIGINT UNSIGNED AS (IF(kind = 'promo', created_by, NULL)) PERSISTENT,
  ADD UNIQUE KEY uk_one_promo_link (promo_of, promotion_id),
  ADD KEY k_link_expiry (status, valid_to),
  ADD CONSTRAINT fk_link_promotion FOREIGN KEY (promotion_id) REFERENCES promotions (id);

ALTER TABLE invitations MODIFY method ENUM('email','link','qr','promo') NOT NULL;
ALTER TABLE associations MODIFY initiation ENUM('email','link','qr','promo','partner','customer','system') NOT NULL;
