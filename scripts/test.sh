#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test: unit tests, then the lab tests
# (the lab is brought up and down by CTest's fixture). Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${WEERBAAR_BUILD_DIR:-$root/build}
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure --timeout 600 "$@"
