"""Weerbaar lab extension: hostile and broken servers (issue 11). See EXTENSIONS in lab.py.

A business plants one misbehaviour with plant.hostile = {"kind": KIND}; each is a real listener
on loopback, and the business's lab case says which verdict it must get (a correct finding, or
inconclusive with a reason) and within how long (max_seconds).

Kinds where this module is the whole host (plant.server "hostile"; port 80 redirects to https,
and behind each misbehaviour sits a good TLS site: TLS 1.2 and 1.3, ECDHE-ECDSA AEAD suites in
server order, the lab's baseline headers, a security.txt):
  tls_half_record   reads the ClientHello, sends the first bytes of a ServerHello record, hangs up
  tls_long_record   answers with a record that announces more than TLS allows (2^14 + 2048)
  tls_random        answers the ClientHello with random bytes (a fixed seed: the same every run)
  tls_reset_some    the good site, but every third connection is reset after its first bytes
  tls_slow          the good site, but every handshake waits slow_ms before the server answers
  http_slow         the good TLS, but HTTP drips: the status line after 1 s, then a byte per 200 ms
  redirect_loop     https://d/ redirects to itself (with the baseline headers); http://d/ to it
  redirect_long     every page redirects to the next one, 300 ms per hop, without end
  redirect_private  http://d/ redirects to https://intranet.d/, whose address is private
  redirect_elsewhere http://d/ redirects to http://d:8080/, which redirects to ftp://d/
  fail_all          every connection to 80 and 443 is reset
Kinds beside the business's good nginx site (plant.server stays nginx):
  smtp_slow         the MX answers greeting, EHLO and STARTTLS slow_ms each, then good TLS
  smtp_endless      the MX's greeting never ends (a "220-" line every 10 ms)
  smtp_starttls_garbage  the MX says "220 ready" to STARTTLS, then sends noise instead of TLS
  honeypot          every risky service port accepts and answers anything (silence, an echo of
                    the request, an HTTP 200, noise, "OK"): none of them is the service
For the smtp kinds, plant.hostile.mx_address is the MX's address and plant.mail names
mx.<domain> (its A record is written here).

Run as a program: serve --state DIR --config FILE. Python 3 standard library only; it binds
addresses in 127.0.0.0/8 only and contacts nothing but its own listeners.
"""
from __future__ import annotations

import asyncio
import ipaddress
import json
import random
import socket
import ssl
import struct
import sys
from pathlib import Path

from driver.procs import serve_command, serve_until_terminated

HOST_KINDS = {"tls_half_record", "tls_long_record", "tls_random", "tls_reset_some", "tls_slow", "http_slow",
              "redirect_loop", "redirect_long", "redirect_private", "redirect_elsewhere", "fail_all"}
SMTP_KINDS = {"smtp_slow", "smtp_endless", "smtp_starttls_garbage"}
SIDE_KINDS = SMTP_KINDS | {"honeypot"}
GOOD_EC_CIPHERS = "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256"
BACKEND_PORT = 10443  # the good TLS site behind the misbehaving front, on the same address
# 22 last (session 6): SSH is probed for its banner; the styles of the others stay as they were.
HONEYPOT_PORTS = [21, 23, 445, 3389, 5900, 3306, 5432, 27017, 6379, 11211, 9200, 2375, 22]
PRIVATE_ADDRESS = "10.11.12.13"  # only ever written into the zone: nothing may contact it


def plant(b: dict) -> dict | None:
    h = b.get("plant", {}).get("hostile")
    if h is None:
        return None
    kind = h.get("kind")
    if kind not in HOST_KINDS | SIDE_KINDS:
        raise ValueError(f"{b['domain']}: unknown hostile kind {kind!r}")
    server = b.get("plant", {}).get("server", "nginx")
    if kind in HOST_KINDS and server != "hostile":
        raise ValueError(f"{b['domain']}: hostile kind {kind} is the whole host: set plant.server to \"hostile\"")
    if kind in SIDE_KINDS and server != "nginx":
        raise ValueError(f"{b['domain']}: hostile kind {kind} runs beside a good nginx site (plant.server nginx)")
    if kind in SMTP_KINDS and not h.get("mx_address"):
        raise ValueError(f"{b['domain']}: hostile kind {kind} needs plant.hostile.mx_address")
    return h


