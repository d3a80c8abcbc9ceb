#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz harnesses (tests/fuzz/corpus/<harness>/).

Run once by hand when a harness is added; the seeds are committed. Real bytes where the machine
can make them without a network: TLS server flights from `openssl s_server` on 127.62.2.1 (the
fuzz helper's lab block) answering a ClientHello written by Python's ssl module, and a
certificate from `openssl req`. The rest are the shapes the unit tests and the lab use.
Python 3 standard library and the openssl command only; nothing leaves loopback.
"""
from __future__ import annotations

import hashlib
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"


def put(harness: str, name: str, data: bytes | str) -> None:
    d = CORPUS / harness
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data.encode() if isinstance(data, str) else data)


# ------------------------------------------------------------------------------------ TLS
def client_hello(max_version: ssl.TLSVersion) -> bytes:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.maximum_version = max_version
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(incoming, outgoing, server_hostname="fuzz.test")
    try:
        obj.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return outgoing.read()


def server_flight(tmp: Path, key_args: list[str], extra: list[str], hello: bytes, port: int) -> bytes:
    key, cert = tmp / f"k{port}.pem", tmp / f"c{port}.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", *key_args, "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "30", "-subj", "/CN=fuzz.test", "-addext", "subjectAltName=DNS:fuzz.test"],
                   check=True, capture_output=True)
    srv = subprocess.Popen(["openssl", "s_server", "-accept", f"127.62.2.1:{port}", "-key", str(key), "-cert",
                            str(cert), "-quiet", "-naccept", "1", *extra],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                s = socket.create_connection(("127.62.2.1", port), timeout=2)
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("s_server did not start")
        s.sendall(hello)
        data = b""
        s.settimeout(1.0)
        try:
            while len(data) < 65536:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except socket.timeout:
            pass
        s.close()
        return data
    finally:
        srv.kill()
        srv.wait()


def tls_seeds(tmp: Path) -> None:
    h12, h13 = client_hello(ssl.TLSVersion.TLSv1_2), client_hello(ssl.TLSVersion.TLSv1_3)
    ec = ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
    put("tls_server_flight", "tls12_ecdsa_flight", server_flight(tmp, ec, ["-tls1_2"], h12, 44301))
    put("tls_server_flight", "tls12_rsa_flight", server_flight(tmp, ["rsa:2048"], ["-tls1_2"], h12, 44302))
    put("tls_server_flight", "tls13_server_hello", server_flight(tmp, ec, ["-tls1_3"], h13, 44303))
    put("tls_server_flight", "alert_protocol_version", server_flight(tmp, ec, ["-tls1_3"], h12, 44304))
    # A HelloRetryRequest: the fixed random of RFC 8446 §4.1.3, asking for secp256r1.
    hrr_random = bytes.fromhex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")
    exts = struct.pack(">HHH", 43, 2, 0x0304) + struct.pack(">HHH", 51, 2, 23)
    body = struct.pack(">H", 0x0303) + hrr_random + b"\x20" + b"\x11" * 32 + struct.pack(">HB", 0x1301, 0)
    body += struct.pack(">H", len(exts)) + exts
    hs = b"\x02" + struct.pack(">I", len(body))[1:] + body
    put("tls_server_flight", "hello_retry_request", b"\x16\x03\x03" + struct.pack(">H", len(hs)) + hs)
    key, cert = tmp / "k44301.pem", tmp / "c44301.pem"
    der = subprocess.run(["openssl", "x509", "-in", str(cert), "-outform", "DER"], check=True,
                         capture_output=True).stdout
    put("certificate", "ecdsa_p256", der)
    der_rsa = subprocess.run(["openssl", "x509", "-in", str(tmp / "c44302.pem"), "-outform", "DER"], check=True,
                             capture_output=True).stdout
    put("certificate", "rsa_2048", der_rsa)
    # TLSA: "rdata\0certificate": 3 1 1 over the SHA-256 of the whole certificate, and 2 0 0 full.
    put("tlsa", "dane_ee_sha256", bytes([3, 1, 1]) + hashlib.sha256(der).digest() + b"\0" + der)
    put("tlsa", "dane_ta_full", bytes([2, 0, 0]) + der_rsa + b"\0" + der_rsa)
    put("tlsa", "dane_ee_sha512", bytes([3, 0, 2]) + hashlib.sha512(der).digest() + b"\0" + der)


# ------------------------------------------------------------------------------------ web
def http_seeds() -> None:
    put("http_response", "hardened_200",
        "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 118\r\n"
        "Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n"
        "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'\r\n"
        "X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\n\r\n"
        "<!doctype html><html><head><script src=\"/app.js\" integrity=\"sha384-abc\"></script></head>"
        "<body>Hallo</body></html>")
    put("http_response", "redirect_301",
        "HTTP/1.1 301 Moved Permanently\r\nServer: nginx/1.22.1\r\nLocation: https://example.nl/\r\n"
        "Content-Length: 0\r\n\r\n")
    put("http_response", "chunked_cookies_cors",
        "HTTP/1.1 200 OK\r\nServer: Apache/2.4.57 (Debian)\r\nX-Powered-By: PHP/7.4.33\r\n"
        "Set-Cookie: PHPSESSID=abc; path=/\r\nSet-Cookie: pref=1; Secure; HttpOnly; SameSite=Lax; Max-Age=3600\r\n"
        "Access-Control-Allow-Origin: https://weerbaar-cors-probe.invalid\r\nAccess-Control-Allow-Credentials: true\r\n"
        "Transfer-Encoding: chunked\r\n\r\n1a\r\n<html><body>hoi</body></ht\r\n3\r\nml>\r\n0\r\n\r\n")
    put("http_response", "security_txt",
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nContact: mailto:security@example.nl\r\n"
        "Expires: 2030-01-01T00:00:00Z\r\n")
    put("hsts", "good", "max-age=31536000; includeSubDomains; preload")
    put("hsts", "quoted", 'max-age="63072000"; includesubdomains')
    put("hsts", "repeated", "max-age=1; max-age=2")
    put("hsts", "huge", "max-age=999999999999999999999999999")
    put("csp", "strict", "default-src 'self'; script-src 'nonce-abc' 'strict-dynamic'; object-src 'none'")
    put("csp", "two_policies", "default-src *; script-src 'unsafe-inline' 'unsafe-eval' https: data:, frame-ancestors 'none'")
    put("csp", "fallback", "script-src-elem https://cdn.example; default-src 'self' https://*; report-uri /csp")
    put("set_cookie", "secure", "id=a3fWa; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Secure; HttpOnly; SameSite=Strict")
    put("set_cookie", "max_age", "sess=1; Max-Age=-5; samesite=none; secure")
    put("set_cookie", "odd", "=novalue; ; Path=/;;HttpOnly=yes; SameSite=bogus")
    put("html", "scripts",
        "<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;self&#39;\">"
        "<script src='https://cdn.example/x.js' integrity=\"sha384-&#x41;bc\" crossorigin></script>"
        "<!-- <script src=/old.js></script> --><style>a{}</style><script>var s='<meta x>';</script>"
        "<script src=/a.js?x=1&amp;y=2 async></script></head><body><a href=\"/x\">x</a></body></html>")
    put("html", "broken", "<scr<script src=\"a<meta content='x'><!--><scRIPT SRC=b.js defer/>&#65;&#x7f;&amp")
    put("html", "entities", "&amp;&lt;&gt;&quot;&apos;&#39;&#x3c;&#0;&#99999999999;&;&&&")
    put("security_txt", "valid", "Contact: mailto:security@example.nl\nExpires: 2030-12-31T23:59:59Z\n"
        "Preferred-Languages: nl, en\nCanonical: https://example.nl/.well-known/security.txt\n")
    put("security_txt", "signed", "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n"
        "# Our policy\nContact: https://example.nl/security\nExpires: 2030-01-01T00:00:00.5+01:00\n"
        "-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE\n-----END PGP SIGNATURE-----\n")
    put("security_txt", "broken", "Contact:\nExpires: tomorrow\nExpires: 2020-02-30T25:61:61Z\r\nnot a field\n")
    put("url", "redirect", "https://Example.NL:8443/a/b?c=d#frag\0../x/./y?z")
    put("url", "ipv6", "http://[::1]:8080/\0//cdn.example.nl/lib.js")
    put("url", "schemes", "https://example.nl\0javascript:alert(1)")
    put("url", "userinfo", "https://user:pass@example.nl:65535/%2e%2e/\0?only-query")


# ------------------------------------------------------------------------------------ mail, dns
def mail_seeds() -> None:
    put("spf_record", "typical", "v=spf1 mx a:mail.%{d} ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example.com -all")
    put("spf_record", "macros", "v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} redirect=%{d2}.example exp=explain.%{d}")
    put("spf_record", "explanation", "%{S} tried %{i} at %{t} via %{r}: see %{c} %% %_ %-")
    put("spf_record", "broken", "v=spf1 ip4:1.2.3.4/33 a//129 mx:%{z} ?ptr ~exists: redirect= foo=bar")
    put("spf_check_host", "include_chain",
        "example.com TXT v=spf1 include:a.example.com mx -all\n"
        "a.example.com TXT v=spf1 a:%{d} ip4:192.0.2.0/24 ~all\n"
        "a.example.com A 192.0.2.9\nexample.com MX mail.example.com\nmail.example.com A 192.0.2.3\n")
    put("spf_check_host", "loop_and_exp",
        "example.com TXT v=spf1 include:example.com redirect=b.example.com exp=e.example.com\n"
        "b.example.com TXT v=spf1 ptr -all\ne.example.com TXT %{i} is not allowed\n"
        "3.2.0.192.in-addr.arpa PTR mail.example.com\nmail.example.com CNAME b.example.com\n"
        "x.example.com TIMEOUT\n")
    put("spf_check_host", "ipv6", "example.com TXT v=spf1 ip6:2001:db8::/64 aaaa -all\n"
        "example.com AAAA 2001:db8::3\nexample.com TXT v=spf1 -all\n")
    put("dmarc", "reject", "v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@example.nl,mailto:x@y.nl!10m; pct=50")
    put("dmarc", "bad", "p=none; v=DMARC1; pct=1000; p=reject;;")
    put("dkim", "rsa", "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/"
        "zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhitdY9tf6mcwGjaNBcWT"
        "ocNK/gfgUCNp53yQGbkQIDAQAB")
    put("dkim", "revoked", "v=DKIM1; p=")
    put("dkim", "ed25519", "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
    put("mta_sts", "record", "v=STSv1; id=20240101T000000;")
    put("mta_sts", "policy", "version: STSv1\r\nmode: enforce\r\nmx: mail.example.nl\r\nmx: *.example.net\r\nmax_age: 604800\r\n")
    put("mta_sts", "testing", "version: STSv1\nmode: testing\nmx: *.\nmax_age: 99999999999999999999\n")
    put("tls_rpt", "record", "v=TLSRPTv1; rua=mailto:tlsrpt@example.nl,https://report.example.nl/v1")
    put("tls_rpt", "bad", "v=TLSRPTv1;rua=ftp://x; rua=mailto:")
    put("dns_rdata", "caa_issue", b"\x00\x05issueletsencrypt.org")
    put("dns_rdata", "caa_iodef", b"\x80\x05iodefmailto:security@example.nl")
    put("dns_rdata", "mx_name", b"\x00\x0a\x04mail\x07example\x02nl\x00")
    put("dns_rdata", "txt_strings", b"\x0bv=spf1 -all\x05 more")
    put("dns_rdata", "aaaa", bytes.fromhex("20010db8000000000000000000000001"))
    put("dns_rdata", "a", bytes([192, 0, 2, 1]))
    put("smtp_reply", "greeting_ehlo", "220 mail.example.nl ESMTP Postfix (Debian/GNU)\r\n"
        "250-mail.example.nl\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n"
        "250 8BITMIME\r\n220 2.0.0 Ready to start TLS\r\n")
    put("smtp_reply", "bare_lf_mixed", "220-hello\n220-more\n221 bye\n554 5.7.1 no\r\n250")
    put("smtp_reply", "mismatch", "250-a\r\n251 b\r\n")


def banner_seeds() -> None:
    mysql = b"\x0a8.0.36-0ubuntu0.22.04.1\0" + struct.pack("<I", 42) + b"abcdefgh\0" + struct.pack("<H", 0xffff)
    mysql += b"\xff" + struct.pack("<H", 2) + struct.pack("<H", 0xdfff) + b"\x15" + b"\0" * 10
    mysql += b"ijklmnopqrst\0caching_sha2_password\0"
    put("service_banner", "mysql", struct.pack("<I", len(mysql))[:3] + b"\x00" + mysql)
    put("service_banner", "ftp", "220 (vsFTPd 3.0.3)\r\n")
    put("service_banner", "telnet", b"\xff\xfd\x18\xff\xfd\x20\xff\xfb\x01\xff\xfb\x03\r\nkoelcel-ctrl login: ")
    put("service_banner", "vnc", "RFB 003.008\n")
    put("service_banner", "redis", "-NOAUTH Authentication required.\r\n")
    put("service_banner", "redis_open", "+PONG\r\n")
    put("service_banner", "memcached", "VERSION 1.6.21\r\n")
    put("service_banner", "elasticsearch", "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n"
        "{\"name\":\"node\",\"cluster_name\":\"es\",\"version\":{\"number\":\"8.11.1\"},\"tagline\":\"You Know, for Search\"}")
    put("service_banner", "docker", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nApi-Version: 1.43\r\n\r\n"
        "{\"Platform\":{\"Name\":\"Docker Engine - Community\"},\"Version\":\"24.0.7\",\"ApiVersion\":\"1.43\"}")
    put("service_banner", "postgresql", b"N")
    put("service_banner", "rdp", bytes.fromhex("0300001302f0800e0e000000000000000000"))
    put("service_banner", "ssh", "SSH-2.0-OpenSSH_7.4\r\n")
    put("service_banner", "ssh_portable", "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
    put("service_banner", "ftp_proftpd", "220 ProFTPD 1.3.5a Server (ProFTPD Default Installation) [192.0.2.1]\r\n")


def main() -> int:
    with tempfile.TemporaryDirectory() as t:
        tls_seeds(Path(t))
    http_seeds()
    mail_seeds()
    banner_seeds()
    for d in sorted(CORPUS.iterdir()):
        print(f"{d.name}: {len(list(d.iterdir()))} seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
