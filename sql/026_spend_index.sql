-- The expenditure pages' totals (amount due and count of the lines that match the
-- filters) read every line of the partner's cycle: with the columns of the usual
-- filters in the index — billing mode, region, amount due ("Hide 0 expenditures",
-- on by default) and the customer (the scope join) — the totals come from the
-- index alone instead of one row lookup per line, and the page's keyset walk
-- (partner, cycle, id) checks those filters before it fetches a row.  Same leading
-- columns and name as before, so every plan that used it still can.
ALTER TABLE expenditure_lines
  DROP KEY k_line_partner_cycle,
  ADD KEY k_line_partner_cycle (partner_id, billing_cycle, id, billing_mode, region, amount_due, customer_id);
