-- Budgets, budget alerts and freezing (ch09 9.3.1.3-9.3.1.9).  The tables
-- (budgets, budget_adjustments, budget_alerts, budget_recipients,
-- freeze_records) come with 002; this adds the two hourly jobs and the index
-- the release job scans.

-- budget usage, alerts and automatic freezing (9.3.1.3, 9.3.1.4)
INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES ('budgets', 3600, '2000-01-01 00:00:00');
-- resources of freezes left open 15 days are released (9.3.1.7)
INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES ('release', 3600, '2000-01-01 00:00:00');

-- the release job looks for open account-and-resources freezes that are due
ALTER TABLE freeze_records ADD KEY k_freeze_open_due (scope, unfrozen_at, resources_released_at, release_due_at);
