#!/bin/sh
# Install the Debian packages Partner Center needs (DESIGN §9), only those missing.
# As root: apt-get installs them.  As a normal user: prints the apt-get line and fails.
#   scripts/deps.sh          build and run
#   scripts/deps.sh --test   also what `make check` needs (chromium and a Chinese font for `make screens`, node, clang and libFuzzer, clang-format, cppcheck)
set -eu
PKGS="build-essential pkg-config libfcgi-dev spawn-fcgi clearsilver-dev libmariadb-dev mariadb-server
nginx-light libxml2-dev libssl-dev libjansson-dev libxlsxwriter-dev libqrencode-dev libhpdf-dev
libcurl4-openssl-dev libargon2-dev libcmocka-dev libminizip-dev curl multiwatch"
[ "${1:-}" = "--test" ] && PKGS="$PKGS chromium fonts-wqy-microhei wrk python3 poppler-utils clang libclang-rt-dev clang-format cppcheck"
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages. Install them as root, then run this again:" >&2
    echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
