"""`make bench`: the product under load, page by page, against the framework floor.

For each database (SQLite always; PostgreSQL when DATABASE_URL or BENCH_PG_URL points at
one), it generates an installation at the chosen scale (bench/dataset.py), serves it with
gunicorn on 127.0.0.1, loads every page with Debian's `wrk` (16 connections, a fixed
time per page: the whole run is bounded), and measures in-process the SQL queries, the HTML
bytes and the whole page's bytes (the HTML plus every stylesheet, script and image it
links, uncompressed). The floor is a bare Django view rendering a 200-row template in the
same server through the same middleware (routed only with ALSMOVE_BENCH=True); the machine
is shared, so speeds are reported as a share of the floor measured in the same run.

Writes the table to bench/results.md under "## Pages under load" (other sections stay).

Run: .venv/bin/python bench/load.py [--scale 0.1] [--seconds 8] [--databases sqlite,postgres]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results.md"
SECTION = "## Pages under load"
CONNECTIONS = 16
CSRF = "benchbenchbenchbenchbenchbench12"  # a 32-character CSRF secret, cookie and form
BUDGET_SHARE = 0.5
BUDGET_P99_MS = 100.0
BUDGET_HTML = 60 * 1024
BUDGET_PAGE = 250 * 1024
# The quick log's answers, as wrk posts them (url-encoded, as a browser sends this form).
QUICK_LOG_BODY = urlencode(
    {"csrfmiddlewaretoken": CSRF, "pain": "0", "fatigue": "2", "cramps": "none"}
)


@dataclass
class Target:
    name: str
    path: str
    user: str  # whose session
    method: str = "GET"
    lua: str = ""
    is_floor: bool = False


@dataclass
class Row:
    target: Target
    rps: float = 0.0
    p50: float = 0.0
    p99: float = 0.0
    errors: int = 0
    queries: int = 0
    html: int = 0
    page: int = 0
    notes: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ms(text: str) -> float:
    found = re.match(r"([\d.]+)(us|ms|s|m)", text)
    if found is None:
        raise RuntimeError(f"not a wrk duration: {text!r}")
    value, unit = found.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, cookie: str, seconds: int, lua: str = "") -> tuple[float, float, float, int]:
    cmd = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
        "-H",
        f"Cookie: {cookie}",
    ]
    if lua:
        cmd += ["-s", lua]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    if "Latency Distribution" not in out:
        raise RuntimeError(f"wrk gave no figures for {url}:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    sock = re.search(r"Socket errors: (.*)", out)
    if sock:
        errors += sum(int(n) for n in re.findall(r"\d+", sock.group(1)))
    return rps, p50, p99, errors


def drain(port: int, limit: float = 120.0) -> None:
    """Wait (at most `limit` seconds) until the server answers the floor within a second."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            with urlopen(f"http://127.0.0.1:{port}/bench/floor/", timeout=5) as answer:
                answer.read()
            if time.monotonic() - started < 1.0:
                return
        except OSError:
            pass
        time.sleep(0.5)


def post_script(paths: list[str], body: str) -> str:
    """A wrk script that posts the quick log for one record after another."""
    lua = Path(tempfile.mkstemp(suffix=".lua", prefix="alsmove-bench-")[1])
    quoted = ", ".join(f'"{p}"' for p in paths)
    lua.write_text(
        f"local paths = {{{quoted}}}\n"
        "local n = 0\n"
        'wrk.method = "POST"\n'
        f'wrk.body = "{body}"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        "request = function()\n"
        "  n = n + 1\n"
        "  return wrk.format(nil, paths[(n % #paths) + 1])\n"
        "end\n"
    )
    return str(lua)


def caseload_paths(lua: str) -> list[str]:
    """The quick-log addresses a script of `post_script` posts to, in its order."""
    return re.findall(r'"(/patients/\d+/log/new/)"', Path(lua).read_text(encoding="utf-8"))


def _ask(client: Any, target: Target) -> Any:
    if target.method == "POST":
        # The body wrk sends, not the test client's default multipart encoding (whose
        # parsing alone cost several milliseconds that no browser's quick log asks).
        return client.post(
            target.path, QUICK_LOG_BODY, content_type="application/x-www-form-urlencoded"
        )
    return client.get(target.path)


