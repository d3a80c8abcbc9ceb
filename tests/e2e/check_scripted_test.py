#!/usr/bin/env python3
"""`weerbaar check --answers`: the scripted self-assessment, and merging a scan.

usage: check_scripted_test.py WEERBAAR_BINARY SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

BIN, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
DATA = os.path.join(SRC, "tests", "data", "assess")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(*args, cwd):
    return subprocess.run([BIN, "check", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)


with tempfile.TemporaryDirectory() as tmp:
    garage = os.path.join(DATA, "garage.answers.json")

    # The plan of the garage equals the golden plan of the model.
    r = run("--answers", garage, "--format", "json", "--state", os.path.join(tmp, "s1.json"), cwd=tmp)
    check(r.returncode == 0, f"garage json: exit 0 (got {r.returncode}, stderr {r.stderr!r})")
    golden = json.load(open(os.path.join(DATA, "garage.plan.json")))
    got = json.loads(r.stdout) if r.returncode == 0 else {}
    check(got == golden, "garage json equals tests/data/assess/garage.plan.json")
    check([a["id"] for a in got.get("top", [])] == [a["id"] for a in golden["top"]], "garage top 5 ids")
    saved = json.load(open(os.path.join(tmp, "s1.json")))
    check(saved.get("schema") == "weerbaar.assess-state/1" and saved["answers"]["mfa_mail"] == "none",
          "--state written in scripted mode when given")
    check(not os.path.exists(os.path.join(tmp, "weerbaar-check.json")), "no default state file written by a script")

    # Text output: the top action with its how-to page.
    r = run("--answers", garage, "--state", os.path.join(tmp, "s2.json"), cwd=tmp)
    check(r.returncode == 0, "garage text: exit 0")
    check("Doe dit eerst" in r.stdout and "Zet inloggen in twee stappen aan voor e-mail" in r.stdout
          and "Zo doet u het: Inloggen in twee stappen" in r.stdout and "Daarna" in r.stdout,
          "garage text: top action, how-to, later list")
    r = run("--answers", garage, "--lang", "en", "--state", os.path.join(tmp, "s3.json"), cwd=tmp)
    check("Do this first" in r.stdout and "Turn on two-step login for e-mail" in r.stdout, "garage text in English")

    # A missing answer names the question.
    answers = json.load(open(garage))
    del answers["answers"]["mfa_mail"]
    missing = os.path.join(tmp, "missing.json")
    json.dump(answers, open(missing, "w"))
    r = run("--answers", missing, "--state", os.path.join(tmp, "s4.json"), cwd=tmp)
    check(r.returncode == 2 and "mfa_mail" in r.stderr and r.stderr.count("\n") == 1 and r.stdout == "",
          f"missing answer: one-line error naming mfa_mail ({r.stderr!r})")
    # An answer that does not exist names the question.
    answers = json.load(open(garage))
    answers["answers"]["backup_offline"] = "maybe"
    bad = os.path.join(tmp, "bad.json")
    json.dump(answers, open(bad, "w"))
    r = run("--answers", bad, "--state", os.path.join(tmp, "s5.json"), cwd=tmp)
    check(r.returncode == 2 and "backup_offline" in r.stderr and r.stderr.count("\n") == 1,
          f"invalid answer: one-line error naming backup_offline ({r.stderr!r})")

    # Merging a scan: findings of the first scanned domain, each with the severity the scan gave
    # it where it was found (issue 10: a mail server certificate no sender checks is a notice).
    scan = os.path.join(DATA, "garage.scan.json")
    r = run("--answers", garage, "--scan", scan, "--format", "json", "--state", os.path.join(tmp, "s6.json"), cwd=tmp)
    check(r.returncode == 0, f"scan merge: exit 0 ({r.stderr!r})")
    got = json.loads(r.stdout) if r.returncode == 0 else {"top": [], "later": []}
    actions = {a["id"]: a for a in got["top"] + got["later"]}
    cert = actions.get("renew_certificate")
    check(cert is not None and cert["because"]["findings"] == ["TLS_CERT_EXPIRED"] and cert["need"] == 100,
          "scan merge: TLS_CERT_EXPIRED leads to renew_certificate (need 100)")
    https = actions.get("https_everywhere")
    check(https is not None and https["because"]["findings"] == ["WEB_HSTS_MISSING"] and https["need"] == 25,
          "scan merge: WEB_HSTS_MISSING has its own severity from the file (notice, need 25), not content's medium")
    check("renew_certificate" not in {a["id"] for a in golden["top"] + golden["later"]},
          "scan merge: renew_certificate is not in the plan without the scan")
    check("garage-demo.nl" in r.stderr, "scan merge: names the domain (on stderr with --format json)")
    r = run("--answers", garage, "--scan", scan, "--state", os.path.join(tmp, "s7.json"), cwd=tmp)
    check("Gevonden bij de scan van uw domein" in r.stdout or "garage-demo.nl" in r.stdout, "scan merge in text")

    # A file that is not a scan result is a one-line error.
    r = run("--answers", garage, "--scan", garage, "--state", os.path.join(tmp, "s8.json"), cwd=tmp)
    check(r.returncode == 2 and "weerbaar.scan/1" in r.stderr and r.stderr.count("\n") == 1,
          f"not a scan: one-line error ({r.stderr!r})")
    r = run("--answers", garage, "--scan", os.path.join(tmp, "nothing.json"), "--state", os.path.join(tmp, "s9.json"),
            cwd=tmp)
    check(r.returncode == 2 and "cannot read" in r.stderr, f"missing scan file: one-line error ({r.stderr!r})")

if failures:
    print(f"{len(failures)} failed")
    sys.exit(1)
print("all passed")
