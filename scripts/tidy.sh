#!/usr/bin/env bash
# clang-format and clang-tidy over our own C++ (src/, tests/, bench/), as the test command runs
# them. Fails on a file clang-format would change, and on a clang-tidy finding that is not in
# scripts/tidy-baseline.txt (findings the tree had when the gate came; new code adds none).
#
#   scripts/tidy.sh                  check (uses build/compile_commands.json; build first)
#   scripts/tidy.sh --update-baseline  accept today's findings as the baseline (say why in the commit)
#   scripts/tidy.sh FILE...          only these files (what you touched), no baseline update
#
# clang-tidy is slow (seconds a file): results are cached in build/tidy-cache/, keyed by the
# hash of the file, of every header it includes (from ninja's dependency log), of its compile
# command and of .clang-tidy. An unchanged tree checks in seconds; two jobs (-j2) otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${WEERBAAR_BUILD_DIR:-$root/build}
jobs=${WEERBAAR_TIDY_JOBS:-2}
baseline="$root/scripts/tidy-baseline.txt"
cache="$build/tidy-cache"
mkdir -p "$cache"
cd "$root"

update=0
files=()
for a in "$@"; do
  case "$a" in
    --update-baseline) update=1 ;;
    *) files+=("$(realpath "$a")") ;;
  esac
done

# ---- clang-format: the whole tree, it is quick.
mapfile -t all < <(git ls-files -- 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp' |
  while read -r f; do [ -f "$f" ] && echo "$f"; done)
unformatted=$(clang-format --dry-run "${all[@]}" 2>&1 | grep -oE '^[^:]+\.(cpp|hpp)' | sort -u || true)
if [ -n "$unformatted" ]; then
  echo "clang-format would change (run clang-format -i on them):"
  echo "$unformatted" | sed 's/^/  /'
  format_failed=1
else
  format_failed=0
fi

