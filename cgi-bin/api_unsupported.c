/*
 * The operations of partner-api.md §2 that this Partner Center does not
 * implement: the path is known, the signature is checked, and the answer is
 * 403 CBC.0151 "… is not supported by this Partner Center" (api.c) — never a
 * fake success (docs/DECISIONS.md).  Real-name authentication, enterprise
 * multi-accounts, product catalogue queries, price enquiries, resource
 * packages, renewals and payments of yearly/monthly orders live in the
 * vendor's platform, not in a partner portal's data.
 */
#include "api.h"

static const pc_api_op ops[] = {
    PC_API_OP("PUT", "/v2/customers/realname-auths/enterprise",
              "change_enterprise_realname_authentication", NULL, 0),
    PC_API_OP("POST", "/v2/enterprises/enterprise-projects/authority",
              "create_enterprise_project_auth", NULL, 0),
    PC_API_OP("POST", "/v2/customers/realname-auths/enterprise",
              "create_enterprise_realname_authentication", NULL, 0),
    PC_API_OP("POST", "/v2/customers/realname-auths/individual", "create_personal_realname_auth",
              NULL, 0),
    PC_API_OP("GET", "/v2/bases/conversions", "list_conversions", NULL, 0),
    PC_API_OP("POST", "/v2/bills/customer-bills/res-records/query",
              "list_customerself_resource_record_details", NULL, 0),
    PC_API_OP("GET", "/v2/enterprises/multi-accounts/sub-customers",
              "list_enterprise_sub_customers", NULL, 0),
    PC_API_OP("POST", "/v3/payments/free-resources/query", "list_free_resource_infos", NULL, 0),
    PC_API_OP("POST", "/v2/payments/free-resources/usages/details/query",
              "list_free_resource_usages", NULL, 0),
    PC_API_OP("GET", "/v2/bills/customer-bills/free-resources-usage-records",
              "list_free_resources_usage_records", NULL, 0),
    PC_API_OP("GET", "/v1.0/{domain_id}/payments/intl-invoices", "list_invoices", NULL, 0),
    PC_API_OP("GET", "/v2/bases/measurements", "list_measure_units", NULL, 0),
    PC_API_OP("POST", "/v2/bills/ratings/on-demand-resources", "list_on_demand_resource_ratings",
              NULL, 0),
    PC_API_OP("POST", "/v2/bills/ratings/period-resources/subscribe-rate",
              "list_rate_on_period_detail", NULL, 0),
    PC_API_OP("POST", "/v2/bills/ratings/period-resources/renew-rate", "list_renew_rate_on_period",
              NULL, 0),
    PC_API_OP("POST", "/v2/products/resource-specs-query", "list_resource_specs", NULL, 0),
    PC_API_OP("GET", "/v2/products/resource-types", "list_resource_types", NULL, 0),
    PC_API_OP("GET", "/v2/products/service-resources", "list_service_resources", NULL, 0),
    PC_API_OP("GET", "/v2/products/service-types", "list_service_types", NULL, 0),
    PC_API_OP("GET", "/v2/products/usage-types", "list_usage_types", NULL, 0),
    PC_API_OP("POST", "/v2/bases/verificationcode/send", "send_verification_message_code", NULL, 0),
    PC_API_OP("GET", "/v2/accounts/customer-accounts/expenditure-quota",
              "show_customer_expenditure_quota", NULL, 0),
    PC_API_OP("GET", "/v2/customers/realname-auths/result",
              "show_realname_authentication_review_result", NULL, 0),
    PC_API_OP("POST", "/v2/orders/subscriptions/resources/autorenew/{resource_id}",
              "auto_renewal_resources", NULL, 0),
    PC_API_OP("DELETE", "/v2/orders/subscriptions/resources/autorenew/{resource_id}",
              "cancel_auto_renewal_resources", NULL, 0),
    PC_API_OP("PUT", "/v2/orders/customer-orders/cancel", "cancel_customer_order", NULL, 0),
    PC_API_OP("POST", "/v2/orders/subscriptions/resources/unsubscribe",
              "cancel_resources_subscription", NULL, 0),
    PC_API_OP("GET", "/v2/orders/customer-orders/order-discounts", "list_order_discounts", NULL, 0),
    PC_API_OP("POST", "/v3/orders/customer-orders/pay", "pay_orders", NULL, 0),
    PC_API_OP("POST", "/v2/orders/subscriptions/resources/renew", "renewal_resources", NULL, 0),
    PC_API_OP("POST", "/v2/orders/subscriptions/resources/renew/config",
              "set_resources_renew_config", NULL, 0),
    PC_API_OP("POST", "/v2/orders/subscriptions/resources/to-on-demand",
              "update_period_to_on_demand", NULL, 0),
};
PC_API_OP_TABLE(pc_api_unsupported_ops, ops);
