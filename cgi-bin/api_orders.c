/* Placeholder until the orders helper's operations land (issue 7): an empty table. */
#include "api.h"

const pc_api_op_table pc_api_order_ops = {NULL, 0};
