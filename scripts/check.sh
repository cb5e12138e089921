#!/bin/bash
# make check: unit tests (cmocka, ASan/UBSan), template and language lint, HTTP
# and browser tests (node:test) against private stacks.  Ends with one line
# "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=tests/out
mkdir -p "$out"
passed=0 failed=0

# 1. unit tests
for t in build/asan/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if "$t" >"$out/$name.log" 2>&1; then status=ok; else status=FAIL; fi
    p=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$out/$name.log" | awk '{s+=$4} END {print s+0}')
    f=$(grep -Eo '^\[  FAILED  \] [0-9]+' "$out/$name.log" | awk '{s+=$4} END {print s+0}')
    if [ "$status" = FAIL ] && [ "$f" -eq 0 ]; then f=1; fi # crashed (sanitizer) before its summary
    passed=$((passed + p)) failed=$((failed + f))
    printf '%-28s %s (%d passed, %d failed)\n' "$name" "$status" "$p" "$f"
    [ "$status" = FAIL ] && sed 's/^/    /' "$out/$name.log" | tail -30
done

# 2. node tests: lint, HTTP, browser
if [ ! -d tests/node_modules/playwright-core ]; then
    (cd tests && npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null)
fi
# one browser for all the browser test files (tests/lib/browser_server.mjs)
browser_pid=""
if [ -z "${PC_BROWSER_WS:-}" ] && ls tests/browser/*.test.mjs >/dev/null 2>&1; then
    node tests/lib/browser_server.mjs >"$out/browser.ws" 2>"$out/browser.log" &
    browser_pid=$!
    trap '[ -z "$browser_pid" ] || kill "$browser_pid" 2>/dev/null' EXIT
    for _ in $(seq 1 150); do [ -s "$out/browser.ws" ] || ! kill -0 "$browser_pid" 2>/dev/null && break; sleep 0.2; done
    if [ -s "$out/browser.ws" ]; then
        PC_BROWSER_WS=$(head -n1 "$out/browser.ws")
        export PC_BROWSER_WS
    else
        echo "no browser for the run (each browser test file launches its own):"
        sed 's/^/    /' "$out/browser.log"
    fi
fi
# one seeded database per run, copied for every stack (tests/lib/stack.mjs)
scripts/stack.sh seed-reset --seed-cache "${PC_SEED_CACHE:-${PC_TEST_BUILD:-build/asan}/test-seed}"
files=$(ls tests/lint/*.test.mjs tests/http/*.test.mjs tests/worker/*.test.mjs tests/browser/*.test.mjs 2>/dev/null)
if [ -n "$files" ]; then
    # two files at a time: each starts its own stack on free ports, and half of a file's time is
    # waiting (stack start, browser, worker runs); 500 s instead of 940 s on two cores
    conc=""
    [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] && conc=--test-concurrency=2
    # shellcheck disable=SC2086
    node --test $conc --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$out/node.tap" $files
    p=$(grep -E '^# pass ' "$out/node.tap" | awk '{print $3}')
    f=$(grep -E '^# fail ' "$out/node.tap" | awk '{print $3}')
    [ -z "$p" ] && p=0
    [ -z "$f" ] && f=1
    passed=$((passed + p)) failed=$((failed + f))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
