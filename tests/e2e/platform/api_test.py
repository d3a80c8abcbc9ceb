#!/usr/bin/env python3
"""The JSON API (docs/openapi.yaml) against the running platform in the lab
(CTest e2e.platform.api, lab fixture).

A database seeded by `weerbaar seed --scenario matrix` (two organisations, each with a campaign
and an API key) behind `weerbaar serve` on campagne.test. Every answer is validated against the
schema docs/openapi.yaml gives for its path and status, so the document cannot drift from the
code. Checked: keys reach their own organisation's campaigns only; the results are suppressed
below 5 businesses (JSON and CSV); a sign-up through the API stores the business and the
confirmation mail arrives at the lab's Postfix; bad input is a 4xx with the field at fault.
Usage: api_test.py WEERBAAR LAB_STATE
"""
from __future__ import annotations

import http.client
import json
import re
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import platform_env as pe  # noqa: E402

OPENAPI = pe.REPO / "docs" / "openapi.yaml"
failures: list[str] = []


def check(cond: bool, what: str) -> None:
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


class LabHttps(http.client.HTTPSConnection):
    """HTTPS to campagne.test (SNI, certificate name) at its lab address."""

    def connect(self) -> None:
        sock = socket.create_connection((pe.ADDRESS, 443), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=pe.NAME)


class Api:
    def __init__(self, state: Path, spec: dict):
        self.ctx = ssl.create_default_context(cafile=str(state / "ca" / "ca.pem"))
        self.spec = spec

    def call(self, method: str, path: str, key: str | None, body: bytes | None = None,
             content_type: str = "application/json", template: str | None = None) -> tuple[int, dict, str]:
        c = LabHttps(pe.NAME, 443, context=self.ctx, timeout=30)
        h = {"Content-Type": content_type} if body is not None else {}
        if key:
            h["Authorization"] = f"Bearer {key}"
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        text = r.read().decode(errors="replace")
        headers = {k.lower(): v for k, v in r.getheaders()}
        c.close()
        if template:
            self.validate(method, template, r.status, headers, text)
        return r.status, headers, text

    def validate(self, method: str, template: str, status: int, headers: dict, text: str) -> None:
        op = self.spec["paths"].get(template, {}).get(method.lower())
        if op is None:
            failures.append(f"{method} {template} is not in docs/openapi.yaml")
            return
        resp = op["responses"].get(str(status))
        if resp is None:
            failures.append(f"{method} {template}: status {status} is not documented")
            return
        if "$ref" in resp:
            resp = self.resolve(resp["$ref"])
        content = resp.get("content", {})
        ctype = headers.get("content-type", "").split(";")[0]
        if ctype not in content:
            failures.append(f"{method} {template} {status}: content type {ctype} not documented ({list(content)})")
            return
        if ctype == "application/json":
            schema = dict(content[ctype]["schema"], components=self.spec["components"])
            try:
                jsonschema.validate(json.loads(text), schema)
            except (jsonschema.ValidationError, ValueError) as e:
                failures.append(f"{method} {template} {status}: answer does not fit the schema: {str(e)[:300]}")

    def resolve(self, ref: str) -> dict:
        node = self.spec
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return node


