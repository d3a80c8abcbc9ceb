#!/usr/bin/env python3
"""Weerbaar lab: a simulated internet of Dutch small businesses on loopback addresses.

Everything is driven by lab/lab.json (businesses, what is planted, the expected findings).
Servers: Knot DNS (authoritative, DNSSEC-signed lab TLD `test.`), Unbound (validating resolver),
one nginx master per business host, and small Python servers for what nginx cannot plant
(a tarpit, a TLS server that allows client-initiated renegotiation, and legacy_tls.py: a
greeting-level simulation of an old SSL 3.0/TLS 1.0 server for what OpenSSL 3 cannot do at all).

This file is the command line and the order of bringing the lab up; its parts live in driver/
(base: plan and paths; procs: supervisor and pids; pki: CA and certificates; dns: zones, Knot,
Unbound; web: the business hosts; pyservers: tarpit and renegotiation server), and each other
kind of lab server in an extension module lab_<part>.py (see EXTENSIONS below).

Network rule: every server binds only addresses in 127.0.0.0/8; nothing here contacts any other
address. Python 3 standard library only.

Usage:
  lab.py up [--state DIR]      generate everything and start all servers (idempotent)
  lab.py down [--state DIR]    stop every process the lab started
  lab.py status [--state DIR]  show what runs
  lab.py hosts [--state DIR]   print "domain address" lines
  lab.py businesses            print one business domain per line
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The lab's parts that live in modules of their own; see EXTENSIONS.
import lab_exposure  # noqa: E402
import lab_hostile  # noqa: E402
import lab_mail_policy  # noqa: E402
import lab_mail_servers  # noqa: E402
import lab_platform  # noqa: E402
from driver.base import (DEFAULT_STATE, LAB_DIR, LAB_JSON, LabError,  # noqa: E402
                         case_files, check_loopback, die, load_lab, names_of, need, run, utc_now)
from driver.dns import (child_zone_text, delegated, dns_plant, dns_query, knot_conf,  # noqa: E402
                        lab_answers, sign_bogus, unbound_conf, zone_text)
from driver.pki import ensure_ca, make_cert, reset_ca_db  # noqa: E402
from driver.procs import (pid_alive, port_busy, recorded, spawn, start_supervisor,  # noqa: E402
                          status_ok, stop_all, supervise, wait_tcp)
from driver.pyservers import serve_tarpit, serve_tls  # noqa: E402
from driver.web import start_host  # noqa: E402

class LabContext:
    """What an extension module gets to start its servers with: the lab's own helpers."""

    def __init__(self, state: Path, lab: dict, now: dt.datetime):
        self.state, self.lab, self.now = state, lab, now
        self.error = LabError

    def host_dir(self, b: dict) -> Path:
        d = self.state / "hosts" / b["domain"]
        (d / "logs").mkdir(parents=True, exist_ok=True)
        return d

    def spawn(self, name: str, cmd: list[str], log: Path, env: dict | None = None, cwd: Path | None = None) -> int:
        return spawn(self.state, name, cmd, log, env=env, cwd=cwd)

    def need(self, prog: str) -> str:
        return need(prog)

    def run(self, cmd: list[str], **kw) -> subprocess.CompletedProcess:
        return run(cmd, **kw)

    def make_cert(self, b: dict, out_dir: Path) -> dict:
        """Key + certificate from the lab CA (or self-signed) for a pseudo-business b: its domain
        and plant.cert/plant.key/plant.tls.ocsp knobs, as for the web hosts. {"cert","key","ocsp"}."""
        out_dir.mkdir(parents=True, exist_ok=True)
        return make_cert(self.state, b, out_dir, self.now)

    def check_loopback(self, addr: str, what: str) -> None:
        check_loopback(addr, what)


# Modules that each own one part of the lab. Each may define, for one business b of lab.json:
#   zone_rows(b) -> list[str]          extra DNS records, fully qualified (b's zone holds them)
#   endpoints(b) -> list[(addr, port)] what it will listen on (checked free before, awaited after)
#   processes(b) -> int                how many processes start() spawns for b
#   start(ctx: LabContext, b) -> None  generate configuration and spawn the servers
# and, once for the whole lab:
#   knot_conf(lab, dns_dir) -> {"key": yaml, "acl": yaml, "tld_acl": [acl ids]}
#                                      TSIG keys and update ACLs for Knot; tld_acl apply to the TLD zone
EXTENSIONS = [lab_mail_policy, lab_mail_servers, lab_exposure, lab_platform, lab_hostile]


