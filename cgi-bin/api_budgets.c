/* Placeholder until the budgets helper's operations land (issue 7): an empty table. */
#include "api.h"

const pc_api_op_table pc_api_budget_ops = {NULL, 0};
