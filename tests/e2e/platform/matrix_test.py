#!/usr/bin/env python3
"""Route x role matrix (CTest e2e.platform.matrix; no lab needed).

Every route the server has (`weerbaar serve --list-routes`: a new route cannot escape) is tried
as nobody, as an API key of each organisation, and signed in as each role, against a database
seeded by `weerbaar seed --scenario matrix`: two organisations with a campaign each, two
entrepreneurs in the first and one in the second, an assigned and an unassigned helper. The
expected status of each try comes from RULES below, the test's own statement of who may do
what, not from the server. Object routes are tried with ids that are not the caller's (an
entrepreneur guessing another's business id, a coordinator another organisation's campaign):
those must be 404, indistinguishable from an id that does not exist.
Usage: matrix_test.py WEERBAAR
"""
from __future__ import annotations

import http.client
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import platform_env as pe  # noqa: E402

ADDRESS, PORT = "127.62.3.3", 8080  # plain HTTP: this test is about access, not transport
ROLES = ["administrator", "coordinator", "helper", "entrepreneur"]


@dataclass
class Rule:
    """Who may use a route. roles: the roles that may; obj: what the path's {id}/{token} names
    and which relation to it the caller needs (see OBJECTS); public/api as in the router."""
    roles: tuple[str, ...] = ()
    public: bool = False
    api: bool = False
    obj: str | None = None
    # Relations that give access to obj; anyone else with an allowed role gets 404.
    related: tuple[str, ...] = ()
    # Changes state: tried with an empty form (valid CSRF token) only where access is denied,
    # so that the test does not depend on (or destroy) the seeded data.
    skip_allowed_post: bool = True


# The test's statement of the platform's access rules, one entry per route pattern. A route the
# server lists that is missing here fails the test: whoever adds a route adds its rule.
RULES: dict[str, Rule] = {
    # Anyone: public pages, sign-in, and the pages behind a link in an e-mail (the token is the key).
    "GET /": Rule(public=True),
    "GET /privacy": Rule(public=True),
    "GET /lang": Rule(public=True),
    "GET /.well-known/security.txt": Rule(public=True),
    "GET /login": Rule(public=True),
    "POST /login": Rule(public=True),
    "POST /logout": Rule(public=True),
    "GET /invite/{token}": Rule(public=True),
    "POST /invite/{token}": Rule(public=True),
    "GET /c/{slug}": Rule(public=True),
    "POST /c/{slug}": Rule(public=True),
    "GET /confirm/{token}": Rule(public=True),
    "POST /confirm/{token}": Rule(public=True),
    # Administrators: organisations, staff invitations, the audit log; never a business.
    "GET /admin/organisations": Rule(roles=("administrator",)),
    "POST /admin/organisations": Rule(roles=("administrator",)),
    "POST /admin/invitations": Rule(roles=("administrator",)),
    "GET /admin/audit": Rule(roles=("administrator",)),
    # Coordinators: their own organisation's campaigns only.
    "GET /campaigns": Rule(roles=("coordinator",)),
    "GET /campaigns/new": Rule(roles=("coordinator",)),
    "POST /campaigns/new": Rule(roles=("coordinator",)),
    "GET /campaigns/{id}": Rule(roles=("coordinator",), obj="campaign", related=("coordinator",)),
    "GET /campaigns/{id}/edit": Rule(roles=("coordinator",), obj="campaign", related=("coordinator",)),
    "POST /campaigns/{id}/edit": Rule(roles=("coordinator",), obj="campaign", related=("coordinator",)),
    "POST /campaigns/{id}/helpers": Rule(roles=("coordinator",), obj="campaign", related=("coordinator",)),
    "POST /campaigns/{id}/assign": Rule(roles=("coordinator",), obj="campaign", related=("coordinator",)),
    "GET /campaigns/{id}/dashboard": Rule(roles=("coordinator",), obj="campaign", related=("coordinator",)),
    "GET /campaigns/{id}/export.csv": Rule(roles=("coordinator",), obj="campaign", related=("coordinator",)),
    # A business: its entrepreneur and its assigned helper, nobody else (not the coordinator:
    # reports are between the business and its helper).
    "GET /my": Rule(roles=("entrepreneur",)),
    "GET /caseload": Rule(roles=("helper",)),
    "GET /businesses/{id}": Rule(roles=("entrepreneur", "helper"), obj="business", related=("owner", "helper")),
    "GET /businesses/{id}/proof": Rule(roles=("entrepreneur", "helper"), obj="business", related=("owner", "helper")),
    "POST /businesses/{id}/proof": Rule(roles=("entrepreneur", "helper"), obj="business", related=("owner", "helper")),
    "GET /businesses/{id}/basisscan": Rule(roles=("entrepreneur", "helper"), obj="business", related=("owner", "helper")),
    "POST /businesses/{id}/basisscan": Rule(roles=("entrepreneur", "helper"), obj="business", related=("owner", "helper")),
    "GET /businesses/{id}/plan": Rule(roles=("entrepreneur", "helper"), obj="business", related=("owner", "helper")),
    "GET /businesses/{id}/report.pdf": Rule(roles=("entrepreneur", "helper"), obj="business",
                                            related=("owner", "helper")),
    "POST /businesses/{id}/rescan": Rule(roles=("entrepreneur", "helper"), obj="business", related=("owner", "helper")),
    "POST /businesses/{id}/notes": Rule(roles=("helper",), obj="business", related=("helper",)),
    "GET /businesses/{id}/export.json": Rule(roles=("entrepreneur",), obj="business", related=("owner",)),
    "POST /businesses/{id}/withdraw": Rule(roles=("entrepreneur",), obj="business", related=("owner",)),
    # The JSON API (src/web/api): an organisation's key, its own campaigns only.
    "GET /api/v1/campaigns": Rule(api=True),
    "GET /api/v1/campaigns/{id}": Rule(api=True, obj="campaign"),
    "GET /api/v1/campaigns/{id}/results": Rule(api=True, obj="campaign"),
    "GET /api/v1/campaigns/{id}/results.csv": Rule(api=True, obj="campaign"),
    "POST /api/v1/campaigns/{id}/signups": Rule(api=True, obj="campaign"),
}


