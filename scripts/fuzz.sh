#!/bin/bash
# Run the libFuzzer harnesses built by `make fuzz` (build/fuzz/fuzz_NAME, from tests/fuzz/fuzz_NAME.c),
# one at a time, each from its committed seeds (tests/fuzz/corpus_NAME/, plus the fixtures named
# below) into a scratch corpus, never into the seeds.
#   scripts/fuzz.sh [--seconds S] [--runs N] [--fresh] [NAME...]
#     --seconds S  how long each harness fuzzes after replaying its corpus (default 300)
#     --runs N     stop a harness after N inputs too (whichever comes first)
#     --fresh      a new scratch corpus that is removed afterwards (make check); without it the
#                  scratch corpus build/fuzz/corpus_NAME/ is kept and grows from run to run
#     NAME         the harnesses to run (req, usage, …); default all that are built
# One line per harness: "fuzz_NAME ok: N runs in S s" or "fuzz_NAME FAILED: …" with the input
# that broke it under build/fuzz/artifacts/.  Exits with the number of harnesses that failed.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
seconds=300 runs=-1 fresh=0 names=()
while [ $# -gt 0 ]; do
    case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    *) names+=("$1"); shift ;;
    esac
done
if [ ${#names[@]} -eq 0 ]; then
    for b in build/fuzz/fuzz_*; do
        [ -f "$b" ] && [ -x "$b" ] && names+=("${b#build/fuzz/fuzz_}")
    done
fi

# The longest input worth trying, and where seeds come from besides tests/fuzz/corpus_NAME/.
max_len_of() {
    case "$1" in
    camt | multipart | conf) echo 8192 ;;
    *) echo 4096 ;;
    esac
}
seeds_of() {
    case "$1" in
    camt) echo tests/fixtures/camt ;;
    esac
}

# leaks of Debian's ClearSilver on its own error paths (an HDF line it cannot parse after an
# [attribute] list): not ours to fix, and a config that does not load stops the program anyway
export LSAN_OPTIONS="suppressions=$top/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# ASan keeps freed memory 256 MB deep by default: a harness that frees a few kilobytes per input
# then runs several times slower, walking memory it never reuses.  32 MB still catches a use
# after free within an input and well beyond (ClusterFuzz fuzzes with 64).
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=32}"

failed=0
mkdir -p build/fuzz/artifacts
for name in "${names[@]}"; do
    bin=build/fuzz/fuzz_$name
    if [ ! -x "$bin" ]; then
        echo "fuzz_$name FAILED: $bin is not built (make fuzz builds it)"
        failed=$((failed + 1))
        continue
    fi
    if [ "$fresh" = 1 ]; then
        scratch=$(mktemp -d "${TMPDIR:-/tmp}/pc-fuzz-$name.XXXXXX")
    else
        scratch=build/fuzz/corpus_$name
        mkdir -p "$scratch"
    fi
    dirs=("$scratch")
    for d in tests/fuzz/corpus_$name $(seeds_of "$name"); do
        [ -d "$d" ] && dirs+=("$d")
    done
    log=build/fuzz/fuzz_$name.log
    [ "$fresh" = 1 ] && log=build/fuzz/fuzz_$name.fresh.log # a check beside a long run
    # -jobs is not used: one process, one core (the machine is shared); a hang of 10 s is a finding
    "$bin" -max_total_time="$seconds" -runs="$runs" -max_len="$(max_len_of "$name")" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$name-" \
        "${dirs[@]}" >"$log" 2>&1
    rc=$?
    [ "$fresh" = 1 ] && rm -rf "$scratch"
    units=$(grep -Eo '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$')
    rate=$(grep -Eo '^stat::average_exec_per_sec: *[0-9]+' "$log" | grep -Eo '[0-9]+$')
    took=$(grep -Eo '^Done [0-9]+ runs in [0-9]+ second' "$log" | grep -Eo '[0-9]+ second' | grep -Eo '[0-9]+')
    if [ "$rc" -eq 0 ]; then
        printf 'fuzz_%s ok: %s runs in %s s, %s runs/s\n' "$name" "${units:-?}" "${took:-?}" "${rate:-?}"
    else
        failed=$((failed + 1))
        printf 'fuzz_%s FAILED (exit %d); log %s\n' "$name" "$rc" "$log"
        grep -E 'ERROR|invariant broken|Test unit written|SUMMARY|runtime error' "$log" | head -20 |
            sed 's/^/    /'
    fi
done
exit "$failed"
