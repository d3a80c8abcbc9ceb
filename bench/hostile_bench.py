#!/usr/bin/env python3
"""Benchmark: time and peak memory of a scan against each hostile lab host (lab/cases/hostile.json).

Brings the lab up (unless --no-lab says it is up), scans each hostile business alone in its own
`weerbaar scan` process (default timeouts, as a user runs it) and a baseline business next to it,
and reports wall time and peak resident memory (getrusage of the scan process: ru_maxrss). A last run
scans all hostile hosts together with the baseline in one process, to show that they do not
disturb it. Only loopback addresses are contacted. Prints Markdown for docs/benchmarks.md.
"""
import json
import os
import subprocess
import sys
import time

from bench_lab import lab_main, load_lab

BASELINE = "bakkerij-dichtgetimmerd.test"


def scan(base, domains, timeout=300):
    """Seconds and the parsed report of one `weerbaar scan` of domains."""
    start = time.monotonic()
    proc = subprocess.run(base + domains, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: weerbaar failed on {' '.join(domains)}: {proc.stderr.strip()}")
    return time.monotonic() - start, json.loads(proc.stdout)




def domain_seconds(report, domain):
    for d in report.get("domains", []):
        if d.get("domain") == domain:
            return d.get("duration_ms", 0) / 1000
    return float("nan")


def run(args):
    lab = load_lab()
    hostile = [b for b in lab["businesses"] if b.get("plant", {}).get("hostile")]
    if not hostile:
        sys.exit("bench: the lab has no hostile hosts (lab/cases/hostile.json)")
    ca = os.path.join(args.state, "ca", "ca.pem")
    anchor = os.path.join(args.state, "unbound", f"trust-anchor.{lab['tld']}")
    base = [args.weerbaar, "scan", "--lab", "--resolver", lab["dns"]["resolver"], "--ca-file", ca,
            "--trust-anchor", anchor, "--format", "json", "--no-progress"]
    # Each scan in a Python child of its own, so that its ru_maxrss (the largest child) is that
    # scan's alone.
    rows = []
    for b in [{"domain": BASELINE, "plant": {"hostile": {"kind": "(baseline, good site)"}}}] + hostile:
        cmd = [sys.executable, "-c",
               "import json,resource,subprocess,sys,time\n"
               "t=time.monotonic();p=subprocess.run(sys.argv[1:],capture_output=True,text=True)\n"
               "print(json.dumps({'secs':time.monotonic()-t,'rc':p.returncode,"
               "'rss':resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))"] + base + [b["domain"]]
        out = json.loads(subprocess.run(cmd, capture_output=True, text=True, timeout=300).stdout)
        if out["rc"] not in (0, 1):
            sys.exit(f"bench: weerbaar failed on {b['domain']}")
        rows.append((b["domain"], b["plant"]["hostile"]["kind"], out["secs"], out["rss"] / 1024))
    together_secs, report = scan(base, [BASELINE] + [b["domain"] for b in hostile])
    print(f"Hostile lab hosts, one `weerbaar scan` process each (default timeouts; {time.strftime('%Y-%m-%d')}):\n")
    print("| domain | misbehaviour | seconds | peak RSS (MiB) |")
    print("|---|---|---:|---:|")
    for domain, kind, secs, rss in rows:
        print(f"| {domain} | {kind} | {secs:.1f} | {rss:.1f} |")
    print(f"\nAll {len(hostile)} hostile hosts and the baseline in one process: {together_secs:.1f} s; "
          f"the baseline domain took {domain_seconds(report, BASELINE):.1f} s there.")


if __name__ == "__main__":
    lab_main(__doc__, run)