@dataclass
class Principal:
    name: str
    role: str | None  # None: nobody
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""
    relations: set[str] = field(default_factory=set)  # to the objects under test
    api_key: str | None = None


class Client:
    def __init__(self, p: Principal):
        self.p = p

    def request(self, method: str, path: str, body: dict | None = None, json_body: dict | None = None,
                headers: dict | None = None) -> http.client.HTTPResponse:
        c = http.client.HTTPConnection(ADDRESS, PORT, timeout=20)
        h = dict(headers or {})
        if self.p.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.p.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if json_body is not None:
            data = json.dumps(json_body)
            h["Content-Type"] = "application/json"
        if self.p.api_key:
            h["Authorization"] = f"Bearer {self.p.api_key}"
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        r.body = r.read().decode(errors="replace")
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";", 1)[0]
                if "max-age=0" in v.lower() or not value:
                    self.p.cookies.pop(name, None)
                else:
                    self.p.cookies[name] = value
        c.close()
        return r

    def csrf_from(self, html: str) -> str:
        m = re.search(r'name="csrf"\s+value="([^"]+)"', html) or re.search(r'value="([^"]+)"\s+name="csrf"', html)
        return m.group(1) if m else ""

    def login(self, email: str, password: str) -> None:
        r = self.request("GET", "/login")
        csrf = self.csrf_from(r.body)
        r = self.request("POST", "/login", {"csrf": csrf, "email": email, "password": password})
        if r.status != 303:
            raise SystemExit(f"matrix: login as {email} failed: {r.status}\n{r.body[:500]}")
        r = self.request("GET", "/privacy")  # any page: the session's CSRF token for POSTs
        self.p.csrf = self.csrf_from(r.body)


def expected(rule: Rule, p: Principal, method: str) -> set[int] | str:
    """The statuses allowed for p on a route; "allowed" when access is granted."""
    if rule.public:
        return "allowed"
    if rule.api:
        if not p.api_key or "valid_key" not in p.relations:
            return {401}
        if rule.obj and "own_organisation" not in p.relations:
            return {404}
        return "allowed"
    if p.role is None:
        return {303} if method == "GET" else {401}
    if p.role not in rule.roles:
        # A path naming an object ({id}) is 404 to a role that may never use it: the same
        # answer as someone else's object, so the status never tells that the id exists.
        return {404} if rule.obj else {403}
    if rule.obj and not (p.relations & set(rule.related)):
        return {404}
    return "allowed"


