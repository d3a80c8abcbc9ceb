"""Weerbaar lab extension: the mail policy of each business in DNS (MX, SPF, DMARC, DKIM,
MTA-STS, TLS-RPT) and its MTA-STS policy web host. See EXTENSIONS in lab.py for the hooks.

A business without plant.mail sends and receives no mail: null MX, "v=spf1 -all" and a DMARC
reject policy, which the mail policy checks pass.

A business with plant.mail is a mail domain; every key has a good default ("{d}" in a string
stands for the domain):
  mx        list of {"host", "preference"}; [] for no MX at all; "null" for the null MX
  spf       the apex SPF record, or null for none
  extra_txt more apex TXT strings (a second SPF record, ...)
  extra_rows more zone rows, fully qualified (an include chain under the domain, ...)
  dmarc     the _dmarc record, or null
  dkim      {selector: record}, or null for none
  mta_sts   null for none, or {"txt": record or null, "policy": text or null (then the web host
            answers 404), "mode", "max_age", "mx": [patterns], "cert": make_cert knobs}
  tls_rpt   the _smtp._tls record, or null
  servers   the mail servers themselves: lab_mail_servers.py's, ignored here

The MTA-STS web host mta-sts.<domain> listens on the business address with the second octet
62 (127.60.a.b -> 127.62.a.b), port 443, served by this file run as a small HTTPS server.

Run as a program: serve ADDR CERT KEY POLICYFILE (POLICYFILE "-" for none: everything is 404)."""
from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_MX = [{"host": "mx1.mailhoster.test", "preference": 10}]
DEFAULT_SPF = "v=spf1 mx -all"
DEFAULT_DMARC = "v=DMARC1; p=reject; rua=mailto:dmarc@{d}"
DEFAULT_TLS_RPT = "v=TLSRPTv1; rua=mailto:tlsrpt@{d}"
DEFAULT_MTA_STS_TXT = "v=STSv1; id=20250101T000000"
# A real RSA-2048 public key (SubjectPublicKeyInfo, base64), generated once for the lab.
RSA2048_PUBLIC = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyAz1wbzuHt2SAPAi2ce7MX9PDt6vuPowPPinYsET3Oc1bLKnD/eW"
    "/6Gozj+cGn4Bsn/c3CMOC+mJ4MHS9vQkO0/7E70sTCQKZQ4JD+FTZcfv/9xjeuv9per9jyQkIc5hTECHbMlEYiQ/KpZuBNWa/P"
    "DkaJ6smyA6O3fq+BdP97PUSUlZkyevpQsq9v6m8MxU0ZKbEMCZ206JspZb7lN2Z69FTrS2uwHQ/Sv0Wwj1xtTcZ4xUv/Zd8fHi"
    "ahBhFuqaGEMST/tnESDMDErERRImM7mcttEi1DdsRgydezCCiSnWJbqeC3U025Cr+BOm4prIfGK2GwOJhwHMz/85zlVY7QIDAQAB")
# A 512-bit one, for the case of a key too short to trust.
RSA512_PUBLIC = ("MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBANtoBop7/JKEYsXTf24oAvREkeiKTdhfvXYMNbeWfqOn7vJjNctreEvcqYa3Xwmu"
                 "DXOyQEJeKL2aAngQBPkFj98CAwEAAQ==")
DEFAULT_DKIM = {"default": f"v=DKIM1; k=rsa; p={RSA2048_PUBLIC}"}
KEYS = {"{rsa2048}": RSA2048_PUBLIC, "{rsa512}": RSA512_PUBLIC}


def q(s: str) -> str:
    """A TXT rdata: one or more quoted character-strings of at most 255 octets."""
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    parts = [s[i:i + 255] for i in range(0, len(s), 255)] or [""]
    return " ".join(f'"{p}"' for p in parts)


def fill(s: str, d: str) -> str:
    s = s.replace("{d}", d)
    for k, v in KEYS.items():
        s = s.replace(k, v)
    return s


def mail_plant(b: dict) -> dict | None:
    return b.get("plant", {}).get("mail")


def mx_hosts(m: dict) -> list[dict]:
    mx = m.get("mx", DEFAULT_MX)
    return [] if mx == "null" else mx


def sts_plant(b: dict) -> dict | None:
    m = mail_plant(b)
    if m is None:
        return None
    return m.get("mta_sts", {})


def sts_address(b: dict) -> str:
    a = b["address"].split(".")
    return ".".join([a[0], "62", a[2], a[3]])


