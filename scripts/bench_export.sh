#!/bin/bash
# Part of `make bench` (scripts/bench.sh passes its stack's var directory and
# base URL): an expenditure-details export of 5,000,000 lines to CSV through
# the page's export button and the worker, against `mariadb --batch` dumping
# the same query, in the same run.  The lines belong to a distributor over the
# first 100 benchmark partners (made resellers here), 500 per customer, in the
# billing cycle 13 months back (the other benchmarks use the current one).
set -euo pipefail
var=$1 base=$2
top=$(cd "$(dirname "$0")/.." && pwd)
db() { mariadb -S "$var/run/mysqld.sock" -u root partner_center "$@"; }
now() { date +%s.%N; }
cycle=$(date -u -d "$(date -u -d '+8 hours' +%Y-%m-15) -13 months" +%Y%m)
cycle_dash=${cycle:0:4}-${cycle:4:2}

if [ "$(db -N -e "SELECT COUNT(*) FROM partners WHERE account_name = 'benchdist'")" = 0 ]; then
    db -e "INSERT INTO partners (kind, name, account_name, country) VALUES ('distributor', 'Bench Distributor', 'benchdist', 'SG');
      SET @d = LAST_INSERT_ID();
      INSERT INTO users (kind, partner_id, username, name, email, mobile, password_hash)
        SELECT 'member', @d, 'benchdist.admin', 'Bench Distributor Admin', 'admin@benchdist.example', '13800000000', password_hash
        FROM users WHERE username = 'bench0001.admin';
      INSERT INTO member_roles (user_id, role_id) SELECT id, 1 FROM users WHERE username = 'benchdist.admin';
      UPDATE partners SET kind = 'reseller', distributor_id = @d WHERE account_name BETWEEN 'bench0001' AND 'bench0100';
      INSERT IGNORE INTO expenditure_lines (source_key, customer_id, partner_id, association_type, billing_cycle,
        product_id, billing_mode, spent_from, spent_to, transaction_at, transaction_no, region, resource_key,
        resource_name, billing_item, usage_qty, pricing_qty, pricing_unit, list_amount, discount, amount_due, created_at)
      SELECT CONCAT('x:', c.id, ':', s.seq), c.id, c.partner_id, 'reseller', $cycle, 1 + (c.id + s.seq) % 169,
        'pay_per_use', STR_TO_DATE('${cycle}10', '%Y%m%d'), STR_TO_DATE('${cycle}10', '%Y%m%d') + INTERVAL 1 HOUR,
        STR_TO_DATE('${cycle}10', '%Y%m%d') + INTERVAL 1 HOUR, CONCAT('X', c.id, 'T', s.seq), 'ap-southeast-1',
        CONCAT('r-', c.id), CONCAT('ecs-', c.id), 'usage', 1, 1, 'hour', 1000000 + s.seq, 0, 1000000 + s.seq, UTC_TIMESTAMP()
      FROM customers c JOIN partners p ON p.id = c.partner_id JOIN seq_1_to_500 s
      WHERE p.distributor_id = @d"
fi
lines=$(db -N -e "SELECT COUNT(*) FROM expenditure_lines WHERE billing_cycle = $cycle AND source_key LIKE 'x:%'")

# the task, made as the distributor's admin makes it on the page
jar=$var/cookies-benchdist
rm -f "$jar"
csrf=$(curl -s -c "$jar" -b "$jar" "$base/auth/login" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "username=benchdist.admin" \
    --data-urlencode "password=Demo#2026" "$base/auth/login" -o /dev/null
page=$(curl -s -c "$jar" -b "$jar" "$base/spend/details?cycle=$cycle_dash&amount=all")
csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$page" | head -1 | sed 's/.*value="//;s/"//')
curl -s -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "cycle=$cycle_dash" \
    --data-urlencode "amount=all" --data-urlencode "format=csv" "$base/spend/details/export" -o /dev/null
task=$(db -N -e "SELECT MAX(t.id) FROM export_tasks t JOIN users u ON u.id = t.user_id WHERE u.username = 'benchdist.admin'")

t0=$(now)
PC_CONF=$var/partner-center.hdf "$top/build/rel/worker/pc-worker" run exports >/dev/null
t1=$(now)
read -r status rows file < <(db -N -e "SELECT status, row_count, IFNULL(file_path, '-') FROM export_tasks WHERE id = $task")
file=$(awk -F' = ' '$1 == "Paths.exports" {print $2}' "$var/partner-center.hdf")/$file
[ "$status" = completed ] || { echo "bench: the export task ended $status: $(db -N -e "SELECT error FROM export_tasks WHERE id = $task")" >&2; exit 1; }

# the same query (columns, joins, scope, order) dumped by the client
d=$(db -N -e "SELECT id FROM partners WHERE account_name = 'benchdist'")
scope="IN (SELECT s.id FROM partners s WHERE s.id = $d OR s.distributor_id = $d)"
t2=$(now)
db --batch --quick -e "SELECT CONCAT(l.billing_cycle DIV 100, '-', LPAD(l.billing_cycle MOD 100, 2, '0')), c.id,
  c.name, c.account_name, IF(l.partner_id = $d, '', lp.name), IFNULL(l.association_type, ''),
  IFNULL(am.name, ''), p.name, l.billing_item, l.billing_mode, l.spent_from, l.spent_to,
  l.transaction_no, IFNULL(rg.name, l.region), l.resource_name, l.resource_key, l.bill_type,
  l.list_amount, l.discount, l.amount_due, l.cash_payment, l.coupons_used,
  l.monthly_settlement, l.payment_status FROM expenditure_lines l
  JOIN customers c ON c.id = l.customer_id JOIN partners lp ON lp.id = l.partner_id
  JOIN products p ON p.id = l.product_id LEFT JOIN users am ON am.id = l.account_manager_id
  LEFT JOIN regions rg ON rg.code = l.region
  WHERE l.partner_id = c.partner_id AND l.partner_id $scope AND c.partner_id $scope
  AND l.billing_cycle = $cycle ORDER BY l.id DESC" >"$var/bench-batch.tsv"
t3=$(now)
batch_rows=$(($(wc -l <"$var/bench-batch.tsv") - 1))
awk -v rows="$rows" -v lines="$lines" -v brows="$batch_rows" -v size="$(stat -c %s "$file")" \
    -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" 'BEGIN {
    e = t1 - t0; b = t3 - t2
    printf "export of %d expenditure lines (%d in the cycle) to CSV: %.1f s = %.0f rows/s, file %.0f MB\n", rows, lines, e, rows / e, size / 1e6
    printf "mariadb --batch of the same query: %d rows in %.1f s = %.0f rows/s\n", brows, b, brows / b
    printf "ratio export : mariadb --batch = %.2f (goal >= 0.70)\n", (rows / e) / (brows / b)
}'
rm -f "$file" "$var/bench-batch.tsv"
