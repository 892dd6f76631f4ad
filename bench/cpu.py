"""CPU time per page, in process: the steadiest figure on a shared machine.

`wrk` under load measures what a person feels, but on a machine shared with other work
its requests/s move from run to run. This asks each benchmarked page through Django's
WSGI handler (the middleware, the session, the templates; no network), many times in a
row, and reports the CPU time of the fastest batch, which other work on the machine
barely moves. `--profile NAME` prints where one page's time goes (cProfile).

    .venv/bin/python bench/cpu.py --sqlite var/bench-cpu.sqlite3          # makes the data once
    .venv/bin/python bench/cpu.py --sqlite var/bench-cpu.sqlite3 --reuse  # measures again
    .venv/bin/python bench/cpu.py --sqlite var/bench-cpu.sqlite3 --reuse --profile caseload
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

import dataset  # noqa: E402
import load  # noqa: E402


def cpu_ms(client: Any, target: load.Target, runs: int, batches: int) -> float:
    best = float("inf")
    for _ in range(batches):
        start = time.process_time()
        for _ in range(runs):
            load._ask(client, target)
        best = min(best, (time.process_time() - start) / runs * 1000)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", required=True, help="the SQLite file of the data")
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--reuse", action="store_true", help="the file already holds data")
    parser.add_argument("--runs", type=int, default=20, help="requests per batch")
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--profile", help="a word of one page's name: profile that page")
    args = parser.parse_args()

    os.environ["ALSMOVE_BENCH"] = "True"
    os.environ.setdefault("ALSMOVE_LOG_LEVEL", "ERROR")
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(args.sqlite + suffix).unlink(missing_ok=True)
    dataset.setup_django(args.sqlite)
    if not args.reuse:
        print(dataset.generate(args.scale).line(), flush=True)

    from django.test import Client

    targets, cookies = load.targets_and_cookies()
    for target in targets:
        if target.method == "POST":
            continue  # a write changes what the next one does; measured under load only
        client = Client()
        if target.user:
            client.cookies["sessionid"] = cookies[target.user]
        client.cookies["csrftoken"] = load.CSRF
        load._ask(client, target)  # warm what a server keeps between requests
        if args.profile and args.profile not in target.name:
            continue
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.runs):
                load._ask(client, target)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(45)
            print(out.getvalue())
            continue
        print(f"{target.name:40} {cpu_ms(client, target, args.runs, args.batches):7.2f} ms CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
