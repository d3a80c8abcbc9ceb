#!/usr/bin/env bash
# Runs the DNS half of the proof-of-domain-control tests against a real authoritative server:
# Knot on the store's own address 127.62.5.4 serving proof.test, with the proof TXT record
# for one name and none for another. Usage: knot_proof.sh WEERBAAR_UNIT
set -euo pipefail
unit=$1
addr=127.62.5.4
dir=$(mktemp -d /tmp/weerbaar-store-knot.XXXXXX)
chmod 755 "$dir"
mkdir -p "$dir/zones" "$dir/db"
cat >"$dir/zones/proof.test.zone" <<ZONE
\$ORIGIN proof.test.
@ 300 SOA ns1 hostmaster 1 3600 600 86400 300
@ 300 NS ns1
ns1 300 A $addr
@ 300 A 127.62.5.10
_weerbaar 300 TXT "weerbaar-proof=the-right-token"
missing-txt 300 A 127.62.5.11
ZONE
cat >"$dir/knot.conf" <<CONF
server:
  listen: $addr@53
  rundir: $dir
database:
  storage: $dir/db
template:
  - id: default
    storage: $dir/zones
zone:
  - domain: proof.test
CONF
stop() { knotc -c "$dir/knot.conf" stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
knotd -c "$dir/knot.conf" -d
for _ in $(seq 50); do kdig @"$addr" proof.test SOA +short +timeout=1 +retry=0 >/dev/null 2>&1 && break; sleep 0.1; done
kdig @"$addr" _weerbaar.proof.test TXT +short | grep -q the-right-token ||
  { echo "knot_proof: Knot does not answer on $addr" >&2; exit 1; }
WEERBAAR_TEST_DNS="$addr:53" "$unit" --gtest_filter="ProofDns.*" "${@:2}"
