-- Rating (issue 4): the jobs that import spooled usage, rate usage and paid
-- orders into expenditure lines, bill 95th-percentile bandwidth after the
-- month and summarize each day's expenditure; the indexes they read by.
ALTER TABLE expenditure_lines ADD KEY k_line_transaction (transaction_at);
ALTER TABLE bandwidth_samples ADD KEY k_sample_time (sampled_at);

-- Usage spool and rating every 5 minutes (3e rating_ingest); spend_daily
-- rebuilds yesterday (GMT+08:00) every hour, catching lines rated late;
-- bandwidth bills last month hourly until every resource is done.
INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES
  ('usage_spool', 300, '2000-01-01 00:00:00'),
  ('rating', 300, '2000-01-01 00:00:00'),
  ('bandwidth', 3600, '2000-01-01 00:00:00'),
  ('spend_daily', 3600, '2000-01-01 00:00:00');
