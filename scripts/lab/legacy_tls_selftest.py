#!/usr/bin/env python3
"""Self-test for scripts/lab/legacy_tls.py: sends hand-built ClientHellos to the running lab host
(the business with plant.server == "legacy_tls" in lab/lab.json, or --addr) and checks the answers.
Debian's openssl has no -ssl3 and no 3DES, so this is how the SSL 3.0 side is checked by hand.

  python3 scripts/lab/lab.py up
  python3 scripts/lab/legacy_tls_selftest.py [--addr 127.60.0.45] [--port 443] [--state .lab] [-v]

Exit status 0 when every case passes. Python 3 standard library only; loopback addresses only.
"""
from __future__ import annotations

import argparse
import base64
import ipaddress
import json
import os
import socket
import struct
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SSL3, TLS1_0, TLS1_2 = 0x0300, 0x0301, 0x0303
SCSV_RENEGO = 0x00FF
DES3, AES128_SHA, ECDHE_AES128_SHA, RC4_SHA = 0x000A, 0x002F, 0xC013, 0x0005
AES128_GCM, ECDHE_AES128_GCM = 0x009C, 0xC02F
X25519, SECP256R1, SECP224R1, SECP192R1 = 29, 23, 21, 19


# ------------------------------------------------------------------------------------ building
def client_hello(legacy_version: int, suites: list[int], compression=(0,), groups=None,
                 supported_versions=None, extensions: bool = True, sni: str = "") -> bytes:
    body = struct.pack(">H", legacy_version) + os.urandom(32) + b"\x00"
    body += struct.pack(">H", 2 * len(suites)) + b"".join(struct.pack(">H", s) for s in suites)
    body += bytes([len(compression)]) + bytes(compression)
    if extensions:
        exts = b""
        if sni:
            name = sni.encode()
            entry = b"\x00" + struct.pack(">H", len(name)) + name
            exts += ext(0, struct.pack(">H", len(entry)) + entry)
        exts += ext(0xFF01, b"\x00")  # renegotiation_info: the server must ignore it
        exts += ext(23, b"")  # extended_master_secret: likewise
        if groups is not None:
            g = b"".join(struct.pack(">H", x) for x in groups)
            exts += ext(10, struct.pack(">H", len(g)) + g)
        exts += ext(11, b"\x01\x00")  # ec_point_formats: uncompressed
        if supported_versions is not None:
            v = b"".join(struct.pack(">H", x) for x in supported_versions)
            exts += ext(43, bytes([len(v)]) + v)
        body += struct.pack(">H", len(exts)) + exts
    return b"\x01" + len(body).to_bytes(3, "big") + body


def ext(etype: int, data: bytes) -> bytes:
    return struct.pack(">HH", etype, len(data)) + data


def records(handshake: bytes, record_version: int, split: int | None = None) -> bytes:
    parts = [handshake] if split is None else [handshake[:split], handshake[split:]]
    return b"".join(struct.pack(">BHH", 22, record_version, len(p)) + p for p in parts)


# ------------------------------------------------------------------------------------ reading
class Answer:
    def __init__(self):
        self.records: list[tuple[int, int, bytes]] = []  # (type, version, fragment)
        self.closed = False
        self.raw = b""

    def handshake_messages(self) -> list[tuple[int, bytes]]:
        hs = b"".join(f for t, _, f in self.records if t == 22)
        out, i = [], 0
        while i + 4 <= len(hs):
            n = int.from_bytes(hs[i + 1:i + 4], "big")
            out.append((hs[i], hs[i + 4:i + 4 + n]))
            i += 4 + n
        return out

    def alert(self) -> tuple[int, int] | None:
        for t, _, f in self.records:
            if t == 21 and len(f) >= 2:
                return f[0], f[1]
        return None


def exchange(addr: str, port: int, data: bytes, until_done: bool = True, timeout: float = 8.0,
             after: bytes | None = None) -> Answer:
    """Send data, read records until ServerHelloDone or an alert (or until the server closes)."""
    a = Answer()
    with socket.create_connection((addr, port), timeout=timeout) as s:
        s.settimeout(timeout)
        if data:
            s.sendall(data)
        end = time.monotonic() + timeout
        buf = b""
        while time.monotonic() < end:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            except ConnectionResetError:
                a.closed = True
                break
            if not chunk:
                a.closed = True
                break
            buf += chunk
            a.raw = buf
            a.records = parse_records(buf)
            msgs = a.handshake_messages()
            if a.alert() is not None:
                break
            if until_done and msgs and msgs[-1][0] == 14:
                if after is None:
                    break
                s.sendall(after)
                after = None  # now read the answer to that (an alert) and the close
                until_done = False
        if not a.closed and a.alert() is not None:
            # After an alert the server must close: check it does so promptly.
            try:
                s.settimeout(3)
                a.closed = s.recv(1) == b""
            except (socket.timeout, ConnectionResetError):
                a.closed = False
    return a


