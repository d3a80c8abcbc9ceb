#!/usr/bin/env python3
"""clang-format and clang-tidy over our own C++ (src/, tests/, bench/); run by scripts/tidy.sh.

clang-format: the whole tree, every time (it is quick).

clang-tidy costs about 12 s of CPU a file (the whole tree: ~20 minutes on two cores), which
the test command cannot afford on a clean checkout. So scripts/tidy-baseline.txt records, besides
the findings the tree had, every file of ours as it was when the baseline was made (git's blob
id of its text) and .clang-tidy's. The gate then checks only what differs from that:
  - every translation unit whose source differs (or is new);
  - for a header that differs, one translation unit that includes it (ninja's dependency log of
    the build), unless a checked one already does: a header's findings show in any file that
    includes it (HeaderFilterRegex). What a changed header does to the findings of the other
    files that include it is left to the next full run (--update-baseline or --all).
and fails on a finding that is not in the baseline. Findings are matched by file, check and
message, counted, without line numbers (lines move). No git history is needed: the comparison
is by content.

  scripts/tidy.sh                    the gate (the test command runs this)
  scripts/tidy.sh --all              every translation unit against the baseline
  scripts/tidy.sh --update-baseline [--budget MINUTES]
                                     every translation unit (cheapest first); today's findings become
                                     the baseline. With a budget, the units not reached stay pending:
                                     the gate skips them, and the next update starts from the cache.
  scripts/tidy.sh --refresh          the gate, then (when it passes) the files it checked take
                                     their place in the baseline as they are now: cheap, no full run
  scripts/tidy.sh FILE...            these files (a header: through a file that includes it)

Results are cached in <build>/tidy-cache/, keyed by the file, every header of ours it includes,
its compile command and .clang-tidy, so a second run over an unchanged tree takes seconds.
"""
import collections
import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), ".."))
BUILD = os.path.realpath(os.environ.get("WEERBAAR_BUILD_DIR", os.path.join(ROOT, "build")))
JOBS = int(os.environ.get("WEERBAAR_TIDY_JOBS", "2"))
BASELINE = os.path.join(ROOT, "scripts", "tidy-baseline.txt")
CACHE = os.path.join(BUILD, "tidy-cache")
OURS = ("src", "tests", "bench")
COST = {}
FINDING = re.compile(r"^(/[^:]+):(\d+):(\d+): (warning|error): (.*) \[([a-z0-9.,-]+)\]$")


def blob_id(path):
    """git's id of the file's text (so `git ls-tree` can confirm it), computed without git."""
    data = open(path, "rb").read()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def our_sources():
    """Our C++ files, relative to the root: git's list when there is one, else a walk."""
    try:
        out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "--", *OURS],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        out = []
        for top in OURS:
            for d, dirs, names in os.walk(os.path.join(ROOT, top)):
                dirs[:] = [x for x in dirs if x != "node_modules" and not x.startswith(".")]
                out += [os.path.relpath(os.path.join(d, n), ROOT) for n in names]
    return sorted(f for f in out if f.endswith((".cpp", ".hpp")) and os.path.isfile(os.path.join(ROOT, f)))


def clang_format(files):
    out = subprocess.run(["clang-format", "--dry-run", *files], cwd=ROOT, capture_output=True,
                         text=True, stdin=subprocess.DEVNULL)
    bad = sorted({m.group(1) for m in re.finditer(r"^([^:\n]+\.(?:cpp|hpp)):", out.stderr, re.M)})
    if bad:
        print("clang-format would change (run clang-format -i on them):")
        for f in bad:
            print("  " + f)
    return not bad


def compile_db():
    path = os.path.join(BUILD, "compile_commands.json")
    if not os.path.isfile(path):
        sys.exit(f"tidy: no {path}; build first")
    units = {}
    for e in json.load(open(path)):
        f = os.path.relpath(os.path.realpath(os.path.join(e["directory"], e["file"])), ROOT)
        if f.split(os.sep)[0] in OURS:
            units.setdefault(f, e)
    return units


