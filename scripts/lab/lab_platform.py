"""Weerbaar lab extension: what the campaign platform (`weerbaar serve`) needs from the lab.

All of it on 127.62.3.0/24:

- The platform's own name, campagne.test -> 127.62.3.1 (A, AAAA ::1, CAA, as a business host),
  and a certificate from the lab CA for it with a stapled OCSP response, in
  <state>/platform/campagne.test/{cert.pem,key.pem,ocsp.der}. The lab does not run the platform:
  the tests and the demo start `weerbaar serve` on 127.62.3.1 with that certificate.
- A Postfix for the platform's mail on 127.62.3.2:25 (`weerbaar serve --smtp smtp://127.62.3.2:25`)
  that delivers every recipient under .test to one Maildir, <state>/platform/maildir/all/new/,
  each message with a Delivered-To header. Tests read the invitation and confirmation links
  from there, as the recipient would from their mailbox.
- Dynamic DNS updates for the proof of domain control: every business in the signed lab TLD
  zone gets a TSIG key named after its domain that may add or delete TXT records at its domain
  and below, nothing else (Knot: update-type TXT, update-owner key). An entrepreneur adds the
  platform's TXT record with it, as they would in their DNS provider's panel:
  `knsupdate -k <state>/dns/tsig/<domain>.key`.
- Repairs: a business of this part can carry plant.repair, the plant after the entrepreneur
  fixed things. `lab_platform.py repair <domain>` rewrites its nginx configuration from that and
  reloads nginx; `lab_platform.py replant <domain>` puts the planted weakness back. The lab's
  ground truth (expect) is for the planted state: whoever repairs replants when done.

The platform's Postfix and certificate belong to OWNER (its process counts for that business).
Lab keys and secrets on loopback only: never use them elsewhere.
"""
from __future__ import annotations

import argparse
import base64
import json
import re
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import lab_mail_servers

OWNER = "koffiebar-deboon.test"  # the business whose process the platform's Postfix is
PLATFORM_NAME = "campagne.test"
PLATFORM_ADDRESS = "127.62.3.1"
SMTP_ADDRESS = "127.62.3.2"
TSIG_ALGORITHM = "hmac-sha256"


def platform_dir(state: Path) -> Path:
    return state / "platform"


def maildir_root(state: Path) -> Path:
    return platform_dir(state) / "maildir"


def tsig_file(state: Path, domain: str) -> Path:
    return state / "dns" / "tsig" / f"{domain}.key"


def in_parent_zone(b: dict) -> bool:
    return b.get("plant", {}).get("dns", {}).get("zone", "parent") == "parent"


# ------------------------------------------------------------------------------------ hooks
def zone_rows(b: dict) -> list[str]:
    if b["domain"] != OWNER:
        return []
    n = PLATFORM_NAME
    return [f"{n}. IN A {PLATFORM_ADDRESS}", f"{n}. IN AAAA ::1",
            f'{n}. IN CAA 0 issue "lab-ca.{n.rsplit(".", 1)[-1]}"',
            f"smtp.{n}. IN A {SMTP_ADDRESS}"]


def endpoints(b: dict) -> list[tuple[str, int]]:
    return [(SMTP_ADDRESS, 25)] if b["domain"] == OWNER else []


def processes(b: dict) -> int:
    return 1 if b["domain"] == OWNER else 0


def knot_conf(lab: dict, dns_dir: Path) -> dict:
    """TSIG keys and update ACLs for the TLD zone (every business in it may change TXT records
    at and below its own name). Secrets are made once and kept with the lab's state."""
    keys, acls, ids = [], [], []
    for b in lab["businesses"]:
        if not in_parent_zone(b):
            continue  # delegated zones are unsigned or signed offline: no updates there
        name = b["domain"]
        f = dns_dir / "tsig" / f"{name}.key"
        if not f.exists():
            f.parent.mkdir(parents=True, exist_ok=True)
            secret = base64.b64encode(secrets.token_bytes(32)).decode()
            tmp = f.with_suffix(".tmp")
            tmp.write_text(f"{TSIG_ALGORITHM}:{name}.:{secret}\n")
            tmp.chmod(0o600)
            tmp.rename(f)
        secret = f.read_text().strip().split(":", 2)[2]
        keys.append(f"  - id: {name}.\n    algorithm: {TSIG_ALGORITHM}\n    secret: {secret}\n")
        acls.append(f"  - id: update-{name}\n    key: {name}.\n    action: update\n"
                    f"    update-type: [TXT]\n    update-owner: key\n    update-owner-match: sub-or-equal\n")
        ids.append(f"update-{name}")
    return {"key": "".join(keys), "acl": "".join(acls), "tld_acl": ids}


# ------------------------------------------------------------------------------------ Postfix
# The mail servers' instance settings (queue, logs, loopback, IPv4), then the platform's own.
MAIN_CF = lab_mail_servers.MAIN_CF.split("myhostname =")[0].replace("lab_mail_servers.py", "lab_platform.py") + """\
myhostname = smtp.{name}
mydomain = {name}
myorigin = $myhostname
mydestination =
relay_domains =
local_recipient_maps =
mynetworks = 127.0.0.0/8
smtpd_banner = $myhostname ESMTP
smtpd_peername_lookup = no
disable_vrfy_command = yes
biff = no
# Every address under .test lands in one Maildir, <maildir>/all/; virtual(8) adds a
# Delivered-To header with the recipient (it allows no per-address regexp substitution).
virtual_mailbox_domains = regexp:{pd}/etc/domains
virtual_mailbox_maps = static:all/
virtual_mailbox_base = {maildir}
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
virtual_minimum_uid = 100
"""

