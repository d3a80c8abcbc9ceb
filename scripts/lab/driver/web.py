"""The business web hosts: content (home page, security.txt, planted files), the baseline security
headers, nginx configuration with the planted TLS settings, and starting each host's server
(nginx, or one of the Python servers for what nginx cannot plant)."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .base import LAB_PY, LEGACY_TLS, LabError, names_of, need
from .procs import spawn, stop_all

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
    # plant.fallback "home": every unknown path answers 200 with the home page (a "soft 404");
    # plant.autoindex: folders nginx lists itself.
    fallback = "/index.html" if p.get("fallback") == "home" else "=404"
    listed = "".join(f"\n        location {path} {{ autoindex on; }}" for path in p.get("autoindex", []))
    web_locations = f"""
        root {root};
        index index.html;
        charset utf-8;
        charset_types text/plain text/html application/javascript;
        location = /.well-known/security.txt {{ default_type text/plain; }}
        location / {{ try_files $uri $uri/ {fallback}; }}{listed}"""
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
        site_lines = lines
        apex_server = ""
        # plant.https_apex "redirect_www": https://domain/ only redirects to https://www.domain/
        # (as many hosting panels set it up), with HSTS and security.txt of its own; the site is
        # served on www. plant.apex_headers "baseline" sends the page's headers on the redirect too.
        if p.get("https_apex") == "redirect_www":
            if not p.get("www"):
                raise LabError(f"{b['domain']}: https_apex redirect_www needs plant.www")
            site_lines = [f"server_name www.{b['domain']};" if l.startswith("server_name ") else l for l in lines]
            apex_lines = [f"server_name {b['domain']};" if l.startswith("server_name ") else l for l in lines]
            baseline = p.get("apex_headers", "hsts") == "baseline"
            apex_hdr = "\n".join(f"        add_header {k} {q(v)} always;" for k, v in BASE_HEADERS.items()
                                 if baseline or k == "Strict-Transport-Security")
            apex_tls = "\n".join("        " + l for l in apex_lines)
            apex_server = f"""
    server {{
{apex_tls}
{apex_hdr}
        root {root};
        location = /.well-known/security.txt {{ default_type text/plain; }}
        location / {{ return 301 https://www.{b['domain']}$request_uri; }}
    }}"""
        tls_lines = "\n".join("        " + l for l in site_lines)
        https_server = f"""
    server {{
{tls_lines}
{hdr_lines}{web_locations}
    }}""" + apex_server
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


def start_host(state: Path, lab: dict, b: dict, pki: dict | None, now: dt.datetime) -> None:
    p = b.get("plant", {})
    hd = state / "hosts" / b["domain"]
    (hd / "logs").mkdir(parents=True, exist_ok=True)
    kind = p.get("server", "nginx")
    name = "host-" + b["domain"]
    if kind == "hostile":
        return  # the whole host is lab_hostile.py's (a misbehaving server: see that file)
    if kind == "tarpit":
        spawn(state, name, [sys.executable, str(LAB_PY), "_tarpit", "--state", str(state),
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
        spawn(state, name, [sys.executable, str(LAB_PY), "_tlsserver", "--state", str(state),
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
