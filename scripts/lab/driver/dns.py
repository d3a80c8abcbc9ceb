"""The lab's DNS: the signed lab TLD and delegated child zones (unsigned, or bogus: signatures
that expired) for Knot, and the configuration of Unbound, the validating resolver the scanner
asks. The extension modules add their records through zone_rows (see EXTENSIONS in lab.py)."""
from __future__ import annotations

import subprocess
from pathlib import Path

from .base import LabError, names_of, need, run


def dns_plant(b: dict) -> dict:
    """The DNS knobs of a business: zone (where its records live), caa, aaaa, address (false: no A
    or AAAA at the domain, as for a domain that only does mail), and ns: the name servers its
    delegated zone names (ns1: ns1 and ns2, both with IPv6, as internet.nl asks for at least two;
    ns1-only: ns1 alone; ns-v4: one with an IPv4 address only)."""
    d = b.get("plant", {}).get("dns", {})
    zone = d.get("zone", "parent")
    if zone not in ("parent", "unsigned", "bogus"):
        raise LabError(f"{b['domain']}: dns.zone must be parent, unsigned or bogus")
    ns = d.get("ns", "ns1")
    if ns not in ("ns1", "ns1-only", "ns-v4") or (ns != "ns1" and zone == "parent"):
        raise LabError(f"{b['domain']}: dns.ns must be ns1, ns1-only or ns-v4 (the last two need a delegated zone)")
    return {"zone": zone, "caa": d.get("caa", True), "aaaa": d.get("aaaa", True), "ns": ns,
            "address": d.get("address", True)}


def ns_rows(owner: str, ns: str, tld: str) -> list[str]:
    """The NS records of a zone: ns1 stands for the pair ns1 and ns2."""
    names = {"ns1": ["ns1", "ns2"], "ns1-only": ["ns1"], "ns-v4": ["ns-v4"]}[ns]
    return [f"{owner} 3600 IN NS {n}.{tld}." for n in names]


def delegated(lab: dict) -> list[dict]:
    """Businesses with a zone of their own (delegated from the lab TLD)."""
    return [b for b in lab["businesses"] if dns_plant(b)["zone"] != "parent"]


def host_rows(b: dict, extensions: list) -> list[str]:
    """A, AAAA and CAA records of a business and its extensions' records, fully qualified."""
    k = dns_plant(b)
    rows = []
    for n in names_of(b):
        if n == b["domain"] and not k["address"]:
            continue
        rows.append(f"{n}. IN A {b['address']}")
        # ::1 is loopback: the scanner probes IPv4 first, and nothing of the lab listens on IPv6.
        if k["aaaa"]:
            rows.append(f"{n}. IN AAAA ::1")
    if k["caa"]:
        rows.append(f'{b["domain"]}. IN CAA 0 issue "lab-ca.{b["domain"].rsplit(".", 1)[-1]}"')
    for ext in extensions:
        if hasattr(ext, "zone_rows"):
            rows += ext.zone_rows(b)
    return rows


def zone_text(lab: dict, serial: int, extensions: list, ds: dict[str, list[str]] | None = None) -> str:
    tld = lab["tld"]
    auth = lab["dns"]["authoritative"]
    rows = [f"$ORIGIN {tld}.", "$TTL 60",
            f"@ 3600 IN SOA ns1.{tld}. hostmaster.{tld}. {serial} 3600 600 86400 60",
            f"@ 3600 IN NS ns1.{tld}.",
            f"@ 3600 IN NS ns2.{tld}.",
            f"ns1 3600 IN A {auth}",
            # ::1 as for the hosts: the name server has IPv6 on paper (Unbound has do-ip6: no).
            "ns1 3600 IN AAAA ::1",
            # A second name server with IPv6 (the same Knot): internet.nl's rule is two.
            f"ns2 3600 IN A {auth}",
            "ns2 3600 IN AAAA ::1",
            f"ns-v4 3600 IN A {auth}"]
    for b in lab["businesses"]:
        if dns_plant(b)["zone"] == "parent":
            rows += host_rows(b, extensions)
        else:
            rows += ns_rows(f"{b['domain']}.", dns_plant(b)["ns"], tld)
            rows += (ds or {}).get(b["domain"], [])
    return "\n".join(rows) + "\n"


def child_zone_text(lab: dict, b: dict, serial: int, extensions: list) -> str:
    tld, name = lab["tld"], b["domain"]
    rows = [f"$ORIGIN {name}.", "$TTL 60",
            f"@ 3600 IN SOA ns1.{tld}. hostmaster.{name}. {serial} 3600 600 86400 60",
            ] + ns_rows("@", dns_plant(b)["ns"], tld) + host_rows(b, extensions)
    return "\n".join(rows) + "\n"


