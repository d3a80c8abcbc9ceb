#!/usr/bin/env bash
# `weerbaar worker` from the command line: it creates and migrates a SQLite database and
# drains an empty queue, an unreachable PostgreSQL is one clear line and exit code 2, and
# e-mail left for a process with --smtp is one line and exit code 1.
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
# Without --smtp, e-mail is left queued for a process with SMTP settings: one line, exit code 1,
# and the message keeps every attempt (it was taken and put back for 600 s, once per attempt).
python3 - "$dir/platform.db" <<'PY'
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
now = int(time.time())
mail = c.execute("INSERT INTO outbox (recipient, subject, body, template, state, created_at) "
                 "VALUES ('a@b.test', 's', 'b', 'invitation', 'queued', ?)", (now,)).lastrowid
c.execute("INSERT INTO jobs (kind, payload, state, run_after, created_at) VALUES ('email', ?, 'queued', ?, ?)",
          (str(mail), now, now))
c.commit()
PY
out=$("$bin" worker --db "$dir/platform.db" --drain 2>&1)
rc=$?
[ "$rc" -eq 1 ] && [ "$out" = "weerbaar worker: 1 e-mail is waiting for a worker with SMTP settings (--smtp)" ] ||
  { echo "worker_cli: --drain without --smtp and one e-mail gave exit $rc: $out" >&2; exit 1; }
left=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT state, attempts FROM jobs WHERE kind = '"'email'"'").fetchall())' "$dir/platform.db")
[ "$left" = "[('queued', 0)]" ] || { echo "worker_cli: the e-mail job was touched: $left" >&2; exit 1; }
echo "worker_cli: ok"
