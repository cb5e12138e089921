-- Warnings before the resources of a customer frozen with its resources are
-- released (9.3.1.7, proposal: on day 12 and day 14 of the freeze), once each.
CREATE TABLE freeze_warnings (
  freeze_id BIGINT UNSIGNED NOT NULL,
  day TINYINT UNSIGNED NOT NULL,
  sent_at DATETIME NOT NULL,
  PRIMARY KEY (freeze_id, day),
  CONSTRAINT fk_warning_freeze FOREIGN KEY (freeze_id) REFERENCES freeze_records (id)
) ENGINE=InnoDB;
