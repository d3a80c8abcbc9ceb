#!/usr/bin/env python3
"""kill -9 during real scans, then a restart: every job finishes exactly once (issue 9, Tests).

CTest e2e.platform.kill9 (lab fixture). `weerbaar seed` signs up lab businesses (consent, e-mail,
proof) into a fresh SQLite database, which queues one scan job each. `weerbaar worker` scans
them against the lab with short leases; once some scans are finished and others are running,
the worker is killed with SIGKILL. A new worker is started and left to finish. Then, from the
database: every scan job is done, each has exactly one stored scan, every business exactly
one scan, the jobs that were running at the kill were taken over (a later attempt by the new
worker), and nothing failed or was left behind.

A worker that never reclaimed an expired lease leaves the killed jobs 'running' forever: the
test then fails naming them (checked by a mutation of JobQueue::claim, docs/decisions.md).
With a PostgreSQL server (CTest e2e.platform.kill9_postgres, store_pg fixture) the same runs
in a database of its own there, created and dropped by the test.
Usage: kill_test.py WEERBAAR LAB_STATE [POSTGRES_URL of a database to create others beside]
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import platform_env as pe  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
LEASE = 5  # seconds: a killed worker's jobs are free again this long after its last heartbeat


def lab_businesses() -> list[str]:
    # lab/cases/platform.json: ordinary businesses (no hostile hosts), each one full scan.
    return [b["domain"] for b in json.loads((ROOT / "lab" / "cases" / "platform.json").read_text())["businesses"]]


class Db:
    """The platform's database as the test reads it: a SQLite file, or PostgreSQL through psql."""

    def __init__(self, sqlite: Path | None = None, pg_url: str | None = None):
        self.sqlite, self.pg_url = sqlite, pg_url

    @property
    def url(self) -> str:
        return self.pg_url or str(self.sqlite)

    def rows(self, sql: str) -> list[tuple]:
        if self.sqlite:
            c = sqlite3.connect(self.sqlite, timeout=30)
            try:
                return c.execute(sql).fetchall()
            finally:
                c.close()
        out = subprocess.run(["psql", self.pg_url, "-X", "-At", "-F", "\t", "-c", sql], capture_output=True,
                             text=True, check=True, timeout=60).stdout
        return [tuple(int(v) if v.lstrip("-").isdigit() else (v or None) for v in line.split("\t"))
                for line in out.splitlines() if line]


def jobs(db: Db) -> list[tuple]:
    return db.rows("SELECT id, state, attempts, lease_owner, business_id FROM jobs WHERE kind = 'scan' ORDER BY id")


def one(db: Db, sql: str) -> list[tuple]:
    return db.rows(sql)


def pg_database(base_url: str, name: str, create: bool) -> str:
    """Creates (or drops) database `name` on the server of base_url; its URL."""
    sql = f"CREATE DATABASE {name}" if create else f"DROP DATABASE IF EXISTS {name}"
    subprocess.run(["psql", base_url, "-X", "-q", "-c", sql], check=True, capture_output=True, timeout=60)
    path, _, query = base_url.partition("?")
    return path.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")


