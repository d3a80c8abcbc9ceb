"""The campaign platform (`weerbaar serve`) in the lab, for the end-to-end tests and the demo.

Starts the server on 127.62.3.1 (the lab's campagne.test) with the lab CA's certificate and
stapled OCSP response, the lab resolver and trust anchor, and the lab Postfix for its mail
(scripts/lab/lab_platform.py); waits until it listens; stops it again. Python 3 stdlib only.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
LAB_PLATFORM = REPO / "scripts" / "lab" / "lab_platform.py"
NAME = "campagne.test"
ADDRESS = "127.62.3.1"
SMTP = "smtp://127.62.3.2:25"
RESOLVER = "127.53.0.2"
AUTHORITATIVE = "127.53.0.1"


class PlatformError(Exception):
    pass


def lab_is_up(state: Path) -> bool:
    return (state / "ca" / "ca.pem").exists() and (state / "platform" / NAME / "cert.pem").exists()


def port_open(addr: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.3)
        return s.connect_ex((addr, port)) == 0


class Platform:
    """One `weerbaar serve` process with a fresh database in its own scratch directory."""

    def __init__(self, weerbaar: str, lab_state: Path, workdir: Path | None = None,
                 address: str = ADDRESS, tls: bool = True, lab: bool = True, extra: list[str] | None = None,
                 db: Path | None = None):
        self.weerbaar, self.state = str(Path(weerbaar).resolve()), Path(lab_state).resolve()
        self.own_dir = workdir is None
        self.dir = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="weerbaar-platform-"))
        self.dir.mkdir(parents=True, exist_ok=True)
        self.address, self.tls, self.lab = address, tls, lab
        self.db = db or self.dir / "platform.db"
        self.extra = extra or []
        self.port = 443 if tls else 8080
        self.proc: subprocess.Popen | None = None
        self.lines: list[str] = []
        self.admin_link: str | None = None
        self._ready = threading.Event()

    @property
    def url(self) -> str:
        host = NAME if self.lab and self.tls else self.address
        return f"{'https' if self.tls else 'http'}://{host}" + ("" if self.port in (80, 443) else f":{self.port}")

    def args(self) -> list[str]:
        a = [self.weerbaar, "serve", "--listen", f"{self.address}:{self.port}", "--db", str(self.db),
             "--base-url", self.url, "--workers", "2"]
        if self.tls:
            cert_dir = self.state / "platform" / NAME
            a += ["--tls-cert", str(cert_dir / "cert.pem"), "--tls-key", str(cert_dir / "key.pem"),
                  "--tls-ocsp", str(cert_dir / "ocsp.der"), "--redirect-http", f"{self.address}:80"]
        if self.lab:
            a += ["--lab", "--resolver", RESOLVER, "--ca-file", str(self.state / "ca" / "ca.pem"),
                  "--trust-anchor", str(self.state / "unbound" / "trust-anchor.test"),
                  "--smtp", SMTP, "--mail-from", f"campagne@{NAME}"]
        return self.known(a) + self.extra

    def known(self, args: list[str]) -> list[str]:
        """The options this build of serve has (from its --help): the platform's options grow
        as the server does; an option it lacks is left out rather than refused."""
        out = subprocess.run([self.weerbaar, "serve", "--help"], capture_output=True, text=True).stdout
        have = set(re.findall(r"--[a-z][a-z0-9-]*", out))
        kept, i = args[:2], 2
        while i < len(args):
            opt = args[i]
            takes_value = i + 1 < len(args) and not args[i + 1].startswith("--")
            if opt in have:
                kept += args[i:i + (2 if takes_value else 1)]
            else:
                print(f"platform: this weerbaar serve has no {opt}; left out", file=sys.stderr)
            i += 2 if takes_value else 1
        return kept

    def start(self, timeout: float = 30) -> "Platform":
        if port_open(self.address, self.port):
            raise PlatformError(f"{self.address}:{self.port} is already in use: another platform runs there")
        log = open(self.dir / "serve.log", "w")
        self.proc = subprocess.Popen(self.args(), stdout=subprocess.PIPE, stderr=log, text=True,
                                     cwd=self.dir, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()
        if not self._ready.wait(timeout) or self.proc.poll() is not None:
            self.stop()
            raise PlatformError("weerbaar serve did not start:\n" + "\n".join(self.lines) + "\n"
                                + (self.dir / "serve.log").read_text(errors="replace")[-3000:])
        return self

    def _read(self) -> None:
        assert self.proc and self.proc.stdout
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            self.lines.append(line)
            m = re.search(r"https?://\S+/invite/\S+", line)
            if m and not self.admin_link:
                self.admin_link = m.group(0)
            if "listening on" in line:
                self._ready.set()
        self._ready.set()

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL after 15 s; returns the exit code."""
        if not self.proc:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        return self.proc.returncode

    def cleanup(self) -> None:
        if self.own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "Platform":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# ------------------------------------------------------------------------------------ the lab
def add_txt(state: Path, domain: str, name: str, value: str) -> None:
    """Adds a TXT record the way the business would: with the TSIG key of its own domain."""
    key = state / "dns" / "tsig" / f"{domain}.key"
    script = (f"server {AUTHORITATIVE} 53\nzone test.\nadd {name}. 60 TXT \"{value}\"\nsend\n")
    r = subprocess.run(["knsupdate", "-k", str(key)], input=script, capture_output=True, text=True)
    if r.returncode != 0:
        raise PlatformError(f"knsupdate for {name} failed: {r.stdout}{r.stderr}")


def set_repaired(state: Path, domain: str, repaired: bool) -> None:
    r = subprocess.run([sys.executable, str(LAB_PLATFORM), "repair" if repaired else "replant", domain,
                        "--state", str(state)], capture_output=True, text=True)
    if r.returncode != 0:
        raise PlatformError(r.stdout + r.stderr)


def mail_to(state: Path, address: str) -> list[str]:
    """Every message the lab Postfix delivered to address (raw), oldest first."""
    d = state / "platform" / "maildir" / "all" / "new"
    out = []
    for f in sorted(d.glob("*"), key=lambda f: f.stat().st_mtime) if d.is_dir() else []:
        raw = f.read_text(errors="replace")
        if re.search(rf"^Delivered-To: {re.escape(address)}$", raw, re.I | re.M):
            out.append(raw)
    return out


def report_failures(failures: list[str]) -> int:
    """Prints each failure of a test; its exit code."""
    for f in failures:
        print(f"FAIL {f}")
    return 1 if failures else 0
