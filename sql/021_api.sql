-- The partner API (issue 7, ../shared/spec/partner-api.md): access keys and idempotency keys.

-- An access key pair (AK/SK) of a user: a partner member or a customer; the key acts as that
-- user (its partner, roles and scope).  The SK is sealed with AES-256-GCM under the key of
-- Api.secret_key_file (lib/access/apikey.c): hex of nonce, ciphertext and tag, the AK as extra data.
CREATE TABLE api_keys (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  access_key VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  secret_enc VARCHAR(400) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'AES-256-GCM, hex',
  description VARCHAR(64) NOT NULL DEFAULT '',
  failures INT NOT NULL DEFAULT 0 COMMENT 'failed signatures in a row',
  locked_until DATETIME NULL COMMENT 'UTC; after 5 failed signatures in a row, 5 minutes',
  last_used_at DATETIME NULL COMMENT 'UTC, to the minute',
  created_at DATETIME NOT NULL COMMENT 'UTC',
  UNIQUE KEY uk_api_key_ak (access_key),
  KEY k_api_key_user (user_id),
  CONSTRAINT fk_api_key_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The first answer of a state-changing request sent with an Idempotency-Key header, per access
-- key, kept 24 hours (job purge).  status NULL: the first request is still running.
CREATE TABLE api_idempotency (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  key_id BIGINT UNSIGNED NOT NULL,
  idem_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  request_hash CHAR(64) CHARACTER SET ascii NOT NULL COMMENT 'SHA-256 of method, path, query and body',
  status SMALLINT NULL,
  body MEDIUMTEXT NULL,
  created_at DATETIME NOT NULL COMMENT 'UTC',
  UNIQUE KEY uk_api_idem (key_id, idem_key),
  KEY k_api_idem_created (created_at),
  CONSTRAINT fk_api_idem_key FOREIGN KEY (key_id) REFERENCES api_keys (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- create_sub_customer (partner-api.md §5.1): the user's ID on the partner's own sales platform and
-- the platform's identifier; one xaccount_id per partner.
ALTER TABLE customers
  ADD COLUMN xaccount_id VARCHAR(64) NULL,
  ADD COLUMN xaccount_type VARCHAR(64) NULL,
  ADD UNIQUE KEY uk_customer_xaccount (partner_id, xaccount_id);