# ------------------------------------------------------------------------------------ lab hooks
def zone_rows(b: dict) -> list[str]:
    h = plant(b)
    if h is None:
        return []
    d = b["domain"]
    if h["kind"] in SMTP_KINDS:
        return [f"mx.{d}. IN A {h['mx_address']}"]
    if h["kind"] == "redirect_private":
        return [f"intranet.{d}. IN A {PRIVATE_ADDRESS}"]
    return []


def endpoints(b: dict) -> list[tuple[str, int]]:
    h = plant(b)
    if h is None:
        return []
    if h["kind"] in SMTP_KINDS:
        return [(h["mx_address"], 25)]
    if h["kind"] == "honeypot":
        return [(b["address"], p) for p in HONEYPOT_PORTS]
    extra = [(b["address"], 8080)] if h["kind"] == "redirect_elsewhere" else []
    return extra  # 80 and 443 are awaited by lab.py for every host


def processes(b: dict) -> int:
    # A whole host counts as the business's own process (lab.py counts one per business).
    h = plant(b)
    return 1 if h is not None and h["kind"] in SIDE_KINDS else 0


def start(ctx, b: dict) -> None:
    h = plant(b)
    if h is None:
        return
    ctx.check_loopback(b["address"], f"{b['domain']}: hostile")
    if h["kind"] in SMTP_KINDS:
        ctx.check_loopback(h["mx_address"], f"{b['domain']}: hostile mx")
    hd = ctx.host_dir(b) / "hostile"
    hd.mkdir(parents=True, exist_ok=True)
    # The certificate of the good TLS behind the front (or of the MX): from the lab CA.
    names = [f"mx.{b['domain']}"] if h["kind"] in SMTP_KINDS else [b["domain"]]
    pseudo = {"domain": names[0], "organisation": b.get("organisation", b["domain"]),
              "plant": {"cert": {"names": names}, "tls": {"ocsp": False}}}
    pki = ctx.make_cert(pseudo, hd / "pki")
    cfg = {"domain": b["domain"], "address": b["address"], "kind": h["kind"],
           "mx_address": h.get("mx_address"), "slow_ms": h.get("slow_ms", 1200),
           "cert": str(pki["cert"]), "key": str(pki["key"])}
    (hd / "server.json").write_text(json.dumps(cfg, indent=1))
    name = ("hostile-" if h["kind"] in SIDE_KINDS else "host-") + b["domain"]
    ctx.spawn(name, [sys.executable, str(Path(__file__).resolve()), "serve", "--state", str(ctx.state),
                     "--config", str(hd / "server.json")], hd / "server.log")


# ------------------------------------------------------------------------------------ helpers
BASE_HEADERS = [("Strict-Transport-Security", "max-age=31536000"),
                ("Content-Security-Policy",
                 "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"),
                ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
                ("Referrer-Policy", "no-referrer")]


def response(status: str, headers: list[tuple[str, str]], body: bytes) -> bytes:
    hdrs = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
            ("Connection", "close")] + headers
    return (f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in hdrs) + "\r\n").encode() + body


def redirect(location: str, headers: list[tuple[str, str]] | None = None) -> bytes:
    return response("301 Moved Permanently", [("Location", location)] + (headers or []), b"<p>moved</p>\n")


def security_txt(domain: str) -> bytes:
    return (f"Contact: mailto:security@{domain}\nExpires: 2099-01-01T00:00:00Z\nPreferred-Languages: nl, en\n"
            f"Canonical: https://{domain}/.well-known/security.txt\n").encode()


async def read_request(r: asyncio.StreamReader) -> str:
    """The request target, or "" when no request came."""
    try:
        head = await asyncio.wait_for(r.readuntil(b"\r\n\r\n"), 20)
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError, ConnectionError):
        return ""
    parts = head.split(b"\r\n", 1)[0].split()
    return parts[1].decode("latin-1") if len(parts) >= 2 else "/"


def page(cfg: dict, target: str) -> bytes:
    """The good site's answer over TLS."""
    path = target.split("?", 1)[0]
    if path == "/.well-known/security.txt":
        return response("200 OK", BASE_HEADERS, security_txt(cfg["domain"])).replace(
            b"text/html; charset=utf-8", b"text/plain; charset=utf-8", 1)
    if path == "/":
        return response("200 OK", BASE_HEADERS, f"<!doctype html><title>{cfg['domain']}</title>\n".encode())
    return response("404 Not Found", BASE_HEADERS, b"<p>404</p>\n")


