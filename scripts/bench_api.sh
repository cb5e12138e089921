#!/bin/bash
# Part of `make bench` (scripts/bench.sh passes its stack's var directory and base URL, the
# large data set loaded): wrk on the partner API's list_sub_customers — a signed
# POST /v2/partners/sub-customers/query of 10 customers, as bench0500.admin (100 customers)
# with a key made on its /org/api-keys page — requests/s, p50, p99, and the ratio to the
# constant FastCGI program measured by bench.sh in the same run (goal >= 0.30, issue 7).
# Alone: scripts/bench_api.sh starts its own stack (build/rel, --bench) with the demo data
# (BENCH_SCALE=large adds the large data set), measures the constant program too, and stops.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
duration=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-32}
if [ $# -ge 2 ]; then
    var=$1 base=$2 own=0
else
    var=$(mktemp -d /tmp/pc-bench-api-XXXXXX)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    trap 'scripts/stack.sh stop --var "$var"; rm -rf "$var"' EXIT
    scripts/stack.sh start --build build/rel --var "$var" --port "$port" --demo --no-worker --quiet --bench >/dev/null
    base=http://127.0.0.1:$port own=1
    [ "${BENCH_SCALE:-}" = large ] && PC_CONF=$var/partner-center.hdf build/rel/worker/pcadm demo-data --scale large >/dev/null
fi
host=${base#http://}
db() { mariadb -S "$var/run/mysqld.sock" -u root partner_center -N -e "$1"; }
user=${BENCH_API_USER:-bench0500.admin}
[ "$(db "SELECT COUNT(*) FROM users WHERE username = '$user'")" = 1 ] || user=csp.admin

# a key of the user, made on its page as an admin makes one
jar=$var/cookies-api-$user
rm -f "$jar"
csrf() { grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//'; }
token=$(curl -s -c "$jar" -b "$jar" "$base/auth/login" | csrf)
curl -s -c "$jar" -b "$jar" --data-urlencode "csrf=$token" --data-urlencode "username=$user" \
    --data-urlencode "password=Demo#2026" "$base/auth/login" -o /dev/null
token=$(curl -s -c "$jar" -b "$jar" "$base/org/api-keys" | csrf)
page=$(curl -s -c "$jar" -b "$jar" --data-urlencode "csrf=$token" --data-urlencode "description=bench" \
    "$base/org/api-keys/new")
ak=$(grep -o 'id="new-ak">[A-Z0-9]*' <<<"$page" | sed 's/.*>//') || true
sk=$(grep -o 'id="new-sk">[A-Za-z0-9]*' <<<"$page" | sed 's/.*>//') || true
[ -n "$ak" ] && [ -n "$sk" ] || { echo "bench_api: could not create an access key for $user" >&2; exit 1; }

# sign once (partner-api.md §4.2): X-Sdk-Date stays valid for 15 minutes, the run takes seconds
path=/v2/partners/sub-customers/query
body='{"offset": 0, "limit": 10}'
date=$(date -u +%Y%m%dT%H%M%SZ)
ua='huaweicloud-usdk-python/3.0; pc-bench'
sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
canonical=$(printf 'POST\n%s/\n\ncontent-type:application/json\nhost:%s\nuser-agent:%s\nx-sdk-date:%s\n\ncontent-type;host;user-agent;x-sdk-date\n%s' \
    "$path" "$host" "$ua" "$date" "$(sha "$body")")
sts=$(printf 'SDK-HMAC-SHA256\n%s\n%s' "$date" "$(sha "$canonical")")
sig=$(printf '%s' "$sts" | openssl dgst -sha256 -hmac "$sk" | awk '{print $NF}')
auth="SDK-HMAC-SHA256 Access=$ak, SignedHeaders=content-type;host;user-agent;x-sdk-date, Signature=$sig"
answer=$(curl -s -X POST -H 'Content-Type: application/json' -H "User-Agent: $ua" -H "X-Sdk-Date: $date" \
    -H "Authorization: $auth" --data-binary "$body" "$base$path")
rows=$(grep -o '"customer_id"' <<<"$answer" | wc -l)
count=$(grep -o '"count":[0-9]*' <<<"$answer" | sed 's/.*://')
[ "$rows" -gt 0 ] || { echo "bench_api: the signed request did not list customers: $answer" >&2; exit 1; }

lua=$var/bench_api.lua
cat >"$lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "$ua"
wrk.headers["X-Sdk-Date"] = "$date"
wrk.headers["Authorization"] = "$auth"
LUA
. "$top/scripts/bench_wrk.sh"
[ $own -eq 1 ] && { echo "wrk -t2 -c$conns -d${duration}s, $(nproc) cores, rel build"; run_wrk constant "$base/bench/constant"; }
run_wrk api-list-customers "$base$path" api -s "$lua"
echo "API list_sub_customers: signed POST $path as $user ($count customers, $rows on the page)"
[ -f "$var/constant.rps" ] && awk -v a="$(cat "$var/api-list-customers.rps")" -v b="$(cat "$var/constant.rps")" \
    'BEGIN {printf "ratio API list_sub_customers : constant = %.2f (goal >= 0.30)\n", a / b}'
for pid in $(cat "$var/run/api.pid"); do
    printf 'resident memory pc-api (pid %s): %s\n' "$pid" "$(awk '/^VmRSS/ {print $2 " " $3}' /proc/"$pid"/status)"
done
