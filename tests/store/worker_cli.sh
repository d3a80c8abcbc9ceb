#!/usr/bin/env bash
# `weerbaar worker` from the command line: it creates and migrates a SQLite database and
# drains an empty queue, and an unreachable PostgreSQL is one clear line and exit code 2.
set -uo pipefail
bin=$1
dir=$(mktemp -d /tmp/weerbaar-store-worker.XXXXXX)
trap 'rm -rf "$dir"' EXIT
"$bin" worker --db "$dir/platform.db" --drain || { echo "worker_cli: --drain on a new database failed" >&2; exit 1; }
[ -s "$dir/platform.db" ] || { echo "worker_cli: no database file was created" >&2; exit 1; }
out=$("$bin" worker --db postgresql://nobody@127.62.5.9:1/none --drain 2>&1)
rc=$?
[ "$rc" -eq 2 ] || { echo "worker_cli: exit $rc for an unreachable database, expected 2" >&2; exit 1; }
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || { echo "worker_cli: more than one line: $out" >&2; exit 1; }
case "$out" in "weerbaar worker: postgres: "*) ;; *) echo "worker_cli: unexpected message: $out" >&2; exit 1 ;; esac
printf 'bakkerij.test\n' >"$dir/opt-out.txt"
"$bin" worker --db "$dir/platform.db" --opt-out "$dir/opt-out.txt" --drain ||
  { echo "worker_cli: a good opt-out list was refused" >&2; exit 1; }
printf 'http://x y\n' >"$dir/bad-opt-out.txt"
out=$("$bin" worker --db "$dir/platform.db" --opt-out "$dir/bad-opt-out.txt" --drain 2>&1)
rc=$?
[ "$rc" -eq 2 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] ||
  { echo "worker_cli: a bad opt-out list gave exit $rc: $out" >&2; exit 1; }
echo "worker_cli: ok"
