"""What the benchmarks share: timing a command, the lab's businesses, and a lab that is brought
up for the run and down after it (unless the caller says it is already up)."""
import argparse
import contextlib
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAB_PY = os.path.join(ROOT, "scripts", "lab", "lab.py")
sys.path.insert(0, os.path.dirname(LAB_PY))
import lab as labmod  # noqa: E402  (lab.json plus lab/cases/*.json, as the lab reads them)


def timed(cmd, timeout):
    start = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, text=True)
    return time.monotonic() - start, proc


def load_lab():
    return labmod.load_lab()


@contextlib.contextmanager
def lab_running(state, already_up):
    if not already_up:
        subprocess.run([sys.executable, LAB_PY, "up", "--state", state], check=True, stdout=subprocess.DEVNULL)
    try:
        yield
    finally:
        if not already_up:
            subprocess.run([sys.executable, LAB_PY, "down", "--state", state], stdout=subprocess.DEVNULL)


def lab_scan_command(weerbaar, state, lab):
    """`weerbaar scan` against the lab at state, JSON Lines, no progress line; without --ca-file."""
    return [weerbaar, "scan", "--lab", "--resolver", lab["dns"]["resolver"], "--trust-anchor",
            os.path.join(state, "unbound", "trust-anchor.test"), "--no-progress", "--format", "jsonl"]


def add_lab_arguments(ap):
    """The options every lab benchmark has: the program, the lab's state, and whether it is up."""
    ap.add_argument("--weerbaar", default=os.path.join(ROOT, "build", "src", "weerbaar"))
    ap.add_argument("--state", default=os.path.join(ROOT, "build", "bench-lab"))
    ap.add_argument("--no-lab", action="store_true", help="the lab is already up at --state")


def lab_main(doc, run, add_arguments=None):
    """The main() of a lab benchmark: its options (the lab's and its own), then run(args) with the
    lab up (brought up and down here unless --no-lab)."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    add_lab_arguments(ap)
    if add_arguments:
        add_arguments(ap)
    args = ap.parse_args()
    with lab_running(args.state, args.no_lab):
        run(args)
