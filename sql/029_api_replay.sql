-- The signatures of state-changing API requests already received (DESIGN: replay
-- protection; partner-api.md §4.3 leaves the 15-minute window as the only limit).
-- A request whose signature is here is a replay: refused, unless it repeats the
-- same Idempotency-Key, which then answers as the first did.  Rows outlive the
-- window of X-Sdk-Date (15 minutes either way) and the worker's purge drops them.
CREATE TABLE api_signatures (
  key_id BIGINT UNSIGNED NOT NULL,
  signature CHAR(64) NOT NULL,
  idem_key VARCHAR(64) NOT NULL DEFAULT '',
  expires_at DATETIME NOT NULL,
  PRIMARY KEY (key_id, signature),
  KEY k_signature_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;
