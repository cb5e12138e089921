#!/bin/bash
# make bench: wrk against a constant-output FastCGI program (the baseline) and
# against /home signed in, in the same run on the same stack; prints req/s,
# p50, p99, the ratio of the two, and the resident memory of the programs.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
var=$(mktemp -d /tmp/pc-bench-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
duration=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-32}
trap 'scripts/stack.sh stop --var "$var"; rm -rf "$var"' EXIT
scripts/stack.sh start --build build/rel --var "$var" --port "$port" --demo --no-worker --quiet --bench >/dev/null
base=http://127.0.0.1:$port
# the large data set of DESIGN §11: 1,000 partners, 100,000 customers
PC_CONF=$var/partner-center.hdf build/rel/worker/pcadm demo-data --scale large >/dev/null

sign_in() { # username → session cookie value
    local jar=$var/cookies-$1 csrf
    csrf=$(curl -s -c "$jar" -b "$jar" "$base/auth/login" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
    curl -s -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "username=$1" \
        --data-urlencode "password=Demo#2026" "$base/auth/login" -o /dev/null
    awk '$6 == "pc_sid" {print $7}' "$jar"
}
sid=$(sign_in csp.admin)
[ -n "$sid" ] || { echo "bench: could not sign in" >&2; exit 1; }
curl -s -b "pc_sid=$sid" "$base/home" | grep -q 'Sunrise Cloud Solutions' || { echo "bench: /home is not the signed-in page" >&2; exit 1; }
big=$(sign_in bench0500.admin)
list="$base/customers/?name=Customer&usage_min=10"
rows=$(curl -s -b "pc_sid=$big" "$list" | grep -c '<tr data-id=')
[ "$rows" -gt 0 ] || { echo "bench: the customer list shows no rows" >&2; exit 1; }
# expenditure details of the current cycle (GMT+08:00) with region and billing mode set
cycle=$(date -u -d '+8 hours' +%Y-%m)
spend="$base/spend/details?cycle=$cycle&region=ap-southeast-1&mode=pay_per_use"
spend_rows=$(curl -s -b "pc_sid=$big" "$spend" | grep -c '<tr data-id=')
[ "$spend_rows" -gt 0 ] || { echo "bench: the expenditure details show no rows" >&2; exit 1; }

. "$top/scripts/bench_wrk.sh"

echo "wrk -t2 -c$conns -d${duration}s, $(nproc) cores, rel build"
run_wrk constant "$base/bench/constant" constant
run_wrk home-signed-in "$base/home" "" -H "Cookie: pc_sid=$sid"
run_wrk login-page "$base/auth/login"
run_wrk customer-list-2-filters "$list" customers -H "Cookie: pc_sid=$big"
echo "customer list: 100,000 customers in all, $rows rows on the page (name + budget-usage filters, as bench0500.admin)"
run_wrk spend-details-3-filters "$spend" spend -H "Cookie: pc_sid=$big"
echo "expenditure details: 10,000,000 lines in all, $spend_rows rows on the page (cycle + region + billing mode, as bench0500.admin)"
awk -v a="$(cat "$var/home-signed-in.rps")" -v b="$(cat "$var/constant.rps")" \
    'BEGIN {printf "ratio /home signed in : constant = %.2f\n", a / b}'
awk -v a="$(cat "$var/login-page.rps")" -v b="$(cat "$var/constant.rps")" \
    'BEGIN {printf "ratio /auth/login : constant = %.2f\n", a / b}'
awk -v a="$(cat "$var/customer-list-2-filters.rps")" -v b="$(cat "$var/constant.rps")" \
    'BEGIN {printf "ratio customer list (2 filters) : constant = %.2f (goal >= 0.30)\n", a / b}'
awk -v a="$(cat "$var/spend-details-3-filters.rps")" -v b="$(cat "$var/constant.rps")" \
    'BEGIN {printf "ratio expenditure details (3 filters) : constant = %.2f (goal >= 0.30)\n", a / b}'
scripts/bench_bills.sh "$var"
scripts/bench_import.sh "$var"
scripts/bench_export.sh "$var" "$base"
scripts/bench_api.sh "$var" "$base"
for p in home auth org customers spend; do
    for pid in $(cat "$var/run/$p.pid"); do
        printf 'resident memory pc-%s (pid %s): %s\n' "$p" "$pid" "$(awk '/^VmRSS/ {print $2 " " $3}' /proc/"$pid"/status)"
    done
done
