#!/usr/bin/env bash
# Rewrites the golden reports (tests/data/golden/<domain>.{nl.txt,en.txt,nl.json}) from the
# recorded facts beside them, then shows what changed. Review the diff as an owner would read
# the report before committing it: the goldens are the reviewed texts.
#
#   scripts/update_goldens.sh [build-dir]          (default: build)
#
# To record the facts of a lab domain again (lab up, under the lab lock):
#   flock /tmp/weerbaar-lab.lock build/weerbaar scan --lab --resolver 127.53.0.2 \
#     --ca-file build/lab-state/ca/ca.pem --trust-anchor build/lab-state/unbound/trust-anchor.test \
#     --no-progress --save-facts tests/data/golden <domain>
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
nice -n 5 ninja -C "$build" -j2 weerbaar_unit
WEERBAAR_UPDATE_GOLDENS=1 "$build/tests/weerbaar_unit" --gtest_filter='GoldenReports.*'
"$build/tests/weerbaar_unit" --gtest_filter='GoldenReports.*'
git -C "$root" status --short -- tests/data/golden
git -C "$root" --no-pager diff --stat -- tests/data/golden
