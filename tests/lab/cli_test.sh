#!/usr/bin/env bash
# The command line against the running lab, as a user meets it: a readable Dutch report,
# English on request, JSON that matches its schema, exit codes, one-line errors for bad input
# that lose nothing, and refusal of loopback targets outside lab mode.
# Usage: cli_test.sh WEERBAAR_BINARY LAB_STATE_DIR
set -uo pipefail
weerbaar=$1
state=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
lab=(--lab --resolver 127.53.0.2 --ca-file "$state/ca/ca.pem" --trust-anchor "$state/unbound/trust-anchor.test" --no-progress)
good=bakkerij-jansen.test
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
expect() {  # expect NAME CONDITION...
  local name=$1
  shift
  if "$@"; then ok "$name"; else bad "$name"; fi
}
contains() { grep -qF -- "$2" "$1"; }

# A readable Dutch report for the good business, exit 0 (nothing high).
"$weerbaar" scan "${lab[@]}" "$good" >"$tmp/nl.txt" 2>"$tmp/nl.err"
rc=$?
expect "good business: exit 0" test "$rc" -eq 0
expect "Dutch title" contains "$tmp/nl.txt" "Weerbaar-scan van $good"
expect "Dutch scores" contains "$tmp/nl.txt" "Score: "
expect "Dutch traffic light" contains "$tmp/nl.txt" "[GOED]"
expect "no stderr for a clean scan" test ! -s "$tmp/nl.err"

# English on request.
"$weerbaar" scan "${lab[@]}" --lang en "$good" >"$tmp/en.txt" 2>/dev/null
expect "English title" contains "$tmp/en.txt" "Weerbaar scan of $good"
expect "English light" contains "$tmp/en.txt" "[GOOD]"

# A high-severity finding gives exit 1, and the advice is in the report.
"$weerbaar" scan "${lab[@]}" bloemisterij-verlopen.test >"$tmp/exp.txt" 2>/dev/null
rc=$?
expect "expired certificate: exit 1" test "$rc" -eq 1
expect "expired finding shown with its id" contains "$tmp/exp.txt" "[TLS_CERT_EXPIRED]"
expect "advice heading" contains "$tmp/exp.txt" "Wat kunt u doen?"

# JSON that matches the documented schema, for several domains at once.
"$weerbaar" scan "${lab[@]}" --format json "$good" bloemisterij-verlopen.test >"$tmp/out.json" 2>/dev/null
expect "JSON matches docs/scan-result.schema.json" python3 - "$tmp/out.json" "$root/docs/scan-result.schema.json" <<'PY'
import json, sys, jsonschema
doc = json.load(open(sys.argv[1]))
jsonschema.validate(doc, json.load(open(sys.argv[2])))
assert [d["domain"] for d in doc["domains"]] == ["bakkerij-jansen.test", "bloemisterij-verlopen.test"], doc["domains"]
assert doc["domains"][1]["highest_severity"] == "high"
PY

# Facts saved and judged again without the network give the same findings, the mail server's
# (subject) included; the scan JSON with its facts can be judged too.
mx=autobedrijf-verlopen.test
"$weerbaar" scan "${lab[@]}" --format json --with-facts --save-facts "$tmp/facts" "$mx" >"$tmp/facts.json" 2>/dev/null
"$weerbaar" judge --format json "$tmp/facts/$mx.facts.json" >"$tmp/judged.json" 2>"$tmp/judge.err"
"$weerbaar" judge --format json "$tmp/facts.json" >"$tmp/judged2.json" 2>>"$tmp/judge.err"
expect "facts saved, judged again: same findings and subjects" python3 - "$tmp/facts.json" "$tmp/judged.json" \
  "$tmp/judged2.json" "$root/docs/scan-result.schema.json" <<'PY'
import json, sys, jsonschema
docs = [json.load(open(p)) for p in sys.argv[1:4]]
for d in docs:
    jsonschema.validate(d, json.load(open(sys.argv[4])))
found = [sorted((c["id"], c.get("subject", ""), f["id"]) for c in d["domains"][0]["checks"] for f in c["findings"]) for d in docs]
assert found[0] == found[1] == found[2], found
assert ("tls.certificate", "mx.mailhoster.test", "TLS_CERT_EXPIRED") in found[0] or any(s and f == "TLS_CERT_EXPIRED" for _, s, f in found[0]), found[0]
PY
expect "judge: nothing on stderr" test ! -s "$tmp/judge.err"

# Bad input: a one-line error each, exit 2, and the good domain in the same run is still scanned.
printf '%s\n' "$good" 'https://bakkerij-jansen.test/winkel' 'bakkerij-jansen.test.' 'bäckerei.test' '!!garbage' \
  'bestaat-niet.test' '# a comment' '' >"$tmp/domains.txt"
"$weerbaar" scan "${lab[@]}" --format json --input "$tmp/domains.txt" >"$tmp/mixed.json" 2>"$tmp/mixed.err"
rc=$?
expect "mixed input: exit 2" test "$rc" -eq 2
expect "one stderr line per bad input" test "$(wc -l <"$tmp/mixed.err")" -eq 5
expect "URL explained" contains "$tmp/mixed.err" "is a URL; give only the domain name, for example: bakkerij-jansen.test"
expect "trailing dot explained" contains "$tmp/mixed.err" "ends with a dot"
expect "IDN explained" contains "$tmp/mixed.err" "xn-- form"
expect "NXDOMAIN explained" contains "$tmp/mixed.err" "bestaat-niet.test does not exist"
expect "good domain still scanned" python3 -c "
import json,sys; d=json.load(open('$tmp/mixed.json'))['domains']
assert d[0]['status']=='scanned' and d[0]['checks'], d[0]
assert [x['status'] for x in d[1:]]==['rejected','rejected','rejected','rejected','unresolved'], [x['status'] for x in d]"

# Outside lab mode, a public-looking name that resolves to loopback is refused, before any
# connection is made (the lab's Unbound answers terug-naar-binnen.example with a lab address).
"$weerbaar" scan --resolver 127.53.0.2 --no-progress terug-naar-binnen.example >/dev/null 2>"$tmp/refused.err"
rc=$?
expect "loopback refused: exit 2" test "$rc" -eq 2
expect "loopback refusal explained" contains "$tmp/refused.err" "resolves to 127.60.0.10, a loopback address; Weerbaar scans only public addresses"
# And .test names, special-use, do not resolve at all outside lab mode.
"$weerbaar" scan --resolver 127.53.0.2 --no-progress "$good" >/dev/null 2>"$tmp/special.err"
expect "special-use .test not resolved outside lab mode" contains "$tmp/special.err" "does not exist"

# The opt-out list is honoured.
echo "$good" >"$tmp/opt-out.txt"
"$weerbaar" scan "${lab[@]}" --opt-out "$tmp/opt-out.txt" "$good" >/dev/null 2>"$tmp/optout.err"
expect "opt-out honoured" contains "$tmp/optout.err" "is on the opt-out list"

# Usage errors are one line too.
"$weerbaar" scan "${lab[@]}" --lang de "$good" >/dev/null 2>"$tmp/lang.err"
rc=$?
expect "bad --lang: exit 2, one line" test "$rc" -eq 2 -a "$(wc -l <"$tmp/lang.err")" -eq 1
"$weerbaar" scan --lab --no-progress --resolver nonsense "$good" >/dev/null 2>"$tmp/res.err"
rc=$?
expect "bad --resolver: exit 2, one line" test "$rc" -eq 2 -a "$(wc -l <"$tmp/res.err")" -eq 1

echo "$passed passed, $failed failed"
test "$failed" -eq 0