def main() -> int:
    weerbaar = sys.argv[1]
    work = Path(tempfile.mkdtemp(prefix="weerbaar-matrix-"))
    failures: list[str] = []
    try:
        listed = subprocess.run([weerbaar, "serve", "--list-routes"], capture_output=True, text=True, check=True)
        routes = [json.loads(l) for l in listed.stdout.splitlines() if l.strip()]
        if not routes:
            raise SystemExit("matrix: weerbaar serve --list-routes listed nothing")
        db = work / "matrix.db"
        seeded = subprocess.run([weerbaar, "seed", "--scenario", "matrix", "--db", str(db),
                                 "--base-url", f"http://{ADDRESS}:{PORT}"], capture_output=True, text=True)
        if seeded.returncode != 0:
            raise SystemExit(f"matrix: seed failed: {seeded.stderr}")
        seed = json.loads(seeded.stdout)
        ids = {"campaign": seed["campaigns"]["a"]["id"], "business": seed["businesses"]["entrepreneur_a"]["id"],
               "token": seed["invitations"]["open"], "slug": seed["campaigns"]["a"]["slug"],
               "organisation": seed["organisations"]["a"]}

        p = pe.Platform(weerbaar, Path("/nonexistent"), workdir=work / "serve", address=ADDRESS, tls=False,
                        lab=False, db=db, extra=[])
        p.port = PORT
        p.start()
        try:
            principals = [Principal("nobody", None)]
            rel = {"administrator": set(), "coordinator_a": {"coordinator", "own_organisation"},
                   "coordinator_b": set(), "helper_a": {"helper", "campaign_member"},
                   "helper_a2": {"campaign_member"}, "entrepreneur_a": {"owner"},
                   "entrepreneur_a2": set(), "entrepreneur_b": set()}
            for key, login in seed["logins"].items():
                if key not in rel:
                    continue
                pr = Principal(key, login["role"], relations=set(rel[key]))
                Client(pr).login(login["email"], login["password"])
                principals.append(pr)
            principals.append(Principal("apikey_a", None, api_key=seed["api_keys"]["a"],
                                        relations={"valid_key", "own_organisation"}))
            principals.append(Principal("apikey_b", None, api_key=seed["api_keys"]["b"], relations={"valid_key"}))
            principals.append(Principal("apikey_bogus", None, api_key="bogus-" + "x" * 40))

            tried = 0
            for r in routes:
                key = f"{r['method']} {r['path']}"
                rule = RULES.get(key)
                if rule is None:
                    failures.append(f"{key} (access {r['access']}) is not in the matrix: add its rule to RULES")
                    continue
                path = r["path"]
                for name, value in ids.items():
                    path = path.replace("{" + ("id" if name == rule.obj else name) + "}", str(value))
                path = re.sub(r"\{[a-z_]+\}", "1", path)
                for pr in principals:
                    if pr.api_key and not rule.api and pr.name != "apikey_a":
                        continue  # one key against session routes is enough
                    want = expected(rule, pr, r["method"])
                    if pr.api_key and not rule.api and not rule.public:
                        want = {303} if r["method"] == "GET" else {401}  # a key is no session
                    if want == "allowed" and r["method"] != "GET" and rule.skip_allowed_post:
                        continue
                    c = Client(pr)
                    body = {"csrf": pr.csrf} if r["method"] == "POST" and not rule.api else None
                    jb = {} if r["method"] == "POST" and rule.api else None
                    res = c.request(r["method"], path, body=body, json_body=jb)
                    tried += 1
                    if want == "allowed":
                        ok = res.status < 500 and res.status not in (401, 403) and (rule.public or res.status < 400)
                    else:
                        ok = res.status in want
                    if want == "allowed" and not rule.public and res.status == 404:
                        ok = False
                    if not ok:
                        failures.append(f"{key} as {pr.name}: {res.status}, expected "
                                        f"{'access' if want == 'allowed' else sorted(want)} (path {path})")
            print(f"matrix: {len(routes)} routes, {len(principals)} principals, {tried} requests, {len(failures)} wrong")
        finally:
            p.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return pe.report_failures(failures)


if __name__ == "__main__":
    sys.exit(main())
