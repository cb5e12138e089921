-- Customer orders (9.3.3.1, S2): the keys the order pages read by.
-- Transaction Records of an order are the orders whose original_order_id
-- names it (renewals, changes, unsubscriptions) and its own original.
ALTER TABLE orders
  ADD KEY k_order_original (original_order_id),
  ADD KEY k_order_customer_time (customer_id, ordered_at);
