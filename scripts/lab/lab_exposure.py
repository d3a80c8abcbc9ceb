"""Weerbaar lab extension: exposed services (issue 3). See EXTENSIONS in lab.py for the hooks.

A business plants risky services with plant.exposure, a list of "service" or "service:variant":
  services  ftp telnet smb rdp vnc mysql postgresql mongodb redis memcached elasticsearch docker ssh
  variants  auth     (redis: requirepass; elasticsearch: answers 401 as with security enabled)
            silent   (accepts and never says a word: a hostile, tarpit-like port)
            garbage  (accepts and sends binary noise)
            old      (ftp: greets as vsFTPd 2.3.4; ssh: identifies as upstream OpenSSH 9.3p1)
            proftpd  (ftp: greets as ProFTPD 1.3.5)
            new      (ssh: identifies as upstream OpenSSH 9.9p1)
  Plain ftp greets as vsFTPd 3.0.3 and plain ssh as Debian 12's OpenSSH 9.2p1 (see GREETINGS).
A port counts as an open service only when it answers in its protocol (silent and garbage
ports are undecided: the checks say inconclusive, not open). Redis is a real redis-server bound
to the business's address only. Every other service is
simulated by one small asyncio process per business (this file, `serve`), which speaks each
protocol's greeting faithfully enough for a banner grabber, on the business's address only.
Python 3 standard library only; nothing here contacts anything.
"""
from __future__ import annotations

import asyncio
import json
import struct
import sys
from pathlib import Path

from driver.procs import serve_command, serve_until_terminated

PORTS = {"ftp": 21, "telnet": 23, "smb": 445, "rdp": 3389, "vnc": 5900, "mysql": 3306, "postgresql": 5432,
         "mongodb": 27017, "redis": 6379, "memcached": 11211, "elasticsearch": 9200, "docker": 2375, "ssh": 22}
VARIANTS = {"", "auth", "silent", "garbage", "old", "proftpd", "new"}
# What FTP and SSH servers say first, per variant: the software checks judge these versions.
GREETINGS = {
    ("ftp", ""): b"220 (vsFTPd 3.0.3)\r\n",
    ("ftp", "old"): b"220 (vsFTPd 2.3.4)\r\n",
    ("ftp", "proftpd"): b"220 ProFTPD 1.3.5 Server (ProFTPD Default Installation) [{address}]\r\n",
    ("ssh", ""): b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n",
    ("ssh", "old"): b"SSH-2.0-OpenSSH_9.3p1\r\n",
    ("ssh", "new"): b"SSH-2.0-OpenSSH_9.9p1\r\n",
}


def planted(b: dict) -> list[tuple[str, str]]:
    out = []
    for entry in b.get("plant", {}).get("exposure", []):
        service, _, variant = entry.partition(":")
        if service not in PORTS or variant not in VARIANTS:
            raise ValueError(f"{b['domain']}: unknown exposure plant {entry!r}")
        if variant == "auth" and service not in ("redis", "elasticsearch"):
            raise ValueError(f"{b['domain']}: {entry!r}: only redis and elasticsearch have an auth variant")
        if variant in ("old", "proftpd", "new") and (service, variant) not in GREETINGS:
            raise ValueError(f"{b['domain']}: {entry!r}: no such greeting (see GREETINGS)")
        out.append((service, variant))
    return out


def real_redis(b: dict) -> list[tuple[str, str]]:
    return [(s, v) for s, v in planted(b) if s == "redis" and v in ("", "auth")]


def simulated(b: dict) -> list[tuple[str, str]]:
    real = real_redis(b)
    return [p for p in planted(b) if p not in real]


# ------------------------------------------------------------------------------------ lab hooks
def endpoints(b: dict) -> list[tuple[str, int]]:
    return [(b["address"], PORTS[s]) for s, _ in planted(b)]


def processes(b: dict) -> int:
    return len(real_redis(b)) + (1 if simulated(b) else 0)


