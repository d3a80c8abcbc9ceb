"""The lab's processes: a supervisor that is the parent of every server (and reaps it), pid files
in the state directory, stopping exactly what the lab started, and waiting for a port."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .base import LAB_PY, LabError


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
        p = subprocess.Popen([sys.executable, str(LAB_PY), "_supervise", "--state", str(state)],
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


def port_busy(addr: str, port: int) -> bool:
    s = socket.socket()
    try:
        s.settimeout(0.2)
        return s.connect_ex((addr, port)) == 0
    finally:
        s.close()

def status_ok(state: Path) -> tuple[int, int]:
    procs = recorded(state)
    alive = sum(1 for p in procs.values() if pid_alive(p, str(state)))
    return alive, len(procs)


# ---------------------------------------------------------------- the lab's own asyncio servers
# The extension modules that serve with asyncio (lab_exposure, lab_hostile) share how such a
# process runs: `python3 lab_<part>.py serve --state DIR --config FILE`, until `down` sends SIGTERM.

async def serve_until_terminated(servers: list, banner: str) -> None:
    import asyncio
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print(banner, flush=True)
    await stop.wait()
    for s in servers:
        s.close()


def serve_command(doc: str, serve) -> None:
    import argparse
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("cmd", choices=["serve"])
    ap.add_argument("--state", required=True, help="the lab's state directory (marks the process as the lab's)")
    ap.add_argument("--config", required=True, type=Path)
    serve(ap.parse_args().config)
