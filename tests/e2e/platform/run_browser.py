#!/usr/bin/env python3
"""The platform end to end in a real browser (CTest e2e.platform.browser, lab fixture).

Starts `weerbaar serve` on the lab's campagne.test (127.62.3.1:443) with a fresh database,
runs scenario.js (playwright-core + Debian's chromium + axe-core) against it and the lab,
and stops the server. Every lab host the scenario repaired is planted again, whatever happens.
Usage: run_browser.py WEERBAAR LAB_STATE SCREENSHOT_DIR
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import platform_env as pe  # noqa: E402

HERE = Path(__file__).resolve().parent
REPAIRABLE = ["koffiebar-deboon.test", "lunchroom-delinde.test", "fietsenwinkel-trapper.test"]


def main() -> int:
    weerbaar, state, shots = sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
    if not (HERE / "node_modules" / "playwright-core").is_dir():
        print(f"e2e: {HERE}/node_modules is missing: run scripts/install-deps.sh (npm ci there)", file=sys.stderr)
        return 1
    if not Path("/usr/bin/chromium").exists():
        print("e2e: /usr/bin/chromium is missing: run scripts/install-deps.sh", file=sys.stderr)
        return 1
    if not pe.lab_is_up(state):
        print(f"e2e: the lab is not up in {state} (this test needs the lab fixture)", file=sys.stderr)
        return 1
    shutil.rmtree(shots, ignore_errors=True)
    p = pe.Platform(weerbaar, state)
    try:
        p.start()
        # serve prints the first start's one-time link just after "listening on".
        for _ in range(100):
            if p.admin_link:
                break
            time.sleep(0.1)
        env = {"url": p.url, "host": pe.NAME, "address": pe.ADDRESS, "labState": str(state),
               "cert": str(state / "platform" / pe.NAME / "cert.pem"), "screenshots": str(shots),
               "adminLink": p.admin_link, "authoritative": pe.AUTHORITATIVE, "db": str(p.db),
               "labPlatform": str(pe.LAB_PLATFORM)}
        r = subprocess.run(["node", str(HERE / "scenario.js")], cwd=HERE,
                           env=dict(os.environ, WEERBAAR_E2E=json.dumps(env)), timeout=600)
        return r.returncode
    finally:
        code = p.stop()
        for d in REPAIRABLE:
            try:
                pe.set_repaired(state, d, False)
            except pe.PlatformError as e:
                print(f"e2e: could not plant {d} again: {e}", file=sys.stderr)
        if code not in (0, None):
            print(f"e2e: weerbaar serve ended with {code}; its log:", file=sys.stderr)
            print((p.dir / "serve.log").read_text(errors="replace")[-4000:], file=sys.stderr)
        p.cleanup()


if __name__ == "__main__":
    sys.exit(main())