def sign_bogus(state: Path, lab: dict, b: dict, serial: int, zones: Path, extensions: list) -> list[str]:
    """Signs a child zone with ldns-signzone so that every signature has already expired
    (valid in 2020 only): validators call it bogus. Returns the DS records for the parent."""
    name = b["domain"]
    kd = state / "dns" / "ldns" / name
    kd.mkdir(parents=True, exist_ok=True)
    keys = sorted(kd.glob(f"K{name}.+013+*.key"))
    if not keys:
        run([need("ldns-keygen"), "-a", "ECDSAP256SHA256", "-k", name], cwd=kd)
        keys = sorted(kd.glob(f"K{name}.+013+*.key"))
    base = keys[0].parent / keys[0].name[:-len(".key")]
    plain = kd / f"{name}.zone"
    plain.write_text(child_zone_text(lab, b, serial, extensions))
    run([need("ldns-signzone"), "-i", "20200101000000", "-e", "20200201000000",
         "-f", str(zones / f"{name}.zone"), str(plain), str(base)])
    ds = Path(f"{base}.ds").read_text().split()
    # "<name>. [ttl] IN DS tag alg digesttype digest": the parent serves it with its own TTL.
    return [f"{name}. 3600 IN DS {' '.join(ds[ds.index('DS') + 1:])}"]


def knot_conf(lab: dict, d: Path, extensions: list) -> str:
    parts = [ext.knot_conf(lab, d) for ext in extensions if hasattr(ext, "knot_conf")]
    keys = "".join(p["key"] for p in parts)
    acls = "".join(p["acl"] for p in parts)
    tld_acl = [i for p in parts for i in p["tld_acl"]]
    # Dynamic updates: the extensions' TSIG keys and ACLs (none otherwise).
    updates = ("key:\n" + keys if keys else "") + ("acl:\n" + acls if acls else "")
    tld_acl_line = f"    acl: [{', '.join(tld_acl)}]\n" if tld_acl else ""
    return f"""# generated by scripts/lab/lab.py; do not edit
server:
    rundir: "{d}/run"
    listen: {lab['dns']['authoritative']}@53
    identity: ""
    version: ""
    udp-workers: 2
    tcp-workers: 2
    background-workers: 1
database:
    storage: "{d}/db"
log:
  - target: "{d}/knotd.log"
    any: info
policy:
  - id: lab
    algorithm: ecdsap256sha256
    ksk-lifetime: 0
    zsk-lifetime: 0
    nsec3: off
    rrsig-lifetime: 14d
    rrsig-refresh: 7d
{updates}template:
  - id: default
    storage: "{d}/zones"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
  - domain: {lab['tld']}
    file: "{lab['tld']}.zone"
    dnssec-signing: on
    dnssec-policy: lab
{tld_acl_line}""" + "".join(f"""  - domain: {b['domain']}
    file: "{b['domain']}.zone"
""" for b in delegated(lab))


# Every IPv4 prefix outside 127.0.0.0/8: Unbound must never send a query there.
NOT_LOOPBACK = ["0.0.0.0/2", "64.0.0.0/3", "96.0.0.0/4", "112.0.0.0/5", "120.0.0.0/6",
                "124.0.0.0/7", "126.0.0.0/8", "128.0.0.0/1", "::/0"]


def unbound_conf(lab: dict, d: Path) -> str:
    res, auth, tld = lab["dns"]["resolver"], lab["dns"]["authoritative"], lab["tld"]
    dnq = "\n".join(f"    do-not-query-address: {a}" for a in NOT_LOOPBACK)
    # Names outside the lab TLD that point into it: the scanner must refuse them outside
    # lab mode (a public-looking name that resolves to loopback).
    traps = "\n".join(f'    local-zone: "{name}." static\n    local-data: "{name}. 60 A {addr}"'
                      for name, addr in lab["dns"].get("traps", {}).items())
    return f"""# generated by scripts/lab/lab.py; do not edit
server:
    interface: {res}
    port: 53
    outgoing-interface: {res}
    access-control: 127.0.0.0/8 allow
    do-ip6: no
    do-not-query-localhost: no
{dnq}
    username: ""
    chroot: ""
    directory: "{d}"
    pidfile: "{d}/unbound.pid"
    logfile: "{d}/unbound.log"
    use-syslog: no
    verbosity: 1
    num-threads: 1
    so-reuseport: no
    local-zone: "{tld}." nodefault
{traps}
    trust-anchor-file: "{d}/trust-anchor.{tld}"
    val-log-level: 2
    cache-max-ttl: 60
    cache-max-negative-ttl: 10
    # The lab TLD is signed with NSEC: by default Unbound denies a name from a cached NSEC range
    # (RFC 8198) for the NSEC's TTL, so a TXT proof added after a failed check could stay invisible
    # for up to cache-max-ttl (60 s), not the 10 s above, longer than the tests' patience.
    aggressive-nsec: no
    module-config: "validator iterator"
remote-control:
    control-enable: no
stub-zone:
    name: "{tld}."
    stub-addr: {auth}
    stub-prime: no
"""


def dns_query(server: str, name: str, rtype: str, extra: list[str] | None = None) -> str:
    r = subprocess.run(["kdig", f"@{server}", name, rtype, "+short", "+time=1", "+retry=0"]
                       + (extra or []), capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else ""


def lab_answers(lab: dict) -> bool:
    first = lab["businesses"][0]["domain"]
    r = subprocess.run(["kdig", f"@{lab['dns']['resolver']}", first, "A", "+time=1", "+retry=0", "+short"],
                       capture_output=True, text=True)
    return r.returncode == 0 and lab["businesses"][0]["address"] in r.stdout
