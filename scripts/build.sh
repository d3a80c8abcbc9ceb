#!/usr/bin/env bash
# Configures and builds Weerbaar (Release with debug info) into build/: everything, or only the
# targets named (scripts/demo.sh needs only the weerbaar program, not the tests).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${WEERBAAR_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$build" "$@"