def expected_processes(lab: dict) -> int:
    # supervisor, knotd, unbound, one per business, and what the extensions start
    return 3 + len(lab["businesses"]) + sum(ext.processes(b) for ext in EXTENSIONS if hasattr(ext, "processes")
                                            for b in lab["businesses"])


def config_hash() -> str:
    """What the running lab was made from: the plan and every file of the driver. A change to any
    of them restarts the lab on `up`."""
    code = sorted({*LAB_DIR.glob("*.py"), *(LAB_DIR / "driver").glob("*.py"),
                   *(Path(ext.__file__).resolve() for ext in EXTENSIONS)})
    h = hashlib.sha256(LAB_JSON.read_bytes() + b"".join(p.read_bytes() for p in case_files()))
    for p in code:
        h.update(p.read_bytes())
    return h.hexdigest()


def check_derived_addresses(lab: dict) -> None:
    """Refuses a lab where an extension's derived listener (an MTA-STS host at 127.62.X.Y for a
    business at 127.60.X.Y, say) lands on an address another part uses: otherwise `up` fails
    later as "process died", with "Address already in use" only in a log."""
    owner = {b["address"]: b["domain"] for b in lab["businesses"]}
    for ext in EXTENSIONS:
        derived = getattr(ext, "addresses", None)
        if derived is None:
            continue
        for b in lab["businesses"]:
            for a in derived(b):
                if a in owner:
                    raise LabError(f"{b['domain']}: {ext.__name__} listens on {a}, which {owner[a]} uses too")
                owner[a] = f"{b['domain']} ({ext.__name__})"


