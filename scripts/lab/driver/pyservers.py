"""Small servers for what nginx cannot plant, run as `lab.py _tarpit` and `lab.py _tlsserver`:
a tarpit that accepts and never answers, and an HTTPS server that allows client-initiated
renegotiation."""
from __future__ import annotations

import json
import os
import signal
import socket
import sys
import time
from pathlib import Path

from .base import check_loopback


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