def measure_in_process(targets: list[Target], cookies: dict[str, str]) -> dict[str, Row]:
    """Queries, HTML bytes and whole-page bytes, with Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    rows = {}
    for target in targets:
        client = Client()
        if target.user:
            client.cookies["sessionid"] = cookies[target.user]
        client.cookies["csrftoken"] = CSRF
        # Once to warm what a server keeps between requests (the stored session, the
        # parsed library); the second request is the one counted.
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = _ask(client, target)
        row = Row(target, queries=len(queries))
        if response.status_code >= 400:
            row.notes.append(f"answered {response.status_code}")
        body = response.content
        row.html = len(body)
        total = len(body)
        if "html" in response.get("Content-Type", ""):
            for link in set(re.findall(rb'(?:href|src)="(/static/[^"]+)"', body)):
                asset = client.get(link.decode())
                total += sum(len(part) for part in asset) if asset.streaming else len(asset.content)
        row.page = total
        rows[target.name] = row
    return rows


def _second_step(client: Any, user: Any) -> None:
    """Staff pass the second sign-in step through the real code page, with the current
    code of their (demo) authenticator, so the benchmark measures pages, not redirects."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return
    # A code is accepted once: a run started within the same 30 s step as the last one
    # waits for the next step instead of failing.
    step = (int(time.time()) - device.t0) // device.step
    if device.last_t >= step:
        time.sleep(device.step - (int(time.time()) - device.t0) % device.step + 0.5)
    response = client.post("/accounts/two-step/verify/", {"code": f"{totp(device.bin_key):06d}"})
    if response.status_code != 302:
        raise SystemExit(f"the second step failed for {user.email}")


def targets_and_cookies() -> tuple[list[Target], dict[str, str]]:
    """The benchmarked pages, and a signed-in session cookie for each user they need."""
    from django.test import Client

    from alsmove.accounts.models import User
    from alsmove.exercises.models import ExerciseRecord
    from alsmove.patients.models import Patient

    cookies = {}
    for email in ("person@example.org", "therapist@example.org"):
        client = Client()
        user = User.objects.get(email=email)
        client.force_login(user)
        _second_step(client, user)
        cookies[email] = client.cookies["sessionid"].value
    sam = Patient.objects.get(user__email="person@example.org")
    tess = User.objects.get(email="therapist@example.org")
    caseload = list(
        Patient.objects.filter(care_links__member=tess, care_links__revoked_at__isnull=True)
        .exclude(pk=sam.pk)
        .values_list("pk", flat=True)
    )
    slug = ExerciseRecord.objects.order_by("slug").values_list("slug", flat=True).first()
    lua = post_script(
        [f"/patients/{pk}/log/new/" for pk in caseload],
        QUICK_LOG_BODY,
    )
    person, therapist = "person@example.org", "therapist@example.org"
    targets = [
        # The floor, anonymous as in the measure (no session or user to read): first
        # and last, and the pages are compared with the mean of the two.
        Target("floor (bare view, 200 rows)", "/bench/floor/", "", is_floor=True),
        Target("person's home", "/", person),
        Target("guided session", f"/patients/{sam.pk}/session/", person),
        Target("session step", f"/patients/{sam.pk}/session/1/", person),
        Target("progress (charts)", f"/patients/{sam.pk}/progress/", person),
        Target("API: routine today", f"/api/v1/patients/{sam.pk}/routine", person),
        Target("library list", "/library/", person),
        Target("exercise page", f"/library/{slug}/", person),
        Target("display settings (plain form)", "/accounts/preferences/", person),
        Target(f"caseload ({len(caseload) + 1} people)", "/caseload/", therapist),
        Target("alerts inbox", f"/patients/{sam.pk}/alerts/", therapist),
        Target("quick-log POST", f"/patients/{caseload[0]}/log/new/", therapist, "POST", lua),
        Target("floor, again at the end", "/bench/floor/", "", is_floor=True),
    ]
    return targets, cookies


