#!/usr/bin/env python3
"""Benchmark: Weerbaar against testssl.sh and sslscan on the same lab hosts, side by side.

Brings the lab up (unless --keep-lab-state says it is up), scans each HTTPS host of the lab
with each tool, and prints seconds per host (median of --repeat runs; testssl.sh's default run
takes minutes per host, so it runs once on --testssl-hosts hosts) and the ratios. It also
checks that Weerbaar finds at least what the peers find of what was planted (protocol
versions, expired/untrusted/wrong-name certificates). Only loopback addresses are contacted.
Prints Markdown for docs/benchmarks.md.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile

from bench_lab import ROOT, lab_running, load_lab, timed


def sslscan_versions(output):
    versions = {}
    for name, key in (("SSLv3", "ssl3"), ("TLSv1.0", "tls1_0"), ("TLSv1.1", "tls1_1"), ("TLSv1.2", "tls1_2"), ("TLSv1.3", "tls1_3")):
        m = re.search(re.escape(name) + r"\s+(enabled|disabled)", output)
        if m:
            versions[key] = m.group(1) == "enabled"
    return versions


# What each tool says about the planted weaknesses it can see at all.
PROTOCOL_FINDINGS = {"ssl3": "TLS_SSL3_OFFERED", "tls1_0": "TLS_1_0_OFFERED", "tls1_1": "TLS_1_1_OFFERED"}
TESTSSL_IDS = {
    "SSLv3": "TLS_SSL3_OFFERED", "TLS1": "TLS_1_0_OFFERED", "TLS1_1": "TLS_1_1_OFFERED",
    "cert_expirationStatus": "TLS_CERT_EXPIRED", "cert_chain_of_trust": "TLS_CERT_UNTRUSTED",
    "cert_trust": "TLS_CERT_NAME_MISMATCH", "HSTS": "WEB_HSTS_MISSING", "secure_client_renego": "TLS_CLIENT_RENEGOTIATION",
    "cert_signatureAlgorithm": "TLS_CERT_SHA1_SIGNATURE", "cert_keySize": "TLS_CERT_KEY_WEAK",
}
BAD_TESTSSL = {"LOW", "MEDIUM", "HIGH", "CRITICAL"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weerbaar", default=os.path.join(ROOT, "build", "src", "weerbaar"))
    ap.add_argument("--state", default=os.path.join(ROOT, "build", "bench-lab"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--hosts", type=int, default=0, help="at most this many hosts (0: all HTTPS hosts)")
    ap.add_argument("--testssl-on", default="bakkerij-jansen.test,kapsalon-ouderwets.test,bloemisterij-verlopen.test,garage-zelfgemaakt.test",
                    help="comma-separated hosts for testssl.sh's default run (minutes per host)")
    ap.add_argument("--no-lab", action="store_true", help="the lab is already up at --state")
    args = ap.parse_args()

    for tool in ("sslscan", "testssl"):
        if shutil.which(tool) is None:
            sys.exit(f"bench: {tool} not found; run scripts/install-deps.sh")
    with lab_running(args.state, args.no_lab):
        run(args)


def run(args):
    lab = load_lab()
    ca = os.path.join(args.state, "ca", "ca.pem")
    resolver = lab["dns"]["resolver"]
    hosts = [b for b in lab["businesses"] if b.get("plant", {}).get("https", True) and not b.get("expect_inconclusive")]
    if args.hosts:
        hosts = hosts[: args.hosts]
    rows = []
    coverage = []
    for b in hosts:
        domain, address = b["domain"], b["address"]
        ours, peer_sslscan = [], []
        our_found = set()
        for _ in range(args.repeat):
            secs, proc = timed([args.weerbaar, "scan", "--lab", "--resolver", resolver, "--ca-file", ca, "--format", "json",
                                "--no-progress", domain], 120)
            ours.append(secs)
            doc = json.loads(proc.stdout)
            our_found = {f["id"] for c in doc["domains"][0]["checks"] for f in c["findings"]}
        sslscan_out = ""
        for _ in range(args.repeat):
            secs, proc = timed(["sslscan", "--no-colour", f"--sni-name={domain}", f"{address}:443"], 300)
            peer_sslscan.append(secs)
            sslscan_out = proc.stdout
        testssl_secs = None
        testssl_found = set()
        if domain in args.testssl_on.split(","):
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "t.json")
                testssl_secs, _ = timed(["testssl", "--quiet", "--color", "0", "--add-ca", ca, "--nodns", "none", "--ip", address,
                                         "--jsonfile", out, f"https://{domain}"], 1800)
                if os.path.exists(out):
                    for item in json.load(open(out)):
                        fid = TESTSSL_IDS.get(item.get("id"))
                        if fid and item.get("severity") in BAD_TESTSSL:
                            testssl_found.add(fid)
        expected = set(b["expect"])
        sslscan_found = {PROTOCOL_FINDINGS[v] for v, on in sslscan_versions(sslscan_out).items() if on and v in PROTOCOL_FINDINGS}
        for tool, found in (("sslscan", sslscan_found), ("testssl.sh", testssl_found)):
            missed = (found & expected) - our_found
            coverage.append((domain, tool, sorted(found & expected), sorted(missed)))
        rows.append((domain, statistics.median(ours), statistics.median(peer_sslscan), testssl_secs))

    print("| host | weerbaar (s) | sslscan (s) | testssl.sh (s) | sslscan / weerbaar | testssl.sh / weerbaar |")
    print("|---|---:|---:|---:|---:|---:|")
    for domain, w, s, t in rows:
        tt = f"{t:.1f}" if t is not None else "-"
        tr = f"{t / w:.0f}x" if t is not None else "-"
        print(f"| {domain} | {w:.3f} | {s:.3f} | {tt} | {s / w:.1f}x | {tr} |")
    w_med = statistics.median(r[1] for r in rows)
    s_med = statistics.median(r[2] for r in rows)
    t_vals = [r[3] for r in rows if r[3] is not None]
    w_t = statistics.median(r[1] for r in rows if r[3] is not None) if t_vals else None
    print()
    print(f"median over {len(rows)} hosts: weerbaar {w_med:.3f} s, sslscan {s_med:.3f} s (ratio {s_med / w_med:.1f}x)")
    if t_vals:
        print(f"testssl.sh on {len(t_vals)} hosts: median {statistics.median(t_vals):.1f} s, "
              f"{statistics.median(t_vals) / w_t:.0f}x weerbaar's median on the same hosts")
    print()
    print("| host | peer | planted weaknesses the peer found | of those, missed by weerbaar |")
    print("|---|---|---|---|")
    missed_any = False
    for domain, tool, found, missed in coverage:
        if found:
            print(f"| {domain} | {tool} | {', '.join(found)} | {', '.join(missed) or 'none'} |")
        missed_any |= bool(missed)
    print()
    print("weerbaar missed something a peer found" if missed_any else "weerbaar found everything the peers found of what was planted")
    return 0


if __name__ == "__main__":
    main()
