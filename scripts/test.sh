#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test: unit tests, then the lab tests
# (the lab is brought up and down by CTest's fixture). Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${WEERBAAR_BUILD_DIR:-$root/build}
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh"
# clang-format (and clang-tidy against its baseline): fails on code that is not formatted.
bash "$root/scripts/tidy.sh"
cd "$build"
rm -f lab-precision-recall.txt
set +e
ctest --output-on-failure --timeout 600 "$@" 2>&1 | tee ctest-output.txt
status=${PIPESTATUS[0]}
set -e
if [ -f lab-precision-recall.txt ]; then
  echo
  echo "Lab scan against the ground truth (lab/lab.json and lab/cases/*.json):"
  cat lab-precision-recall.txt
fi
# CTest's own verdict stays the last line.
echo
grep -E '^[0-9]+% tests passed' ctest-output.txt | tail -n 1 || true
exit "$status"