def start(ctx, b: dict) -> None:
    if not planted(b):
        return
    ctx.check_loopback(b["address"], f"{b['domain']}: exposure")
    hd = ctx.host_dir(b) / "exposure"
    hd.mkdir(parents=True, exist_ok=True)
    for _service, variant in real_redis(b):
        rd = hd / "redis"
        rd.mkdir(exist_ok=True)
        cmd = [ctx.need("redis-server"), "--bind", b["address"], "--port", str(PORTS["redis"]), "--save", "",
               "--appendonly", "no", "--protected-mode", "no", "--dir", str(rd), "--daemonize", "no",
               "--logfile", "",
               # keep the command line (it names the state dir, which is how lab.py knows its processes)
               "--set-proc-title", "no"]
        if variant == "auth":
            cmd += ["--requirepass", "lab-" + b["domain"]]
        ctx.spawn(f"exposure-redis-{b['domain']}", cmd, hd / "redis.log", cwd=rd)
    sim = simulated(b)
    if sim:
        cfg = {"address": b["address"], "services": [{"service": s, "variant": v, "port": PORTS[s]} for s, v in sim]}
        (hd / "services.json").write_text(json.dumps(cfg, indent=1))
        ctx.spawn(f"exposure-{b['domain']}", [sys.executable, str(Path(__file__).resolve()), "serve",
                                               "--state", str(ctx.state), "--config", str(hd / "services.json")],
                  hd / "services.log")


# ------------------------------------------------------------------------------------ protocols
def bson(fields: list[tuple[str, object]]) -> bytes:
    body = b""
    for k, v in fields:
        key = k.encode() + b"\0"
        if isinstance(v, bool):
            body += b"\x08" + key + (b"\x01" if v else b"\x00")
        elif isinstance(v, int):
            body += b"\x10" + key + struct.pack("<i", v)
        elif isinstance(v, float):
            body += b"\x01" + key + struct.pack("<d", v)
        else:
            s = str(v).encode() + b"\0"
            body += b"\x02" + key + struct.pack("<i", len(s)) + s
    return struct.pack("<i", len(body) + 5) + body + b"\0"


def mysql_handshake() -> bytes:
    p = b"\x0a" + b"8.0.36-0ubuntu0.22.04.1\0" + struct.pack("<I", 42) + b"abcdefgh" + b"\0"
    p += struct.pack("<H", 0xffff) + b"\xff" + struct.pack("<H", 2) + struct.pack("<H", 0xdfff) + b"\x15" + b"\0" * 10
    p += b"ijklmnopqrst\0" + b"caching_sha2_password\0"
    return struct.pack("<I", len(p))[:3] + b"\x00" + p


ES_ROOT = json.dumps({"name": "es01", "cluster_name": "webshop", "cluster_uuid": "Zx1lAbq1Ty2mWq3e4R5t6Y",
                      "version": {"number": "7.17.15", "build_flavor": "default", "lucene_version": "8.11.1"},
                      "tagline": "You Know, for Search"}, indent=2).encode()
ES_401 = json.dumps({"error": {"root_cause": [{"type": "security_exception", "reason": "missing authentication credentials"}],
                               "type": "security_exception"}, "status": 401}).encode()
DOCKER_VERSION = json.dumps({"Version": "24.0.7", "ApiVersion": "1.43", "MinAPIVersion": "1.12", "Os": "linux",
                             "Arch": "amd64", "KernelVersion": "6.1.0-18-amd64"}).encode()


async def read_http(r: asyncio.StreamReader) -> bytes:
    try:
        return await r.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        return b""


def http(status: str, body: bytes, extra: str = "") -> bytes:
    return (f"HTTP/1.0 {status}\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n{extra}\r\n"
            .encode() + body)


async def drain_until_eof(r: asyncio.StreamReader) -> None:
    while await r.read(4096):
        pass


