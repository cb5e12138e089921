#!/bin/bash
# The C habits of make lint (and make check): every C file as .clang-format writes it, and
# cppcheck without a warning.  Prints what is wrong; exits non-zero when anything is.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find lib cgi-bin worker tests -name '*.[ch]')
# one clang-format for all files; it names each file that differs in its "error:" lines
# shellcheck disable=SC2086
bad=$(clang-format --dry-run -Werror $files 2>&1 | grep -E '^[^ ]+:[0-9]+:[0-9]+: error:' | cut -d: -f1 | sort -u)
if [ -n "$bad" ]; then
    echo "not as .clang-format writes them (run clang-format -i on each):"
    echo "$bad" | sed 's/^/  /'
    status=1
fi
cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr -I lib -I worker \
    lib cgi-bin worker || status=1
exit $status