def header_deps(db):
    """Translation unit -> files of ours it includes, from ninja's dependency log (None: no log)."""
    try:
        out = subprocess.run(["ninja", "-C", BUILD, "-t", "deps"], capture_output=True, text=True).stdout
    except OSError:
        return None
    objects, cur = [], None
    for line in out.splitlines():
        if line and not line.startswith(" "):
            cur = []
            objects.append((line.split(":")[0], cur))
        elif line.strip() and cur is not None:
            p = os.path.relpath(os.path.realpath(os.path.join(BUILD, line.strip())), ROOT)
            if not p.startswith(".."):  # ours and the build's generated files, not the system's
                cur.append(p)
    deps = {}
    for obj, ds in objects:
        # The object's source is its first dependency that is a translation unit (the sanitizer
        # build lists clang's ignore list before it).
        src = next((p for p in ds if p in db), None)
        if src is not None:
            deps.setdefault(src, set()).update(p for p in ds if p != src)
            try:  # the object's size: a measure of what the file costs to compile and to check
                COST[src] = max(COST.get(src, 0), os.path.getsize(os.path.join(BUILD, obj)))
            except OSError:
                pass
    return deps or None


def read_baseline():
    if not os.path.isfile(BASELINE):
        return None
    b = {"findings": collections.Counter(), "files": {}, "pending": set(), "commit": "?", "config": None}
    for line in open(BASELINE):
        line = line.rstrip("\n")
        if line.startswith("# commit "):
            b["commit"] = line.split()[2]
        elif line.startswith("? "):
            b["pending"].add(line[2:])
        elif line.startswith("= "):
            _, blob, path = line.split(" ", 2)
            if path == ".clang-tidy":
                b["config"] = blob
            else:
                b["files"][path] = blob
        elif line and not line.startswith("#"):
            n, key = line.split(" ", 1)
            b["findings"][key] = int(n)
    return b


def unit_key(unit, entry, deps, config):
    h = hashlib.sha256(config + json.dumps(entry.get("command") or entry.get("arguments")).encode())
    for p in [unit] + sorted(deps.get(unit, ())):
        try:
            h.update(p.encode() + open(os.path.join(ROOT, p), "rb").read())
        except OSError:
            h.update(b"missing " + p.encode())
    if unit not in deps:  # no dependency log for it: the file alone is not enough, never trust the cache
        h.update(os.urandom(16))
    return h.hexdigest()


def run_tidy(units, db, deps, deadline=None):
    """Findings (path:line:col: kind: message [check], relative paths) of these translation units,
    and the units checked (all of them, unless the deadline passed first)."""
    os.makedirs(CACHE, exist_ok=True)
    config = open(os.path.join(ROOT, ".clang-tidy"), "rb").read()
    keys = {u: unit_key(u, db[u], deps or {}, config) for u in units}
    todo = [u for u in units if not os.path.isfile(os.path.join(CACHE, keys[u]))]
    if todo and (deadline is None or time.monotonic() < deadline):
        until = "" if deadline is None else f", for at most {(deadline - time.monotonic()) / 60:.0f} more minutes"
        print(f"clang-tidy: running on {len(todo)} of {len(units)} files (the rest cached), {JOBS} at once{until}",
              flush=True)

    def one(u):
        if deadline is not None and time.monotonic() > deadline:
            return
        out = subprocess.run(["clang-tidy", "-p", BUILD, "--quiet", os.path.join(ROOT, u)],
                             capture_output=True, text=True).stdout
        lines = []
        for line in out.splitlines():
            m = FINDING.match(line)
            if m and m.group(1).startswith(ROOT + os.sep):
                rel = os.path.relpath(m.group(1), ROOT)
                if rel.split(os.sep)[0] in OURS:  # not the build's generated files
                    lines.append(rel + line[len(m.group(1)):])
        tmp = os.path.join(CACHE, keys[u] + ".tmp")
        with open(tmp, "w") as f:
            f.write("".join(l + "\n" for l in sorted(set(lines))))
        os.replace(tmp, os.path.join(CACHE, keys[u]))

    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        for _ in pool.map(one, todo):
            pass
    found, done = set(), []
    for u in units:
        if os.path.isfile(os.path.join(CACHE, keys[u])):
            done.append(u)
            found.update(open(os.path.join(CACHE, keys[u])).read().splitlines())
    return sorted(found), done


