#!/usr/bin/env bash
# Installs what is needed, builds, brings the lab up and starts the campaign platform with a
# campaign that already holds the lab's businesses: signed up, consented, proven, scanned, and
# seven of them rescanned after their owners repaired what the first scan found. Prints the
# address and the logins; Ctrl-C stops the platform. The lab stays up for you to explore
# (weerbaar scan, weerbaar check); stop it with: build/src/weerbaar lab down
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${WEERBAAR_BUILD_DIR:-$root/build}
bash "$root/scripts/install-deps.sh"
# Only the program: the tests and benchmarks are the test command's (half of a cold build).
bash "$root/scripts/build.sh" weerbaar
weerbaar=$build/src/weerbaar
state=$root/.lab
"$weerbaar" lab up
# Seven of them repair what the first scan found (lab/cases/platform.json: HSTS on) and ask for
# a new scan, so that the dashboard shows a weakness before and after.
repaired=(koffiebar-deboon.test lunchroom-delinde.test fietsenwinkel-trapper.test ijssalon-venezia.test
          bloemenkraam-roos.test bakkerij-hoekstra.test kapper-knipknap.test)
cases() { python3 -c '
import json, sys
for b in json.load(open(sys.argv[1]))["businesses"]: print(b["domain"])' "$root/lab/cases/$1.json"; }
# The hostile hosts (lab/cases/hostile.json) are attack fixtures for the scanner, not businesses
# of a campaign: each takes up to 30 s by design, so they are left out of the demo's campaign.
mapfile -t all < <("$weerbaar" lab businesses | grep -vxFf <(cases hostile))
# Each business is one full scan by the platform's workers, 32 at once: the 133 take about 16 s
# on a 2-core machine, mostly waiting on the lab's servers (docs/benchmarks.md). The platform's
# eleven (lab/cases/platform.json, eight of which share their weaknesses so that a dashboard
# figure reaches five) are always in. WEERBAAR_DEMO_BUSINESSES=N takes only the first N.
n=${WEERBAAR_DEMO_BUSINESSES:-all}
if [ "$n" = all ]; then n=${#all[@]}; fi
mapfile -t domains < <(printf '%s\n' "${all[@]:0:$n}" $(cases platform) | awk '!seen[$0]++')

# The platform on the lab's own block (scripts/lab/lab_platform.py): plain HTTP on
# 127.62.3.1:8080 so that your own browser can open it; its mail goes to the lab's Postfix,
# which delivers to .lab/platform/maildir/all/new/.
address=127.62.3.1:8080
url=http://$address
demo=$build/demo
rm -rf "$demo" && mkdir -p "$demo"
db=$demo/platform.db
platform=(--db "$db" --base-url "$url" --lab --resolver 127.53.0.2 --ca-file "$state/ca/ca.pem"
          --trust-anchor "$state/unbound/trust-anchor.test" --smtp smtp://127.62.3.2:25
          --mail-from campagne@campagne.test)

echo
echo "== Campagne 'Veilig Ondernemen Utrecht 2026': ${#domains[@]} bedrijven melden zich aan en worden gescand =="
"$weerbaar" seed --scenario demo "${platform[@]}" --out "$demo/logins.json" "${domains[@]}"
start=$(date +%s)
"$weerbaar" worker --drain --workers 32 "${platform[@]}"
echo "Eerste scans klaar in $(( $(date +%s) - start )) s."

echo "== ${#repaired[@]} ondernemers herstellen wat de scan vond en vragen een nieuwe scan =="
trap 'for d in "${repaired[@]}"; do python3 "$root/scripts/lab/lab_platform.py" replant "$d" --state "$state" >/dev/null || true; done' EXIT
for d in "${repaired[@]}"; do python3 "$root/scripts/lab/lab_platform.py" repair "$d" --state "$state"; done
"$weerbaar" seed --scenario rescan "${platform[@]}" "${repaired[@]}" >/dev/null
"$weerbaar" worker --drain --workers ${#repaired[@]} "${platform[@]}"
# The lab's ground truth is the planted state: put the weaknesses back for the next scanner.
for d in "${repaired[@]}"; do python3 "$root/scripts/lab/lab_platform.py" replant "$d" --state "$state"; done
trap - EXIT

# The entrepreneur shown is one who repaired and had a new scan: their report opens with what
# changed since the first scan and what is still open (the first business may have nothing to fix).
python3 - "$demo/logins.json" "$url" "${repaired[0]}" <<'EOF'
import json, sys
s, url, repaired = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
l = s["logins"]
owner = next(b["email"] for b in s["businesses"].values() if b["domain"] == repaired)
print()
print(f"Het platform: {url}/   (alle wachtwoorden: {l['coordinator']['password']})")
print(f"  coördinator   {l['coordinator']['email']:<40} dashboard van de campagne")
print(f"  student       {l['helper1']['email']:<40} de bedrijven die zij begeleidt")
print(f"  ondernemer    {owner:<40} het eigen rapport, met wat sinds de eerste scan is opgelost")
print(f"  beheerder     {l['administrator']['email']:<40} organisaties, accounts, auditlog")
print(f"  API-sleutel   {s['api_key']}  (curl -H 'Authorization: Bearer ...' {url}/api/v1/campaigns)")
EOF
echo "Aanmeldpagina: $url/c/$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["campaigns"]["demo"]["slug"])' "$demo/logins.json")"
echo "Stoppen: Ctrl-C (het lab blijft draaien; stoppen met: $weerbaar lab down)"
exec "$weerbaar" serve --listen "$address" "${platform[@]}"
