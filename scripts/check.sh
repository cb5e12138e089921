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
build=${PC_TEST_BUILD:-build/asan}

# 0. made while the unit tests run: the run's seeded database, copied for every stack
# (tests/lib/stack.mjs; one per run, made anew), and one browser for all the browser test files
# (tests/lib/browser_server.mjs)
if [ ! -d tests/node_modules/playwright-core ]; then
    (cd tests && npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null)
fi
t0=$SECONDS
seeds=${PC_SEED_CACHE:-$build/test-seed}
scripts/stack.sh seed-reset --seed-cache "$seeds"
PC_EXTRA_CONF='' scripts/stack.sh seed --build "$build" --seed-cache "$seeds" >"$out/seed.log" 2>&1 &
seed_job=$!
browser_pid=""
if [ -z "${PC_BROWSER_WS:-}" ] && ls tests/browser/*.test.mjs >/dev/null 2>&1; then
    node tests/lib/browser_server.mjs >"$out/browser.ws" 2>"$out/browser.log" &
    browser_pid=$!
    trap '[ -z "$browser_pid" ] || kill "$browser_pid" 2>/dev/null' EXIT
fi

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

# 1b. fuzz harnesses (tests/fuzz/, built into build/fuzz/ by `make check`): each replays its seeds
# and fuzzes FUZZ_CHECK_SECONDS (default 3) into a scratch corpus; one test each
for t in build/fuzz/fuzz_*; do
    [ -f "$t" ] && [ -x "$t" ] || continue
    name=$(basename "$t")
    if scripts/fuzz.sh --fresh --seconds "${FUZZ_CHECK_SECONDS:-3}" "${name#fuzz_}" >"$out/$name.log" 2>&1; then
        passed=$((passed + 1))
        printf '%-28s %s\n' "$name" "$(sed -n 's/^fuzz_[a-z_]* //p' "$out/$name.log")"
    else
        failed=$((failed + 1))
        printf '%-28s FAIL\n' "$name"
        sed 's/^/    /' "$out/$name.log" | tail -30
    fi
done

# 1c. the C habits (scripts/lint_c.sh: clang-format and cppcheck), one test
if scripts/lint_c.sh >"$out/lint_c.log" 2>&1; then
    passed=$((passed + 1))
    printf '%-28s ok\n' lint_c
else
    failed=$((failed + 1))
    printf '%-28s FAIL\n' lint_c
    sed 's/^/    /' "$out/lint_c.log" | tail -30
fi

# 2. node tests: lint, HTTP, browser
echo "unit tests: $((SECONDS - t0)) s"
if ! wait "$seed_job"; then
    echo "the seeded database could not be made:"
    sed 's/^/    /' "$out/seed.log"
fi
if [ -n "$browser_pid" ]; then
    for _ in $(seq 1 150); do [ -s "$out/browser.ws" ] || ! kill -0 "$browser_pid" 2>/dev/null && break; sleep 0.2; done
    if [ -s "$out/browser.ws" ]; then
        PC_BROWSER_WS=$(head -n1 "$out/browser.ws")
        export PC_BROWSER_WS
    else
        echo "no browser for the run (each browser test file launches its own):"
        sed 's/^/    /' "$out/browser.log"
    fi
fi
echo "seed and browser ready: $((SECONDS - t0)) s"
t0=$SECONDS
files=$(ls tests/lint/*.test.mjs tests/http/*.test.mjs tests/worker/*.test.mjs tests/browser/*.test.mjs 2>/dev/null)
if [ -n "$files" ]; then
    # the slowest files first (their times in the last run; a new file counts as slow), so that
    # no long file starts last while the other lane idles
    times=$out/times.tsv
    if [ -s "$times" ]; then
        files=$(for f in $files; do
            printf '%s %s\n' "$(awk -F'\t' -v f="$f" '$5 == f {t = $1} END {print (t == "" ? 9999 : t)}' "$times")" "$f"
        done | sort -rn -k1,1 | awk '{print $2}')
    fi
    rm -f "$times"
    # three files at a time (PC_TEST_JOBS): each starts its own stack on free ports, and a file
    # keeps about 0.7 of a core busy (the rest is waiting: on its stack, its browser, its worker
    # runs), so two files left a quarter of two cores idle
    conc=""
    [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] && conc=--test-concurrency=${PC_TEST_JOBS:-3}
    # shellcheck disable=SC2086
    PC_TEST_TIMES=$PWD/$times node --test $conc --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$out/node.tap" $files
    p=$(grep -E '^# pass ' "$out/node.tap" | awk '{print $3}')
    f=$(grep -E '^# fail ' "$out/node.tap" | awk '{print $3}')
    [ -z "$p" ] && p=0
    [ -z "$f" ] && f=1
    passed=$((passed + p)) failed=$((failed + f))
    # where the time went (tests/out/times.tsv: wall, stack start, stack stop, stacks, file)
    if [ -s "$times" ]; then
        echo "node tests: $((SECONDS - t0)) s; the slowest files (wall s, stack start s, stop s, stacks):"
        sort -rn "$times" | head -8 | awk -F'\t' '{printf "  %6.1f %5.1f %5.1f %2d  %s\n", $1, $2, $3, $4, $5}'
        awk -F'\t' '{w += $1; a += $2; o += $3; n += $4} END {printf "  %6.1f %5.1f %5.1f %2d  all %d files (summed)\n", w, a, o, n, NR}' "$times"
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
