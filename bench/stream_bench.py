#!/usr/bin/env python3
"""Benchmark: memory of a long streamed `weerbaar scan --input` against the lab.

1. A list of --count domains (every lab domain, the rest names under .test that do not exist,
   so the lab's DNS answers NXDOMAIN) scanned with `--format jsonl`: peak RSS of the process,
   wall time, time to the first line written, and whether every domain got its line.
2. Memory per domain in flight: the lab's own domains scanned with --parallel 1 and with
   --parallel equal to their number; (peak RSS difference) / (difference in domains in flight).
Peak RSS is the kernel's ru_maxrss of the child. Only loopback addresses are contacted. Prints
Markdown for docs/benchmarks.md.
"""
import os
import resource
import subprocess
import sys
import tempfile
import time

from bench_lab import lab_main, lab_scan_command, load_lab


def scan(cmd, listing):
    """(peak RSS MiB, wall s, seconds to the first line, lines written) of one run."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd + ["--input", listing], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    first = None
    lines = 0
    for line in proc.stdout:
        if first is None:
            first = time.monotonic() - start
        if line.strip():
            lines += 1
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 2):
        sys.exit(f"bench: weerbaar exited {code}")
    return usage.ru_maxrss / 1024, wall, first or 0.0, lines


def arguments(ap):
    ap.add_argument("--count", type=int, default=10000)


def run(args):
    lab = load_lab()
    domains = [b["domain"] for b in lab["businesses"]]
    base = lab_scan_command(args.weerbaar, args.state, lab) + ["--ca-file", os.path.join(args.state, "ca", "ca.pem")]
    with tempfile.TemporaryDirectory() as tmp:
        long_list = os.path.join(tmp, "long.txt")
        names = list(domains) + [f"bestaat-niet-{i:05d}.test" for i in range(args.count - len(domains))]
        # The lab's domains spread through the list, as real lists mix hits and misses.
        step = max(1, len(names) // len(domains))
        mixed = names[len(domains):]
        for i, d in enumerate(domains):
            mixed.insert(min(len(mixed), i * step), d)
        with open(long_list, "w") as f:
            f.write("\n".join(mixed) + "\n")
        lab_list = os.path.join(tmp, "lab.txt")
        with open(lab_list, "w") as f:
            f.write("\n".join(domains) + "\n")

        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
        rss, wall, first, lines = scan(base, long_list)
        print(f"| run | domains | peak RSS (MiB) | wall (s) | first line after (s) | lines written |")
        print("|---|---:|---:|---:|---:|---:|")
        print(f"| streamed list, default --parallel (200) | {len(mixed)} ({len(domains)} lab, "
              f"{len(mixed) - len(domains)} NXDOMAIN) | {rss:.0f} | {wall:.1f} | {first:.2f} | {lines} |")
        one = scan(base + ["--parallel", "1"], lab_list)
        many = scan(base + ["--parallel", str(len(domains))], lab_list)
        print(f"| lab domains, --parallel 1 | {len(domains)} | {one[0]:.0f} | {one[1]:.1f} | {one[2]:.2f} | {one[3]} |")
        print(f"| lab domains, --parallel {len(domains)} | {len(domains)} | {many[0]:.0f} | {many[1]:.1f} | "
              f"{many[2]:.2f} | {many[3]} |")
        per = (many[0] - one[0]) * 1024 / (len(domains) - 1)
        print(f"\nmemory per domain in flight: ({many[0]:.0f} - {one[0]:.0f}) MiB / {len(domains) - 1} = {per:.0f} KiB; "
              f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if lines != len(mixed):
            sys.exit(f"bench: {lines} lines for {len(mixed)} domains")


if __name__ == "__main__":
    lab_main(__doc__, run, arguments)
