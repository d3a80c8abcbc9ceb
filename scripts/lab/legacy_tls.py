#!/usr/bin/env python3
"""Weerbaar lab: a greeting-level simulation of an old TLS server (an old shop till or NAS admin
page from around 2010), for weaknesses Debian's OpenSSL 3 cannot plant at all: SSL 3.0, 3DES and
RC4 suites, TLS compression, a ServerHello without renegotiation_info (RFC 5746) and weak ECDHE
curves (secp224r1, secp192r1).

What it does, per connection on <address>:443 (127.0.0.0/8 only; nothing listens on port 80):
  1. reads the client's ClientHello (SSL 3.0/TLS record layer; the hello may be split over several
     records). An SSLv2-format hello, another record type or anything that is not TLS: the
     connection is closed without a word. A ClientHello that does not parse: decode_error alert.
  2. negotiates like an old server: versions SSL 3.0 and TLS 1.0 only, the highest <= the client's
     legacy_version (supported_versions is ignored: an old server does not know it; below SSL 3.0:
     protocol_version alert). Suites in the server's own order:
        TLS_RSA_WITH_3DES_EDE_CBC_SHA (0x000a), TLS_RSA_WITH_AES_128_CBC_SHA (0x002f),
        TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (0xc013), TLS_RSA_WITH_RC4_128_SHA (0x0005).
     The ECDHE suite is only eligible in TLS 1.0 (RFC 4492 defines no ECC for SSL 3.0) and only when
     the client's supported_groups names a curve the server "has": secp224r1 (21), secp192r1 (19),
     secp256r1 (23), in that order of preference; otherwise the server skips it, as a real OpenSSL
     of that time did. No suite: handshake_failure alert. Compression: DEFLATE when the client
     offers it, else null. TLS_EMPTY_RENEGOTIATION_INFO_SCSV is ignored.
  3. answers ServerHello (no extensions at all: no renegotiation_info, no extended_master_secret,
     no ec_point_formats), Certificate (the host's real RSA certificate from the lab CA),
     for ECDHE a ServerKeyExchange (named_curve, the curve's generator as the "public point",
     and a signature of the right length that is NOT a real signature), and ServerHelloDone:
     one handshake message per record, records of the negotiated version.
  4. waits up to 5 s: a client that continues (ClientKeyExchange, ...) gets a handshake_failure
     alert; the simulation stops at the greeting. Then it closes.

So no handshake ever completes: a client sees the certificate, but cannot fetch a page, verify
stapling, renegotiate or resume. Every read has a timeout; a connection lives at most ~20 s;
at most MAX_CONNECTIONS at once (more are closed at once). Python 3 standard library only.

Usage: legacy_tls.py --config server.json [--state DIR]
  server.json: {"address": "127.60.0.45", "port": 443, "domain": "...", "cert": "cert.pem"}
  (--state is only carried on the command line so that lab.py recognises its own process.)
"""
from __future__ import annotations

import argparse
import base64
import ipaddress
import json
import os
import signal
import socket
import struct
import sys
import threading
import time

READ_TIMEOUT = 5.0         # every single read
CONNECTION_LIFETIME = 20.0  # a whole connection, whatever the client does
AFTER_GREETING_WAIT = 5.0  # how long to wait for the client after ServerHelloDone
MAX_HELLO = 64 * 1024      # a ClientHello larger than this is not read
MAX_CONNECTIONS = 512

SSL3, TLS1_0 = 0x0300, 0x0301

# Record content types, handshake message types, alerts.
CT_ALERT, CT_HANDSHAKE = 21, 22
HS_CLIENT_HELLO, HS_SERVER_HELLO, HS_CERTIFICATE, HS_SERVER_KEY_EXCHANGE, HS_SERVER_HELLO_DONE = 1, 2, 11, 12, 14
ALERT_HANDSHAKE_FAILURE, ALERT_DECODE_ERROR, ALERT_PROTOCOL_VERSION = 40, 50, 70

