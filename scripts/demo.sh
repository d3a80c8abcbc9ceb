#!/usr/bin/env bash
# Installs what is needed, builds, brings the lab up and scans every business in it, first as
# a Dutch report and then as JSON (written to build/demo-scan.json). The lab stays up for you
# to explore; stop it with: build/src/weerbaar lab down
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${WEERBAAR_BUILD_DIR:-$root/build}
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh"
weerbaar=$build/src/weerbaar
"$weerbaar" lab up
mapfile -t domains < <("$weerbaar" lab businesses)
lab_args=(--lab --resolver 127.53.0.2 --ca-file "$root/.lab/ca/ca.pem" --trust-anchor "$root/.lab/unbound/trust-anchor.test")
echo
echo "== Weerbaar scant ${#domains[@]} bedrijven in het lab =="
echo
"$weerbaar" scan "${lab_args[@]}" --only-problems "${domains[@]}" || true
"$weerbaar" scan "${lab_args[@]}" --format json --no-progress "${domains[@]}" >"$build/demo-scan.json" || true
echo "JSON: $build/demo-scan.json"
echo "Het lab draait nog. Stoppen: $weerbaar lab down"