def reset(w: asyncio.StreamWriter) -> None:
    """Break the connection off with a TCP reset (SO_LINGER 0, then close)."""
    sock = w.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    w.transport.abort()


async def hold(r: asyncio.StreamReader) -> None:
    while await r.read(4096):
        pass


def noise(n: int, seed: int) -> bytes:
    rng = random.Random(seed)
    out = bytes(rng.randrange(256) for _ in range(n))
    # Never a TLS content type in the first byte: the noise must not pass for a record.
    return bytes([0x47]) + out[1:]


def tls_context(cfg: dict) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cfg["cert"], cfg["key"])
    ctx.set_ciphers(GOOD_EC_CIPHERS)
    ctx.set_ecdh_curve("prime256v1")
    ctx.options |= ssl.OP_CIPHER_SERVER_PREFERENCE | ssl.OP_NO_COMPRESSION | ssl.OP_NO_RENEGOTIATION
    return ctx


async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter, first_delay: float = 0) -> None:
    try:
        first = True
        while data := await src.read(16384):
            if first and first_delay:
                await asyncio.sleep(first_delay)
            first = False
            dst.write(data)
            await dst.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        try:
            dst.close()
        except (ConnectionError, OSError, RuntimeError):
            pass


# ------------------------------------------------------------------------------------ servers
class Host:
    def __init__(self, cfg: dict):
        self.cfg = cfg
        self.kind = cfg["kind"]
        self.count = 0  # connections to 443, for tls_reset_some

    # ---- port 80
    async def http(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        d = self.cfg["domain"]
        if self.kind == "fail_all":
            await r.read(1)
            return reset(w)
        target = await read_request(r)
        if not target:
            return
        if self.kind == "http_slow":
            await asyncio.sleep(10)  # far beyond any deadline: the client gives up first
        elif self.kind == "redirect_long":
            await asyncio.sleep(0.3)
            n = int(target.strip("/r") or 0) if target.strip("/r").isdigit() else 0
            w.write(redirect(f"http://{d}/r{n + 1}"))
            return
        elif self.kind == "redirect_private":
            w.write(redirect(f"https://intranet.{d}/"))
            return
        elif self.kind == "redirect_elsewhere":
            w.write(redirect(f"http://{d}:8080/"))
            return
        w.write(redirect(f"https://{d}{target}"))

    async def http8080(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        if await read_request(r):
            w.write(redirect(f"ftp://{self.cfg['domain']}/"))

    # ---- the good TLS site behind the front
    async def backend(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        target = await read_request(r)
        if not target:
            return
        d = self.cfg["domain"]
        if self.kind == "redirect_loop":
            w.write(redirect(f"https://{d}/", BASE_HEADERS))
        elif self.kind == "redirect_long":
            await asyncio.sleep(0.3)
            n = int(target.strip("/r")) if target.strip("/r").isdigit() else 0
            w.write(redirect(f"https://{d}/r{n + 1}", BASE_HEADERS))
        elif self.kind == "http_slow":
            await asyncio.sleep(1)
            for byte in page(self.cfg, target):
                w.write(bytes([byte]))
                await w.drain()
                await asyncio.sleep(0.2)
        else:
            w.write(page(self.cfg, target))
        await w.drain()

    # ---- port 443: the misbehaviour, in front of the backend
    async def https(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        self.count += 1
        if self.kind == "fail_all":
            await r.read(1)
            return reset(w)
        hello = await r.read(16384)
        if not hello:
            return
        if self.kind == "tls_half_record":
            # A ServerHello record header announcing 0x5a bytes, and only a few of them.
            w.write(bytes.fromhex("160303005a0200005603037f"))
            await w.drain()
            return  # the connection closes here: halfway through the record
        if self.kind == "tls_long_record":
            w.write(bytes.fromhex("16030348ff") + noise(4096, 11))
            await w.drain()
            return await hold(r)
        if self.kind == "tls_random":
            w.write(noise(1024, 7))
            await w.drain()
            return await hold(r)
        if self.kind == "tls_reset_some" and self.count % 3 == 0:
            return reset(w)
        br, bw = await asyncio.open_connection(self.cfg["address"], BACKEND_PORT)
        bw.write(hello)
        await bw.drain()
        delay = self.cfg["slow_ms"] / 1000 if self.kind == "tls_slow" else 0
        await asyncio.gather(pipe(r, bw), pipe(br, w, delay))

    # ---- the MX
    async def smtp(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        slow = self.cfg["slow_ms"] / 1000 if self.kind == "smtp_slow" else 0
        name = f"mx.{self.cfg['domain']}"
        if self.kind == "smtp_endless":
            for i in range(100000):
                w.write(f"220-{name} welkom, regel {i} van een begroeting die nooit eindigt\r\n".encode())
                await w.drain()
                await asyncio.sleep(0.01)
            return
        await asyncio.sleep(slow)
        w.write(f"220 {name} ESMTP\r\n".encode())
        await w.drain()
        while line := await r.readline():
            cmd = line.strip().upper()
            await asyncio.sleep(slow)
            if cmd.startswith(b"EHLO"):
                w.write(f"250-{name}\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n"
                        "250 8BITMIME\r\n".encode())
            elif cmd == b"STARTTLS":
                w.write(b"220 2.0.0 Ready to start TLS\r\n")
                await w.drain()
                if self.kind == "smtp_starttls_garbage":
                    await r.read(16384)  # the ClientHello
                    w.write(noise(512, 5))
                    await w.drain()
                    return await hold(r)
                await w.start_tls(self.tls)
                # Inside TLS a scanner only says QUIT.
                while inner := await r.readline():
                    if inner.strip().upper() == b"QUIT":
                        w.write(b"221 2.0.0 Bye\r\n")
                        await w.drain()
                        return
                    w.write(b"502 5.5.2 Error: command not recognized\r\n")
                    await w.drain()
                return
            elif cmd == b"QUIT":
                w.write(b"221 2.0.0 Bye\r\n")
                await w.drain()
                return
            else:
                w.write(b"502 5.5.2 Error: command not recognized\r\n")
            await w.drain()

    # ---- the honeypot: every risky port accepts and answers anything
    async def honeypot(self, port: int, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        style = HONEYPOT_PORTS.index(port) % 5
        if style == 0:  # silence
            return await hold(r)
        if style == 4:  # "OK", whatever was asked
            w.write(b"OK\r\n")
            await w.drain()
            return await hold(r)
        try:
            data = await asyncio.wait_for(r.read(4096), 3)
        except asyncio.TimeoutError:
            data = b""
        if style == 1:  # an echo of what came
            w.write(data or b"\r\n")
        elif style == 2:  # a web server's 200, for anything
            w.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
                    b"{\"ok\":true}")
        else:  # noise
            w.write(noise(200, port))
        await w.drain()
        await hold(r)


def guarded(handler):
    async def run(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        try:
            await asyncio.wait_for(handler(r, w), 120)
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError, OSError, ssl.SSLError):
            pass
        finally:
            try:
                if not w.transport.is_closing():
                    await w.drain()
                w.close()
            except (ConnectionError, OSError, RuntimeError, ssl.SSLError):
                pass
    return run


def serve(config: Path) -> None:
    cfg = json.loads(config.read_text())
    for key in ("address", "mx_address"):
        if cfg.get(key) and ipaddress.ip_address(cfg[key]) not in ipaddress.ip_network("127.0.0.0/8"):
            raise SystemExit(f"{cfg[key]} is not in 127.0.0.0/8")
    host = Host(cfg)
    host.tls = tls_context(cfg)

    async def main() -> None:
        a, kind = cfg["address"], cfg["kind"]
        servers = []

        async def listen(handler, addr: str, port: int, **kw) -> None:
            servers.append(await asyncio.start_server(guarded(handler), addr, port, reuse_address=True,
                                                      backlog=256, **kw))
        if kind in SMTP_KINDS:
            await listen(host.smtp, cfg["mx_address"], 25)
        elif kind == "honeypot":
            for port in HONEYPOT_PORTS:
                await listen(lambda r, w, p=port: host.honeypot(p, r, w), a, port)
        else:
            await listen(host.backend, a, BACKEND_PORT, ssl=host.tls)
            await listen(host.http, a, 80)
            await listen(host.https, a, 443)
            if kind == "redirect_elsewhere":
                await listen(host.http8080, a, 8080)
        await serve_until_terminated(servers, f"serving {kind} for {cfg['domain']}")

    asyncio.run(main())


if __name__ == "__main__":
    serve_command(__doc__, serve)
