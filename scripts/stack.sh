#!/bin/bash
# Start or stop a private Partner Center stack: MariaDB on a unix socket with its
# own datadir, the FastCGI programs under spawn-fcgi, nginx on 127.0.0.1, and the
# worker on a loop.  Everything lives under the --var directory; pid files there
# say exactly what to stop.
#   stack.sh start --build build/rel --var var --port 8080 [--https-port N] [--demo] [--no-worker] [--quiet] [--bench] [--smtp URL]
#            [--children N] [--seed-cache DIR]
#   stack.sh stop --var var [--discard]
#   stack.sh seed --build build/asan --seed-cache DIR
#   stack.sh seed-reset --seed-cache DIR
#
# --seed-cache DIR (the tests): instead of mariadb-install-db, `pcadm migrate` and `pcadm demo-data`
# for every stack (5 s of a 9 s start), the stack gets a copy of a seed: a datadir made once with
# them and shut down cleanly, with the two secrets its data holds (db.secret: the partner_center
# user's password; api.key: it seals the demo API secret keys).  A seed is found in DIR by a key
# of all it was made from (the SQL migrations, the pcadm and pc-worker binaries, the config, the
# config lines of PC_EXTRA_CONF the demo data reads, MariaDB's version, this script, today's
# date) and is made when missing, under a lock so that stacks started side by side make it once.
# The demo data is relative to now (orders "2 hours ago", usage "up to yesterday"): a seed older
# than PC_SEED_MAX_AGE minutes (30) is made again.  Nothing in it depends on the port or the var
# directory: those are only in the config file, written per stack.
#
# Sanitizers (the ASan build): each program's ASan reports go to files
# $var/log/sanitizer/pc-NAME.PID (ASAN_OPTIONS log_path; options already in the environment are
# kept), its standard error (UBSan's reports) to $var/log/pc-NAME.stderr, instead of spawn-fcgi's
# /dev/null; the tests read them when the stack stops.  The FastCGI programs are killed, never
# exit: leak detection is off for them.
#
# --discard (the tests): the var directory is thrown away next, so everything is killed at once
# (SIGKILL; nginx SIGTERM) and stop returns without waiting for the processes to die; the
# database is not shut down cleanly.
set -euo pipefail
# (builtins rather than small programs where it is easy: a fork costs 10-40 ms on a busy machine)
top=$(cd "${0%/*}/.." && pwd)
self=$top/scripts/stack.sh
cmd=${1:-}; shift || true
build=build/rel var=var port=8080 https_port="" demo=0 worker=1 smtp="" children=2 quiet=0 bench=0 seeds="" discard=0 scratch=0
while [ $# -gt 0 ]; do
    case $1 in
    --build) build=$2; shift ;;
    --var) var=$2; shift ;;
    --port) port=$2; shift ;;
    --https-port) https_port=$2; shift ;;
    --demo) demo=1 ;;
    --no-worker) worker=0 ;;
    --quiet) quiet=1 ;;
    --bench) bench=1 ;;
    --smtp) smtp=$2; shift ;;
    --children) children=$2; shift ;;
    --seed-cache) seeds=$2; shift ;;
    --discard) discard=1 ;;
    *) echo "stack.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
