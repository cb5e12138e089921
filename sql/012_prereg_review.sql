-- The vendor's manual review of pre-registrations (9.2.2.1): who decided, when,
-- and why.  An UNDER_REVIEW row's preregistered_at is when it was submitted.
ALTER TABLE preregistrations
  ADD COLUMN reviewed_by BIGINT UNSIGNED NULL,
  ADD COLUMN reviewed_at DATETIME NULL,
  ADD COLUMN review_comment VARCHAR(500) NOT NULL DEFAULT '',
  ADD KEY k_prereg_review (status, preregistered_at);
