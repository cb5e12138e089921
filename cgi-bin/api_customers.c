/* The customer operations of the partner API (partner-api.md §5.1, §5.2). */
#include "api.h"

const pc_api_op_table pc_api_customer_ops = {NULL, 0};
