#!/usr/bin/env python3
"""Benchmark: CPU time per domain of a full scan of every lab domain in one process.

Runs `weerbaar scan --lab --input <all lab domains> --format jsonl` (--repeat times each, with
the lab's CA as --ca-file and without it, i.e. with the system trust store only) and reports
user+system CPU seconds of the process divided by the number of domains: the median over the
runs, and the load average of the machine at the time (on a shared machine CPU time is what
can be compared, wall time is not). With --perf, one more run under `perf record` and the top
of its report. Only loopback addresses are contacted. Prints Markdown for docs/benchmarks.md.
"""
import os
import resource
import subprocess
import sys
import tempfile

from bench_lab import lab_main, lab_scan_command, load_lab


def run_once(cmd):
    """CPU seconds (user, system) and wall seconds of one run of cmd."""
    import time
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=900)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1, 2):
        sys.exit(f"bench: {' '.join(cmd)} exited {proc.returncode}: {proc.stderr[-2000:]}")
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    return after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime, wall, len(lines), after.ru_maxrss


def arguments(ap):
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0, help="--threads for weerbaar (0: its default)")
    ap.add_argument("--perf", action="store_true", help="one more run (system trust store) under perf record")


def run(args):
    lab = load_lab()
    domains = [b["domain"] for b in lab["businesses"]]
    with tempfile.TemporaryDirectory() as tmp:
        listing = os.path.join(tmp, "domains.txt")
        with open(listing, "w") as f:
            f.write("\n".join(domains) + "\n")
        base = lab_scan_command(args.weerbaar, args.state, lab) + ["--input", listing]
        if args.threads:
            base += ["--threads", str(args.threads)]
        ca = ["--ca-file", os.path.join(args.state, "ca", "ca.pem")]
        print(f"{len(domains)} lab domains, {args.repeat} runs each; load average before: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
        print("| trust store | CPU ms/domain (median) | user ms/domain | sys ms/domain | wall s | runs (CPU ms/domain) | load avg (1 min) |")
        print("|---|---:|---:|---:|---:|---|---:|")
        for name, extra in (("lab CA (--ca-file)", ca), ("system only", [])):
            runs = []
            for _ in range(args.repeat):
                user, sys_, wall, n, _rss = run_once(base + extra)
                if n != len(domains):
                    sys.exit(f"bench: {n} results for {len(domains)} domains")
                runs.append((1000 * (user + sys_) / n, 1000 * user / n, 1000 * sys_ / n, wall, os.getloadavg()[0]))
            med = sorted(runs)[len(runs) // 2]
            print(f"| {name} | {med[0]:.1f} | {med[1]:.1f} | {med[2]:.1f} | {med[3]:.1f} | "
                  f"{', '.join(f'{r[0]:.1f}' for r in runs)} | {med[4]:.2f} |")
        if args.perf:
            data = os.path.join(tmp, "perf.data")
            subprocess.run(["perf", "record", "-q", "-g", "-o", data, "--"] + base, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            report = subprocess.run(["perf", "report", "-i", data, "--no-children", "--sort", "dso,symbol",
                                     "--stdio", "-g", "none", "--percent-limit", "1.5"],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
            print("\nperf (system trust store), self time by symbol, above 1.5%:\n```")
            print("\n".join(l for l in report.splitlines() if l.strip() and not l.startswith("#")))
            print("```")


if __name__ == "__main__":
    lab_main(__doc__, run, arguments)
