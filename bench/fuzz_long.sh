#!/usr/bin/env bash
# Runs every libFuzzer harness long (default 300 s each) on the fuzz build and prints, per
# harness, executions, executions per second, coverage (edges) and features, for
# docs/benchmarks.md. Inputs up to the parsers' own caps (-max_len 524288, the body cap), so
# a parser worse than linear shows as a timeout finding. Any finding fails the run.
#   bench/fuzz_long.sh [SECONDS] [HARNESS...]
# Builds its own sanitizer tree first, build-fuzz-long (clang-14, WEERBAAR_FUZZ=ON, optimised
# with -O1 for more executions per second than the test command's -O0 tree, which is
# left alone so neither rebuilds the other); corpora grow in build-fuzz-long/fuzz-long/<harness>/
# corpus, never in the repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export WEERBAAR_FUZZ_BUILD_DIR=${WEERBAAR_FUZZ_BUILD_DIR:-$root/build-fuzz-long}
export WEERBAAR_SANITIZER_OPT=${WEERBAAR_SANITIZER_OPT:--O1}
build=$WEERBAAR_FUZZ_BUILD_DIR
seconds=${1:-300}
shift || true
bash "$root/scripts/build_fuzz.sh"
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for f in "$root"/tests/fuzz/*_fuzz.cpp; do harnesses+=("$(basename "$f" _fuzz.cpp)"); done
fi
printf '%-18s %10s %9s %7s %8s %7s\n' harness runs exec/s cov ft corpus
status=0
for h in "${harnesses[@]}"; do
  work="$build/fuzz-long/$h"
  log="$work/log.txt"
  mkdir -p "$work"
  set +e
  bash "$root/tests/fuzz/run_fuzz.sh" "$build/tests/fuzz/${h}_fuzz" "$root/tests/fuzz/corpus/$h" "$work" "$seconds" \
    -max_len=524288 -timeout=10 >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  last=$(grep -E '#[0-9]+.*cov: ' "$log" | tail -n 1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.*corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$last")
  printf '%-18s %10s %9s %7s %8s %7s\n' "$h" "$runs" "$speed" "${cov:-?}" "${ft:-?}" "${corp:-?}"
  if [ "$rc" -ne 0 ]; then
    echo "  FINDING in $h (exit $rc): see $log and $work/artifacts/" >&2
    status=1
  fi
done
exit "$status"
