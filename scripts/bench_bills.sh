#!/bin/bash
# Part of `make bench` (scripts/bench.sh passes its stack's var directory):
# the monthly bill run over one month of the large data set (1,000 partners,
# about 833,000 of the 10,000,000 rated lines), against one
# `INSERT … SELECT … GROUP BY` producing the same per-partner totals (count,
# expenditures, refunds, adjustments, tax at the partners' 9 %, amount due;
# the benchmark partners have no discounts or coupons, so settlement = list —
# the demo's product-level KooGallery discount, which would reach every
# partner's customers, is withdrawn first)
# in the same run; the totals of both are compared.  Last month is billed with
# Billing.workers = 1, the month before with the default (4 processes).
set -euo pipefail
var=$1
top=$(cd "$(dirname "$0")/.." && pwd)
db() { mariadb -S "$var/run/mysqld.sock" -u root partner_center "$@"; }
now() { date +%s.%N; }
worker() { PC_CONF=${conf:-$var/partner-center.hdf} "$top/build/rel/worker/pc-worker" "$@"; }

# cycle yyyymm `back` months before this one, GMT+08:00
cycle_back() { date -u -d "$(date -u -d '+8 hours' +%Y-%m-15) -$1 months" +%Y%m; }

# The GROUP BY per benchmark partner, through the (partner, cycle) index as the bill run
# reads; run twice, the second timed, so that both it and the bill run find the month's
# lines in the buffer pool.
baseline() { # cycle → seconds of the GROUP BY into a fresh table
    local t0 t1
    for pass in 1 2; do
        db -e "DROP TABLE IF EXISTS bench_bill_totals; CREATE TABLE bench_bill_totals (partner_id BIGINT UNSIGNED PRIMARY KEY,
          line_count BIGINT, expenditures BIGINT, refunds BIGINT, adjustments BIGINT, tax BIGINT, amount_due BIGINT) ENGINE=InnoDB"
        t0=$(now)
        db -e "INSERT INTO bench_bill_totals SELECT l.partner_id, COUNT(*),
          SUM(IF(l.bill_type = 'expenditure', l.list_amount, 0)), SUM(IF(l.bill_type = 'refund', l.list_amount, 0)),
          SUM(IF(l.bill_type = 'adjustment', l.list_amount, 0)), SUM(ROUND(l.list_amount * 9 / 100)),
          GREATEST(0, ROUND(SUM(l.list_amount + ROUND(l.list_amount * 9 / 100)), -6))
          FROM partners p JOIN expenditure_lines l FORCE INDEX (k_line_partner_cycle) ON l.partner_id = p.id
          AND l.billing_cycle = $1 AND l.association_type = 'reseller'
          WHERE p.account_name LIKE 'bench%' GROUP BY l.partner_id"
        t1=$(now)
    done
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}'
}

check_totals() { # cycle → differing partners (0 when the bill run and the GROUP BY agree)
    db -N -e "SELECT (SELECT COUNT(*) FROM bench_bill_totals) - (SELECT COUNT(*) FROM partner_bills b
      JOIN bench_bill_totals t ON t.partner_id = b.partner_id AND b.billing_cycle = $1
      AND (t.line_count, t.expenditures, t.refunds, t.adjustments, t.tax, t.amount_due) =
          (b.line_count, b.expenditures, b.refunds, b.adjustments, b.tax, b.amount_due))"
}

report() { # label cycle base_seconds run_seconds
    local lines bills bad
    lines=$(db -N -e "SELECT SUM(line_count) FROM bench_bill_totals")
    bills=$(db -N -e "SELECT COUNT(*), SUM(line_count) FROM partner_bills WHERE billing_cycle = $2 AND partner_id IN
      (SELECT id FROM partners WHERE account_name LIKE 'bench%')")
    bad=$(check_totals "$2")
    awk -v l="$1" -v c="$2" -v b="$3" -v r="$4" -v n="$lines" -v bills="$bills" -v bad="$bad" 'BEGIN {
        split(bills, x, "\t")
        printf "bill run %s, cycle %s: %d benchmark partners'"'"' bills, %d lines, in %.1f s (%.0f lines/s); INSERT…SELECT…GROUP BY %.2f s\n", l, c, x[1], x[2], r, x[2] / r, b
        printf "ratio bill run (%s) : GROUP BY = %.2f (goal: run < 60 s and ratio >= 0.5); partners whose totals differ: %d\n", l, b / r, bad
    }'
}

db -e "DELETE FROM koogallery_discounts WHERE level = 'product'"
last=$(cycle_back ${BENCH_BILLS_BACK:-1})
before=$(cycle_back $(( ${BENCH_BILLS_BACK:-1} + 1 )))
after=$(cycle_back $(( ${BENCH_BILLS_BACK:-1} - 1 )))
conf=$var/bench-bills-1.hdf
{ cat "$var/partner-center.hdf"; echo "Billing.workers = 1"; } >"$conf"
base=$(baseline "$last")
t0=$(now)
worker run bills --now "${after:0:4}-${after:4:2}-05 01:00:00" >/dev/null
t1=$(now)
report "Billing.workers = 1" "$last" "$base" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')"

# the month before, as the worker saw it on day 5 of the next, with the default processes
conf=
base=$(baseline "$before")
t0=$(now)
worker run bills --now "${last:0:4}-${last:4:2}-05 01:00:00" >/dev/null
t1=$(now)
report "Billing.workers default" "$before" "$base" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')"
db -e "DROP TABLE bench_bill_totals"
if PC_CONF=$var/partner-center.hdf "$top/build/rel/worker/pcadm" verify-ledger >/dev/null; then
    echo "verify-ledger after the bill runs: no problem"
else
    echo "verify-ledger after the bill runs: PROBLEMS" >&2
    exit 1
fi