# The mail servers' service table, with the virtual delivery agent on (it writes the Maildirs).
SERVICES = re.sub(r"(?m)^(virtual +unix.*) error$", r"\1 virtual", lab_mail_servers.SERVICES)


def start(ctx, b: dict) -> None:
    if b["domain"] != OWNER:
        return
    for a in (PLATFORM_ADDRESS, SMTP_ADDRESS):
        ctx.check_loopback(a, "platform")
    pd = platform_dir(ctx.state)
    # The platform's certificate (the lab does not run the platform; see the module doc).
    pseudo = {"domain": PLATFORM_NAME, "organisation": "Weerbaar campagneplatform", "plant": {}}
    ctx.make_cert(pseudo, pd / PLATFORM_NAME)

    px = pd / "postfix"
    etc = px / "etc"
    shutil.rmtree(etc, ignore_errors=True)
    etc.mkdir(parents=True)
    for sub in ("spool", "data"):
        (px / sub).mkdir(parents=True, exist_ok=True)
    shutil.chown(px / "data", user="postfix")
    md = maildir_root(ctx.state)
    shutil.rmtree(md, ignore_errors=True)  # every `up` starts with empty mailboxes
    md.mkdir(parents=True)
    os.chown(md, 65534, 65534)
    (etc / "domains").write_text("/^([a-z0-9-]+\\.)+test$/ OK\n")
    (etc / "main.cf").write_text(MAIN_CF.format(pd=px, maildir=md, name=PLATFORM_NAME))
    (etc / "master.cf").write_text("# generated by scripts/lab/lab_platform.py; do not edit\n" + SERVICES
                                   + f"{SMTP_ADDRESS}:25 inet n - n - - smtpd\n")
    ctx.run([ctx.need("postfix"), "-c", str(etc), "check"])
    daemons = ctx.run([ctx.need("postconf"), "-c", str(etc), "-h", "daemon_directory"]).stdout.strip()
    # The master in the foreground, owned by the lab supervisor (as in lab_mail_servers.py).
    ctx.spawn("postfix-platform", [str(Path(daemons) / "master"), "-d", "-c", str(etc)], px / "master.out")


# ------------------------------------------------------------------------------------ repairs
def _https_headers(address: str, domain: str, ca: Path) -> dict[str, str]:
    ctx = ssl.create_default_context(cafile=str(ca))
    with socket.create_connection((address, 443), timeout=3) as raw:
        with ctx.wrap_socket(raw, server_hostname=domain) as s:
            s.sendall(f"HEAD / HTTP/1.1\r\nHost: {domain}\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(4096):
                data += chunk
    lines = data.decode(errors="replace").split("\r\n")
    return {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:] if ":" in l)}


def set_plant(state: Path, domain: str, repaired: bool) -> None:
    """Rewrite the nginx configuration of a business from its plant (or plant.repair) and reload
    it; returns when the new configuration answers."""
    # The lab's own generator: the same configuration an `up` writes.
    from driver.base import load_lab, need, utc_now
    from driver.web import BASE_HEADERS, effective_headers, nginx_conf, write_docroot

    found = [b for b in load_lab()["businesses"] if b["domain"] == domain]
    if not found:
        raise SystemExit(f"lab_platform: {domain} is not a lab business")
    b = json.loads(json.dumps(found[0]))
    plant = b.get("plant", {})
    if "repair" not in plant:
        raise SystemExit(f"lab_platform: {domain} has no plant.repair")
    if repaired:
        b["plant"] = plant["repair"]
    b["plant"].pop("repair", None)
    if b["plant"].get("server", "nginx") != "nginx":
        raise SystemExit(f"lab_platform: {domain}: only nginx hosts can be repaired")
    hd = state / "hosts" / domain
    if not (hd / "nginx.pid").exists():
        raise SystemExit(f"lab_platform: {domain} does not run (is the lab up with --state {state}?)")
    pki = {"cert": hd / "cert.pem", "key": hd / "key.pem",
           "ocsp": hd / "ocsp.der" if (hd / "ocsp.der").exists() and b["plant"].get("tls", {}).get("ocsp", True)
           else None}
    root = write_docroot(b, hd, utc_now())
    conf = hd / "nginx.conf"
    conf.write_text(nginx_conf(b, hd, pki, root))
    nginx = need("nginx")
    for args in (["-t", "-q"], ["-s", "reload"]):
        r = subprocess.run([nginx, *args, "-p", f"{hd}/", "-c", str(conf)], capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"lab_platform: nginx {' '.join(args)} for {domain} failed:\n{r.stderr}")
    # Reload is asynchronous: wait until a fresh connection sees the new headers.
    want = {k.lower(): v for k, v in effective_headers(b)}
    end = time.time() + 10
    while time.time() < end:
        try:
            got = _https_headers(b["address"], domain, state / "ca" / "ca.pem")
            if all(got.get(k) == v for k, v in want.items()) and all(
                    k not in got for k in (h.lower() for h in BASE_HEADERS) if k not in want):
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"lab_platform: {domain} did not take the new configuration within 10 s")


def main() -> int:
    ap = argparse.ArgumentParser(description="The platform's part of the lab: repairs of planted weaknesses")
    ap.add_argument("action", choices=["repair", "replant"])
    ap.add_argument("domain")
    ap.add_argument("--state", default=str(Path(__file__).resolve().parents[2] / ".lab"))
    a = ap.parse_args()
    set_plant(Path(a.state).resolve(), a.domain, a.action == "repair")
    print(f"lab: {a.domain} {'repaired' if a.action == 'repair' else 'planted again'}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
