/* The customer operations of the API (partner-api.md §5.1, §5.2), in three files. */
#ifndef PC_API_CUSTOMERS_H
#define PC_API_CUSTOMERS_H
#include "api.h"

int api_check_user_identity(pc_api *a);    /* api_customers_new.c */
int api_create_sub_customer(pc_api *a);    /* api_customers_new.c */
int api_freeze_sub_customers(pc_api *a);   /* api_customers_freeze.c */
int api_unfreeze_sub_customers(pc_api *a); /* api_customers_freeze.c */

/* A customer ID of the wire ("1042") as our id; 0 when it is not one. */
int64_t api_customer_id(const char *s);

#endif
