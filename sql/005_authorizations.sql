-- Authorizations, letters, disassociation requests and the customer's trace
-- (CTS): guide 9.3.1.2, 9.3.1.11-9.3.1.13, 11.2.1, 11.5, 11.7, 13.10, 13.11.

-- A partner's request to operate on a customer's behalf and the customer's answer.
CREATE TABLE authorizations (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  partner_id BIGINT UNSIGNED NOT NULL,
  requested_by BIGINT UNSIGNED NOT NULL,
  requested_at DATETIME NOT NULL,
  status ENUM('pending','accepted','rejected','revoked','ended') NOT NULL DEFAULT 'pending',
  decided_at DATETIME NULL,
  decided_by BIGINT UNSIGNED NULL,
  effective_at DATETIME NULL COMMENT 'the moment of agreement; valid until revoked (11.5 rule 5)',
  letter_version VARCHAR(16) NULL COMMENT 'customer authorization letter accepted (13.11)',
  revoke_cause VARCHAR(128) NULL,
  revoked_at DATETIME NULL,
  ended_at DATETIME NULL COMMENT 'ended by disassociation',
  -- one pending or accepted authorization per customer and partner: NULL for closed rows
  open TINYINT(1) AS (IF(status IN ('pending','accepted'), 1, NULL)) PERSISTENT,
  UNIQUE KEY uk_one_open_authorization (customer_id, partner_id, open),
  KEY k_authorization_partner (partner_id, status),
  CONSTRAINT fk_authorization_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
  CONSTRAINT fk_authorization_partner FOREIGN KEY (partner_id) REFERENCES partners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Published letters: a version is never changed once published, so an
-- acceptance can always show the exact text accepted (13.11).
CREATE TABLE letters (
  code ENUM('partner_commitment','customer_authorization') NOT NULL,
  version VARCHAR(16) NOT NULL,
  body_en TEXT NOT NULL,
  body_zh TEXT NOT NULL,
  published_at DATETIME NOT NULL,
  PRIMARY KEY (code, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE letter_acceptances (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  letter_code ENUM('partner_commitment','customer_authorization') NOT NULL,
  version VARCHAR(16) NOT NULL,
  partner_id BIGINT UNSIGNED NULL COMMENT 'a partner accepting the commitment letter',
  customer_id BIGINT UNSIGNED NULL COMMENT 'a customer accepting the authorization letter',
  authorization_id BIGINT UNSIGNED NULL,
  accepted_by BIGINT UNSIGNED NOT NULL,
  accepted_at DATETIME NOT NULL,
  KEY k_acceptance_partner (partner_id, letter_code),
  KEY k_acceptance_customer (customer_id, letter_code),
  CONSTRAINT fk_acceptance_letter FOREIGN KEY (letter_code, version) REFERENCES letters (code, version),
  CONSTRAINT ck_acceptance_party CHECK ((partner_id IS NULL) <> (customer_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Disassociation requests between a customer and its partner (9.3.1.2, 11.2.1).
CREATE TABLE association_requests (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  partner_id BIGINT UNSIGNED NOT NULL,
  purpose ENUM('disassociation') NOT NULL DEFAULT 'disassociation',
  initiator ENUM('partner','customer') NOT NULL,
  reason_code ENUM('change_model','changing_partners','no_longer_needed','leaving_cloud','others') NULL
    COMMENT 'the customer''s reason (11.2.1); NULL on a partner''s request',
  reason VARCHAR(256) NOT NULL DEFAULT '',
  association_type ENUM('reseller','referral') NULL COMMENT 'at request time',
  account_manager_id BIGINT UNSIGNED NULL COMMENT 'at request time',
  status ENUM('pending','completed','rejected') NOT NULL DEFAULT 'pending',
  requested_by BIGINT UNSIGNED NOT NULL,
  requested_at DATETIME NOT NULL,
  decided_at DATETIME NULL,
  decided_by BIGINT UNSIGNED NULL,
  -- the 3-in-90-days limit counts per initiator and pair on requested_at
  KEY k_request_pair (customer_id, partner_id, initiator, requested_at),
  KEY k_request_partner (partner_id, id),
  CONSTRAINT fk_request_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
  CONSTRAINT fk_request_partner FOREIGN KEY (partner_id) REFERENCES partners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Cloud Trace Service records of a customer's tenant (11.7), kept 7 days.
CREATE TABLE cts_traces (
  id CHAR(36) NOT NULL PRIMARY KEY COMMENT 'UUID',
  customer_id BIGINT UNSIGNED NOT NULL,
  trace_name VARCHAR(64) NOT NULL,
  trace_type VARCHAR(32) NOT NULL DEFAULT 'ConsoleAction',
  source VARCHAR(32) NOT NULL DEFAULT 'CTS',
  resource_type VARCHAR(32) NOT NULL,
  resource_id VARCHAR(64) NOT NULL DEFAULT '',
  resource_name VARCHAR(128) NOT NULL DEFAULT '',
  status ENUM('normal','warning','incident') NOT NULL DEFAULT 'normal',
  operator_id BIGINT UNSIGNED NULL,
  operator_name VARCHAR(64) NOT NULL DEFAULT '',
  source_ip VARCHAR(45) NOT NULL DEFAULT '',
  operated_at DATETIME NOT NULL,
  generated_at DATETIME NOT NULL,
  details TEXT NOT NULL,
  KEY k_trace_customer (customer_id, operated_at),
  KEY k_trace_age (operated_at),
  CONSTRAINT fk_trace_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES ('traces', 86400, '2000-01-01 00:00:00');

INSERT INTO letters (code, version, body_en, body_zh, published_at) VALUES
('partner_commitment', 'V1001',
'Partner Commitment Letter for Operation on Customers\' Behalf (V1001)

1. We will operate on a customer\'s account only after the customer has authorized us, and only within the scope the customer authorized: managing resources; subscribing to, renewing, unsubscribing from and changing cloud services; starting, stopping, restarting and deleting resources; resetting passwords and modifying policies; viewing account, expenditure, order, discount and contract information.
2. We will keep every operation traceable, advise our customers to enable the Cloud Trace Service, and stop at once when an authorization is revoked or the association ends.
3. We are responsible to the customer for our operations. The vendor may suspend our on-behalf permissions, and end our partnership, when we operate without or beyond an authorization.',
'合作伙伴代客户操作承诺函（V1001）

1. 我方仅在客户授权后，并仅在客户授权的范围内操作客户账号：管理资源；订购、续订、退订和变更云服务；开机、关机、重启和删除资源；重置密码和修改策略；查看账号、消费、订单、折扣和合同信息。
2. 我方保证每一项操作可追溯，建议客户开通云审计服务，并在客户撤销授权或解除关联后立即停止操作。
3. 我方对代客户的操作向客户负责。若我方未经授权或超出授权范围操作，云服务商可暂停我方代客户操作的权限，并终止合作关系。',
'2026-01-01 00:00:00'),
('customer_authorization', 'V1001',
'Customer Authorization Letter (V1001)

I authorize my partner to use my account in My Account, Billing Center, Resource Center, Service Tickets, Message Center and the service consoles, to perform these operations on my behalf:
1. manage my resources;
2. subscribe to, renew, unsubscribe from and change cloud services;
3. start, stop, restart and delete resources;
4. reset passwords and modify policies of cloud services;
5. view my account, expenditure, order, discount and contract information.
These operations may not fully cover everything the partner can do in the consoles.
Any dispute arising from the partner\'s operations is between the partner and me; the vendor is not liable for it.
This authorization takes effect when I agree and stays valid until I revoke it. The vendor may update this letter; I can review updates in My Account and revoke the authorization if I disagree.',
'客户授权书（V1001）

本人授权合作伙伴在"我的账号"、费用中心、资源中心、工单、消息中心及各服务控制台中使用本人的账号，代本人执行以下操作：
1. 管理本人的资源；
2. 订购、续订、退订和变更云服务；
3. 开机、关机、重启和删除资源；
4. 重置云服务的密码和修改策略；
5. 查看本人的账号、消费、订单、折扣和合同信息。
上述操作可能未完全涵盖合作伙伴在控制台中可执行的全部操作。
因合作伙伴的操作产生的任何争议由合作伙伴与本人协商解决，云服务商不承担责任。
本授权自本人同意时生效，至本人撤销时止。云服务商可更新本授权书；本人可在"我的账号"中查看更新，如不同意可撤销授权。',
'2026-01-01 00:00:00');
