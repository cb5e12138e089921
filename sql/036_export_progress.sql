-- Exports a user can follow (issue 16, exports): the worker records the number of
-- rows it expects when a task starts (its COUNT(*), NULL until counted) beside the
-- rows written so far (progress_rows), so that Export History shows a percentage;
-- downloaded_at marks a completed file its user has fetched at least once, so that
-- the home page can tell of files ready and not yet downloaded.
ALTER TABLE export_tasks
  ADD COLUMN expected_rows INT NULL COMMENT 'rows counted when the task started; NULL before',
  ADD COLUMN downloaded_at DATETIME NULL COMMENT 'first download by its user';
