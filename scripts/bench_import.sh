#!/bin/bash
# Part of `make bench` (scripts/bench.sh passes its stack's var directory):
# usage import through `pcadm import-usage` against `LOAD DATA LOCAL INFILE` of
# the same file into a table of the same columns and unique key, then the
# rating of those records; records/s and the ratio, in the same run.
set -euo pipefail
var=$1
top=$(cd "$(dirname "$0")/.." && pwd)
n=${BENCH_IMPORT_RECORDS:-200000}
csv=$var/bench-usage.csv
db() { mariadb -S "$var/run/mysqld.sock" -u root partner_center "$@"; }
now() { date +%s.%N; }

# n hourly ECS records of the benchmark customers, last month, unique record ids
read -r lo hi < <(db -N -e "SELECT MIN(id), MAX(id) FROM customers WHERE account_name LIKE 'bc%'")
awk -v n="$n" -v lo="$lo" -v hi="$hi" -v day="$(date -u -d '-20 days' +%Y-%m-%d)" 'BEGIN {
    print "record_id,customer,resource,product,region,billing_item,start,end,quantity,unit"
    span = hi - lo + 1
    for (i = 0; i < n; i++) {
        c = lo + (i * 7919) % span; h = i % 24
        printf "bench-%d,%d,ecs-%d,elastic_cloud_server,ap-southeast-1,instance_hours,%s %02d:00:00,%s %02d:59:59,1.5,hour\n", i, c, c, day, h, day, h
    }
}' >"$csv"

db -e "DROP TABLE IF EXISTS bench_usage_load; CREATE TABLE bench_usage_load (record_id VARCHAR(64) NOT NULL,
  customer_id BIGINT UNSIGNED NOT NULL, resource_key VARCHAR(64) NOT NULL, product VARCHAR(64) NOT NULL,
  region VARCHAR(32) NOT NULL, billing_item VARCHAR(64) NOT NULL, start_at DATETIME NOT NULL, end_at DATETIME NOT NULL,
  quantity DECIMAL(30,10) NOT NULL, unit VARCHAR(16) NOT NULL, UNIQUE KEY uk (record_id)) ENGINE=InnoDB"
t0=$(now)
db --local-infile=1 -e "LOAD DATA LOCAL INFILE '$csv' INTO TABLE bench_usage_load FIELDS TERMINATED BY ',' IGNORE 1 LINES"
t1=$(now)
PC_CONF=$var/partner-center.hdf "$top/build/rel/worker/pcadm" import-usage "$csv" >/dev/null
t2=$(now)
PC_CONF=$var/partner-center.hdf "$top/build/rel/worker/pc-worker" run rating >/dev/null
t3=$(now)
rated=$(db -N -e "SELECT COUNT(*) FROM expenditure_lines WHERE source_key LIKE 'u:bench-%'")
db -e "DROP TABLE bench_usage_load"
awk -v n="$n" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v rated="$rated" 'BEGIN {
    load = t1 - t0; imp = t2 - t1; rate = t3 - t2
    printf "usage import of %d records: LOAD DATA INFILE %.0f records/s, pcadm import-usage %.0f records/s\n", n, n / load, n / imp
    printf "ratio import-usage : LOAD DATA INFILE = %.2f (goal >= 0.5 and >= 100,000 records/s)\n", load / imp
    printf "rating: %d records rated in %.1f s = %.0f records/s\n", rated, rate, rated / rate
}'
