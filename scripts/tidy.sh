#!/usr/bin/env bash
# clang-format and clang-tidy over our own C++ (src/, tests/, bench/), as the test command runs
# them: fails on a file clang-format would change, and on a clang-tidy finding that is not in
# scripts/tidy-baseline.txt. clang-tidy checks only the files that differ from the ones the
# baseline was made on (the whole tree takes ~20 minutes); scripts/tidy.py says how.
#
#   scripts/tidy.sh                    the gate (uses $WEERBAAR_BUILD_DIR or build/; build first)
#   scripts/tidy.sh --all              every translation unit against the baseline
#   scripts/tidy.sh --update-baseline  every file; today's findings become the baseline
#   scripts/tidy.sh FILE...            these files (what you touched) against the baseline
set -euo pipefail
exec python3 "$(dirname "$0")/tidy.py" "$@"
