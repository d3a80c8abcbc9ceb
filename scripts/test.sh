#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test: unit tests, the cancellation stress
# test, each fuzz harness for a few seconds, then the store, lab and end-to-end tests (the lab
# is brought up and down by CTest's fixture). Exits non-zero on any failure.
#
# The tests run on one build, the sanitizer build (scripts/build_fuzz.sh: clang-14, ASan and
# UBSan, libFuzzer's coverage instrumentation) in build-fuzz/: every test, the lab and the
# browser included, runs under the sanitizers, and the harnesses link the same objects. A second,
# uninstrumented build would double the slowest part of the command (docs/decisions.md,
# issue 11). The demo, the benchmarks and day-to-day work use the gcc build in build/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${WEERBAAR_FUZZ_BUILD_DIR:-$root/build-fuzz}
export WEERBAAR_FUZZ_BUILD_DIR=$build
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build_fuzz.sh"
# clang-format over the tree, and clang-tidy over what differs from scripts/tidy-baseline.txt
# (scripts/tidy.py): fails on unformatted code and on a clang-tidy finding the baseline lacks.
# At most 4 minutes of clang-tidy (CI's 30 minutes are nearly used): what is left is named.
WEERBAAR_BUILD_DIR=$build WEERBAAR_TIDY_BUDGET=${WEERBAAR_TIDY_BUDGET:-240} bash "$root/scripts/tidy.sh"
# Every process a test starts stops at the first sanitizer report, with a stack, and fails.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$build"
rm -f lab-precision-recall.txt
# Unit tests and fuzz harnesses own no fixed address and no server of the machine: they run side
# by side, one per core (each unit test is a process of its own, and most of them wait). The
# rest (the cancellation stress tests, which measure promptness, the store with its PostgreSQL
# and Postfix, the lab and the browser) run one at a time.
set +e
ctest --output-on-failure --timeout 600 -j "$(nproc)" -L 'unit|fuzz' "$@" 2>&1 | tee ctest-output.txt
status=${PIPESTATUS[0]}
ctest --output-on-failure --timeout 600 -LE 'unit|fuzz' "$@" 2>&1 | tee -a ctest-output.txt
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
set -e
if [ -f lab-precision-recall.txt ]; then
  echo
  echo "Lab scan against the ground truth (lab/lab.json and lab/cases/*.json):"
  cat lab-precision-recall.txt
fi
# CTest's own verdicts (both parts) stay the last lines.
echo
grep -E '^[0-9]+% tests passed' ctest-output.txt || true
exit "$status"