def parse_records(buf: bytes) -> list[tuple[int, int, bytes]]:
    out, i = [], 0
    while i + 5 <= len(buf):
        t, v, n = struct.unpack(">BHH", buf[i:i + 5])
        if i + 5 + n > len(buf):
            break
        out.append((t, v, buf[i + 5:i + 5 + n]))
        i += 5 + n
    return out


def parse_server_hello(body: bytes) -> dict:
    version = struct.unpack(">H", body[0:2])[0]
    sid_len = body[34]
    i = 35 + sid_len
    suite, compression = struct.unpack(">HB", body[i:i + 3])
    return {"version": version, "session_id_len": sid_len, "suite": suite, "compression": compression,
            "extensions": body[i + 3:]}


# ------------------------------------------------------------------------------------ cases
class Failure(Exception):
    pass


def check(cond: bool, what: str) -> None:
    if not cond:
        raise Failure(what)


def expect_greeting(a: Answer, version: int, suite: int, compression: int, cert_der: bytes | None,
                    curve: int | None = None) -> dict:
    check(a.alert() is None, f"unexpected alert {a.alert()}")
    check(all(v == version for _, v, _ in a.records), f"record versions {[hex(v) for _, v, _ in a.records]}")
    msgs = a.handshake_messages()
    types = [t for t, _ in msgs]
    want = [2, 11] + ([12] if curve is not None else []) + [14]
    check(types == want, f"handshake messages {types}, want {want}")
    sh = parse_server_hello(msgs[0][1])
    check(sh["version"] == version, f"ServerHello version {sh['version']:#06x}, want {version:#06x}")
    check(sh["suite"] == suite, f"suite {sh['suite']:#06x}, want {suite:#06x}")
    check(sh["compression"] == compression, f"compression {sh['compression']}, want {compression}")
    check(sh["extensions"] == b"", f"ServerHello carries extensions: {sh['extensions'].hex()}")
    cert_body = msgs[1][1]
    chain_len = int.from_bytes(cert_body[:3], "big")
    leaf_len = int.from_bytes(cert_body[3:6], "big")
    leaf = cert_body[6:6 + leaf_len]
    check(chain_len == len(cert_body) - 3 and leaf_len > 0, "Certificate message does not parse")
    if cert_der is not None:
        check(leaf == cert_der, "the certificate is not the host's cert.pem")
    if curve is not None:
        ske = msgs[2][1]
        check(ske[0] == 3, "ServerKeyExchange curve_type is not named_curve")
        named = struct.unpack(">H", ske[1:3])[0]
        check(named == curve, f"curve {named}, want {curve}")
        plen = ske[3]
        point = ske[4:4 + plen]
        size = {SECP224R1: 28, SECP192R1: 24, SECP256R1: 32}[curve]
        check(plen == 1 + 2 * size and point[0] == 4, f"point of {plen} bytes")
        siglen = struct.unpack(">H", ske[4 + plen:6 + plen])[0]
        check(siglen == 256 and len(ske) == 6 + plen + siglen, f"signature of {siglen} bytes (want 256, no algorithm prefix)")
    check(msgs[-1][1] == b"", "ServerHelloDone not empty")
    return sh


def expect_alert(a: Answer, version: int, description: int) -> None:
    al = a.alert()
    check(al == (2, description), f"alert {al}, want (2, {description})")
    check(not a.handshake_messages(), "handshake messages before the alert")
    rec_versions = [v for t, v, _ in a.records if t == 21]
    check(rec_versions == [version], f"alert record version {[hex(v) for v in rec_versions]}, want {version:#06x}")
    check(a.closed, "the server did not close after the alert")


def expect_closed_silently(a: Answer) -> None:
    check(a.raw == b"", f"the server answered {a.raw[:20].hex()}")
    check(a.closed, "the server did not close")