# ---- clang-tidy: the translation units of compile_commands.json that are ours.
# The whole tree is gated only once a baseline exists (a first run takes ~12 s of CPU a file,
# about 20 minutes on two cores; cached runs take seconds). Named files are always checked.
if [ ${#files[@]} -eq 0 ] && [ $update -eq 0 ] && [ ! -f "$baseline" ]; then
  echo "clang-tidy: skipped (no scripts/tidy-baseline.txt yet; scripts/tidy.sh --update-baseline makes one,"
  echo "            scripts/tidy.sh FILE... checks the files you touched)"
  exit $format_failed
fi
db="$build/compile_commands.json"
[ -f "$db" ] || { echo "tidy: no $db; build first (scripts/build.sh)"; exit 2; }
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(python3 - "$db" "$root" <<'EOF'
import json, sys, os
db, root = sys.argv[1], sys.argv[2]
seen = set()
for e in json.load(open(db)):
    f = os.path.realpath(os.path.join(e["directory"], e["file"]))
    rel = os.path.relpath(f, root)
    if rel.split(os.sep)[0] in ("src", "tests", "bench") and f not in seen:
        seen.add(f)
        print(f)
EOF
)
fi

# Key of one file: its text, its headers' texts (ninja's deps of its object), its command, the config.
python3 - "$db" "$root" "$build" "$cache" "${files[@]}" > "$build/tidy-plan.txt" <<'EOF'
import hashlib, json, os, subprocess, sys
db, root, build, cache, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
cmds = {}
for e in json.load(open(db)):
    cmds[os.path.realpath(os.path.join(e["directory"], e["file"]))] = e
deps = {}
try:
    out = subprocess.run(["ninja", "-C", build, "-t", "deps"], capture_output=True, text=True).stdout
    cur = None
    for line in out.splitlines():
        if line and not line.startswith(" "):
            cur = line.split(":")[0]
            deps[cur] = []
        elif line.strip() and cur is not None:
            deps[cur].append(line.strip())
except OSError:
    pass
by_source = {}
for obj, ds in deps.items():
    if ds:
        by_source.setdefault(os.path.realpath(os.path.join(build, ds[0])), ds)
config = open(os.path.join(root, ".clang-tidy"), "rb").read()
for f in files:
    e = cmds.get(f)
    if e is None:
        continue
    h = hashlib.sha256(config + json.dumps(e.get("command") or e.get("arguments"), sort_keys=True).encode())
    ds = by_source.get(f)
    paths = [f] + ([os.path.realpath(os.path.join(build, d)) for d in ds[1:]] if ds else [])
    for p in paths:
        if p.startswith(root):  # system headers change only with the machine
            try:
                h.update(p.encode() + open(p, "rb").read())
            except OSError:
                h.update(b"missing " + p.encode())
    if not ds:  # no dependency log yet: the file alone is not enough, never trust the cache
        h.update(os.urandom(16))
    print(h.hexdigest(), f)
EOF

todo=()
while read -r key f; do
  [ -f "$cache/$key" ] || todo+=("$key $f")
done < "$build/tidy-plan.txt"
total=$(wc -l < "$build/tidy-plan.txt")
echo "clang-tidy: ${#todo[@]} of $total files to check (the rest cached), $jobs at once"
if [ ${#todo[@]} -gt 0 ]; then
  export build cache root
  printf '%s\n' "${todo[@]}" | xargs -P "$jobs" -L 1 bash -c '
    key=$0 f=$1
    out=$(clang-tidy -p "$build" --quiet "$f" 2>/dev/null || true)
    # Findings only (file:line:col: warning: text [check]), paths relative to the root.
    printf "%s\n" "$out" | grep -E "^/.*:[0-9]+:[0-9]+: (warning|error): .*\[[a-z0-9.,-]+\]$" |
      sed "s|^$root/||" > "$cache/$key.tmp" || true
    mv "$cache/$key.tmp" "$cache/$key"'
fi

# Every finding of the files checked, each once (a header's finding shows in every file that includes it).
findings="$build/tidy-findings.txt"
while read -r key f; do cat "$cache/$key"; done < "$build/tidy-plan.txt" | sort -u > "$findings"
# Baseline lines are "path [check]": line numbers move, the place and kind do not.
current=$(sed -E 's/^([^:]+):[0-9]+:[0-9]+: [a-z]+: .*\[([a-z0-9.,-]+)\]$/\1 [\2]/' "$findings" | sort)
if [ $update -eq 1 ]; then
  { echo "# clang-tidy findings accepted when the gate came (scripts/tidy.sh --update-baseline)."
    echo "# Fix one and delete its line; never add lines for new code."
    echo "$current" | sed '/^$/d' | uniq -c | sed -E 's/^ *([0-9]+) /\1 /'; } > "$baseline"
  echo "tidy: baseline written ($(grep -vc '^#' "$baseline") entries)"
  exit $format_failed
fi
allowed=$(grep -v '^#' "$baseline" 2>/dev/null || true)
new=$(python3 - <(echo "$current") <(echo "$allowed") <<'EOF'
import collections, sys
cur = collections.Counter(l.strip() for l in open(sys.argv[1]) if l.strip())
ok = collections.Counter()
for l in open(sys.argv[2]):
    l = l.strip()
    if l:
        n, rest = l.split(" ", 1)
        ok[rest] = int(n)
for k, n in sorted(cur.items()):
    if n > ok[k]:
        print(f"{k}: {n} now, {ok[k]} in the baseline")
EOF
)
if [ -n "$new" ]; then
  echo "clang-tidy findings that are new (not in scripts/tidy-baseline.txt):"
  echo "$new" | sed 's/^/  /'
  echo "the findings themselves (all, with lines): $findings"
  grep -F -f <(echo "$new" | sed -E 's/ \[.*//' | sort -u) "$findings" | head -40 | sed 's/^/  /'
  exit 1
fi
echo "clang-tidy: no new findings ($(echo "$current" | sed '/^$/d' | wc -l) known in the baseline)"
exit $format_failed