# The server's suites in its own order: (id, name, ECDHE?).
SERVER_SUITES = [
    (0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", False),
    (0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", False),
    (0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", True),
    (0x0005, "TLS_RSA_WITH_RC4_128_SHA", False),
]
# The curves it "supports", in its own order, with a valid public point (the curve's generator,
# uncompressed): plausible on the wire, though of course nobody knows a key for it.
SERVER_CURVES = [
    (21, "secp224r1", bytes.fromhex(
        "04b70e0cbd6bb4bf7f321390b94a03c1d356c21122343280d6115c1d21"
        "bd376388b5f723fb4c22dfe6cd4375a05a07476444d5819985007e34")),
    (19, "secp192r1", bytes.fromhex(
        "04188da80eb03090f67cbf20eb43a18800f4ff0afd82ff1012"
        "07192b95ffc8da78631011ed6b24cdd573f977a11e794811")),
    (23, "secp256r1", bytes.fromhex(
        "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
        "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")),
]
EXT_SUPPORTED_GROUPS, EXT_SUPPORTED_VERSIONS = 10, 43


class Closed(Exception):
    """The connection is to be closed without (another) word."""


class Alert(Exception):
    def __init__(self, description: int, version: int, why: str):
        super().__init__(why)
        self.description, self.version = description, version


def log(msg: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------ reading
class Conn:
    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.buf = b""
        self.deadline = time.monotonic() + CONNECTION_LIFETIME

    def fill(self, n: int) -> bytes:
        """Exactly n bytes, or Closed (timeout, end of stream, lifetime over)."""
        while len(self.buf) < n:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise Closed("connection lifetime over")
            self.sock.settimeout(min(READ_TIMEOUT, left))
            try:
                chunk = self.sock.recv(65536)
            except (socket.timeout, OSError) as e:
                raise Closed(f"read: {e or 'timeout'}")
            if not chunk:
                raise Closed("client closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out


def read_client_hello(c: Conn) -> tuple[int, bytes]:
    """(record version of the first record, ClientHello body)."""
    handshake = b""
    first_version = None
    while True:
        header = c.fill(5)
        if header[0] & 0x80:
            raise Closed("SSLv2-format ClientHello")
        ctype, version, length = header[0], struct.unpack(">H", header[1:3])[0], struct.unpack(">H", header[3:5])[0]
        if ctype != CT_HANDSHAKE:
            raise Closed(f"record type {ctype} before a ClientHello")
        if version >> 8 != 3:
            raise Closed(f"record version {version:#06x} is not SSL 3.0/TLS")
        if length == 0 or length > 16384:
            raise Closed(f"record length {length}")
        if first_version is None:
            first_version = version
        handshake += c.fill(length)
        if len(handshake) >= 4:
            if handshake[0] != HS_CLIENT_HELLO:
                raise Closed(f"handshake message {handshake[0]} instead of a ClientHello")
            mlen = int.from_bytes(handshake[1:4], "big")
            if mlen > MAX_HELLO:
                raise Closed(f"ClientHello of {mlen} bytes")
            if len(handshake) >= 4 + mlen:
                # Anything after the hello in the same records is ignored (there should be nothing).
                return first_version, handshake[4:4 + mlen]


class Parser:
    def __init__(self, data: bytes):
        self.d, self.p = data, 0

    def take(self, n: int) -> bytes:
        if self.p + n > len(self.d):
            raise ValueError("truncated")
        out = self.d[self.p:self.p + n]
        self.p += n
        return out

    def u8(self) -> int:
        return self.take(1)[0]

    def u16(self) -> int:
        return struct.unpack(">H", self.take(2))[0]

    def vec(self, width: int) -> bytes:
        n = int.from_bytes(self.take(width), "big")
        return self.take(n)

    def done(self) -> bool:
        return self.p == len(self.d)


def parse_client_hello(body: bytes) -> dict:
    """Raises ValueError when the hello does not parse."""
    p = Parser(body)
    hello = {"legacy_version": p.u16()}
    p.take(32)  # random
    if len(p.vec(1)) > 32:
        raise ValueError("session_id longer than 32 bytes")
    suites = p.vec(2)
    if len(suites) < 2 or len(suites) % 2:
        raise ValueError("cipher suite list")
    hello["suites"] = [struct.unpack(">H", suites[i:i + 2])[0] for i in range(0, len(suites), 2)]
    compression = p.vec(1)
    if not compression:
        raise ValueError("no compression methods")
    hello["compression"] = list(compression)
    hello["extensions"] = None  # None: no extensions block (SSL 3.0 style)
    hello["groups"] = None
    hello["supported_versions"] = None
    if not p.done():
        exts = Parser(p.vec(2))
        if not p.done():
            raise ValueError("bytes after the extensions")
        hello["extensions"] = []
        while not exts.done():
            etype, data = exts.u16(), exts.vec(2)
            hello["extensions"].append(etype)
            if etype == EXT_SUPPORTED_GROUPS:
                g = Parser(data).vec(2)
                if len(g) % 2:
                    raise ValueError("supported_groups")
                hello["groups"] = [struct.unpack(">H", g[i:i + 2])[0] for i in range(0, len(g), 2)]
            elif etype == EXT_SUPPORTED_VERSIONS:
                v = Parser(data).vec(1)
                hello["supported_versions"] = [struct.unpack(">H", v[i:i + 2])[0] for i in range(0, len(v) - 1, 2)]
    return hello


# ------------------------------------------------------------------------------------ writing
def record(ctype: int, version: int, payload: bytes) -> bytes:
    out = b""
    for i in range(0, max(len(payload), 1), 16384):
        frag = payload[i:i + 16384]
        out += struct.pack(">BHH", ctype, version, len(frag)) + frag
    return out


def handshake_msg(mtype: int, body: bytes) -> bytes:
    return bytes([mtype]) + len(body).to_bytes(3, "big") + body


def alert_record(version: int, description: int) -> bytes:
    return record(CT_ALERT, version, bytes([2, description]))


def vec(width: int, data: bytes) -> bytes:
    return len(data).to_bytes(width, "big") + data


class Server:
    def __init__(self, cfg: dict):
        self.address = cfg["address"]
        self.port = int(cfg.get("port", 443))
        self.domain = cfg.get("domain", "")
        self.chain = [pem_to_der(open(cfg["cert"], encoding="ascii").read())]
        self.modulus_bytes = int(cfg.get("rsa_bits", 2048)) // 8
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def negotiate(self, hello: dict) -> tuple[int, tuple | None, tuple | None, int]:
        """(version, suite, curve, compression); raises Alert when there is nothing to agree on."""
        lv = hello["legacy_version"]
        if lv < SSL3:
            raise Alert(ALERT_PROTOCOL_VERSION, SSL3, f"client version {lv:#06x} below SSL 3.0")
        version = TLS1_0 if lv >= TLS1_0 else SSL3
        curve = None
        if version >= TLS1_0 and hello["groups"]:
            curve = next((c for c in SERVER_CURVES if c[0] in hello["groups"]), None)
        suite = next((s for s in SERVER_SUITES if s[0] in hello["suites"] and (not s[2] or curve)), None)
        if suite is None:
            raise Alert(ALERT_HANDSHAKE_FAILURE, version, "no shared cipher suite")
        if 1 in hello["compression"]:
            compression = 1
        elif 0 in hello["compression"]:
            compression = 0
        else:
            raise Alert(ALERT_HANDSHAKE_FAILURE, version, "no shared compression method")
        return version, suite, curve if suite[2] else None, compression

    def greeting(self, version: int, suite: tuple, curve: tuple | None, compression: int) -> bytes:
        random = struct.pack(">I", int(time.time())) + os.urandom(28)  # gmt_unix_time, as then
        server_hello = (struct.pack(">H", version) + random + vec(1, os.urandom(32))
                        + struct.pack(">HB", suite[0], compression))  # and no extensions at all
        out = record(CT_HANDSHAKE, version, handshake_msg(HS_SERVER_HELLO, server_hello))
        certs = b"".join(vec(3, der) for der in self.chain)
        out += record(CT_HANDSHAKE, version, handshake_msg(HS_CERTIFICATE, vec(3, certs)))
        if curve is not None:
            # ServerECDHParams, then an RSA signature as SSL 3.0/TLS 1.0 send it: no algorithm
            # prefix, just the bytes (modulus length). These bytes are not a real signature.
            params = bytes([3]) + struct.pack(">H", curve[0]) + vec(1, curve[2])
            fake_signature = bytes([0x5A]) * self.modulus_bytes
            out += record(CT_HANDSHAKE, version, handshake_msg(HS_SERVER_KEY_EXCHANGE, params + vec(2, fake_signature)))
        out += record(CT_HANDSHAKE, version, handshake_msg(HS_SERVER_HELLO_DONE, b""))
        return out

    def handle(self, sock: socket.socket, peer: str) -> None:
        c = Conn(sock)
        what = ""
        try:
            try:
                record_version, body = read_client_hello(c)
            except Closed as e:
                what = f"closed: {e}"
                return
            try:
                hello = parse_client_hello(body)
            except ValueError as e:
                v = TLS1_0 if record_version >= TLS1_0 else SSL3
                sock.sendall(alert_record(v, ALERT_DECODE_ERROR))
                what = f"decode_error: {e}"
                return
            try:
                version, suite, curve, compression = self.negotiate(hello)
            except Alert as a:
                sock.sendall(alert_record(a.version, a.description))
                what = f"alert {a.description} ({a}); client {hello['legacy_version']:#06x}"
                return
            sock.sendall(self.greeting(version, suite, curve, compression))
            what = (f"{'SSL 3.0' if version == SSL3 else 'TLS 1.0'} {suite[1]}"
                    f"{' ' + curve[1] if curve else ''}{' DEFLATE' if compression else ''}"
                    f" (client {hello['legacy_version']:#06x})")
            # The simulation ends here: whatever the client sends next gets handshake_failure.
            c.deadline = min(c.deadline, time.monotonic() + AFTER_GREETING_WAIT)
            try:
                c.fill(1)
                sock.sendall(alert_record(version, ALERT_HANDSHAKE_FAILURE))
                what += "; client continued: handshake_failure"
            except Closed:
                pass
        except OSError as e:
            what = what + f"; socket error: {e}"
        except Exception as e:  # noqa: BLE001 - never let one connection take the server down
            what = what + f"; internal error: {e!r}"
        finally:
            try:
                sock.close()
            except OSError:
                pass
            self.slots.release()
            log(f"{peer} {what}")

    def serve(self) -> None:
        if ipaddress.ip_address(self.address) not in ipaddress.ip_network("127.0.0.0/8"):
            raise SystemExit(f"legacy_tls: {self.address} is not in 127.0.0.0/8 (the lab binds loopback only)")
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind((self.address, self.port))
        ls.listen(256)
        log(f"legacy_tls: {self.domain} on {self.address}:{self.port} (SSL 3.0 + TLS 1.0, greeting only)")
        while True:
            try:
                sock, peer = ls.accept()
            except OSError:
                continue
            if not self.slots.acquire(blocking=False):
                sock.close()
                continue
            try:
                threading.Thread(target=self.handle, args=(sock, f"{peer[0]}:{peer[1]}"), daemon=True).start()
            except RuntimeError:
                self.slots.release()
                sock.close()


def pem_to_der(pem: str) -> bytes:
    begin, end = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"
    if begin not in pem or end not in pem:
        raise SystemExit("legacy_tls: no PEM certificate in the cert file")
    b64 = pem.split(begin, 1)[1].split(end, 1)[0]
    return base64.b64decode("".join(b64.split()))


def main() -> int:
    ap = argparse.ArgumentParser(description="greeting-level simulation of an old TLS server (lab only)")
    ap.add_argument("--config", required=True)
    ap.add_argument("--state", help="the lab's state directory (only a marker for lab.py)")
    a = ap.parse_args()
    with open(a.config, encoding="utf-8") as f:
        cfg = json.load(f)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    try:
        Server(cfg).serve()
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