def run(addr: str, port: int, domain: str, cert_der: bytes | None, verbose: bool) -> int:
    cases = []

    def case(name):
        def deco(fn):
            cases.append((name, fn))
            return fn
        return deco

    @case("SSL 3.0 hello, 3DES only (+ reneg SCSV, no extensions) -> SSL 3.0, 3DES, null, no extensions")
    def _():
        a = exchange(addr, port, records(client_hello(SSL3, [DES3, SCSV_RENEGO], extensions=False), SSL3))
        expect_greeting(a, SSL3, DES3, 0, cert_der)

    @case("SSL 3.0 hello offering ECDHE first -> ECDHE skipped (no ECC in SSL 3.0), AES128-SHA")
    def _():
        a = exchange(addr, port, records(client_hello(SSL3, [ECDHE_AES128_SHA, AES128_SHA], extensions=False), SSL3))
        expect_greeting(a, SSL3, AES128_SHA, 0, cert_der)

    @case("TLS 1.0 hello with DEFLATE -> TLS 1.0, DEFLATE chosen")
    def _():
        a = exchange(addr, port, records(client_hello(TLS1_0, [AES128_SHA, RC4_SHA], compression=(1, 0),
                                                      groups=[X25519, SECP256R1], sni=domain), TLS1_0))
        expect_greeting(a, TLS1_0, AES128_SHA, 1, cert_der)

    @case("TLS 1.2 hello offering everything -> server order: TLS 1.0, 3DES, null compression")
    def _():
        a = exchange(addr, port, records(client_hello(TLS1_2, [RC4_SHA, ECDHE_AES128_SHA, AES128_SHA, DES3],
                                                      groups=[SECP256R1], sni=domain), TLS1_0))
        expect_greeting(a, TLS1_0, DES3, 0, cert_der)

    @case("TLS 1.2 legacy_version, AES-GCM suites only -> handshake_failure in a TLS 1.0 record")
    def _():
        a = exchange(addr, port, records(client_hello(TLS1_2, [AES128_GCM, ECDHE_AES128_GCM], groups=[SECP256R1]), TLS1_0))
        expect_alert(a, TLS1_0, 40)

    @case("TLS 1.3-style hello (supported_versions 1.3, legacy 1.2) with 3DES -> supported_versions ignored, TLS 1.0")
    def _():
        a = exchange(addr, port, records(client_hello(TLS1_2, [0x1301, DES3], supported_versions=[0x0304, 0x0303],
                                                      groups=[X25519]), TLS1_0))
        expect_greeting(a, TLS1_0, DES3, 0, cert_der)

    @case("ECDHE suite only, supported_groups x25519 only -> handshake_failure")
    def _():
        a = exchange(addr, port, records(client_hello(TLS1_0, [ECDHE_AES128_SHA], groups=[X25519]), TLS1_0))
        expect_alert(a, TLS1_0, 40)

    @case("ECDHE suite only, groups x25519, secp256r1, secp192r1, secp224r1 -> secp224r1 (server order), SKE")
    def _():
        a = exchange(addr, port, records(client_hello(TLS1_0, [ECDHE_AES128_SHA],
                                                      groups=[X25519, SECP256R1, SECP192R1, SECP224R1]), TLS1_0))
        expect_greeting(a, TLS1_0, ECDHE_AES128_SHA, 0, cert_der, curve=SECP224R1)

    @case("ECDHE suite only, groups secp256r1, secp192r1 -> secp192r1")
    def _():
        a = exchange(addr, port, records(client_hello(TLS1_0, [ECDHE_AES128_SHA], groups=[SECP256R1, SECP192R1]), TLS1_0))
        expect_greeting(a, TLS1_0, ECDHE_AES128_SHA, 0, cert_der, curve=SECP192R1)

    @case("ECDHE suite only, groups secp256r1 -> secp256r1")
    def _():
        a = exchange(addr, port, records(client_hello(TLS1_0, [ECDHE_AES128_SHA], groups=[SECP256R1]), TLS1_0))
        expect_greeting(a, TLS1_0, ECDHE_AES128_SHA, 0, cert_der, curve=SECP256R1)

    @case("ECDHE + RC4 offered, no shared curve -> ECDHE skipped, RC4")
    def _():
        a = exchange(addr, port, records(client_hello(TLS1_0, [ECDHE_AES128_SHA, RC4_SHA], groups=[X25519]), TLS1_0))
        expect_greeting(a, TLS1_0, RC4_SHA, 0, cert_der)

    @case("ClientHello split over two records -> answered normally")
    def _():
        a = exchange(addr, port, records(client_hello(TLS1_0, [DES3], groups=[SECP256R1], sni=domain), TLS1_0, split=3))
        expect_greeting(a, TLS1_0, DES3, 0, cert_der)

    @case("ClientHello split in the middle of the body -> answered normally")
    def _():
        a = exchange(addr, port, records(client_hello(SSL3, [RC4_SHA], extensions=False), SSL3, split=40))
        expect_greeting(a, SSL3, RC4_SHA, 0, cert_der)

    @case("legacy_version 0x0200 -> protocol_version alert")
    def _():
        a = exchange(addr, port, records(client_hello(0x0200, [DES3], extensions=False), SSL3))
        expect_alert(a, SSL3, 70)

    @case("client continues after ServerHelloDone -> handshake_failure alert, closed")
    def _():
        cke = records(b"\x10" + (258).to_bytes(3, "big") + b"\x01\x00" + os.urandom(256), TLS1_0)
        a = exchange(addr, port, records(client_hello(TLS1_0, [AES128_SHA]), TLS1_0), after=cke)
        check(a.alert() == (2, 40), f"alert {a.alert()} after ClientKeyExchange, want (2, 40)")
        check(a.closed, "not closed after the alert")

    @case("malformed ClientHello (truncated body) -> decode_error alert")
    def _():
        bad = b"\x01\x00\x00\x05\x03\x01\x00\x00\x00"
        a = exchange(addr, port, records(bad, TLS1_0))
        expect_alert(a, TLS1_0, 50)

    @case("garbage (an HTTP request) -> closed without a byte")
    def _():
        expect_closed_silently(exchange(addr, port, b"GET / HTTP/1.0\r\nHost: x\r\n\r\n"))

    @case("a record with random bytes (not a ClientHello) -> closed without a byte")
    def _():
        # A well-formed record header whose handshake message is not a ClientHello (type 0xff).
        expect_closed_silently(exchange(addr, port, b"\x16\x03\x01\x0b\xb8\xff" + os.urandom(2999)))

    @case("SSLv2-format ClientHello -> closed without a byte")
    def _():
        spec = b"\x00\x00\x0a\x07\x00\xc0"  # SSL_CK_DES_192_EDE3_CBC_WITH_MD5
        body = b"\x01\x00\x02" + struct.pack(">HHH", len(spec), 0, 16) + spec + os.urandom(16)
        expect_closed_silently(exchange(addr, port, struct.pack(">H", 0x8000 | len(body)) + body))

    @case("half a record, then silence -> the server closes by itself within its read timeout")
    def _():
        t0 = time.monotonic()
        a = exchange(addr, port, b"\x16\x03\x01\x00\x50\x01", timeout=12)
        check(a.closed and a.raw == b"", "not closed silently")
        check(time.monotonic() - t0 < 11, "took too long")

    @case("80 concurrent connections (SSL 3.0 and TLS 1.0) -> all answered")
    def _():
        errors = []

        def one(i):
            try:
                if i % 2:
                    a = exchange(addr, port, records(client_hello(SSL3, [DES3], extensions=False), SSL3))
                    expect_greeting(a, SSL3, DES3, 0, cert_der)
                else:
                    a = exchange(addr, port, records(client_hello(TLS1_0, [AES128_SHA], compression=(1, 0)), TLS1_0))
                    expect_greeting(a, TLS1_0, AES128_SHA, 1, cert_der)
            except (Failure, OSError) as e:
                errors.append(f"{i}: {e}")
        threads = [threading.Thread(target=one, args=(i,)) for i in range(80)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check(not errors, f"{len(errors)} failed: {errors[:3]}")

    @case("port 80: nothing listens (connection refused)")
    def _():
        s = socket.socket()
        s.settimeout(2)
        try:
            rc = s.connect_ex((addr, 80))
        finally:
            s.close()
        check(rc != 0, "something accepts connections on port 80")

    failed = 0
    for name, fn in cases:
        t0 = time.monotonic()
        try:
            fn()
            status = "ok  "
        except (Failure, OSError) as e:
            failed += 1
            status = f"FAIL ({e})"
        print(f"{status[:4]} {name}" + (f"  [{time.monotonic() - t0:.2f}s]" if verbose else "")
              + (f"\n     {status[5:]}" if status != "ok  " else ""))
    print(f"legacy_tls selftest: {len(cases) - failed}/{len(cases)} passed against {addr}:{port}")
    return 1 if failed else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--addr", help="default: the legacy_tls business of lab/lab.json")
    ap.add_argument("--port", type=int, default=443)
    ap.add_argument("--state", default=str(REPO / ".lab"), help="lab state dir (for the host's cert.pem)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    domain = ""
    addr = a.addr
    lab = json.loads((REPO / "lab" / "lab.json").read_text())
    for b in lab["businesses"]:
        if b.get("plant", {}).get("server") == "legacy_tls" and (addr is None or addr == b["address"]):
            addr, domain = b["address"], b["domain"]
            break
    if addr is None:
        print("no legacy_tls business in lab/lab.json; give --addr", file=sys.stderr)
        return 2
    if ipaddress.ip_address(addr) not in ipaddress.ip_network("127.0.0.0/8"):
        print(f"{addr} is not a loopback address", file=sys.stderr)
        return 2
    cert_der = None
    pem = Path(a.state) / "hosts" / domain / "cert.pem" if domain else None
    if pem and pem.exists():
        b64 = pem.read_text().split("-----BEGIN CERTIFICATE-----")[1].split("-----END CERTIFICATE-----")[0]
        cert_der = base64.b64decode("".join(b64.split()))
    else:
        print("note: the host's cert.pem was not found; the certificate is not compared", file=sys.stderr)
    return run(addr, a.port, domain, cert_der, a.verbose)


if __name__ == "__main__":
    sys.exit(main())
