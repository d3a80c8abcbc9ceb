#!/usr/bin/env bash
# Runs the DNS half of the proof-of-domain-control tests against a real authoritative server:
# Knot on the store's own address 127.62.5.4 serving proof.test, with the proof TXT record
# for one name and none for another, and an HTTPS server on 127.62.5.5 (file.proof.test, its
# own self-signed certificate) serving the proof file. Usage: knot_proof.sh WEERBAAR_UNIT
set -euo pipefail
# Fixed addresses: one run at a time on this machine (test runs of several checkouts).
exec 9>/tmp/weerbaar-store-servers.lock
flock 9
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
intern 300 A 10.11.12.13
file 300 A 127.62.5.5
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
mkdir -p "$dir/www/.well-known"
echo "weerbaar-proof=the-file-token" >"$dir/www/.well-known/weerbaar-proof.txt"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=file.proof.test \
  -addext subjectAltName=DNS:file.proof.test -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1
python3 - "$dir" <<'PY' &
import http.server, ssl, sys, os
d = sys.argv[1]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(d + "/cert.pem", d + "/key.pem")
handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=d + "/www")
server = http.server.HTTPServer(("127.62.5.5", 443), handler)
server.socket = ctx.wrap_socket(server.socket, server_side=True)
server.serve_forever()
PY
https_pid=$!
stop() { kill "$https_pid" 2>/dev/null || true; knotc -c "$dir/knot.conf" stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
knotd -c "$dir/knot.conf" -d
for _ in $(seq 50); do kdig @"$addr" proof.test SOA +short +timeout=1 +retry=0 >/dev/null 2>&1 && break; sleep 0.1; done
kdig @"$addr" _weerbaar.proof.test TXT +short | grep -q the-right-token ||
  { echo "knot_proof: Knot does not answer on $addr" >&2; exit 1; }
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.62.5.5/443) 2>/dev/null && break; sleep 0.1; done
WEERBAAR_TEST_DNS="$addr:53" WEERBAAR_TEST_PROOF_CA="$dir/cert.pem" "$unit" --gtest_filter="ProofDns.*" "${@:2}"
