#!/usr/bin/env python3
"""`weerbaar check --pdf --html`: the report on paper and in a browser.

usage: check_pdf_test.py WEERBAAR_BINARY SOURCE_DIR
Needs pdftotext, pdfinfo and pdftoppm (poppler-utils, installed by scripts/install-deps.sh).
"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

BIN, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
DATA = os.path.join(SRC, "tests", "data", "assess")
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def dutch(d):
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def squash(s):
    return re.sub(r"\s+", " ", s)


with tempfile.TemporaryDirectory() as tmp:
    before = datetime.date.today()
    r = subprocess.run([BIN, "check", "--answers", os.path.join(DATA, "garage.answers.json"),
                        "--scan", os.path.join(DATA, "garage.scan.json"),
                        "--pdf", "out.pdf", "--html", "out.html"],
                       cwd=tmp, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    after = datetime.date.today()
    check(r.returncode == 0, f"exit 0 (got {r.returncode}, stderr {r.stderr!r})")
    pdf, html_path = os.path.join(tmp, "out.pdf"), os.path.join(tmp, "out.html")
    check(os.path.exists(pdf) and os.path.exists(html_path), "out.pdf and out.html written")
    check("out.pdf" in r.stdout and "out.html" in r.stdout, "says where the report is")
    if failures:
        sys.exit(1)

    # The plan with the scan merged, as JSON: its top 5 must be in the report, in this order.
    r = subprocess.run([BIN, "check", "--answers", os.path.join(DATA, "garage.answers.json"),
                        "--scan", os.path.join(DATA, "garage.scan.json"), "--format", "json"],
                       cwd=tmp, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    top = [a["title"]["nl"] for a in json.loads(r.stdout)["top"]]
    check(len(top) == 5, "the plan has 5 top actions")

    text = squash(subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                                 check=True).stdout)
    check("Weerbaar" in text, "PDF: the name Weerbaar")
    check("garage-demo.nl" in text, "PDF: the business (the scanned domain)")
    check(dutch(before) in text or dutch(after) in text, f"PDF: today's date ({dutch(after)})")
    check("23 november 2026" in text, "PDF: the date of the scan")
    check("pagina 1 van" in text, "PDF: 'pagina 1 van'")
    check("ERNSTIG" in text, "PDF: a traffic light with its word")
    positions = [text.find(squash(t)) for t in top]
    for t, p in zip(top, positions):
        check(p >= 0, f"PDF: top action {t!r}")
    check(all(p >= 0 for p in positions) and positions == sorted(positions), "PDF: top actions in plan order")

    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    pages = int(m.group(1)) if m else 0
    check(2 <= pages <= 6, f"PDF: 2 to 6 pages (got {pages})")
    check(re.search(r"^Page size:.*\(A4\)", info, re.M) is not None, "PDF: A4")
    check(f"pagina {pages} van {pages}" in text, "PDF: last page numbered 'pagina N van N'")

    # First things first (issue 10): the plan before the technical findings, and a last part
    # about the report (what a scan cannot see).
    plan_at, findings_at = text.find("Deze acties helpen het meest"), text.find("ERNSTIG")
    check(0 <= plan_at < findings_at, f"PDF: the plan before the findings (plan {plan_at}, findings {findings_at})")
    about_at = text.find("Over dit rapport")
    check(about_at > findings_at and "Wat een scan niet ziet" in text, "PDF: 'Over dit rapport' at the end")

    # Nothing is drawn where no content belongs: the band between the content (down to 780 pt)
    # and the footer rule (800 pt), on every page. A stray line across a page crosses it.
    subprocess.run(["pdftoppm", "-gray", "-r", "72", pdf, os.path.join(tmp, "band")], check=True)
    for name in sorted(f for f in os.listdir(tmp) if f.startswith("band")):
        with open(os.path.join(tmp, name), "rb") as f:
            data = f.read()
        # Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
        m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        w, h = int(m.group(1)), int(m.group(2))
        pixels = data[m.end():]
        dark = [(x, y) for y in range(783, 797) for x in range(0, w) if pixels[y * w + x] < 200]
        check(not dark, f"{name}: nothing drawn between content and footer (first at {dark[:1]})")

    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf, os.path.join(tmp, "page")],
                   check=True)
    pngs = [f for f in os.listdir(tmp) if f.startswith("page") and f.endswith(".png")]
    check(len(pngs) == 1 and os.path.getsize(os.path.join(tmp, pngs[0])) > 5000, "page 1 renders to PNG")
    keep = os.environ.get("WEERBAAR_KEEP_REPORT")
    if keep:
        import shutil
        for f in ["out.pdf", "out.html"] + pngs:
            shutil.copy(os.path.join(tmp, f), os.path.join(keep, f))

    html = open(html_path, encoding="utf-8").read()
    check(html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html, "HTML: doctype and lang=nl")
    check("garage-demo.nl" in html and all(t in html for t in
          [t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
           for t in top]), "HTML: business and top actions")
    check("<link" not in html and "<script" not in html and "src=" not in html, "HTML: self-contained")

    # English, and a business name of one's own, escaped.
    r = subprocess.run([BIN, "check", "--answers", os.path.join(DATA, "garage.answers.json"), "--lang", "en",
                        "--business", "Garage <b>Jansen</b>", "--html", "en.html", "--pdf", "en.pdf"],
                       cwd=tmp, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    check(r.returncode == 0, f"en: exit 0 (got {r.returncode}, stderr {r.stderr!r})")
    if r.returncode == 0:
        en = open(os.path.join(tmp, "en.html"), encoding="utf-8").read()
        check('<html lang="en">' in en and "Garage &lt;b&gt;Jansen&lt;/b&gt;" in en, "en HTML: lang=en, name escaped")
        t = squash(subprocess.run(["pdftotext", os.path.join(tmp, "en.pdf"), "-"], capture_output=True, text=True,
                                  check=True).stdout)
        check("page 1 of" in t and "Garage <b>Jansen</b>" in t, "en PDF: 'page 1 of' and the name as typed")

    # The organiser and whom to contact, on the page about the report.
    r = subprocess.run([BIN, "check", "--answers", os.path.join(DATA, "garage.answers.json"),
                        "--organiser", "Ondernemersvereniging Oost", "--contact", "Jan de Vries, 06-12345678",
                        "--pdf", "about.pdf"],
                       cwd=tmp, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    check(r.returncode == 0, f"about: exit 0 (got {r.returncode}, stderr {r.stderr!r})")
    if r.returncode == 0:
        t = squash(subprocess.run(["pdftotext", os.path.join(tmp, "about.pdf"), "-"], capture_output=True, text=True,
                                  check=True).stdout)
        check("georganiseerd door Ondernemersvereniging Oost" in t and "Jan de Vries, 06-12345678" in t,
              "PDF: organiser and contact named")

    # A PDF that cannot be written is one line on stderr, exit 2.
    r = subprocess.run([BIN, "check", "--answers", os.path.join(DATA, "garage.answers.json"),
                        "--pdf", os.path.join(tmp, "no", "such", "dir", "x.pdf")],
                       cwd=tmp, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    check(r.returncode == 2 and r.stderr.startswith("weerbaar: cannot write the PDF"),
          f"unwritable --pdf: exit 2 and one line (got {r.returncode}, {r.stderr!r})")

print("FAILED: " + "; ".join(failures) if failures else "all passed")
sys.exit(1 if failures else 0)
