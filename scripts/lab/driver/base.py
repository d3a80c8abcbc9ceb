"""What every part of the lab driver shares: where things are, the plan (lab/lab.json plus
lab/cases/*.json), errors, and the loopback rule."""
from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import subprocess
import sys
from pathlib import Path

LAB_DIR = Path(__file__).resolve().parents[1]  # scripts/lab
LAB_PY = LAB_DIR / "lab.py"  # the servers written in Python run as `lab.py _<server>`
LEGACY_TLS = LAB_DIR / "legacy_tls.py"
REPO = LAB_DIR.parents[1]
LAB_JSON = REPO / "lab" / "lab.json"
# More businesses, one file per part of the lab (mail, exposure, ...): {"businesses": [...]}.
LAB_CASES = REPO / "lab" / "cases"
DEFAULT_STATE = REPO / ".lab"


class LabError(Exception):
    pass


def die(msg: str, code: int = 1) -> None:
    print(f"lab: {msg}", file=sys.stderr)
    sys.exit(code)


def need(prog: str) -> str:
    for d in os.environ.get("PATH", "").split(":") + ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]:
        p = Path(d) / prog
        if d and p.is_file() and os.access(p, os.X_OK):
            return str(p)
    raise LabError(f"{prog} not found; run scripts/install-deps.sh")


def check_loopback(addr: str, what: str) -> None:
    if ipaddress.ip_address(addr) not in ipaddress.ip_network("127.0.0.0/8"):
        raise LabError(f"{what}: {addr} is not in 127.0.0.0/8 (the lab binds loopback only)")


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise LabError(f"command failed: {' '.join(cmd)}\n{r.stdout}{r.stderr}")
    return r


def case_files() -> list[Path]:
    return sorted(LAB_CASES.glob("*.json")) if LAB_CASES.is_dir() else []


def load_lab() -> dict:
    with open(LAB_JSON, encoding="utf-8") as f:
        lab = json.load(f)
    for path in case_files():
        try:
            lab["businesses"] += json.loads(path.read_text(encoding="utf-8"))["businesses"]
        except (ValueError, KeyError) as e:
            raise LabError(f"{path}: not a lab case file ({e})")
    check_loopback(lab["dns"]["authoritative"], "dns.authoritative")
    check_loopback(lab["dns"]["resolver"], "dns.resolver")
    seen = set()
    for b in lab["businesses"]:
        check_loopback(b["address"], b["domain"])
        if b["address"] in seen:
            raise LabError(f"{b['domain']}: address {b['address']} used twice")
        seen.add(b["address"])
        if not b["domain"].endswith("." + lab["tld"]):
            raise LabError(f"{b['domain']}: not under .{lab['tld']}")
    return lab


def names_of(b: dict) -> list[str]:
    p = b.get("plant", {})
    return [b["domain"]] + ([f"www.{b['domain']}"] if p.get("www") else [])


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