def addresses(b: dict) -> list[str]:
    """Addresses this module listens on for b, besides b's own (checked for clashes by lab.py)."""
    return [sts_address(b)] if has_sts_host(b) else []


def sts_policy(b: dict) -> str | None:
    s = sts_plant(b)
    d = b["domain"]
    if "policy" in s:
        return None if s["policy"] is None else fill(s["policy"], d)
    patterns = s.get("mx", [h["host"] for h in mx_hosts(mail_plant(b))])
    lines = ["version: STSv1", f"mode: {s.get('mode', 'enforce')}"]
    lines += [f"mx: {p}" for p in patterns]
    lines.append(f"max_age: {s.get('max_age', 1209600)}")
    return fill("\r\n".join(lines) + "\r\n", d)


def has_sts_host(b: dict) -> bool:
    return sts_plant(b) is not None


def zone_rows(b: dict) -> list[str]:
    d = b["domain"]
    m = mail_plant(b)
    if m is None:
        return [f"{d}. IN MX 0 .",
                f"{d}. IN TXT {q('v=spf1 -all')}",
                f"_dmarc.{d}. IN TXT {q(f'v=DMARC1; p=reject; rua=mailto:dmarc@{d}')}"]
    rows = []
    if m.get("mx", DEFAULT_MX) == "null":
        rows.append(f"{d}. IN MX 0 .")
    for h in mx_hosts(m):
        rows.append(f"{d}. IN MX {h.get('preference', 10)} {h['host']}.")
    spf = m.get("spf", DEFAULT_SPF)
    if spf is not None:
        rows.append(f"{d}. IN TXT {q(fill(spf, d))}")
    for t in m.get("extra_txt", []):
        rows.append(f"{d}. IN TXT {q(fill(t, d))}")
    rows += [fill(r, d) for r in m.get("extra_rows", [])]
    dmarc = m.get("dmarc", DEFAULT_DMARC)
    if dmarc is not None:
        rows.append(f"_dmarc.{d}. IN TXT {q(fill(dmarc, d))}")
    for selector, record in (m.get("dkim", DEFAULT_DKIM) or {}).items():
        rows.append(f"{selector}._domainkey.{d}. IN TXT {q(fill(record, d))}")
    s = sts_plant(b)
    if s is not None:
        txt = s.get("txt", DEFAULT_MTA_STS_TXT)
        if txt is not None:
            rows.append(f"_mta-sts.{d}. IN TXT {q(fill(txt, d))}")
        rows.append(f"mta-sts.{d}. IN A {sts_address(b)}")
    rpt = m.get("tls_rpt", DEFAULT_TLS_RPT)
    if rpt is not None:
        rows.append(f"_smtp._tls.{d}. IN TXT {q(fill(rpt, d))}")
    return rows


def endpoints(b: dict) -> list[tuple[str, int]]:
    return [(sts_address(b), 443)] if has_sts_host(b) else []


def processes(b: dict) -> int:
    return 1 if has_sts_host(b) else 0


def start(ctx, b: dict) -> None:
    if not has_sts_host(b):
        return
    addr = sts_address(b)
    ctx.check_loopback(addr, f"mta-sts.{b['domain']}")
    hd = ctx.host_dir(b) / "mta-sts"
    host = {"domain": f"mta-sts.{b['domain']}", "organisation": b.get("organisation", b["domain"]),
            "plant": {"cert": sts_plant(b).get("cert", {}), "tls": {"ocsp": False}}}
    pki = ctx.make_cert(host, hd)
    policy = sts_policy(b)
    policy_file = hd / "mta-sts.txt"
    if policy is None:
        policy_file.unlink(missing_ok=True)
        arg = "-"
    else:
        policy_file.write_text(policy, encoding="utf-8")
        arg = str(policy_file)
    ctx.spawn(f"mta-sts-{b['domain']}",
              [sys.executable, str(Path(__file__).resolve()), "serve", addr, str(pki["cert"]), str(pki["key"]), arg],
              ctx.host_dir(b) / "logs" / "mta-sts.log")


def serve(addr: str, cert: str, key: str, policy_file: str) -> None:
    import http.server
    import ssl

    body = None if policy_file == "-" else Path(policy_file).read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "lab-mta-sts"
        sys_version = ""

        def do_GET(self):  # noqa: N802 (the standard library's name)
            if self.path == "/.well-known/mta-sts.txt" and body is not None:
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_error(404)

    httpd = http.server.ThreadingHTTPServer((addr, 443), Handler)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    httpd.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "serve":
        serve(*sys.argv[2:])
    else:
        sys.exit(__doc__)