case $build in /*) ;; *) build=$top/$build ;; esac
[ -n "$seeds" ] || [ "$cmd" = make-seed ] && scratch=1
case $cmd in
start | make-seed) mkdir -p "$var" ;;
esac
case $var in /*) ;; *) var=$PWD/$var ;; esac
run=$var/run db=$var/db log=$var/log ng=$var/nginx
mycnf=$var/my.cnf conf=$var/partner-center.hdf

# PC_STACK_TIMES=1: how long each step of a start took, on stderr
t_last=${EPOCHREALTIME/./}
step() {
    [ -n "${PC_STACK_TIMES:-}" ] || return 0
    local now=${EPOCHREALTIME/./}
    printf 'stack.sh: %-14s %5d ms\n' "$1" $(((now - t_last) / 1000)) >&2
    t_last=$now
}

# The pids in pid files $@ (a builtin read: a pid file may lack its last newline).
pids_of() {
    local f p
    for f in "$@"; do
        [ -f "$f" ] || continue
        while read -r p || [ -n "$p" ]; do printf '%s ' "$p"; done <"$f"
    done
}

alive() {
    local p=""
    [ -f "$1" ] && { read -r p <"$1" || true; }
    [ -n "$p" ] && kill -0 "$p" 2>/dev/null
}

# A seed's database and its copies (--seed-cache, make-seed): the undo logs in tablespaces of
# their own that are truncated once purged, and no fsync at each commit (a copy is thrown away).
scratch_cnf() {
    [ $scratch -eq 1 ] || return 0
    printf '%s\n' innodb_undo_tablespaces=2 innodb_undo_log_truncate=ON innodb_max_undo_log_size=10M \
        innodb_flush_log_at_trx_commit=2 innodb_doublewrite=0
}

write_mycnf() {
    mkdir -p "$run" "$log" "$var/tmp"
    # tests: small and quick to start; make bench: the large data set (10^7 lines) needs room
    local pool=128M redo=8M
    [ $bench -eq 1 ] && pool=2G redo=512M
    cat >"$mycnf" <<CNF
[mysqld]
datadir=$db
socket=$run/mysqld.sock
pid-file=$run/mysqld.pid
log-error=$log/mysqld.log
# temporary tables of this server only: a shared /tmp may be swept under a running query
tmpdir=$var/tmp
skip-networking
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb_log_file_size=$redo
innodb_buffer_pool_size=$pool
$(scratch_cnf)
[client]
socket=$run/mysqld.sock
user=root
CNF
}

as_root=()
[ "$EUID" -eq 0 ] && as_root=(--user=root)

start_mariadbd() {
    if ! alive "$run/mysqld.pid"; then
        mariadbd --defaults-file="$mycnf" "${as_root[@]}" >>"$log/mysqld.log" 2>&1 &
    fi
}

# Wait until the server answers (10 s at most); its socket appears when it is ready.
wait_mariadbd() {
    local i
    for ((i = 0; i < 200; i++)); do
        [ -S "$run/mysqld.sock" ] && mariadb-admin --defaults-file="$mycnf" ping >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    mariadb-admin --defaults-file="$mycnf" ping >/dev/null
}

start_db() {
    write_mycnf
    mkdir -p "$db"
    if [ ! -d "$db/mysql" ]; then
        mariadb-install-db --defaults-file="$mycnf" --auth-root-authentication-method=normal \
            --skip-test-db "${as_root[@]}" >"$log/install-db.log" 2>&1
    fi
    start_mariadbd
    wait_mariadbd
    [ -f "$var/db.secret" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$var/db.secret"
    local pw; pw=$(<"$var/db.secret")
    mariadb --defaults-file="$mycnf" <<SQL
CREATE DATABASE IF NOT EXISTS partner_center CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'partner_center'@'localhost' IDENTIFIED BY '$pw';
GRANT ALL ON partner_center.* TO 'partner_center'@'localhost';
SQL
}

write_conf() {
    # the key that seals the API secret keys in the database (made once per stack)
    [ -f "$var/api.key" ] || (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$var/api.key")
    {
        cat "$top/conf/partner-center.hdf"
        echo
        echo "# --- set by scripts/stack.sh for the private stack in $var"
        echo "DB.socket = $run/mysqld.sock"
        echo "DB.password = $(<"$var/db.secret")"
        echo "Paths.templates = $top/templates"
        echo "Paths.lang = $top/conf/lang"
        echo "Paths.sql = $top/sql"
        echo "Paths.log = $log/app.log"
        echo "Paths.exports = $var/exports"
        echo "Paths.generation = $run/generation"
        echo "Api.secret_key_file = $var/api.key"
        echo "Site.base_url = http://127.0.0.1:$port"
        [ -n "$smtp" ] && echo "Mail.smtp_url = $smtp"
        # make bench drives one access key as hard as it can
        [ $bench -eq 1 ] && echo "Api.requests_per_second = 0"
        [ -n "${PC_EXTRA_CONF:-}" ] && printf '%s\n' "$PC_EXTRA_CONF"
    } >"$conf"
    chmod 600 "$conf"
}

# The programs of conf/nginx/routes.txt (lines "prefix program"), each once.
programs() {
    local prefix prog extra seen=" "
    while read -r prefix prog extra; do
        case $prefix in '' | '#'*) continue ;; esac
        if [ -z "$prog" ] || [ -n "$extra" ]; then continue; fi
        case $seen in *" $prog "*) ;; *) seen="$seen$prog " && printf '%s\n' "$prog" ;; esac
    done <"$top/conf/nginx/routes.txt"
}

start_bench_baseline() {
    alive "$run/constant.pid" && return 0
    spawn-fcgi -s "$run/constant.sock" -M 0600 -F "$children" -P "$run/constant.pid" -- "$build/tests/bench/pc-constant" >/dev/null
}

# ASan/UBSan options for program $1 of this stack (asan_options, ubsan_options): its ASan reports go to
# $log/sanitizer/$1.PID; $2 = 0 turns leak detection off (the FastCGI programs are killed, they
# never exit).  GCC's UBSan runtime (libubsan beside libasan) writes to stderr whatever log_path
# says: the programs' stderr goes to $log/$1.stderr (spawn-fcgi would send it to /dev/null).
# tests/lib/stack.mjs gives the worker and pcadm runs of the tests the same options and reads
# their stderr.
sanitizer_env() {
    local to=$log/sanitizer/$1 leaks=${2:-1}
    asan_options="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$to:detect_leaks=$leaks"
    ubsan_options="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$to:print_stacktrace=1"
}

# All programs side by side: spawn-fcgi waits 0.1 s after each child it forks to see that it
# lives, so one program after the other took 3 s.
start_programs() {
    local spawned=() p asan_options ubsan_options
    mkdir -p "$log/sanitizer"
    for p in $(programs); do
        if alive "$run/$p.pid"; then continue; fi
        [ -e "$run/$p.sock" ] && rm -f "$run/$p.sock"
        sanitizer_env "pc-$p" 0
        # shellcheck disable=SC2016 # $0, $@ and PC_STDERR are the inner shell's
        PC_CONF=$conf PC_STDERR=$log/pc-$p.stderr ASAN_OPTIONS=$asan_options UBSAN_OPTIONS=$ubsan_options \
            spawn-fcgi -s "$run/$p.sock" -M 0600 -F "$children" -P "$run/$p.pid" \
            -- /bin/sh -c 'exec "$0" "$@" 2>>"$PC_STDERR"' "$build/cgi-bin/pc-$p" -c "$conf" >/dev/null &
        spawned+=($!)
    done
    for p in "${spawned[@]}"; do wait "$p"; done
}

# --https-port: the same server over TLS too, with a self-signed certificate of the stack
tls_lines() {
    [ -n "$https_port" ] || return 0
    if [ ! -f "$ng/tls/cert.pem" ]; then
        mkdir -p "$ng/tls"
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
            -subj /CN=127.0.0.1 -keyout "$ng/tls/key.pem" -out "$ng/tls/cert.pem" 2>/dev/null
    fi
    printf '        listen 127.0.0.1:%s ssl;\n' "$https_port"
    printf '        ssl_certificate %s/tls/cert.pem;\n        ssl_certificate_key %s/tls/key.pem;\n' "$ng" "$ng"
}

write_nginx() {
    mkdir -p "$ng/logs" "$ng/tmp"
    local user_line=""
    [ "$EUID" -eq 0 ] && user_line="user root root;"
    {
        cat <<NG
# generated by scripts/stack.sh
$user_line
worker_processes 1;
pid logs/nginx.pid;
error_log logs/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    access_log logs/access.log;
    server_tokens off;
    client_max_body_size 12m;
    client_body_temp_path tmp/body;
    proxy_temp_path tmp/proxy;
    fastcgi_temp_path tmp/fastcgi;
    uwsgi_temp_path tmp/uwsgi;
    scgi_temp_path tmp/scgi;
    server {
        listen 127.0.0.1:$port;
$(tls_lines)
        root $top/htdocs;
        location /css/ { expires 1h; include $top/conf/nginx/security-headers.conf; }
        location /js/ { expires 1h; include $top/conf/nginx/security-headers.conf; }
        location /img/ { expires 1h; include $top/conf/nginx/security-headers.conf; }
        location = /favicon.ico { access_log off; return 204; }
        location = / { return 302 /home; }
        error_page 502 503 504 /50x.html;
        location = /50x.html { internal; include $top/conf/nginx/security-headers.conf; }
NG
        # make bench: the constant-output baseline program
        [ $bench -eq 1 ] && printf '        location = /bench/constant {\n            include /etc/nginx/fastcgi_params;\n            fastcgi_pass unix:%s/constant.sock;\n        }\n' "$run"
        # one location per prefix of the map, as in the shipped site (make routes writes both)
        "$top/scripts/nginx-locations.sh" "$run" /etc/nginx/fastcgi_params "        " \
            <"$top/conf/nginx/routes.txt"
        echo "    }"
        echo "}"
    } >"$ng/nginx.conf"
}

start_nginx() {
    write_nginx
    if alive "$ng/logs/nginx.pid"; then
        nginx -p "$ng/" -c nginx.conf -e logs/error.log -s reload
    else
        nginx -p "$ng/" -c nginx.conf -e logs/error.log
    fi
}

start_worker() {
    alive "$run/worker.pid" && return 0
    local every; every=$(awk -F= '/^Worker.loop_seconds/ {gsub(/ /,"",$2); print $2}' "$conf")
    nohup bash -c "while :; do PC_CONF='$conf' '$build/worker/pc-worker' tick >>'$log/worker.log' 2>&1; sleep ${every:-60}; done" \
        >/dev/null 2>&1 &
    echo $! >"$run/worker.pid"
}

# Is process $1 gone?  A zombie counts as gone: spawn-fcgi's children are reaped by init,
# which may take a second or two after they died.
gone() {
    local st
    st=$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) || return 0
    [ -z "$st" ] || [ "$st" = Z ] || [ "$st" = X ]
}

# Signal the processes of all the pid files at once, then wait (up to 5 s) for all of them:
# the ASan programs take about 2 s each to exit, so one by one a stop took 20 s.
stop_pidfiles() {
    local sig=$1 pids="" i
    shift
    pids=$(pids_of "$@") # nginx removes its own as it exits
    for pid in $pids; do kill "-$sig" "$pid" 2>/dev/null || true; done
    for ((i = 0; i < 100; i++)); do
        local any=0
        for pid in $pids; do gone "$pid" || any=1; done
        [ $any -eq 0 ] && break
        sleep 0.05
    done
    rm -f "$@"
}
stop_pidfile() { stop_pidfiles "${2:-TERM}" "$1"; }

# --- seeds (--seed-cache) ---

# The lines of PC_EXTRA_CONF the demo data may read: all but those of keys it never reads (the
# API's rate, mail, exports, paths, tax addresses, the import's limit on future records: the
# demo usage lies in the past) and the Argon2 cost: a seed's demo users are always hashed at the
# cheapest (seed_password_conf; their password is public), a stack's own setting applies to the
# passwords set while it runs.
demo_conf() {
    printf '%s\n' "${PC_EXTRA_CONF:-}" | grep -Ev '^[[:space:]]*(#|$)' |
        grep -Ev '^[[:space:]]*(Api\.requests_per_second|Mail\.[A-Za-z_]+|Exports\.[A-Za-z_]+|Paths\.[A-Za-z_]+|Tax\.[A-Za-z_]+|Usage\.max_future_seconds|Password\.argon2_[a-z_]+)[[:space:]]*=' || true
}
seed_password_conf=$'Password.argon2_memory_kib = 1024\nPassword.argon2_iterations = 1'

seed_key() {
    {
        printf '%s\n' "$top"/sql/*.sql
        cat "$self" "$top/conf/partner-center.hdf" "$top"/sql/*.sql
        stat -L -c '%n %s %Y' "$build/worker/pcadm" "$build/worker/pc-worker" "$(command -v mariadbd)"
        demo_conf
        # the demo data is relative to today (in UTC, here and in the billing time zone)
        TZ=UTC0 printf '%(%F)T\n' -1
        printf '%(%F)T\n' -1
        TZ=UTC-8 printf '%(%F)T\n' -1
    } | sha256sum | cut -c1-16
}

# Is seed $1 there and young enough?
seed_fresh() {
    [ -f "$1/made" ] && [ -n "$(find "$1/made" -mmin "-${PC_SEED_MAX_AGE:-30}")" ]
}

# Make seed $1 (in place of an old one) with `stack.sh make-seed` in a directory of the cache.
new_seed() {
    local out=$1 tmp
    tmp=$(mktemp -d "$seeds/.making-XXXXXX")
    if ! PC_EXTRA_CONF="$(demo_conf)"$'\n'"$seed_password_conf" "$self" make-seed --build "$build" --var "$tmp/var" >"$tmp/make.log" 2>&1; then
        echo "stack.sh: the seed could not be made:" >&2
        cat "$tmp/make.log" "$tmp/var/log/mysqld.log" >&2 2>/dev/null || true
        rm -rf "$tmp"
        return 1
    fi
    # in place, or in place of the old one, while no stack copies from the cache
    {
        flock -x 8
        [ -d "$out" ] && mv "$out" "$tmp/old"
        mv "$tmp/var/seed" "$out"
        # seeds of other keys (another day, build or config) not used for a day
        find "$seeds" -mindepth 1 -maxdepth 1 -name '[0-9a-f]*' -mmin +1440 -exec rm -rf {} +
    } 8>"$seeds/.lock"
    rm -rf "$tmp"
}

# The seed of this build and config (made first when missing or old): its directory in seed_dir.
ensure_seed() {
    mkdir -p "$seeds"
    seed_dir=$seeds/$(seed_key)
    seed_fresh "$seed_dir" || {
        flock -x 9
        seed_fresh "$seed_dir" || new_seed "$seed_dir"
    } 9>"$seed_dir.lock"
}

# Copy this stack's seed into $var.
copy_seed() {
    local dir
    ensure_seed
    dir=$seed_dir
    {
        flock -s 8
        cp -a "$dir/db" "$db"
        cp -p "$dir/db.secret" "$dir/api.key" "$var/"
        touch "$dir" # in use: kept
    } 8>"$seeds/.lock"
}

case $cmd in
start)
    for b in "$build"/cgi-bin/pc-* "$build/worker/pc-worker" "$build/worker/pcadm"; do
        [ -x "$b" ] || { echo "stack.sh: $b is not built (run make)" >&2; exit 1; }
    done
    mkdir -p "$var/exports"
    if [ -n "$seeds" ]; then
        [ $demo -eq 1 ] || { echo "stack.sh: --seed-cache needs --demo" >&2; exit 2; }
        [ -d "$db/mysql" ] && { echo "stack.sh: --seed-cache: $var holds a database already" >&2; exit 2; }
        copy_seed
        step seed
        write_mycnf
        start_mariadbd
        write_conf
        # the programs start while the database does: a program that cannot connect yet
        # connects at its first request (lib/app.c)
        start_programs
        step programs
        start_nginx
        step nginx
        wait_mariadbd
        step mariadbd
    else
        start_db
        write_conf
        PC_CONF=$conf "$build/worker/pcadm" migrate
        [ $demo -eq 1 ] && PC_CONF=$conf "$build/worker/pcadm" demo-data
        start_programs
        [ $bench -eq 1 ] && start_bench_baseline
        start_nginx
    fi
    [ $worker -eq 1 ] && start_worker
    if [ $demo -eq 1 ] && [ $quiet -eq 0 ]; then
        cat <<MSG

Partner Center is running: http://127.0.0.1:$port/
Demo logins (password for all: Demo#2026):
  operator        vendor operator
  csp.admin       solution-provider admin
  csp.am1         account manager of the same partner
  dist.admin      distributor admin
  reseller.admin  reseller under that distributor
  customer1       customer
Demo API keys (endpoint http://127.0.0.1:$port, SDK-HMAC-SHA256):
  csp.admin       AK PCDEMOCSPADMIN000001  SK pc-demo-sk-csp-admin-2026
  dist.admin      AK PCDEMODISTADMIN00001  SK pc-demo-sk-dist-admin-2026
Config: $conf   Logs: $log/   Stop: make stop
MSG
    fi
    ;;
stop)
    if [ $discard -eq 1 ]; then
        # everything at once, and no waiting: the directory is thrown away next (a killed database
        # is fine), and a killed ASan program takes 0.1 s of the kernel's time to die, one after
        # the other; nothing they could still write matters
        [ -f "$run/worker.pid" ] && { pkill -KILL -P "$(pids_of "$run/worker.pid")" 2>/dev/null || true; }
        pids=$(pids_of "$run"/*.pid)
        # shellcheck disable=SC2086
        [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
        # nginx's master stops its workers (killed, it would leave them listening)
        # shellcheck disable=SC2046
        [ -f "$ng/logs/nginx.pid" ] && { kill -TERM $(pids_of "$ng/logs/nginx.pid") 2>/dev/null || true; }
        exit 0
    fi
    [ -f "$run/worker.pid" ] && { pkill -P "$(cat "$run/worker.pid")" 2>/dev/null || true; }
    stop_pidfile "$run/worker.pid"
    stop_pidfile "$ng/logs/nginx.pid" QUIT
    programs=()
    for f in "$run"/*.pid; do
        [ -e "$f" ] || continue
        case $f in */mysqld.pid|*/worker.pid) ;; *) programs+=("$f") ;; esac
    done
    # the programs and the database stop side by side
    [ ${#programs[@]} -eq 0 ] || stop_pidfiles TERM "${programs[@]}" &
    if alive "$run/mysqld.pid"; then
        mariadb-admin --defaults-file="$mycnf" shutdown 2>/dev/null || stop_pidfile "$run/mysqld.pid"
    fi
    wait
    ;;
make-seed)
    # a seed in $var/seed (see --seed-cache): a database made as for a stack with --demo, shut
    # down cleanly, and the two secrets its data holds
    trap 'mariadb-admin --defaults-file="$mycnf" shutdown >/dev/null 2>&1 || true' EXIT
    start_db
    write_conf
    PC_CONF=$conf "$build/worker/pcadm" migrate >/dev/null
    PC_CONF=$conf "$build/worker/pcadm" demo-data >/dev/null
    # a slow shutdown: the undo logs purged and the change buffer merged now, not in every copy
    mariadb --defaults-file="$mycnf" -e 'SET GLOBAL innodb_fast_shutdown = 0'
    mariadb-admin --defaults-file="$mycnf" shutdown
    trap - EXIT
    wait
    mkdir "$var/seed"
    mv "$db" "$var/db.secret" "$var/api.key" "$var/seed/"
    rm -f "$var/seed/db/ibtmp1"
    printf '%s\n' "${PC_EXTRA_CONF:-}" >"$var/seed/demo.conf"
    date -u '+%F %T UTC' >"$var/seed/made"
    ;;
seed)
    # the seed a stack with --seed-cache and this PC_EXTRA_CONF would copy, made now when missing
    # (make check makes it while the unit tests run)
    [ -n "$seeds" ] || { echo "stack.sh: seed needs --seed-cache DIR" >&2; exit 2; }
    ensure_seed
    ;;
seed-reset)
    # make check: one seed per run, made anew (the key cannot see everything, e.g. a library)
    [ -n "$seeds" ] || { echo "stack.sh: seed-reset needs --seed-cache DIR" >&2; exit 2; }
    [ -d "$seeds" ] || exit 0
    { flock -x 8; find "$seeds" -mindepth 1 -maxdepth 1 ! -name .lock -exec rm -rf {} +; } 8>"$seeds/.lock"
    ;;
*)
    echo "usage: stack.sh start|stop|seed-reset [options]" >&2; exit 2 ;;
esac