def main() -> int:
    weerbaar, state = sys.argv[1], Path(sys.argv[2]).resolve()
    if not pe.lab_is_up(state):
        print(f"api: the lab is not up in {state}", file=sys.stderr)
        return 1
    spec = yaml.safe_load(OPENAPI.read_text())
    p = pe.Platform(weerbaar, state)
    db = p.dir / "platform.db"
    seeded = subprocess.run([weerbaar, "seed", "--scenario", "matrix", "--db", str(db), "--base-url", p.url],
                            capture_output=True, text=True)
    if seeded.returncode != 0:
        print(f"api: seed failed: {seeded.stderr}", file=sys.stderr)
        return 1
    seed = json.loads(seeded.stdout)
    key_a, key_b = seed["api_keys"]["a"], seed["api_keys"]["b"]
    ca, cb = seed["campaigns"]["a"]["id"], seed["campaigns"]["b"]["id"]
    try:
        p.start()
        api = Api(state, spec)
        t_list, t_one = "/api/v1/campaigns", "/api/v1/campaigns/{id}"
        t_res, t_csv, t_sign = t_one + "/results", t_one + "/results.csv", t_one + "/signups"

        st, h, _ = api.call("GET", "/api/v1/campaigns", None, template=t_list)
        check(st == 401 and h.get("www-authenticate", "").startswith("Bearer"), f"no key: 401 with WWW-Authenticate ({st})")
        st, _, _ = api.call("GET", "/api/v1/campaigns", "not-a-key", template=t_list)
        check(st == 401, f"an unknown key: 401 ({st})")
        st, _, text = api.call("GET", "/api/v1/campaigns", key_a, template=t_list)
        got = [c["id"] for c in json.loads(text)["campaigns"]] if st == 200 else []
        check(st == 200 and got == [ca], f"key A lists campaign A only ({st}, {got})")
        st, _, text = api.call("GET", f"/api/v1/campaigns/{ca}", key_a, template=t_one)
        camp = json.loads(text) if st == 200 else {}
        check(st == 200 and camp.get("consent", {}).get("version") == 1, f"key A reads campaign A with its consent text ({st})")
        for path, tpl in ((f"/api/v1/campaigns/{cb}", t_one), (f"/api/v1/campaigns/{cb}/results", t_res),
                          (f"/api/v1/campaigns/{cb}/results.csv", t_csv), ("/api/v1/campaigns/999999", t_one),
                          ("/api/v1/campaigns/abc", t_one)):
            st, _, text = api.call("GET", path, key_a, template=tpl)
            check(st == 404, f"key A on {path}: 404 ({st})")
        st, _, text = api.call("GET", f"/api/v1/campaigns/{cb}", key_b, template=t_one)
        check(st == 200, f"key B reads campaign B ({st})")

        st, _, text = api.call("GET", f"/api/v1/campaigns/{ca}/results", key_a, template=t_res)
        res = json.loads(text) if st == 200 else {}
        check(st == 200 and res.get("funnel", {}).get("signed_up") == {"suppressed": True},
              f"results: 2 sign-ups are suppressed ({st}, {res.get('funnel', {}).get('signed_up')})")
        check("caseload" not in text and "piet@" not in text and "Koffiebar" not in text,
              "results name no helper, no business, no e-mail address")
        st, h, text = api.call("GET", f"/api/v1/campaigns/{ca}/results.csv", key_a, template=t_csv)
        check(st == 200 and h.get("content-type", "").startswith("text/csv") and "<5" in text,
              f"results as CSV with suppressed cells as <5 ({st})")

        good = {"business_name": "Bakkerij Jansen", "contact_name": "Jan Jansen", "email": "jan@bakkerij-jansen.test",
                "domain": "bakkerij-jansen.test", "sector": camp.get("sectors", ["horeca"])[0], "postcode": "3511 AB",
                "lang": "nl", "consent_given": True, "consent_version": 1}

        def sign(body, key=key_a, campaign=ca, ctype="application/json"):
            raw = body if isinstance(body, bytes) else json.dumps(body).encode()
            st, _, text = api.call("POST", f"/api/v1/campaigns/{campaign}/signups", key, raw, ctype, template=t_sign)
            try:
                return st, json.loads(text)
            except ValueError:
                return st, {}

        st, body = sign(good)
        check(st == 201 and body == {"status": "confirmation_sent"}, f"sign-up through the API: 201 ({st}, {body})")
        end, mail = time.time() + 30, []
        while time.time() < end and not mail:
            mail = pe.mail_to(state, good["email"])
            time.sleep(0.3)
        check(bool(mail) and re.search(rf"https://{re.escape(pe.NAME)}/confirm/\S+", mail[0] if mail else "") is not None,
              "the confirmation mail with its link arrives at the lab's Postfix")
        st, body = sign(good)
        check(st == 422 and body.get("error", {}).get("key") == "signup.duplicate", f"the same domain again: signup.duplicate ({st}, {body})")
        st, body = sign(dict(good, domain="https://bakkerij-jansen.test/", email="x@bakkerij-jansen.test"))
        check(st == 422 and body.get("error", {}).get("field") == "domain", f"a URL as domain: 422 on field domain ({st}, {body})")
        st, body = sign(dict(good, domain="nergens-te-vinden.test", email="x@nergens-te-vinden.test"))
        check(st == 422 and body.get("error", {}).get("key") == "signup.domain_unresolved", f"a domain that does not exist ({st}, {body})")
        st, body = sign(dict(good, consent_given=False, domain="kaasboer-kort.test"))
        check(st == 422 and body.get("error", {}).get("key") == "signup.consent_required", f"no consent ({st}, {body})")
        st, body = sign(dict(good, consent_given="ja"))
        check(st == 422 and body.get("error", {}).get("field") == "consent_given", f"consent_given not a boolean ({st}, {body})")
        st, body = sign(b"{not json")
        check(st == 400, f"a body that is not JSON: 400 ({st})")
        st, body = sign(b"domain=x", ctype="application/x-www-form-urlencoded")
        check(st == 415, f"a form body: 415 ({st})")
        st, body = sign(dict(good, domain="slagerij-snel.test"), key=key_b, campaign=ca)
        check(st == 404, f"key B signs up for campaign A: 404 ({st})")
    finally:
        p.stop()
        p.cleanup()
    print(f"{len(failures)} failed")
    return pe.report_failures(failures)


if __name__ == "__main__":
    sys.exit(main())