def empty_schema() -> None:
    """On PostgreSQL, an empty schema for a fresh installation (SQLite starts a new file)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


def bench_database(label: str, env: dict[str, str], args: argparse.Namespace) -> list[Row]:
    sys.path.insert(0, str(ROOT))
    import dataset

    os.environ.update(env)
    os.environ["ALSMOVE_BENCH"] = "True"
    dataset.setup_django(env.get("ALSMOVE_SQLITE_PATH"))
    from django.db import connection

    empty_schema()
    counts = dataset.generate(args.scale)
    print(f"[{label}] data: {counts.line()}", flush=True)

    targets, cookies = targets_and_cookies()
    lua = next(t.lua for t in targets if t.lua)
    rows = measure_in_process(targets, cookies)
    connection.close()

    port = free_port()
    server_env = {**os.environ, **env, "ALSMOVE_BENCH": "True", "ALSMOVE_LOG_LEVEL": "ERROR"}
    workers = str(args.workers)
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--preload",
            "-w",
            workers,
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT.parent,
        env=server_env,
        start_new_session=True,
    )
    try:
        for _ in range(300):  # until the server answers the floor
            try:
                with urlopen(f"http://127.0.0.1:{port}/bench/floor/", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        for target in targets:
            row = rows[target.name]
            cookie = f"csrftoken={CSRF}"
            if target.user:
                cookie = f"sessionid={cookies[target.user]}; {cookie}"
            url = f"http://127.0.0.1:{port}{target.path}"
            run_wrk(url, cookie, 1, target.lua)  # warm-up: every worker has loaded the page
            row.rps, row.p50, row.p99, row.errors = run_wrk(url, cookie, args.seconds, target.lua)
            # wrk has gone, but requests it sent may still be queued in the server: wait
            # until the floor answers promptly, so one slow page does not slow the next.
            drain(port)
            print(
                f"[{label}] {target.name}: {row.rps:.0f} req/s, p50 {row.p50:.0f} ms, "
                f"p99 {row.p99:.0f} ms, {row.queries} queries, {row.html} B",
                flush=True,
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        Path(lua).unlink(missing_ok=True)
    return list(rows.values())


def budgets(row: Row, floor_rps: float) -> list[str]:
    missed: list[str] = []
    if row.target.is_floor:
        return missed
    share = row.rps / floor_rps if floor_rps else 0
    if share < BUDGET_SHARE:
        missed.append(f"{share:.2f} of the floor")
    if row.p99 >= BUDGET_P99_MS:
        missed.append(f"p99 {row.p99:.0f} ms")
    if row.html >= BUDGET_HTML:
        missed.append(f"HTML {row.html / 1024:.0f} KB")
    if row.page >= BUDGET_PAGE:
        missed.append(f"page {row.page / 1024:.0f} KB")
    if row.errors:
        missed.append(f"{row.errors} failed requests")
    return missed + row.notes


def table(label: str, rows: list[Row]) -> str:
    floors = [r.rps for r in rows if r.target.is_floor]
    floor_rps = sum(floors) / len(floors)
    lines = [
        f"### {label}",
        "",
        f"Floor: {floor_rps:.0f} requests/s (mean of the first and last runs: "
        + ", ".join(f"{f:.0f}" for f in floors)
        + ").",
        "",
        "| page | requests/s | share of floor | p50 ms | p99 ms | SQL queries | HTML KB "
        "| whole page KB | budgets |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        missed = budgets(r, floor_rps)
        verdict = (
            "floor"
            if r.target.is_floor
            else ("met" if not missed else "missed: " + ", ".join(missed))
        )
        lines.append(
            f"| {r.target.name} | {r.rps:.0f} | {r.rps / floor_rps:.2f} | {r.p50:.1f} | "
            f"{r.p99:.1f} | {r.queries} | {r.html / 1024:.1f} | {r.page / 1024:.1f} | {verdict} |"
        )
    return "\n".join(lines)


def write_results(text: str, section: str = SECTION) -> None:
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"{re.escape(section)}\n.*?(?=\n## |\Z)", re.S)
    new = f"{section}\n\n{text.strip()}\n"
    old = pattern.sub(lambda _m: new, old) if pattern.search(old) else old.rstrip() + "\n\n" + new
    RESULTS.write_text(old, encoding="utf-8")


def engine_week_ms() -> float:
    """The routine engine for one person's week (`core.routine.build_week`, what a
    proposal runs): per profile of the dataset the fastest of 30 runs in CPU time, the
    median over the profiles."""
    import dataset

    from alsmove.core.library import Stage
    from alsmove.core.profile import FunctionalProfile
    from alsmove.core.routine import build_week
    from alsmove.exercises.loader import default_library

    library = default_library()
    best = []
    for profile in dataset.PROFILES:
        core = FunctionalProfile(**{k: v for k, v in profile.items() if k != "caregiver_days"})
        timings = []
        for _ in range(30):
            start = time.process_time()  # CPU time: the machine is shared
            build_week(core, library, Stage.EARLY)
            timings.append((time.process_time() - start) * 1000)
        # The fastest of 30 runs: other work on a shared machine only ever adds time.
        best.append(min(timings))
    return sorted(best)[len(best) // 2]


def main() -> int:
    parser = argparse.ArgumentParser(description="Load every page and compare with the floor.")
    parser.add_argument("--scale", type=float, default=float(os.environ.get("SCALE", "0.1")))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("SECONDS_PER_PAGE", 8)))
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--section", default=SECTION, help="the results.md heading to replace")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        parser.error("wrk is missing: run `bash scripts/bench-deps.sh` (make bench does)")
    wanted = args.databases.split(",")
    pg_url = os.environ.get("BENCH_PG_URL") or os.environ.get("DATABASE_URL")
    runs = []
    started = time.perf_counter()
    load = os.getloadavg()[0]
    for label in wanted:
        if label == "sqlite":
            path = str(Path(tempfile.gettempdir()) / "alsmove-bench.sqlite3")
            for suffix in ("", "-wal", "-shm"):
                Path(path + suffix).unlink(missing_ok=True)
            env = {"ALSMOVE_SQLITE_PATH": path}
            env_clear = "DATABASE_URL"
        elif label == "postgres" and pg_url:
            env = {"DATABASE_URL": pg_url}
            env_clear = ""
        else:
            print(f"[{label}] skipped: set BENCH_PG_URL to a database it may empty", flush=True)
            continue
        # Each database in a fresh interpreter: Django's settings are read once per process.
        child_env = {**os.environ, **env, "BENCH_CHILD": label}
        if env_clear:
            child_env.pop(env_clear, None)
        out = subprocess.run(  # noqa: S603
            [
                sys.executable,
                __file__,
                "--child",
                label,
                "--scale",
                str(args.scale),
                "--seconds",
                str(args.seconds),
                "--workers",
                str(args.workers),
            ],
            env=child_env,
            check=True,
            capture_output=False,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        runs.append(out.split("@@TABLE@@", 1)[1] if "@@TABLE@@" in out else out)
    if not runs:
        return 1
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT.parent))
    engine = engine_week_ms()
    header = [
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; "
        f"whole run {time.perf_counter() - started:.0f} s",
        f"- machine: {os.cpu_count()} CPUs (shared with other work: load average {load:.2f} "
        f"at the start), {platform.machine()}, Python {platform.python_version()}",
        f"- data: scale {args.scale} of the clinic network (bench/dataset.py); the person is "
        "Sam (demo), the therapist Tess (demo) with her caseload",
        f"- load: gunicorn, {args.workers} sync workers, 127.0.0.1; wrk, 2 threads, "
        f"{CONNECTIONS} connections, {args.seconds} s per page after 1 s of warm-up",
        "- share of floor: the page's requests/s over the floor's in the same run (the "
        "machine is shared, so absolute figures move; the ratio is the steadier one)",
        f"- budgets: share >= {BUDGET_SHARE}, p99 < {BUDGET_P99_MS:.0f} ms, HTML < 60 KB, "
        "whole page < 250 KB (uncompressed)",
        f"- routine engine, one week for one person: {engine:.2f} ms CPU (budget 5 ms: "
        f"{'met' if engine < 5 else 'missed'})",
    ]
    write_results("\n".join(header) + "\n\n" + "\n\n".join(runs), args.section)
    print(RESULTS.read_text(encoding="utf-8"))
    return 0


def child(label: str, args: argparse.Namespace) -> int:
    env = {k: v for k, v in os.environ.items() if k in ("ALSMOVE_SQLITE_PATH", "DATABASE_URL")}
    rows = bench_database(label, env, args)
    if label == "postgres":
        parsed = urlparse(env["DATABASE_URL"])
        shown = f"PostgreSQL {_pg_version()} (database {parsed.path.lstrip('/')})"
    else:
        import sqlite3

        shown = f"SQLite {sqlite3.sqlite_version} (WAL)"
    print("@@TABLE@@" + table(shown, rows), flush=True)
    return 0


def _pg_version() -> str:
    try:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return str(cursor.fetchone()[0]).split()[0]
    except Exception:
        return ""


if __name__ == "__main__":
    if "--child" in sys.argv:
        parser = argparse.ArgumentParser()
        parser.add_argument("--child")
        parser.add_argument("--scale", type=float)
        parser.add_argument("--seconds", type=int)
        parser.add_argument("--workers", type=int)
        ns = parser.parse_args()
        raise SystemExit(child(ns.child, ns))
    raise SystemExit(main())
