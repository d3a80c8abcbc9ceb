#!/usr/bin/env python3
"""The platform passes its own checks (CTest e2e.platform.selfscan, lab fixture).

Starts `weerbaar serve` on the lab's campagne.test with HTTPS from the lab CA (and its plain
HTTP redirect on port 80), scans it with Weerbaar's own web and TLS checks, and demands no
finding and no inconclusive check: strict CSP without 'unsafe-inline', HSTS, no version
disclosure, the session cookie's flags, a security.txt, and TLS as NCSC-NL calls good.
The pages scanned are the public ones a visitor reaches first (home, sign-in).
Usage: selfscan_test.py WEERBAAR LAB_STATE
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import platform_env as pe  # noqa: E402


def main() -> int:
    weerbaar, state = sys.argv[1], Path(sys.argv[2]).resolve()
    if not pe.lab_is_up(state):
        print(f"selfscan: the lab is not up in {state}", file=sys.stderr)
        return 1
    p = pe.Platform(weerbaar, state)
    try:
        p.start()
        r = subprocess.run([weerbaar, "scan", "--lab", "--resolver", pe.RESOLVER,
                            "--ca-file", str(state / "ca" / "ca.pem"),
                            "--trust-anchor", str(state / "unbound" / "trust-anchor.test"),
                            "--only", "web,tls", "--format", "json", "--no-progress", pe.NAME],
                           capture_output=True, text=True, timeout=180)
    finally:
        p.stop()
        p.cleanup()
    try:
        report = json.loads(r.stdout)["domains"][0]
    except (ValueError, KeyError, IndexError):
        print(f"selfscan: no JSON report (exit {r.returncode}):\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}", file=sys.stderr)
        return 1
    bad = []
    if report["status"] != "scanned":
        bad.append(f"{pe.NAME} was not scanned: {report['status']}")
    checks = report["checks"]
    for c in checks:
        for f in c.get("findings", []):
            bad.append(f"{c['id']}: finding {f.get('id')} {json.dumps(f.get('params', {}), ensure_ascii=False)}")
        if c["outcome"] == "inconclusive":
            bad.append(f"{c['id']}: inconclusive ({c.get('reason', '')})")
    families = {c["family"] for c in checks}
    if families != {"web", "tls"}:
        bad.append(f"expected the web and tls families, got {sorted(families)}")
    passed = sum(1 for c in checks if c["outcome"] == "pass")
    print(f"selfscan: {len(checks)} checks on https://{pe.NAME}/ ({passed} passed), {len(bad)} problems")
    return pe.report_failures(bad)


if __name__ == "__main__":
    sys.exit(main())
