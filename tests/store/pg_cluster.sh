#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the storage contract tests. It listens on a Unix socket
# in DIR only (no TCP port), so test runs in different build directories never collide;
# WEERBAAR_TEST_PG_ADDR=127.62.5.1 (the store's loopback address) makes it listen there too.
# `start DIR` creates and starts it, `stop DIR` stops and removes it. Fails loudly when it
# cannot: the PostgreSQL half of the contract must not be skipped.
set -euo pipefail
action=$1
dir=$2
addr=${WEERBAAR_TEST_PG_ADDR:-}
port=${WEERBAAR_TEST_PG_PORT:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "pg_cluster: no PostgreSQL server installed (scripts/install-deps.sh installs postgresql)" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ] && [ "$(id -un)" != postgres ]; then
  echo "pg_cluster: must run as root (initdb runs as the postgres user via runuser)" >&2
  exit 1
fi
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$action" in
  start)
    "$0" stop "$dir" >/dev/null 2>&1 || true
    mkdir -p "$dir/data" "$dir/sock"
    chown -R postgres: "$dir" 2>/dev/null || true
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1 ||
      { echo "pg_cluster: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -w -t 30 -l "$dir/server.log" \
      -o "-k $dir/sock -c listen_addresses='$addr' -p $port -c fsync=off -c full_page_writes=off" start >/dev/null ||
      { echo "pg_cluster: the server did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }
    "$bin/createdb" -h "$dir/sock" -p "$port" -U postgres weerbaar_test
    echo "pg_cluster: up at postgresql://postgres@/weerbaar_test?host=$dir/sock&port=$port"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: pg_cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
