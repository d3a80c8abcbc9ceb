#!/usr/bin/env python3
"""Benchmark: a full Weerbaar scan of one domain (web + TLS + mail + DNS + exposure) next to
testssl.sh's STARTTLS run on its mail server and nmap's service scan of its addresses.

Brings the lab up (unless --no-lab), picks the lab businesses that run their own mail server
(plant.mail.servers) or have planted services (plant.exposure), and times, side by side in the
same run on the same hosts:
  - weerbaar scan DOMAIN (all families; one process, as a user runs it), median of --repeat;
  - weerbaar scan --only mail DOMAIN and --only exposure DOMAIN, for like-for-like ratios;
  - nmap -n -Pn -sV on the same risky ports of the same addresses, median of --repeat;
  - testssl.sh --starttls smtp on the first mail server, once, on --testssl-hosts hosts (minutes each).
Only loopback addresses are contacted. Prints Markdown for docs/benchmarks.md.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile

from bench_lab import ROOT, lab_running, load_lab, timed

# The risky services of docs/checks.md (exposure family), as nmap should look at them.
RISKY_PORTS = "21,23,445,2375,3306,3389,5432,5900,6379,9200,11211,27017"


def mail_servers(b):
    return [s for s in b.get("plant", {}).get("mail", {}).get("servers", []) if s.get("address")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weerbaar", default=os.path.join(ROOT, "build", "src", "weerbaar"))
    ap.add_argument("--state", default=os.path.join(ROOT, "build", "bench-lab"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--hosts", type=int, default=8, help="at most this many domains")
    ap.add_argument("--testssl-hosts", type=int, default=2, help="domains whose mail server testssl.sh scans (minutes each)")
    ap.add_argument("--nmap-repeat", type=int, default=1,
                    help="nmap -sV runs per domain (minutes on a port that accepts and says nothing)")
    ap.add_argument("--no-lab", action="store_true", help="the lab is already up at --state")
    args = ap.parse_args()
    for tool in ("nmap", "testssl"):
        if shutil.which(tool) is None:
            sys.exit(f"bench: {tool} not found; run scripts/install-deps.sh")
    with lab_running(args.state, args.no_lab):
        return run(args)


def run(args):
    lab = load_lab()
    ca = os.path.join(args.state, "ca", "ca.pem")
    anchor = os.path.join(args.state, "unbound", f"trust-anchor.{lab['tld']}")
    resolver = lab["dns"]["resolver"]
    live = [b for b in lab["businesses"] if not b.get("expect_inconclusive")]
    with_mail = [b for b in live if mail_servers(b)]
    with_services = [b for b in live if b.get("plant", {}).get("exposure") and not mail_servers(b)]
    half = max(1, args.hosts // 2)
    picked = with_mail[:half] + with_services[: args.hosts - min(half, len(with_mail))]
    if not picked:
        sys.exit("bench: the lab has no business with its own mail server or planted services")
    base = [args.weerbaar, "scan", "--lab", "--resolver", resolver, "--ca-file", ca, "--trust-anchor", anchor,
            "--format", "json", "--no-progress"]
    rows = []
    testssl_left = args.testssl_hosts
    for b in picked:
        domain = b["domain"]
        servers = mail_servers(b)
        addresses = [b["address"]] + [s["address"] for s in servers]
        full, mail, expo, fast, nmap = [], [], [], [], []
        for _ in range(args.repeat):
            secs, proc = timed(base + [domain], 300)
            if proc.returncode not in (0, 1):
                sys.exit(f"bench: weerbaar failed on {domain}: {proc.stderr.strip()}")
            full.append(secs)
            mail.append(timed(base + ["--only", "mail", domain], 300)[0])
            expo.append(timed(base + ["--only", "exposure", domain], 300)[0])
            # The same without the politeness rate (nmap has none by default): the engine's own speed.
            fast.append(timed(base + ["--only", "exposure", "--exposure-rate", "100", domain], 300)[0])
        for _ in range(args.nmap_repeat):
            nmap.append(timed(["nmap", "-n", "-Pn", "-sV", "-p", RISKY_PORTS] + addresses, 900)[0])
        testssl_secs = None
        if servers and testssl_left > 0:
            testssl_left -= 1
            with tempfile.TemporaryDirectory() as tmp:
                testssl_secs, _ = timed(["testssl", "--quiet", "--color", "0", "--add-ca", ca, "--nodns", "none",
                                         "--ip", servers[0]["address"], "--starttls", "smtp",
                                         "--jsonfile", os.path.join(tmp, "t.json"), f"{servers[0]['name']}:25"], 3600)
        rows.append((domain, len(addresses), statistics.median(full), statistics.median(mail), statistics.median(expo),
                     statistics.median(nmap), testssl_secs, statistics.median(fast)))

    print("| domain | addresses | weerbaar full (s) | weerbaar mail (s) | weerbaar exposure (s) "
          "| weerbaar exposure, rate 100/s (s) | nmap -sV (s) | testssl.sh STARTTLS (s) "
          "| nmap / weerbaar exposure | nmap / weerbaar at 100/s | testssl.sh / weerbaar mail |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for domain, n, f, m, e, nm, t, x in rows:
        tt = f"{t:.1f}" if t is not None else "-"
        tr = f"{t / m:.0f}x" if t is not None else "-"
        print(f"| {domain} | {n} | {f:.3f} | {m:.3f} | {e:.3f} | {x:.3f} | {nm:.2f} | {tt} | {nm / e:.1f}x | {nm / x:.1f}x | {tr} |")
    med = lambda i: statistics.median(r[i] for r in rows)  # noqa: E731
    print()
    print(f"medians over {len(rows)} domains ({args.repeat} runs each): weerbaar full scan {med(2):.3f} s, "
          f"mail only {med(3):.3f} s, exposure only {med(4):.3f} s ({med(7):.3f} s at 100 connections/s); "
          f"nmap -sV {med(5):.2f} s ({med(5) / med(4):.1f}x weerbaar's polite exposure scan, "
          f"{med(5) / med(7):.1f}x at 100/s)")
    t_rows = [r for r in rows if r[6] is not None]
    if t_rows:
        t_med = statistics.median(r[6] for r in t_rows)
        m_med = statistics.median(r[3] for r in t_rows)
        print(f"testssl.sh --starttls smtp on {len(t_rows)} mail servers: median {t_med:.1f} s, "
              f"{t_med / m_med:.0f}x weerbaar's mail scan of the same domains ({m_med:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
