#!/usr/bin/env python3
"""`weerbaar check` in a real pseudo-terminal: typing answers, ?, t (back), an invalid input,
q (quit), resuming from the saved state, end of input, and the plan at the end.

usage: check_pty_test.py WEERBAAR_BINARY SOURCE_DIR
"""
import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time

BIN, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
QUESTIONS = json.load(open(os.path.join(SRC, "content", "assess", "questions.json")))["questions"]
GARAGE = json.load(open(os.path.join(SRC, "tests", "data", "assess", "garage.answers.json")))["answers"]
TIMEOUT = 30


class Fail(Exception):
    pass


class Session:
    """The binary on a pseudo-terminal; expect() waits for text, send() types a line."""

    def __init__(self, args, cwd):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            os.environ["LANG"] = "C.UTF-8"
            try:
                os.execv(BIN, [BIN, "check", *args])
            finally:
                os._exit(127)
        self.buf = ""  # output not consumed by expect() yet
        self.log = ""

    def _read(self, deadline):
        while time.time() < deadline:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.time()))
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return False  # the child closed the terminal
            if not data:
                return False
            text = data.decode("utf-8", "replace").replace("\r", "")
            self.buf += text
            self.log += text
            return True
        return False

    def expect(self, pattern):
        """Waits for a regular expression; consumes the output up to and including it."""
        deadline = time.time() + TIMEOUT
        while True:
            m = re.search(pattern, self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m
            if not self._read(deadline):
                raise Fail(f"did not see {pattern!r}; last output:\n{self.buf[-1500:]}")

    def send(self, line):
        os.write(self.fd, (line + "\n").encode())

    def eof(self):
        os.write(self.fd, b"\x04")  # ^D at the start of a line: end of input

    def wait(self):
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self._read(time.time() + 0.2):
                    pass
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            self._read(time.time() + 0.2)
        raise Fail("the program did not end")


def question_by_text(text):
    for q in QUESTIONS:
        if q["text"]["nl"] in text:
            return q
    raise Fail(f"no question in {text!r}")


def current_question(s):
    """Reads one shown question: progress line up to the prompt."""
    m = s.expect(r"Vraag (\d+) van ongeveer (\d+)\n(.*)\n")
    return int(m.group(1)), question_by_text(m.group(3))


def index_of(q, answer_id):
    return [a["id"] for a in q["answers"]].index(answer_id) + 1


def saved(path):
    return json.load(open(path))["answers"]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        state = os.path.join(tmp, "weerbaar-check.json")

        # --- first session: name and domain, type, ?, invalid, back, quit ---
        s = Session([], tmp)
        s.expect(r"Hoe heet uw bedrijf\? \(Enter = overslaan\): ")
        s.send("Garage Demo")
        s.expect(r"Wat is de domeinnaam van uw website of e-mail")
        s.send("https://garage-demo.nl/")
        s.expect(r"Dat is geen domeinnaam\. Typ alleen de naam")
        s.expect(r"Wat is de domeinnaam van uw website of e-mail")
        s.send("Garage-Demo.nl")
        n, q = current_question(s)
        assert n == 1 and q["id"] == "sector", (n, q["id"])
        s.expect(r"Waarom is dit belangrijk\? ")
        s.expect(r"7\. Weet ik niet")
        s.expect(r"Uw keuze \(1-7, \? = waarom, t = terug, q = stoppen\): ")
        s.send("t")
        s.expect(r"Dit is de eerste vraag")
        s.send(str(index_of(q, "other")))
        n, q = current_question(s)
        assert n == 2 and q["id"] == "team", (n, q["id"])
        s.expect(r"Uw keuze")
        s.send("9")
        s.expect(r"Typ een nummer van 1 tot en met 4, of \? \(waarom\), t \(terug\) of q \(stoppen\)\.")
        s.send("hallo")
        s.expect(r"Typ een nummer van 1 tot en met 4")
        s.send("?")
        s.expect("Waarom is dit belangrijk\\? " + re.escape(q["why"]["nl"]))
        s.send(str(index_of(q, "alone")))
        n, q = current_question(s)
        assert n == 3 and q["id"] == "has_website", (n, q["id"])
        if saved(state) != {"sector": "other", "team": "alone"}:
            raise Fail(f"state after 2 answers: {saved(state)}")
        s.send("t")  # back to the team question, to correct it
        n, q = current_question(s)
        assert n == 2 and q["id"] == "team", (n, q["id"])
        if saved(state) != {"sector": "other"}:
            raise Fail(f"state after going back: {saved(state)}")
        for answer in ("small",):
            s.send(str(index_of(q, answer)))
        for qid in ("has_website", "own_server", "backup_exists"):
            n, q = current_question(s)
            assert q["id"] == qid, (q["id"], qid)
            s.send(str(index_of(q, GARAGE[qid])))
        n, q = current_question(s)
        assert n == 6 and q["id"] == "backup_offline", (n, q["id"])
        s.expect(r"Uw keuze")
        s.send("q")
        s.expect(r"Uw antwoorden zijn bewaard in .*weerbaar-check\.json\.")
        s.expect(r"Later verder gaan\? Typ dan: weerbaar check\n")
        code = s.wait()
        assert code == 0, f"exit after q: {code}"
        expected = {k: GARAGE[k] for k in ("sector", "team", "has_website", "own_server", "backup_exists")}
        if saved(state) != expected:
            raise Fail(f"state after q: {saved(state)}")
        st = json.load(open(state))
        if st["schema"] != "weerbaar.assess-state/1":
            raise Fail("state schema")
        if st.get("business") != "Garage Demo" or st.get("domain") != "garage-demo.nl":
            raise Fail(f"state keeps the name and domain typed at the start: {st}")
        print("ok   first session: name and domain, answers, ?, invalid, back, quit; state saved")

        # --- second session: resume and finish like the garage ---
        s = Session([], tmp)
        s.expect(r"Er zijn al 5 antwoorden bewaard in")
        s.expect(r"Uw keuze: ")
        s.send("3")
        s.expect(r"Typ 1 \(verder gaan\) of 2 \(opnieuw beginnen\)\.")
        s.send("1")
        s.expect(r"We gaan verder bij vraag 6\.")
        count = 0
        while True:
            m = s.expect(r"(Vraag (\d+) van ongeveer (\d+)\n(.*)\n|Klaar! Dank u wel)")
            if m.group(1).startswith("Klaar"):
                break
            q = question_by_text(m.group(4))
            if count == 0 and (int(m.group(2)) != 6 or q["id"] != "backup_offline"):
                raise Fail(f"resumed at question {m.group(2)} {q['id']}, not 6 backup_offline")
            s.expect(r"Uw keuze")
            s.send(str(index_of(q, GARAGE[q["id"]])))
            count += 1
        # The domain typed at the start: a scan is offered (declined here: no network in this test).
        s.expect(r"Zal ik garage-demo\.nl nu ook scannen\?.*\(j/n\): ")
        s.send("misschien")
        s.expect(r"Typ j \(ja\) of n \(nee\)\.")
        s.send("n")
        s.expect(r"Uw score per onderwerp")
        s.expect(r"Accounts en wachtwoorden: 0\n")
        s.expect(r"Doe dit eerst\n")
        s.expect(r"1\. Zet inloggen in twee stappen aan voor e-mail en online diensten\n")
        s.expect(r"Wie: uzelf\. Tijd: ongeveer 60 minuten\.")
        s.expect(r"Zo doet u het: Inloggen in twee stappen\n")
        s.expect(r"1\) ")
        s.expect(r"Daarna\n")
        s.expect(r"  - ")
        s.expect(r"Wilt u het rapport ook als PDF, om te bewaren of te delen\? \(j/n\): ")
        s.send("ja")
        s.expect(r"Het rapport staat in weerbaar-rapport\.pdf\.")
        code = s.wait()
        assert code == 0, f"exit after finishing: {code}"
        pdf = os.path.join(tmp, "weerbaar-rapport.pdf")
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
        if "Garage Demo" not in text:
            raise Fail("the PDF names the business typed at the start")
        if saved(state) != GARAGE:
            raise Fail(f"state after finishing differs from the garage: {saved(state)}")
        print(f"ok   second session: resumed at question 6, {count} more answers, scan offered, plan shown, PDF written")

        # --- third session: start over, then end of input saves ---
        s = Session(["--lang", "en"], tmp)
        s.expect(r"answers are already saved in")
        s.send("2")
        n, q = current_question_en(s)
        assert n == 1, n
        s.expect(r"Your choice \(1-7, \? = why, b = back, q = quit\): ")
        s.send("1")
        current_question_en(s)
        s.expect(r"Your choice")
        s.eof()
        s.expect(r"Your answers are saved in")
        s.expect(r"To continue later, type: weerbaar check\n")
        code = s.wait()
        assert code == 2, f"exit after end of input: {code}"
        st = json.load(open(state))
        if st["answers"] != {"sector": "retail"} or st["lang"] != "en":
            raise Fail(f"state after start over and EOF: {st}")
        print("ok   third session: start over, English, end of input saves")


def current_question_en(s):
    m = s.expect(r"Question (\d+) of about (\d+)\n(.*)\n")
    return int(m.group(1)), m.group(3)


if __name__ == "__main__":
    try:
        main()
    except (Fail, AssertionError) as e:
        print(f"FAIL {e}")
        sys.exit(1)
    print("all passed")
