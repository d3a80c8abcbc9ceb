#!/usr/bin/env python3
"""Weerbaar lab: a simulated internet of Dutch small businesses on loopback addresses.

Everything is driven by lab/lab.json (businesses, what is planted, the expected findings).
Servers: Knot DNS (authoritative, DNSSEC-signed lab TLD `test.`), Unbound (validating resolver),
one nginx master per business host, and small Python servers for what nginx cannot plant
(a tarpit, a TLS server that allows client-initiated renegotiation, and legacy_tls.py: a
greeting-level simulation of an old SSL 3.0/TLS 1.0 server for what OpenSSL 3 cannot do at all).

Network rule: every server binds only addresses in 127.0.0.0/8; nothing here contacts any other
address. Python 3 standard library only.

Usage:
  lab.py up [--state DIR]      generate everything and start all servers (idempotent)
  lab.py down [--state DIR]    stop every process the lab started
  lab.py status [--state DIR]  show what runs
  lab.py hosts [--state DIR]   print "domain address" lines
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import ipaddress
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = Path(__file__).resolve()
sys.path.insert(0, str(SCRIPT.parent))
import lab_exposure  # noqa: E402  (the lab's parts that live in modules of their own; see EXTENSIONS)
import lab_mail_policy  # noqa: E402
import lab_mail_servers  # noqa: E402

REPO = SCRIPT.parents[2]
LAB_JSON = REPO / "lab" / "lab.json"
# More businesses, one file per part of the lab (mail, exposure, ...): {"businesses": [...]}.
LAB_CASES = REPO / "lab" / "cases"
LEGACY_TLS = SCRIPT.parent / "legacy_tls.py"
DEFAULT_STATE = REPO / ".lab"

GOOD_EC_CIPHERS = "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256"
GOOD_RSA_CIPHERS = "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256"
GOOD_CURVES = "X25519:prime256v1:secp384r1"
BASE_CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
BASE_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000",
    "Content-Security-Policy": BASE_CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


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


# ------------------------------------------------------------------------------------ processes
def pid_dir(state: Path) -> Path:
    return state / "pids"


def pid_alive(pid: int, marker: str) -> bool:
    """True if pid runs, is not a zombie, and its command line mentions marker (our state dir)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read().decode(errors="replace")
        if stat[stat.rfind(")") + 2:].startswith("Z"):
            return False
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return marker in cmd


def recorded(state: Path) -> dict[str, int]:
    out = {}
    d = pid_dir(state)
    if d.is_dir():
        for f in sorted(d.glob("*.pid")):
            try:
                out[f.stem] = int(f.read_text().split()[0])
            except (ValueError, IndexError, OSError):
                pass
    return out


def spawn(state: Path, name: str, cmd: list[str], log: Path, env: dict | None = None,
          cwd: Path | None = None) -> int:
    """Start a server through the lab's supervisor (so that its parent reaps it when it ends) and
    return its pid. The supervisor takes jobs from a spool directory and writes pids/<name>.pid."""
    log.parent.mkdir(parents=True, exist_ok=True)
    pid_dir(state).mkdir(parents=True, exist_ok=True)
    pidf = pid_dir(state) / f"{name}.pid"
    pidf.unlink(missing_ok=True)
    spool = state / "supervisor" / "spool"
    spool.mkdir(parents=True, exist_ok=True)
    job = {"name": name, "cmd": cmd, "log": str(log), "env": env, "cwd": str(cwd) if cwd else None}
    tmp = spool / f".{name}.tmp"
    tmp.write_text(json.dumps(job))
    tmp.rename(spool / f"{time.time_ns()}-{name}.json")
    end = time.time() + 10
    while time.time() < end:
        if pidf.exists():
            txt = pidf.read_text().split()
            if txt:
                return int(txt[0])
        time.sleep(0.02)
    raise LabError(f"the lab supervisor did not start {name}; see {state}/supervisor/supervisor.log")


def start_supervisor(state: Path) -> None:
    sd = state / "supervisor"
    shutil.rmtree(sd / "spool", ignore_errors=True)
    (sd / "spool").mkdir(parents=True)
    pid_dir(state).mkdir(parents=True, exist_ok=True)
    with open(sd / "supervisor.log", "ab") as lf:
        p = subprocess.Popen([sys.executable, str(SCRIPT), "_supervise", "--state", str(state)],
                             stdin=subprocess.DEVNULL, stdout=lf, stderr=lf, start_new_session=True)
    (pid_dir(state) / "supervisor.pid").write_text(f"{p.pid}\n")


