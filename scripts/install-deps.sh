#!/usr/bin/env bash
# Installs everything Weerbaar needs to build, test, run the lab and the benchmarks,
# from Debian 12 packages only. Safe to run again: apt skips what is already there.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: run as root (apt-get needs it)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Postfix must not ask questions, and packaged services must not start on their own:
# the lab starts its own instances on loopback addresses.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections

build=(build-essential cmake ninja-build pkg-config git
       libboost1.81-dev libboost-url1.81-dev libssl-dev libunbound-dev libevent-dev nlohmann-json3-dev libcli11-dev
       libsqlite3-dev libgtest-dev
       clang-format clang-tidy clang-14 libclang-rt-14-dev
       libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils
       libsodium-dev libpqxx-dev libcurl4-openssl-dev libmimalloc-dev)
lab=(openssl knot knot-dnsutils unbound nginx-light ldnsutils procps
     ca-certificates python3 python3-jsonschema python3-yaml curl dnsutils
     postfix redis-server
     postgresql)
peers=(testssl.sh sslscan nmap)
# The C++ benchmarks (bench/CMakeLists.txt, -DWEERBAAR_BENCH=ON): Google Benchmark, and nettle
# for the DNSSEC signature check as Debian's libunbound makes it.
benches=(libbenchmark-dev nettle-dev)
# The platform's front end (web/package.json): node and npm to install it from the lockfile.
web=(nodejs)

stamp=/var/lib/apt/periodic/weerbaar-updated
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +720 2>/dev/null)" ]; then
  apt-get update -qq
  mkdir -p "$(dirname "$stamp")" && touch "$stamp"
fi
apt-get install -y -qq --no-install-recommends "${build[@]}" "${lab[@]}" "${peers[@]}" "${benches[@]}" "${web[@]}" >/dev/null
# Debian packages npm apart from nodejs; a nodejs that brings its own npm needs nothing more.
if ! command -v npm >/dev/null 2>&1; then
  apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
# NL Design System CSS and tokens, htmx and chart.js, exactly as locked; CMake copies what the
# pages use into the build (cmake/web_assets.cmake).
root=$(cd "$(dirname "$0")/.." && pwd)
(cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

# Packaged daemons are not used: stop any the packages started so they hold no ports.
for svc in knot unbound nginx postfix redis-server postgresql; do
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now "$svc" >/dev/null 2>&1 || true; fi
  pkill -x "$svc" 2>/dev/null || true
  if [ "$svc" = postfix ]; then postfix stop >/dev/null 2>&1 || true; fi
done
# Browser tests of the platform (tests/e2e/platform): Debian's chromium, driven by
# playwright-core with axe-core, exactly as locked. Chromium never downloads anything itself.
# (node and npm are installed above, with the front end's.)
apt-get install -y -qq --no-install-recommends chromium >/dev/null
(cd "$(dirname "$0")/../tests/e2e/platform" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "install-deps: done"
