"""CPU time per page, in process: the steadiest figure on a shared machine.

`wrk` under load measures what a person feels, but on a machine shared with other work
its requests/s move from run to run. This asks each benchmarked page through Django's
WSGI handler (the middleware, the session, the templates; no network), many times in a
row, and reports the CPU time of the fastest batch, which other work on the machine
barely moves. `--profile NAME` prints where one page's time goes (cProfile). On
PostgreSQL (`--pg URL`) the server's work for the page is counted too: the CPU time the
connection's backend process spent meanwhile (the scheduler's figure in /proc, so the
server must run on this machine), shown beside the client's.

`--posts` measures the quick-log POST too, as wrk sends it (load.post_script): each
request a new log for the next person of the caseload, after one untimed round of the
caseload. It writes to the data file, so use a file of your own; the logs a run made are
deleted at its end, so every run judges the same history.

    .venv/bin/python bench/cpu.py --sqlite var/bench-cpu.sqlite3          # makes the data once
    .venv/bin/python bench/cpu.py --sqlite var/bench-cpu.sqlite3 --reuse  # measures again
    .venv/bin/python bench/cpu.py --sqlite var/bench-cpu.sqlite3 --reuse --profile caseload
    .venv/bin/python bench/cpu.py --sqlite var/bench-cpu.sqlite3 --reuse --posts --profile quick
    .venv/bin/python bench/cpu.py --pg postgres://alsmove:alsmove@127.0.0.1:5432/alsmove_bench
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import os
import pstats
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

import dataset  # noqa: E402
import load  # noqa: E402


def _backend_seconds(pid: int | None) -> float:
    """CPU time of the database's backend process (0 without one), in nanoseconds from
    the scheduler (/proc/PID/stat counts in 10 ms ticks, too coarse for a page)."""
    if pid is None:
        return 0.0
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9


def cpu_ms(
    client: Any, targets: Iterator[load.Target], runs: int, batches: int, backend: int | None = None
) -> tuple[float, float]:
    """The fastest batch's CPU ms per request: this process's, and the backend's in it."""
    best = (float("inf"), 0.0)
    for _ in range(batches):
        start, server = time.process_time(), _backend_seconds(backend)
        for _ in range(runs):
            load._ask(client, next(targets))
        own = (time.process_time() - start) / runs * 1000
        theirs = (_backend_seconds(backend) - server) / runs * 1000
        best = min(best, (own, theirs), key=sum)
    return best


def asked(target: load.Target) -> Iterator[load.Target]:
    """The requests of a target in the order wrk sends them: the same one for a page, the
    quick log of one person of the caseload after another for the POST."""
    if target.method != "POST":
        return itertools.repeat(target)
    paths = load.caseload_paths(target.lua)
    return (replace(target, path=path) for path in itertools.cycle(paths))


def _backend_pid() -> int | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--sqlite", help="the SQLite file of the data")
    where.add_argument("--pg", help="a PostgreSQL URL of a database on this machine")
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--reuse", action="store_true", help="the file already holds data")
    parser.add_argument("--runs", type=int, default=20, help="requests per batch")
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--profile", help="a word of one page's name: profile that page")
    parser.add_argument("--posts", action="store_true", help="the quick-log POST too (writes)")
    args = parser.parse_args()

    os.environ["ALSMOVE_BENCH"] = "True"
    os.environ.setdefault("ALSMOVE_LOG_LEVEL", "ERROR")
    if args.pg:
        os.environ["DATABASE_URL"] = args.pg
    elif not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(args.sqlite + suffix).unlink(missing_ok=True)
    dataset.setup_django(args.sqlite)
    if not args.reuse:
        if args.pg:
            load.empty_schema()
        print(dataset.generate(args.scale).line(), flush=True)

    from alsmove.logbook.models import SessionLog

    targets, cookies = load.targets_and_cookies()
    newest = SessionLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    try:
        for target in targets:
            if target.method == "POST" and not args.posts:
                continue  # a write changes what the next one does: only when asked
            measure(target, cookies, args)
    finally:
        SessionLog.objects.filter(pk__gt=newest).delete()  # the logs this run made
        Path(next(t.lua for t in targets if t.lua)).unlink(missing_ok=True)
    return 0


def measure(target: load.Target, cookies: dict[str, str], args: argparse.Namespace) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=False)  # a failing page is named, not fatal
    if target.user:
        client.cookies["sessionid"] = cookies[target.user]
    client.cookies["csrftoken"] = load.CSRF
    requests = asked(target)
    # Warm what a server keeps between requests; for the POST one log for each person, so
    # each has a stored session made from their log, as after a first round of wrk's.
    for _ in range(len(load.caseload_paths(target.lua)) if target.lua else 1):
        answer = load._ask(client, next(requests))
        if answer.status_code >= 400:
            print(f"{target.name:40} answered {answer.status_code}: not measured")
            return
    with CaptureQueriesContext(connection) as queries:  # the queries of one request as timed
        load._ask(client, next(requests))
    count = len(queries)  # now: the list is read again at each use
    if args.profile and args.profile not in target.name:
        return
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(cpu_ms, client, requests, args.runs, 1)
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(45)
        print(out.getvalue())
        return
    own, server = cpu_ms(client, requests, args.runs, args.batches, _backend_pid())
    both = f" + {server:5.2f} ms the server's = {own + server:6.2f}" if args.pg else ""
    print(f"{target.name:40} {own:7.2f} ms CPU{both} {count:4} queries")


if __name__ == "__main__":
    raise SystemExit(main())