def supervise(state: Path) -> None:
    """Parent of every lab server: starts queued jobs, reaps children (this machine's pid 1 may not
    reap orphans), and on SIGTERM stops whatever it started."""
    import ctypes
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass
    spool = state / "supervisor" / "spool"
    children: dict[int, str] = {}
    stopping = False

    def on_term(*_):
        nonlocal stopping
        stopping = True
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    while not stopping:
        for f in sorted(spool.glob("*.json")):
            try:
                job = json.loads(f.read_text())
                with open(job["log"], "ab") as lf:
                    p = subprocess.Popen(job["cmd"], stdin=subprocess.DEVNULL, stdout=lf, stderr=lf,
                                         start_new_session=True, env=job["env"], cwd=job["cwd"])
                children[p.pid] = job["name"]
                (pid_dir(state) / f"{job['name']}.pid").write_text(f"{p.pid}\n")
            except (OSError, ValueError, KeyError) as e:
                print(f"supervisor: cannot start {f.name}: {e}", flush=True)
            f.unlink(missing_ok=True)
        reap(children)
        time.sleep(0.05)
    for pid in list(children):
        try:
            os.killpg(pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            pass
    end = time.time() + 8
    while time.time() < end:
        reap(children)
        try:
            if os.waitpid(-1, os.WNOHANG) == (0, 0):
                time.sleep(0.05)
        except ChildProcessError:
            break
    for pid in list(children):
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break


def reap(children: dict[int, str]) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid in children:
            print(f"supervisor: {children.pop(pid)} (pid {pid}) ended with status {status}", flush=True)


def stop_all(state: Path, quiet: bool = False) -> bool:
    procs = recorded(state)
    marker = str(state)
    alive = {n: p for n, p in procs.items() if pid_alive(p, marker) and n != "supervisor"}
    sup = procs.get("supervisor")
    for n, p in alive.items():
        try:
            # Each server was started in its own session: its process group id is its pid,
            # so this reaches the nginx workers of that master too, and nothing else.
            if os.getpgid(p) == p:
                os.killpg(p, signal.SIGTERM)
            else:
                os.kill(p, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.time() + 8
    while time.time() < deadline and any(pid_alive(p, marker) for p in alive.values()):
        time.sleep(0.1)
    for n, p in alive.items():
        if pid_alive(p, marker):
            try:
                os.killpg(p, signal.SIGKILL) if os.getpgid(p) == p else os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
    # The supervisor reaps what ended and then exits itself.
    if sup and pid_alive(sup, marker):
        alive["supervisor"] = sup
        os.kill(sup, signal.SIGTERM)
        end = time.time() + 10
        while time.time() < end and pid_alive(sup, marker):
            time.sleep(0.05)
        if pid_alive(sup, marker):
            os.kill(sup, signal.SIGKILL)
    time.sleep(0.2)
    left = [n for n, p in alive.items() if pid_alive(p, marker)]
    # Also check for stray children of the groups (nginx workers).
    for n, p in alive.items():
        for q in group_members(p):
            if pid_alive(q, ""):
                left.append(f"{n}(child {q})")
    if left:
        print(f"lab: still running after SIGKILL: {', '.join(left)}", file=sys.stderr)
        return False
    for f in pid_dir(state).glob("*.pid"):
        f.unlink()
    if not quiet:
        print(f"lab: stopped {len(alive)} process group(s)" if alive else "lab: not running")
    return True


def group_members(pgid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            s = (d / "stat").read_text()
            fields = s[s.rfind(")") + 2:].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                out.append(int(d.name))
        except (OSError, ValueError, IndexError):
            pass
    return out


def wait_tcp(addr: str, port: int, timeout: float = 10) -> bool:
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection((addr, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


# ------------------------------------------------------------------------------------ extensions
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
EXTENSIONS = [lab_mail_policy, lab_mail_servers, lab_exposure]


# ------------------------------------------------------------------------------------ PKI
def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def asn1(t: dt.datetime) -> str:
    return t.strftime("%Y%m%d%H%M%SZ")


def make_key(state: Path, kind: str, name: str) -> Path:
    """Cached private key: state/keys/<name>.<kind>.key."""
    kd = state / "keys"
    kd.mkdir(parents=True, exist_ok=True)
    path = kd / f"{name}.{kind}.key"
    if path.exists():
        return path
    if kind == "ec256":
        cmd = ["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
    elif kind.startswith("rsa"):
        cmd = ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{int(kind[3:])}"]
    else:
        raise LabError(f"unknown key kind {kind}")
    tmp = path.with_suffix(".tmp")
    run(cmd + ["-out", str(tmp)])
    tmp.chmod(0o600)
    tmp.rename(path)
    return path


CA_CNF = """\
[ ca ]
default_ca = lab_ca
[ lab_ca ]
dir = {dir}
database = $dir/index.txt
new_certs_dir = $dir/issued
certificate = $dir/ca.pem
private_key = $dir/ca.key
rand_serial = yes
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ policy_any ]
commonName = supplied
organizationName = optional
[ req ]
distinguished_name = dn
[ dn ]
"""


def ensure_ca(state: Path) -> Path:
    ca = state / "ca"
    ca.mkdir(parents=True, exist_ok=True)
    key, pem = ca / "ca.key", ca / "ca.pem"
    if pem.exists():
        r = subprocess.run(["openssl", "x509", "-in", str(pem), "-noout", "-checkend", str(400 * 86400)],
                           capture_output=True)
        if r.returncode == 0:
            return pem
    if not key.exists():
        run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", str(key)])
        key.chmod(0o600)
    (ca / "ca.cnf").write_text(CA_CNF.format(dir=ca))
    run(["openssl", "req", "-config", str(ca / "ca.cnf"), "-new", "-x509", "-key", str(key), "-sha256",
         "-days", "3650", "-subj", "/O=Weerbaar Lab/CN=Weerbaar Lab Root CA",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
         "-addext", "subjectKeyIdentifier=hash",
         "-out", str(pem)])
    return pem


def reset_ca_db(state: Path) -> None:
    ca = state / "ca"
    (ca / "ca.cnf").write_text(CA_CNF.format(dir=ca))
    (ca / "index.txt").write_text("")
    (ca / "index.txt.attr").write_text("unique_subject = no\n")
    shutil.rmtree(ca / "issued", ignore_errors=True)
    (ca / "issued").mkdir()


def ocsp_response(state: Path, hd: Path, issuer: Path, issuer_key: Path, index: Path, cert: Path) -> Path:
    req, resp = hd / "ocsp-req.der", hd / "ocsp.der"
    run(["openssl", "ocsp", "-issuer", str(issuer), "-cert", str(cert), "-no_nonce", "-reqout", str(req)])
    run(["openssl", "ocsp", "-index", str(index), "-rsigner", str(issuer), "-rkey", str(issuer_key),
         "-CA", str(issuer), "-reqin", str(req), "-respout", str(resp), "-ndays", "7"])
    return resp


def make_cert(state: Path, b: dict, hd: Path, now: dt.datetime) -> dict:
    """Key, certificate and (if the CA can answer for it) an OCSP response for one host."""
    p = b.get("plant", {})
    c = p.get("cert", {})
    kind = p.get("key", "ec256")
    key = make_key(state, kind, b["domain"])
    names = c.get("names", names_of(b))
    san = ",".join(f"DNS:{n}" for n in names)
    start = now + dt.timedelta(days=c.get("valid_from_days", -1))
    end = now + dt.timedelta(days=c.get("valid_until_days", 365))
    md = c.get("md", "sha256")
    cert = hd / "cert.pem"
    ku = "digitalSignature,keyEncipherment" if kind.startswith("rsa") else "digitalSignature"
    ext = hd / "ext.cnf"
    ext.write_text("[ req ]\ndistinguished_name = dn\n[ dn ]\n[ v3 ]\nbasicConstraints = critical,CA:FALSE\n"
                   f"keyUsage = critical,{ku}\nextendedKeyUsage = serverAuth\n"
                   f"subjectAltName = {san}\nsubjectKeyIdentifier = hash\n")
    subj = f"/O={b.get('organisation', b['domain'])}/CN={names[0]}"
    if c.get("self_signed"):
        days = max(1, (end - now).days)
        run(["openssl", "req", "-new", "-x509", "-key", str(key), f"-{md}", "-days", str(days),
             "-subj", subj, "-config", str(ext), "-extensions", "v3", "-out", str(cert)])
        # A one-line index so that the self-signed "issuer" can answer OCSP for itself.
        serial = run(["openssl", "x509", "-in", str(cert), "-noout", "-serial"]).stdout.strip().split("=")[1]
        subject = run(["openssl", "x509", "-in", str(cert), "-noout", "-subject", "-nameopt", "compat"]
                      ).stdout.strip().split("=", 1)[1].strip()
        idx = hd / "self-index.txt"
        idx.write_text(f"V\t{end.strftime('%y%m%d%H%M%SZ')}\t\t{serial}\tunknown\t{subject}\n")
        issuer, issuer_key = cert, key
    else:
        csr = hd / "cert.csr"
        run(["openssl", "req", "-new", "-key", str(key), "-subj", subj, "-config",
             str(state / "ca" / "ca.cnf"), "-out", str(csr)])
        run(["openssl", "ca", "-batch", "-config", str(state / "ca" / "ca.cnf"), "-in", str(csr),
             "-out", str(cert), "-notext", "-md", md, "-startdate", asn1(start), "-enddate", asn1(end),
             "-extfile", str(ext), "-extensions", "v3", "-preserveDN"])
        idx = state / "ca" / "index.txt"
        issuer, issuer_key = state / "ca" / "ca.pem", state / "ca" / "ca.key"
    key_copy = hd / "key.pem"
    shutil.copyfile(key, key_copy)
    key_copy.chmod(0o600)
    ocsp = None
    if p.get("tls", {}).get("ocsp", True):
        ocsp = ocsp_response(state, hd, issuer, issuer_key, idx, cert)
    return {"cert": cert, "key": key_copy, "ocsp": ocsp}


# ------------------------------------------------------------------------------------ content
def home_page(b: dict) -> str:
    p = b.get("plant", {})
    head = p.get("html_head_extra", "")
    body = p.get("html_body_extra", "")
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
{head}<title>{b.get('organisation', b['domain'])}</title>
</head>
<body>
<h1>{b.get('organisation', b['domain'])}</h1>
<p>{b.get('story', '')}</p>
{body}</body>
</html>
"""


def security_txt(b: dict, now: dt.datetime) -> str | None:
    kind = b.get("plant", {}).get("security_txt", "valid")
    exp = now + dt.timedelta(days=365)
    if kind == "missing":
        return None
    if kind == "expired":
        exp = now - dt.timedelta(days=30)
    exp_s = exp.replace(hour=0, minute=0, second=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = []
    if kind != "no_contact":
        lines.append(f"Contact: mailto:security@{b['domain']}")
    lines.append(f"Expires: {exp_s}")
    lines.append("Preferred-Languages: nl, en")
    lines.append(f"Canonical: https://{b['domain']}/.well-known/security.txt")
    return "\n".join(lines) + "\n"


def write_docroot(b: dict, hd: Path, now: dt.datetime) -> Path:
    root = hd / "html"
    shutil.rmtree(root, ignore_errors=True)
    (root / ".well-known").mkdir(parents=True)
    (root / "index.html").write_text(home_page(b), encoding="utf-8")
    st = security_txt(b, now)
    if st is not None:
        (root / ".well-known" / "security.txt").write_text(st, encoding="utf-8")
    for rel, text in b.get("plant", {}).get("files", {}).items():
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
    return root


def effective_headers(b: dict) -> list[tuple[str, str]]:
    p = b.get("plant", {})
    h = dict(BASE_HEADERS)
    for k, v in p.get("headers", {}).items():
        if v is None:
            h.pop(k, None)
        else:
            h[k] = v
    return list(h.items())


# ------------------------------------------------------------------------------------ nginx
def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_conf(b: dict, hd: Path, pki: dict | None, root: Path) -> str:
    p = b.get("plant", {})
    t = p.get("tls", {})
    addr = b["address"]
    names = " ".join(names_of(b))
    tokens = "on" if p.get("server_tokens") else "off"
    hdr_lines = "\n".join(f"        add_header {k} {q(v)} always;" for k, v in effective_headers(b))
    web_locations = f"""
        root {root};
        index index.html;
        charset utf-8;
        charset_types text/plain text/html application/javascript;
        location = /.well-known/security.txt {{ default_type text/plain; }}
        location / {{ try_files $uri $uri/ =404; }}"""
    http_mode = p.get("http", "redirect")
    if http_mode == "redirect":
        http_body = "        location / { return 301 https://$host$request_uri; }"
    elif http_mode == "redirect_www":
        http_body = f"        location / {{ return 301 https://www.{b['domain']}$request_uri; }}"
    elif http_mode == "serve":
        plain = "\n".join(f"        add_header {k} {q(v)} always;" for k, v in effective_headers(b)
                          if k != "Strict-Transport-Security")
        http_body = plain + web_locations
    else:
        raise LabError(f"{b['domain']}: unknown http mode {http_mode}")
    http_server = f"""
    server {{
        listen {addr}:80;
        server_name {names};
{http_body}
    }}"""
    https_server = ""
    if p.get("https", True):
        key_kind = p.get("key", "ec256")
        ciphers = t.get("ciphers", GOOD_RSA_CIPHERS if key_kind.startswith("rsa") else GOOD_EC_CIPHERS)
        lines = [f"listen {addr}:443 ssl;",
                 f"server_name {names};",
                 f"ssl_certificate {pki['cert']};",
                 f"ssl_certificate_key {pki['key']};",
                 f"ssl_protocols {t.get('protocols', 'TLSv1.2 TLSv1.3')};",
                 f"ssl_ciphers {q(ciphers)};",
                 f"ssl_prefer_server_ciphers {'on' if t.get('prefer_server', True) else 'off'};",
                 f"ssl_ecdh_curve {t.get('ecdh_curve', GOOD_CURVES)};",
                 "ssl_session_cache shared:lab:1m;",
                 "ssl_session_tickets on;",
                 f"ssl_early_data {'on' if t.get('early_data') else 'off'};"]
        if pki.get("ocsp"):
            lines += ["ssl_stapling on;", f"ssl_stapling_file {pki['ocsp']};"]
        if t.get("dhparam"):
            lines.append(f"ssl_dhparam {hd / 'dhparam.pem'};")
        for name, value in t.get("conf_commands", []):
            lines.append(f"ssl_conf_command {name} {value};")
        tls_lines = "\n".join("        " + l for l in lines)
        https_server = f"""
    server {{
{tls_lines}
{hdr_lines}{web_locations}
    }}"""
    return f"""# generated by scripts/lab/lab.py for {b['domain']}; do not edit
user root;
daemon off;
master_process on;
worker_processes 1;
pid {hd}/nginx.pid;
error_log {hd}/logs/error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {hd}/logs/access.log;
    client_body_temp_path {hd}/tmp/body;
    proxy_temp_path {hd}/tmp/proxy;
    fastcgi_temp_path {hd}/tmp/fastcgi;
    uwsgi_temp_path {hd}/tmp/uwsgi;
    scgi_temp_path {hd}/tmp/scgi;
    server_tokens {tokens};
    keepalive_timeout 10;
{http_server}
{https_server}
}}
"""


OPENSSL_SECLEVEL0 = """\
# Lowers OpenSSL's security level for this host only, so that a weak certificate (RSA 1024,
# SHA-1 signature) can be loaded at all. Set through OPENSSL_CONF for this nginx master.
openssl_conf = openssl_init
[openssl_init]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
CipherString = DEFAULT:@SECLEVEL=0
"""


# ------------------------------------------------------------------------------------ DNS
def dns_plant(b: dict) -> dict:
    """The DNS knobs of a business: zone (where its records live), caa, aaaa, and ns: the name
    server its delegated zone names (ns1, which has IPv6, or ns-v4, which has an IPv4 address only)."""
    d = b.get("plant", {}).get("dns", {})
    zone = d.get("zone", "parent")
    if zone not in ("parent", "unsigned", "bogus"):
        raise LabError(f"{b['domain']}: dns.zone must be parent, unsigned or bogus")
    ns = d.get("ns", "ns1")
    if ns not in ("ns1", "ns-v4") or (ns != "ns1" and zone == "parent"):
        raise LabError(f"{b['domain']}: dns.ns must be ns1 or ns-v4 (ns-v4 needs a delegated zone)")
    return {"zone": zone, "caa": d.get("caa", True), "aaaa": d.get("aaaa", True), "ns": ns}


def delegated(lab: dict) -> list[dict]:
    """Businesses with a zone of their own (delegated from the lab TLD)."""
    return [b for b in lab["businesses"] if dns_plant(b)["zone"] != "parent"]


def host_rows(b: dict) -> list[str]:
    """A, AAAA and CAA records of a business and its extensions' records, fully qualified."""
    k = dns_plant(b)
    rows = []
    for n in names_of(b):
        rows.append(f"{n}. IN A {b['address']}")
        # ::1 is loopback: the scanner probes IPv4 first, and nothing of the lab listens on IPv6.
        if k["aaaa"]:
            rows.append(f"{n}. IN AAAA ::1")
    if k["caa"]:
        rows.append(f'{b["domain"]}. IN CAA 0 issue "lab-ca.{b["domain"].rsplit(".", 1)[-1]}"')
    for ext in EXTENSIONS:
        if hasattr(ext, "zone_rows"):
            rows += ext.zone_rows(b)
    return rows


def zone_text(lab: dict, serial: int, ds: dict[str, list[str]] | None = None) -> str:
    tld = lab["tld"]
    auth = lab["dns"]["authoritative"]
    rows = [f"$ORIGIN {tld}.", "$TTL 60",
            f"@ 3600 IN SOA ns1.{tld}. hostmaster.{tld}. {serial} 3600 600 86400 60",
            f"@ 3600 IN NS ns1.{tld}.",
            f"ns1 3600 IN A {auth}",
            # ::1 as for the hosts: the name server has IPv6 on paper (Unbound has do-ip6: no).
            "ns1 3600 IN AAAA ::1",
            f"ns-v4 3600 IN A {auth}"]
    for b in lab["businesses"]:
        if dns_plant(b)["zone"] == "parent":
            rows += host_rows(b)
        else:
            rows.append(f"{b['domain']}. 3600 IN NS {dns_plant(b)['ns']}.{tld}.")
            rows += (ds or {}).get(b["domain"], [])
    return "\n".join(rows) + "\n"


def child_zone_text(lab: dict, b: dict, serial: int) -> str:
    tld, name = lab["tld"], b["domain"]
    rows = [f"$ORIGIN {name}.", "$TTL 60",
            f"@ 3600 IN SOA ns1.{tld}. hostmaster.{name}. {serial} 3600 600 86400 60",
            f"@ 3600 IN NS {dns_plant(b)['ns']}.{tld}."] + host_rows(b)
    return "\n".join(rows) + "\n"


def sign_bogus(state: Path, lab: dict, b: dict, serial: int, zones: Path) -> list[str]:
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
    plain.write_text(child_zone_text(lab, b, serial))
    run([need("ldns-signzone"), "-i", "20200101000000", "-e", "20200201000000",
         "-f", str(zones / f"{name}.zone"), str(plain), str(base)])
    ds = Path(f"{base}.ds").read_text().split()
    # "<name>. [ttl] IN DS tag alg digesttype digest": the parent serves it with its own TTL.
    return [f"{name}. 3600 IN DS {' '.join(ds[ds.index('DS') + 1:])}"]


def knot_conf(lab: dict, d: Path) -> str:
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
template:
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
""" + "".join(f"""  - domain: {b['domain']}
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


# ------------------------------------------------------------------------------------ up / down
def status_ok(state: Path) -> tuple[int, int]:
    procs = recorded(state)
    alive = sum(1 for p in procs.values() if pid_alive(p, str(state)))
    return alive, len(procs)


def expected_processes(lab: dict) -> int:
    # supervisor, knotd, unbound, one per business, and what the extensions start
    return 3 + len(lab["businesses"]) + sum(ext.processes(b) for ext in EXTENSIONS if hasattr(ext, "processes")
                                            for b in lab["businesses"])


def cmd_up(state: Path) -> int:
    lab = load_lab()
    for prog in ("openssl", "knotd", "kdig", "unbound", "nginx"):
        need(prog)
    alive, total = status_ok(state)
    config = hashlib.sha256(LAB_JSON.read_bytes() + b"".join(p.read_bytes() for p in case_files()) + SCRIPT.read_bytes()
                            + (LEGACY_TLS.read_bytes() if LEGACY_TLS.exists() else b"")
                            + b"".join(Path(ext.__file__).read_bytes() for ext in EXTENSIONS)).hexdigest()
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
            ds[b["domain"]] = sign_bogus(state, lab, b, serial, dd / "zones")
        else:
            (dd / "zones" / f"{b['domain']}.zone").write_text(child_zone_text(lab, b, serial))
    (dd / "zones" / f"{lab['tld']}.zone").write_text(zone_text(lab, serial, ds))
    (dd / "knot.conf").write_text(knot_conf(lab, dd))
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


def port_busy(addr: str, port: int) -> bool:
    s = socket.socket()
    try:
        s.settimeout(0.2)
        return s.connect_ex((addr, port)) == 0
    finally:
        s.close()


def lab_answers(lab: dict) -> bool:
    first = lab["businesses"][0]["domain"]
    r = subprocess.run(["kdig", f"@{lab['dns']['resolver']}", first, "A", "+time=1", "+retry=0", "+short"],
                       capture_output=True, text=True)
    return r.returncode == 0 and lab["businesses"][0]["address"] in r.stdout


def start_host(state: Path, lab: dict, b: dict, pki: dict | None, now: dt.datetime) -> None:
    p = b.get("plant", {})
    hd = state / "hosts" / b["domain"]
    (hd / "logs").mkdir(parents=True, exist_ok=True)
    kind = p.get("server", "nginx")
    name = "host-" + b["domain"]
    if kind == "tarpit":
        spawn(state, name, [sys.executable, str(SCRIPT), "_tarpit", "--state", str(state),
                            "--addr", b["address"], "--ports", "80,443"], hd / "logs" / "tarpit.log")
        return
    if kind == "legacy_tls":
        # A greeting-level simulation of an old SSL 3.0/TLS 1.0 server on 443 only (see
        # legacy_tls.py); nothing listens on port 80. Its RSA certificate is a real one from the CA.
        key_kind = p.get("key", "ec256")
        if not key_kind.startswith("rsa"):
            raise LabError(f"{b['domain']}: legacy_tls offers RSA suites only; set plant.key to rsa2048 (or another rsa*)")
        cfg = {"address": b["address"], "port": 443, "domain": b["domain"], "cert": str(pki["cert"]),
               "key": str(pki["key"]), "rsa_bits": int(key_kind[3:])}
        (hd / "server.json").write_text(json.dumps(cfg, indent=1))
        spawn(state, name, [sys.executable, str(LEGACY_TLS), "--state", str(state),
                            "--config", str(hd / "server.json")], hd / "logs" / "legacy_tls.log")
        return
    root = write_docroot(b, hd, now)
    if kind == "python_tls":
        cfg = {"address": b["address"], "domain": b["domain"], "cert": str(pki["cert"]),
               "key": str(pki["key"]), "root": str(root), "headers": effective_headers(b),
               "ciphers": p.get("tls", {}).get("ciphers", GOOD_EC_CIPHERS),
               "allow_client_renegotiation": p.get("tls", {}).get("allow_client_renegotiation", False)}
        (hd / "server.json").write_text(json.dumps(cfg, indent=1))
        spawn(state, name, [sys.executable, str(SCRIPT), "_tlsserver", "--state", str(state),
                            "--config", str(hd / "server.json")], hd / "logs" / "server.log")
        return
    if kind != "nginx":
        raise LabError(f"{b['domain']}: unknown server kind {kind}")
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (hd / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    t = p.get("tls", {})
    if t.get("dhparam"):
        (hd / "dhparam.pem").write_text(lab["dhparams"][t["dhparam"]])
    conf = hd / "nginx.conf"
    conf.write_text(nginx_conf(b, hd, pki, root))
    env = dict(os.environ)
    if t.get("seclevel0"):
        (hd / "openssl.cnf").write_text(OPENSSL_SECLEVEL0)
        env["OPENSSL_CONF"] = str(hd / "openssl.cnf")
    r = subprocess.run([need("nginx"), "-t", "-q", "-p", f"{hd}/", "-c", str(conf)],
                       capture_output=True, text=True, env=env)
    if r.returncode != 0:
        stop_all(state, quiet=True)
        raise LabError(f"nginx config for {b['domain']} is invalid:\n{r.stderr}")
    spawn(state, name, [need("nginx"), "-p", f"{hd}/", "-c", str(conf)], hd / "logs" / "nginx.out", env=env)


# ------------------------------------------------------------------------------------ servers
def serve_tarpit(addr: str, ports: list[int]) -> None:
    """Accept TCP connections and never answer: every probe times out. Reads and discards what
    the client sends; closes a connection only when the client does, after 10 minutes, or when
    more than 400 are held (oldest first)."""
    import selectors
    check_loopback(addr, "tarpit")
    sel = selectors.DefaultSelector()
    for port in ports:
        ls = socket.socket()
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind((addr, port))
        ls.listen(128)
        ls.setblocking(False)
        sel.register(ls, selectors.EVENT_READ, "listen")
    held: dict[socket.socket, float] = {}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        for key, _ in sel.select(timeout=5):
            s = key.fileobj
            if key.data == "listen":
                try:
                    c, _peer = s.accept()
                except OSError:
                    continue
                c.setblocking(False)
                held[c] = time.time()
                sel.register(c, selectors.EVENT_READ, "conn")
                if len(held) > 400:
                    oldest = min(held, key=held.get)
                    sel.unregister(oldest)
                    oldest.close()
                    del held[oldest]
            else:
                try:
                    data = s.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    sel.unregister(s)
                    s.close()
                    held.pop(s, None)
        now = time.time()
        for c in [c for c, t0 in held.items() if now - t0 > 600]:
            sel.unregister(c)
            c.close()
            del held[c]


def serve_tls(cfg_path: str) -> None:
    """A small HTTPS + HTTP server (Python's ssl, i.e. the system OpenSSL) with the baseline web
    behaviour, for a TLS setting nginx refuses to plant: client-initiated renegotiation (OpenSSL 3
    refuses it unless SSL_OP_ALLOW_CLIENT_RENEGOTIATION is set; nginx also refuses it itself).
    Python's ssl cannot staple OCSP: this host has no stapling."""
    import socketserver
    import ssl
    cfg = json.loads(Path(cfg_path).read_text())
    check_loopback(cfg["address"], "tlsserver")
    root = Path(cfg["root"])
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cfg["cert"], cfg["key"])
    ctx.set_ciphers(cfg["ciphers"])
    ctx.set_ecdh_curve("prime256v1")  # one good group (Python's ssl cannot set a group list)
    ctx.options |= ssl.OP_CIPHER_SERVER_PREFERENCE | ssl.OP_NO_COMPRESSION
    if cfg["allow_client_renegotiation"]:
        ctx.options |= 0x00000100  # SSL_OP_ALLOW_CLIENT_RENEGOTIATION (OpenSSL 3)

    def respond(conn, tls: bool) -> None:
        conn.settimeout(20)
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 16384:
            chunk = conn.recv(4096)
            if not chunk:
                return
            data += chunk
        line = data.split(b"\r\n", 1)[0].decode("latin-1").split()
        path = line[1] if len(line) >= 2 else "/"
        host = cfg["domain"]
        if not tls:
            status, ctype, body = "301 Moved Permanently", "text/html", b"<html><body>301</body></html>\n"
            extra = [("Location", f"https://{host}{path}")]
        else:
            extra = [(k, v) for k, v in cfg["headers"]]
            path = path.split("?", 1)[0]
            f = root / ("index.html" if path == "/" else path.lstrip("/"))
            if ".." not in path and f.is_file():
                status, body = "200 OK", f.read_bytes()
                ctype = "text/plain; charset=utf-8" if f.suffix == ".txt" else "text/html; charset=utf-8"
            else:
                status, ctype, body = "404 Not Found", "text/html", b"<html><body>404</body></html>\n"
        hdrs = [("Content-Type", ctype), ("Content-Length", str(len(body))), ("Connection", "close")] + extra
        head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in hdrs) + "\r\n"
        conn.sendall(head.encode("latin-1") + (body if line and line[0] != "HEAD" else b""))

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            try:
                if self.server.server_address[1] == 443:
                    self.request.settimeout(20)
                    with ctx.wrap_socket(self.request, server_side=True) as s:
                        respond(s, True)
                        try:
                            s.unwrap()
                        except (OSError, ValueError):
                            pass
                else:
                    respond(self.request, False)
            except (OSError, ssl.SSLError, ValueError):
                pass

    class Server(socketserver.ThreadingTCPServer):
        allow_reuse_address = True
        daemon_threads = True
        request_queue_size = 128

    import threading
    servers = [Server((cfg["address"], port), Handler) for port in (80, 443)]
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    servers[0].serve_forever()


# ------------------------------------------------------------------------------------ CLI
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
