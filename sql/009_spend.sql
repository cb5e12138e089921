-- Spend issue: the expenditure pages (ch09 §9.3.4.1, §9.3.4.2).  They read
-- expenditure_lines and expenditure_daily of 006; this adds the permission to
-- export them (an export task per request, anonymised files), held by the
-- Admin and grantable to custom roles.
INSERT INTO permissions (code, grp, is_default, admin_only, sort) VALUES
  ('spend.export', 'sales', 0, 0, 155);
INSERT INTO role_permissions (role_id, perm_code) VALUES (1, 'spend.export');