def key_of(finding):
    m = re.match(r"^([^:]+):\d+:\d+: [a-z]+: (.*) \[([a-z0-9.,-]+)\]$", finding)
    return f"{m.group(1)} [{m.group(3)}] {m.group(2)}"


def short_commit():
    try:
        head = subprocess.run(["git", "rev-parse", "--short=10", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *OURS, ".clang-tidy"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return head + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv):
    mode, named, budget = "gate", [], None
    args = iter(argv)
    for a in args:
        if a == "--update-baseline":
            mode = "update"
        elif a == "--all":
            mode = "all"
        elif a == "--refresh":
            mode = "refresh"
        elif a == "--budget":
            budget = float(next(args)) * 60
        else:
            mode = "files"
            named.append(os.path.relpath(os.path.realpath(a), ROOT))
    sources = our_sources()
    format_ok = clang_format(sources)
    baseline = read_baseline()
    if baseline is None and mode not in ("update", "files"):
        print("clang-tidy: skipped (no scripts/tidy-baseline.txt; scripts/tidy.sh --update-baseline makes one)")
        return 0 if format_ok else 1

    db = compile_db()
    deps = header_deps(db)
    pending = baseline["pending"] if baseline and mode != "update" else set()
    started = time.monotonic()
    if mode in ("gate", "refresh"):
        if blob_id(os.path.join(ROOT, ".clang-tidy")) != baseline["config"]:
            print(f"clang-tidy: .clang-tidy changed since the baseline ({baseline['commit']}); remake it:"
                  " scripts/tidy.sh --update-baseline")
            return 1
        changed = [f for f in sources
                   if f not in pending and baseline["files"].get(f) != blob_id(os.path.join(ROOT, f))]
        what = f"{n(len(changed), 'file')} {'differs' if len(changed) == 1 else 'differ'} from the baseline" \
               f" ({baseline['commit']})"
    elif mode == "files":
        changed = named
        what = f"{len(named)} files named"
    else:
        changed = sorted(db, key=lambda u: (COST.get(u, 0), u))  # cheapest first: most files per minute
        what = "every file"
    units = [f for f in changed if f in db]
    unchecked = []
    if mode in ("gate", "refresh", "files"):
        for h in (f for f in changed if f not in db):
            if deps is None:
                unchecked.append(h)
                continue
            if any(h in deps.get(u, ()) for u in units):
                continue
            # A file whose own findings the baseline knows (not a pending one), the cheapest.
            including = [u for u in db if h in deps.get(u, ()) and u not in pending]
            if including:
                units.append(min(including, key=lambda u: (COST.get(u, 0), u)))
            else:
                unchecked.append(h)
        units = sorted(set(units))
    if mode == "gate" and budget is None and os.environ.get("WEERBAAR_TIDY_BUDGET"):
        # The test command's limit (CI's 30 minutes): cheapest units first, what is left is named.
        budget = float(os.environ["WEERBAAR_TIDY_BUDGET"])
        units.sort(key=lambda u: (COST.get(u, 0), u))
    deadline = started + budget if budget else None
    found, done = run_tidy(units, db, deps, deadline) if units else ([], [])
    out_of_time = sorted(set(units) - set(done)) if mode != "update" else []
    if out_of_time:
        units = [u for u in units if u in done]
    found = [f for f in found if f.split(":")[0] not in pending]
    seconds = time.monotonic() - started

    current = collections.Counter(key_of(f) for f in found)
    if mode == "update":
        # Files whose findings the baseline holds: the units checked, and every header of ours one
        # of them includes. A unit not checked in the budget, and a header only such units
        # include, stay pending: the gate skips them until a later --update-baseline (which
        # starts from the cache) gets to them.
        waiting = set(units) - set(done)
        covered = set(done).union(*(deps.get(u, set()) for u in done)) if deps else set(done)
        pend = sorted(f for f in sources if f in waiting or (f not in covered and deps and
                                                             any(f in deps.get(u, ()) for u in waiting)))
        write_baseline(f"# commit {short_commit()} (clang-tidy {tidy_version()}; {len(done)} of {len(units)}"
                       f" translation units checked; this run {seconds:.0f} s, cached results reused)", current,
                       {f: blob_id(os.path.join(ROOT, f)) for f in sources if f not in pend}, pend)
        print(f"clang-tidy: baseline written: {sum(current.values())} findings ({len(current)} kinds by file),"
              f" {len(done)} of {len(units)} translation units in {seconds:.0f} s, {len(pend)} files pending")
        return 0 if format_ok else 1

    allowed = baseline["findings"] if baseline else collections.Counter()
    new = {k: n - allowed[k] for k, n in current.items() if n > allowed[k]}
    header_units = len([u for u in units if u not in changed])
    summary = f"clang-tidy: {what}: checked {n(len(units), 'translation unit')}"
    if header_units:
        summary += f" ({header_units} for changed headers)"
    if unchecked:
        summary += f"; not checked (no translation unit in the baseline includes them): {' '.join(unchecked)}"
    if out_of_time:
        summary += f"; NOT checked, the {budget:.0f} s budget ran out: {' '.join(out_of_time)}"
    if pending and mode in ("gate", "refresh"):
        summary += f"; {n(len(pending), 'file')} not in the baseline yet, skipped"
    if new:
        print(f"{summary}: {n(sum(new.values()), 'NEW finding')} (not in scripts/tidy-baseline.txt), fix:")
        for f in found:
            if key_of(f) in new:
                print("  " + f)
        return 1
    print(f"{summary}, 0 new findings ({seconds:.0f} s)")
    if units and len(units) <= 12:
        print("  checked: " + " ".join(units))
    if mode == "refresh" and out_of_time:
        print("clang-tidy: baseline not refreshed (not everything was checked)")
        return 1
    if mode == "refresh":
        # The units just checked take their findings of today (a unit's own findings show only in
        # itself); a header keeps its counts, as some of its findings show only in the unit that
        # defines what it declares. Every file checked takes its text of today.
        covered = set(units) | {h for h in changed if h not in db and h not in unchecked}
        findings = collections.Counter({k: v for k, v in allowed.items() if k.split(" ", 1)[0] not in units})
        findings.update({k: v for k, v in current.items() if k.split(" ", 1)[0] in units})
        files = {f: b for f, b in baseline["files"].items() if f in sources}
        for f in covered | set(unchecked):
            files[f] = blob_id(os.path.join(ROOT, f))
        write_baseline(f"# commit {short_commit()} (refreshed from {baseline['commit']}: {n(len(units), 'translation unit')}"
                       f" checked again)", findings, files, baseline["pending"])
        print(f"clang-tidy: baseline refreshed: {len(covered | set(unchecked))} files, {sum(findings.values())} findings")
    return 0 if format_ok else 1


def write_baseline(header, findings, files, pend):
    with open(BASELINE, "w") as out:
        out.write("# clang-tidy findings accepted when the gate came (scripts/tidy.sh --update-baseline):\n"
                  "# count, file, check, message. Fix one and lower its count; never add lines for new code.\n")
        out.write(header + "\n")
        for k in sorted(findings):
            if findings[k] > 0:
                out.write(f"{findings[k]} {k}\n")
        out.write("# The files as they were (git blob ids): the test command checks only what differs.\n")
        out.write(f"= {blob_id(os.path.join(ROOT, '.clang-tidy'))} .clang-tidy\n")
        for f in sorted(files):
            out.write(f"= {files[f]} {f}\n")
        if pend:
            out.write("# Not checked yet (the run ran out of time): the gate skips these.\n")
            out.write("".join(f"? {f}\n" for f in sorted(pend)))


def n(count, word):
    return f"{count} {word}" + ("" if count == 1 else "s")


def tidy_version():
    out = subprocess.run(["clang-tidy", "--version"], capture_output=True, text=True).stdout
    m = re.search(r"version (\S+)", out)
    return m.group(1) if m else "?"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
