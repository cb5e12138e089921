-- The export engine (issue 4): the "exports" job runs every minute, claims
-- queued export tasks, writes their files and deletes them when they expire.
INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES ('exports', 60, '2000-01-01 00:00:00');

-- "expired": the file of a completed task was deleted after Exports.keep_hours.
ALTER TABLE export_tasks
  MODIFY status ENUM('queued','processing','completed','failed','expired') NOT NULL DEFAULT 'queued',
  ADD KEY k_export_expiry (status, expires_at);
