#!/bin/bash
# The nginx locations of the FastCGI programs, one per URL prefix of the map on stdin
# (conf/nginx/routes.txt, made by `make routes`): for scripts/stack.sh (the stacks of `make run`
# and of the tests) and for the shipped site conf/nginx/partner-center.conf alike.
#   nginx-locations.sh SOCKET_DIR FASTCGI_PARAMS INDENT < conf/nginx/routes.txt
# Program NAME listens on SOCKET_DIR/NAME.sock.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: nginx-locations.sh SOCKET_DIR FASTCGI_PARAMS INDENT < map" >&2; exit 2; }
sockets=$1 params=$2 in=$3
grep -v '^#' | awk 'NF' | while read -r prefix prog rest; do
    [ -n "$prog" ] && [ -z "$rest" ] || { echo "nginx-locations.sh: bad map line: $prefix $prog $rest" >&2; exit 1; }
    printf '%slocation %s {\n' "$in" "$prefix"
    printf '%s    include %s;\n' "$in" "$params"
    # the Host header as sent (Debian's fastcgi_params passes $host, without the port): the
    # partner API's signature covers it (partner-api.md §4.3); the other programs ignore it
    printf '%s    fastcgi_param PC_HTTP_HOST $http_host;\n' "$in"
    printf '%s    fastcgi_pass unix:%s/%s.sock;\n' "$in" "$sockets" "$prog"
    printf '%s}\n' "$in"
done
