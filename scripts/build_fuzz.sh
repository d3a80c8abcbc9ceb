#!/usr/bin/env bash
# Configures and builds the sanitizer configuration into build-fuzz/: clang-14 with ASan and
# UBSan on everything, libFuzzer's coverage instrumentation on the library, the unit tests and
# the fuzz harnesses of tests/fuzz/. The normal gcc build in build/ is untouched.
# Not optimised (-O0) unless WEERBAAR_SANITIZER_OPT says otherwise: the test command is
# compile-bound (docs/decisions.md, issue 11 (fuzz): the measured cost).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${WEERBAAR_FUZZ_BUILD_DIR:-$root/build-fuzz}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DWEERBAAR_FUZZ=ON -DWEERBAAR_SANITIZER_OPT="${WEERBAAR_SANITIZER_OPT:--O0}" >/dev/null
ninja -C "$build"