def cmd_up(state: Path) -> int:
    lab = load_lab()
    check_derived_addresses(lab)
    for prog in ("openssl", "knotd", "kdig", "unbound", "nginx"):
        need(prog)
    alive, total = status_ok(state)
    config = config_hash()
    running = state / "running.hash"
    same = running.exists() and running.read_text().strip() == config
    if total and alive == total == expected_processes(lab) and lab_answers(lab) and same:
        print(f"lab: already up ({alive} processes; state {state})")
        return 0
    if total and alive == total and not same:
        print("lab: lab.json or lab.py changed since `up`; restarting")
        if not stop_all(state, quiet=True):
            return 1
    elif total:
        print(f"lab: half up ({alive}/{total} processes alive); cleaning up and restarting")
        if not stop_all(state, quiet=True):
            return 1
    started = time.time()
    state.mkdir(parents=True, exist_ok=True)
    for a in [lab["dns"]["authoritative"], lab["dns"]["resolver"]] + [b["address"] for b in lab["businesses"]]:
        for port in (53, 80, 443):
            if port_busy(a, port):
                raise LabError(f"{a}:{port} is already in use by another process (not started by the lab)")
    for ext in EXTENSIONS:
        for b in lab["businesses"]:
            for a, port in (ext.endpoints(b) if hasattr(ext, "endpoints") else []):
                check_loopback(a, f"{b['domain']}: {ext.__name__}")
                if port_busy(a, port):
                    raise LabError(f"{a}:{port} is already in use by another process (not started by the lab)")
    now = utc_now()
    ensure_ca(state)

    # Certificates are date-relative: regenerate them (cheap, EC) when the day or the plan changed.
    plan = hashlib.sha256(json.dumps(lab["businesses"], sort_keys=True).encode()).hexdigest()
    stamp = state / "certs.stamp"
    want = f"{plan} {now.date().isoformat()}"
    reuse = stamp.exists() and stamp.read_text().strip() == want
    if not reuse:
        reset_ca_db(state)
    hosts_dir = state / "hosts"
    hosts_dir.mkdir(exist_ok=True)
    pkis = {}
    for b in lab["businesses"]:
        hd = hosts_dir / b["domain"]
        hd.mkdir(parents=True, exist_ok=True)
        p = b.get("plant", {})
        needs_tls = p.get("server", "nginx") in ("nginx", "python_tls", "legacy_tls") and p.get("https", True)
        if needs_tls:
            if reuse and (hd / "cert.pem").exists():
                pkis[b["domain"]] = {"cert": hd / "cert.pem", "key": hd / "key.pem",
                                     "ocsp": hd / "ocsp.der" if (hd / "ocsp.der").exists()
                                     and p.get("tls", {}).get("ocsp", True) else None}
            else:
                for f in ("cert.pem", "ocsp.der"):
                    (hd / f).unlink(missing_ok=True)
                pkis[b["domain"]] = make_cert(state, b, hd, now)
    stamp.write_text(want + "\n")

    # ---- DNS: Knot (authoritative, signed) then Unbound (validating)
    dd = state / "dns"
    for sub in ("run", "db", "zones"):
        (dd / sub).mkdir(parents=True, exist_ok=True)
    # Keep the KASP database (the keys, so the trust anchor stays put); drop journal and timers.
    for sub in ("journal", "timer"):
        shutil.rmtree(dd / "db" / sub, ignore_errors=True)
    serial = int(time.time())
    ds = {}
    for b in delegated(lab):
        if dns_plant(b)["zone"] == "bogus":
            ds[b["domain"]] = sign_bogus(state, lab, b, serial, dd / "zones", EXTENSIONS)
        else:
            (dd / "zones" / f"{b['domain']}.zone").write_text(child_zone_text(lab, b, serial, EXTENSIONS))
    (dd / "zones" / f"{lab['tld']}.zone").write_text(zone_text(lab, serial, EXTENSIONS, ds))
    (dd / "knot.conf").write_text(knot_conf(lab, dd, EXTENSIONS))
    run(["knotc", "-c", str(dd / "knot.conf"), "conf-check"])
    running.unlink(missing_ok=True)
    start_supervisor(state)
    try:
        rc = start_servers(state, lab, pkis, now, started)
        running.write_text(config + "\n")
        return rc
    except BaseException:
        stop_all(state, quiet=True)
        raise


def start_servers(state: Path, lab: dict, pkis: dict, now: dt.datetime, started: float) -> int:
    dd = state / "dns"
    first = lab["businesses"][0]["domain"]
    spawn(state, "knotd", [need("knotd"), "-c", str(dd / "knot.conf")], dd / "knotd.out")
    auth = lab["dns"]["authoritative"]
    end = time.time() + 20
    dnskey = ""
    while time.time() < end:
        dnskey = dns_query(auth, f"{lab['tld']}.", "DNSKEY")
        signed = subprocess.run(["kdig", f"@{auth}", first, "A", "+dnssec", "+time=1", "+retry=0"],
                                capture_output=True, text=True).stdout
        if dnskey and "RRSIG" in signed:
            break
        time.sleep(0.2)
    else:
        raise LabError(f"knotd did not serve a signed {lab['tld']}. zone; see {dd}/knotd.log")
    ksk = [l for l in dnskey.splitlines() if l.startswith("257 ")]
    if not ksk:
        raise LabError("knotd serves no KSK (DNSKEY flags 257)")
    ud = state / "unbound"
    ud.mkdir(exist_ok=True)
    (ud / f"trust-anchor.{lab['tld']}").write_text(
        "".join(f"{lab['tld']}. 3600 IN DNSKEY {k}\n" for k in ksk))
    (ud / "unbound.conf").write_text(unbound_conf(lab, ud))
    run(["unbound-checkconf", str(ud / "unbound.conf")])
    spawn(state, "unbound", [need("unbound"), "-d", "-c", str(ud / "unbound.conf")], ud / "unbound.out")

    # ---- business hosts, and what the extensions run for them
    for b in lab["businesses"]:
        start_host(state, lab, b, pkis.get(b["domain"]), now)
    ctx = LabContext(state=state, lab=lab, now=now)
    for ext in EXTENSIONS:
        if hasattr(ext, "start"):
            for b in lab["businesses"]:
                ext.start(ctx, b)

    # ---- wait until everything answers
    res = lab["dns"]["resolver"]
    end = time.time() + 20
    while time.time() < end:
        r = subprocess.run(["kdig", f"@{res}", first, "A", "+dnssec", "+time=1", "+retry=0"],
                           capture_output=True, text=True).stdout
        flags = r.split("Flags:", 1)[1].split(";", 1)[0] if "Flags:" in r else ""
        if " ad" in flags:
            break
        time.sleep(0.2)
    else:
        stop_all(state, quiet=True)
        raise LabError(f"unbound does not validate {first}; see {ud}/unbound.log")
    for b in lab["businesses"]:
        p = b.get("plant", {})
        ports = ([] if p.get("server") == "legacy_tls" else [80]) + ([443] if p.get("https", True) else [])
        for port in ports:
            if not wait_tcp(b["address"], port, 10):
                stop_all(state, quiet=True)
                raise LabError(f"{b['domain']} does not answer on {b['address']}:{port}; "
                               f"see {state}/hosts/{b['domain']}/logs")
        for ext in EXTENSIONS:
            for a, port in (ext.endpoints(b) if hasattr(ext, "endpoints") else []):
                if not wait_tcp(a, port, 15):
                    stop_all(state, quiet=True)
                    raise LabError(f"{b['domain']}: {ext.__name__} does not answer on {a}:{port}; "
                                   f"see {state}/hosts/{b['domain']}")
    alive, total = status_ok(state)
    if alive != total:
        dead = [n for n, p in recorded(state).items() if not pid_alive(p, str(state))]
        stop_all(state, quiet=True)
        raise LabError(f"process(es) died after start: {', '.join(dead)}")
    print(f"lab: up: {len(lab['businesses'])} businesses, {alive} processes, "
          f"resolver {res}, CA {state}/ca/ca.pem ({time.time() - started:.1f}s)")
    return 0

