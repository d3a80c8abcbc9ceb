#!/usr/bin/env python3
"""Refreshes content/software.json, the dataset the software checks judge versions against.

  scripts/refresh_software.py            fetch, update the file, print what changed
  scripts/refresh_software.py --check    only validate the committed file (no network)

What it reads (public sources; this needs internet, which the build machines do not have):
  - endoflife.date API v1, https://endoflife.date/api/v1/products/<id>/ for every product with
    an "endoflife" id: release cycles and their end-of-life dates replace the file's cycles;
  - CISA's Known Exploited Vulnerabilities catalog,
    https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json:
    KEV names no version ranges, so entries for our products that the file does not list yet
    are printed for a person to look up in the vendor's advisory and add by hand
    (cve, introduced, fixed, source). Nothing is added unchecked. A CVE the file keeps under
    "vulnerable" (critical, with an advisory, not known exploited) that KEV now lists is printed
    too: move it to "exploited" by hand (the SSH and FTP checks then need their severity looked at,
    docs/decisions.md issue 11 part 3).
Then "as_of" becomes today. Review the diff, run the unit tests (tests/unit/software_test.cpp)
and commit. Python 3 standard library only.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import urllib.request
from pathlib import Path

DATASET = Path(__file__).resolve().parents[1] / "content" / "software.json"
EOL_API = "https://endoflife.date/api/v1/products/{id}/"
KEV_FEED = "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"
# How KEV names our products (vendorProject, product), per dataset id.
KEV_NAMES = {
    "wordpress": [("WordPress", "WordPress")],
    "joomla": [("Joomla!", "Joomla!")],
    "drupal": [("Drupal", "Core"), ("Drupal", "Drupal Core")],
    "magento": [("Magento", "Magento"), ("Adobe", "Commerce and Magento Open Source"), ("Adobe", "Commerce")],
    "nginx": [("F5", "NGINX"), ("Nginx", "Nginx")],
    "apache": [("Apache", "HTTP Server")],
    "php": [("PHP Group", "PHP"), ("PHP", "PHP")],
    "iis": [("Microsoft", "Internet Information Services (IIS)")],
    "exim": [("Exim", "Exim")],
    "openssh": [("OpenBSD", "OpenSSH")],
    "vsftpd": [("vsftpd", "vsftpd"), ("vsftpd Project", "vsftpd")],
    "proftpd": [("ProFTPD", "ProFTPD"), ("ProFTPD Project", "ProFTPD")],
}
VERSION = re.compile(r"^\d+(\.\d+)*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def fetch_json(url: str):
    req = urllib.request.Request(url, headers={"User-Agent": "weerbaar-refresh-software (+https://weerbaar.nl/scanner)"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def check(data: dict) -> list[str]:
    problems = []
    for key in ("as_of", "sources", "products"):
        if key not in data:
            problems.append(f"missing {key}")
    if not DATE.match(data.get("as_of", "")):
        problems.append("as_of is not YYYY-MM-DD")
    for pid, p in data.get("products", {}).items():
        for key in ("label", "who", "endoflife", "cycles", "older_eol", "exploited"):
            if key not in p:
                problems.append(f"{pid}: missing {key}")
        if p.get("who") not in ("website_builder", "hosting", "it_supplier"):
            problems.append(f"{pid}: who must be website_builder, hosting or it_supplier")
        for c in p.get("cycles", []):
            if not VERSION.match(str(c.get("cycle", ""))):
                problems.append(f"{pid}: cycle {c.get('cycle')!r} is not a version")
            eol = c.get("eol")
            if eol is not False and not (isinstance(eol, str) and DATE.match(eol)):
                problems.append(f"{pid} {c.get('cycle')}: eol must be false or YYYY-MM-DD")
        for e in p.get("exploited", []) + p.get("vulnerable", []):
            for key in ("cve", "introduced", "fixed", "source"):
                if key not in e:
                    problems.append(f"{pid}: exploited or vulnerable entry without {key}")
            if not VERSION.match(e.get("introduced", "")) or not VERSION.match(e.get("fixed", "")):
                problems.append(f"{pid} {e.get('cve')}: introduced and fixed must be versions")
    return problems


def cycles_from_endoflife(product_id: str) -> list[dict]:
    doc = fetch_json(EOL_API.format(id=product_id))
    out = []
    for r in doc["result"]["releases"]:
        name = r["name"]
        if not VERSION.match(name):
            continue
        eol = r.get("eolFrom") if r.get("isEol") else False
        out.append({"cycle": name, "eol": eol or False})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only validate content/software.json")
    args = ap.parse_args()
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    problems = check(data)
    if args.check or problems:
        for p in problems:
            print(f"software.json: {p}", file=sys.stderr)
        if not problems:
            print(f"software.json: valid ({len(data['products'])} products, as of {data['as_of']})")
        return 1 if problems else 0
    kev = fetch_json(KEV_FEED)["vulnerabilities"]
    for pid, p in data["products"].items():
        if p["endoflife"]:
            new = cycles_from_endoflife(p["endoflife"])
            if new and new != p["cycles"]:
                print(f"{pid}: cycles updated ({len(p['cycles'])} -> {len(new)})")
                p["cycles"] = new
        known = {e["cve"] for e in p["exploited"]}
        vulnerable = {e["cve"] for e in p.get("vulnerable", [])}
        for v in kev:
            if (v["vendorProject"], v["product"]) not in KEV_NAMES.get(pid, []) or v["cveID"] in known:
                continue
            if v["cveID"] in vulnerable:
                print(f"{pid}: KEV now lists {v['cveID']}, kept under vulnerable; move it to exploited by hand")
            else:
                print(f"{pid}: KEV lists {v['cveID']} ({v['vulnerabilityName']}); add its version range by hand")
    data["as_of"] = dt.date.today().isoformat()
    DATASET.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    problems = check(data)
    for p in problems:
        print(f"software.json: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