async def speak(service: str, variant: str, r: asyncio.StreamReader, w: asyncio.StreamWriter,
                address: str = "") -> None:
    if variant == "silent":
        return await drain_until_eof(r)
    if variant == "garbage":
        w.write(bytes((i * 37 + 11) % 256 for i in range(300)))
        await w.drain()
        return await drain_until_eof(r)
    if service == "ftp":
        w.write(GREETINGS[("ftp", variant)].replace(b"{address}", address.encode()))
        await w.drain()
        while line := await r.readline():
            w.write(b"221 Goodbye.\r\n" if line.upper().startswith(b"QUIT") else b"530 Please login with USER and PASS.\r\n")
            await w.drain()
    elif service == "ssh":
        # RFC 4253 4.2: the identification string; the client's own comes back, then the key
        # exchange would start (a banner grabber has left by then).
        w.write(GREETINGS[("ssh", variant)])
        await w.drain()
        await drain_until_eof(r)
    elif service == "telnet":
        w.write(b"\xff\xfd\x18\xff\xfd\x20\xff\xfb\x01\xff\xfb\x03\r\nkoelcel-ctrl login: ")
        await w.drain()
        await drain_until_eof(r)
    elif service == "vnc":
        w.write(b"RFB 003.008\n")
        await w.drain()
        if await r.read(12):
            w.write(b"\x01\x02")  # one security type: VNC authentication
            await w.drain()
        await drain_until_eof(r)
    elif service == "mysql":
        w.write(mysql_handshake())
        await w.drain()
        await drain_until_eof(r)
    elif service == "postgresql":
        first = await r.read(8)
        if first == b"\x00\x00\x00\x08\x04\xd2\x16\x2f":
            w.write(b"N")
            await w.drain()
        await drain_until_eof(r)
    elif service == "mongodb":
        header = await r.readexactly(16)
        length, request_id, _to, _op = struct.unpack("<iiii", header)
        if 16 <= length <= 1 << 20:
            await r.readexactly(length - 16)
        doc = bson([("ismaster", True), ("maxBsonObjectSize", 16777216), ("maxMessageSizeBytes", 48000000),
                    ("maxWriteBatchSize", 100000), ("localTime", "2024-01-01T00:00:00Z"), ("maxWireVersion", 17),
                    ("minWireVersion", 0), ("readOnly", False), ("ok", 1.0)])
        body = struct.pack("<iqii", 8, 0, 0, 1) + doc
        w.write(struct.pack("<iiii", 16 + len(body), 7, request_id, 1) + body)
        await w.drain()
        await drain_until_eof(r)
    elif service == "redis":  # only its silent/garbage variants are simulated; see real_redis
        await drain_until_eof(r)
    elif service == "memcached":
        while line := await r.readline():
            w.write(b"VERSION 1.6.21\r\n" if line.strip() == b"version" else b"ERROR\r\n")
            await w.drain()
    elif service == "elasticsearch":
        if await read_http(r):
            w.write(http("401 Unauthorized", ES_401, 'WWW-Authenticate: Basic realm="security" charset="UTF-8"\r\n')
                    if variant == "auth" else http("200 OK", ES_ROOT))
            await w.drain()
    elif service == "docker":
        req = await read_http(r)
        if req.startswith(b"GET /version"):
            w.write(http("200 OK", DOCKER_VERSION, "Api-Version: 1.43\r\nServer: Docker/24.0.7 (linux)\r\n"))
        elif req:
            w.write(http("404 Not Found", b'{"message":"page not found"}'))
        await w.drain()
    elif service == "rdp":
        tpkt = await r.readexactly(4)
        if tpkt[0] == 3:
            await r.readexactly(max(0, struct.unpack(">H", tpkt[2:4])[0] - 4))
            # X.224 Connection Confirm with RDP_NEG_RSP choosing PROTOCOL_HYBRID (NLA)
            w.write(bytes.fromhex("030000130ed000001234000200080002000000"))
            await w.drain()
        await drain_until_eof(r)
    elif service == "smb":
        # NetBIOS frame, SMB2 header (a response: Flags bit 0), NEGOTIATE response choosing 3.0.2
        head = await r.readexactly(4)
        await r.readexactly(int.from_bytes(head[1:4], "big"))
        header = b"\xfeSMB" + struct.pack("<HHIHHII", 64, 0, 0, 0, 1, 1, 0) + bytes(8 + 4 + 4 + 8 + 16)
        body = struct.pack("<HHHH", 65, 1, 0x0302, 0) + bytes(16) + struct.pack("<III", 0x7, 65536, 65536)
        body += struct.pack("<IQQHHI", 65536, 0, 0, 0, 0, 0)
        msg = header + body
        w.write(len(msg).to_bytes(4, "big") + msg)
        await w.drain()
        await drain_until_eof(r)


def serve(config: Path) -> None:
    cfg = json.loads(config.read_text())
    import ipaddress
    if ipaddress.ip_address(cfg["address"]) not in ipaddress.ip_network("127.0.0.0/8"):
        raise SystemExit(f"{cfg['address']} is not in 127.0.0.0/8")

    async def main() -> None:
        servers = []
        for s in cfg["services"]:
            async def handle(r, w, service=s["service"], variant=s["variant"]):
                try:
                    await asyncio.wait_for(speak(service, variant, r, w, cfg["address"]), timeout=120)
                except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError, OSError):
                    pass
                finally:
                    w.close()
            servers.append(await asyncio.start_server(handle, cfg["address"], s["port"], reuse_address=True))
        names = ", ".join(f"{x['service']}:{x['port']}" for x in cfg["services"])
        await serve_until_terminated(servers, f"serving {names} on {cfg['address']}")

    asyncio.run(main())


if __name__ == "__main__":
    serve_command(__doc__, serve)