def main() -> int:
    weerbaar, state = sys.argv[1], Path(sys.argv[2]).resolve()
    if not pe.lab_is_up(state):
        print(f"kill9: the lab is not up in {state} (this test needs the lab fixture)", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="weerbaar-kill9-"))
    pg_base = sys.argv[3] if len(sys.argv) > 3 else None
    pg_name = f"weerbaar_kill9_{os.getpid()}"
    db = Db(pg_url=pg_database(pg_base, pg_name, True)) if pg_base else Db(sqlite=work / "platform.db")
    platform = ["--db", db.url, "--base-url", "http://127.62.3.1:8080", "--lab", "--resolver", pe.RESOLVER,
                "--ca-file", str(state / "ca" / "ca.pem"), "--trust-anchor",
                str(state / "unbound" / "trust-anchor.test")]
    failures: list[str] = []
    worker = None
    try:
        domains = lab_businesses()
        subprocess.run([weerbaar, "seed", "--scenario", "demo", *platform, "--out", str(work / "seed.json"),
                        *domains], check=True, capture_output=True, timeout=120)
        queued = jobs(db)
        if len(queued) != len(domains) or any(j[1] != "queued" for j in queued):
            raise SystemExit(f"kill9: seed should queue one scan per business: {queued}")

        def start(name: str) -> subprocess.Popen:
            log = open(work / f"{name}.log", "w")
            return subprocess.Popen([weerbaar, "worker", *platform, "--workers", "3", "--lease", str(LEASE)],
                                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

        # The first worker: killed once some scans are stored and others are in the middle.
        worker = start("first")
        killed_running: list[int] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            now = jobs(db)
            done = [j for j in now if j[1] == "done"]
            running = [j for j in now if j[1] == "running"]
            if done and running:
                os.kill(worker.pid, signal.SIGKILL)
                worker.wait()
                killed_running = [j[0] for j in jobs(db) if j[1] == "running"]
                break
            if worker.poll() is not None:
                raise SystemExit(f"kill9: the first worker ended by itself ({worker.returncode})")
            time.sleep(0.2)
        else:
            raise SystemExit("kill9: never saw a scan finished and another running within 120 s")
        worker = None
        before = {j[0]: j for j in jobs(db)}
        print(f"kill9 ({'postgres' if pg_base else 'sqlite'}): SIGKILL with {sum(j[1] == 'done' for j in before.values())} done, "
              f"{len(killed_running)} running ({killed_running}), "
              f"{sum(j[1] == 'queued' for j in before.values())} queued of {len(before)}")

        # A new worker: the expired leases are claimed again and everything finishes.
        worker = start("second")
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if all(j[1] in ("done", "failed") for j in jobs(db)):
                break
            time.sleep(0.5)
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
        worker = None

        after = jobs(db)
        left = [j for j in after if j[1] != "done"]
        if left:
            failures.append(f"jobs not done after the restart (state, attempts, lease owner): {left}")
        per_job = dict(one(db, "SELECT j.id, COUNT(s.id) FROM jobs j LEFT JOIN scans s ON s.job_id = j.id "
                               "WHERE j.kind = 'scan' GROUP BY j.id"))
        wrong = {j: n for j, n in per_job.items() if n != 1}
        if wrong:
            failures.append(f"jobs without exactly one stored scan (job: scans): {wrong}")
        per_business = dict(one(db, "SELECT b.id, COUNT(s.id) FROM businesses b LEFT JOIN scans s "
                                    "ON s.business_id = b.id GROUP BY b.id"))
        wrong = {b: n for b, n in per_business.items() if n != 1}
        if len(per_business) != len(domains) or wrong:
            failures.append(f"businesses without exactly one scan (business: scans): {wrong or per_business}")
        finding_rows = one(db, "SELECT COUNT(*) FROM scan_findings f LEFT JOIN scans s ON s.id = f.scan_id "
                               "WHERE s.id IS NULL")[0][0]
        if finding_rows:
            failures.append(f"{finding_rows} findings belong to no stored scan")
        by_id = {j[0]: j for j in after}
        for jid in killed_running:
            state_, attempts = by_id[jid][1], by_id[jid][2]
            if state_ != "done" or attempts < 2:
                failures.append(f"job {jid}, running at the kill, was not taken over (state {state_}, "
                                f"{attempts} attempts)")
        for jid, j in before.items():
            if j[1] == "done" and by_id[jid][2] != j[2]:
                failures.append(f"job {jid} was done before the kill and ran again")
        print(f"kill9: after the restart {sum(j[1] == 'done' for j in after)} of {len(after)} jobs done, "
              f"{sum(per_job.values())} scans stored, killed jobs' attempts "
              f"{[by_id[j][2] for j in killed_running]}")
    finally:
        if worker is not None and worker.poll() is None:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait()
        if failures:
            for name in ("first", "second"):
                log = work / f"{name}.log"
                if log.exists():
                    print(f"--- {name} worker's log ---\n{log.read_text(errors='replace')[-3000:]}", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)
        if pg_base:
            pg_database(pg_base, pg_name, False)
    return pe.report_failures(failures)


if __name__ == "__main__":
    sys.exit(main())