def cmd_status(state: Path) -> int:
    lab = load_lab()
    procs = recorded(state)
    if not procs:
        print("lab: down")
        return 3
    alive = 0
    for n, p in procs.items():
        ok = pid_alive(p, str(state))
        alive += ok
        print(f"{'up  ' if ok else 'DEAD'} {p:>7} {n}")
    dns = "resolving" if lab_answers(lab) else "NOT resolving"
    print(f"lab: {alive}/{len(procs)} processes alive (expected {expected_processes(lab)}); "
          f"resolver {lab['dns']['resolver']} {dns}; CA {state}/ca/ca.pem")
    return 0 if alive == len(procs) == expected_processes(lab) else 1


def cmd_hosts() -> int:
    lab = load_lab()
    print(f"ns1.{lab['tld']} {lab['dns']['authoritative']}")
    for b in lab["businesses"]:
        for n in names_of(b):
            print(f"{n} {b['address']}")
    return 0


def cmd_businesses() -> int:
    # One business domain per line: what a demo or benchmark scans.
    for b in load_lab()["businesses"]:
        print(b["domain"])
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(prog="lab.py", description="Weerbaar lab of loopback businesses")
    ap.add_argument("command", choices=["up", "down", "status", "hosts", "businesses", "_tarpit", "_tlsserver", "_supervise"])
    ap.add_argument("--state", default=str(DEFAULT_STATE), help=f"state directory (default {DEFAULT_STATE})")
    ap.add_argument("--addr")
    ap.add_argument("--ports")
    ap.add_argument("--config")
    a = ap.parse_args()
    state = Path(a.state).resolve()
    try:
        if a.command == "up":
            return cmd_up(state)
        if a.command == "down":
            return 0 if stop_all(state) else 1
        if a.command == "status":
            return cmd_status(state)
        if a.command == "businesses":
            return cmd_businesses()
        if a.command == "hosts":
            return cmd_hosts()
        if a.command == "_tarpit":
            serve_tarpit(a.addr, [int(x) for x in a.ports.split(",")])
        if a.command == "_tlsserver":
            serve_tls(a.config)
        if a.command == "_supervise":
            supervise(state)
        return 0
    except LabError as e:
        die(str(e).replace("\n", "\n  "))
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
