# Sourced by scripts/bench.sh and scripts/bench_api.sh (which set var, conns and duration):
# run_wrk NAME URL [PROGRAM [WRK OPTION...]] runs wrk, prints requests/s, p50, p99 and the
# non-2xx count, keeps requests/s in $var/NAME.rps, and with PROGRAM (the name of its pid
# file in $var/run) also prints the CPU one request cost in nginx, the program and MariaDB,
# against what 0.30 of the constant program's rate leaves for all of it.

# CPU time of processes in clock ticks (user + system), from /proc
ticks() {
    local t=0 p
    for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' /proc/"$p"/stat 2>/dev/null || echo 0))); done
    echo "$t"
}
nginx_pids() { local m; m=$(cat "$var/nginx/logs/nginx.pid"); echo "$m" $(pgrep -P "$m"); }
program_pids() { cat "$var/run/$1.pid"; }

run_wrk() {
    local name=$1 url=$2 prog=${3:-} n0=0 p0=0 m0=0 out rps p50 p99 errors
    shift $(($# < 3 ? $# : 3))
    [ -n "$prog" ] && { n0=$(ticks $(nginx_pids)); p0=$(ticks $(program_pids "$prog")); m0=$(ticks $(program_pids mysqld)); }
    out=$(wrk -t2 -c"$conns" -d"${duration}s" --latency "$@" "$url")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(grep -Eo 'Non-2xx or 3xx responses: [0-9]+' <<<"$out" | awk '{print $NF}' || true)
    printf '%-26s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}"
    echo "$rps" >"$var/$name.rps"
    [ -n "$prog" ] && [ -f "$var/constant.rps" ] || return 0
    local n us budget
    n=$(awk '/requests in/ {print $1}' <<<"$out")
    us=$((1000000 / $(getconf CLK_TCK)))
    budget=$(awk -v c="$(cat "$var/constant.rps")" -v k="$(nproc)" 'BEGIN {printf "%d", k * 1000000 / (0.30 * c)}')
    printf '  CPU per request: nginx %d us, pc-%s %d us, MariaDB %d us; at 0.30 of the constant: %d us for all of it\n' \
        $((($(ticks $(nginx_pids)) - n0) * us / n)) "$prog" $((($(ticks $(program_pids "$prog")) - p0) * us / n)) \
        $((($(ticks $(program_pids mysqld)) - m0) * us / n)) "$budget"
}
