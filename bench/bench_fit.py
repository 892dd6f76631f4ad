"""Time the ALSFRS-R summary (staging + D50 fit + forecast) on synthetic patients.

Run: .venv/bin/python bench/bench_fit.py [--patients N]
Prints the figures and writes them to bench/results.md under "## ALSFRS-R progression fit",
replacing only that section. The target is under 2 ms per patient.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from alsmove.core.alsfrs import ITEM_IDS, Scores, parse_items
from alsmove.core.progression import fit_d50
from alsmove.core.progression_summary import summarize
from alsmove.core.staging import DAYS_PER_MONTH

SEED = 20_240_601
TARGET_MS = 2.0
SECTION = "## ALSFRS-R progression fit"
RESULTS = Path(__file__).resolve().parent / "results.md"
ONSET = date(2018, 1, 1)
_FIVE_A_IDS = [i for i in ITEM_IDS if i != "5b"]


@dataclass(frozen=True)
class Patient:
    d50: float
    dx: float
    today: date
    records: list[tuple[date, Scores]]


def _scores(total: int, cache: dict[int, Scores]) -> Scores:
    """A record with this total, the loss spread over the items in turn (cached)."""
    if total not in cache:
        items = dict.fromkeys(_FIVE_A_IDS, 4)
        for n in range(48 - total):
            items[_FIVE_A_IDS[n % 12]] -= 1
        cache[total] = parse_items(items)
    return cache[total]


def make_patients(count: int) -> list[Patient]:
    """Patients on the D50 curve: first visit 3-18 months after onset, then about every
    3 months, 3-12 visits, whole-number totals with noise of SD 1.5 points."""
    rng = np.random.default_rng(SEED)
    cache: dict[int, Scores] = {}
    patients = []
    for _ in range(count):
        d50 = float(rng.uniform(12, 80))
        dx = float(rng.uniform(2, 12))
        visits = int(rng.integers(3, 13))
        month = float(rng.uniform(3, 18))
        records = []
        for _ in range(visits):
            total = 48 / (1 + math.exp((month - d50) / dx)) + rng.normal(0, 1.5)
            day = ONSET + timedelta(days=round(month * DAYS_PER_MONTH))
            records.append((day, _scores(int(min(48, max(0, round(total)))), cache)))
            month += float(rng.uniform(2.5, 3.5))
        today = records[-1][0] + timedelta(days=int(rng.integers(0, 60)))
        patients.append(Patient(d50, dx, today, records))
    return patients


def run(count: int) -> str:
    patients = make_patients(count)

    load_before = os.getloadavg()[0]
    start, cpu_start = time.perf_counter(), time.process_time()
    summaries = [summarize(ONSET, p.records, p.today) for p in patients]
    summary_seconds = time.perf_counter() - start
    summary_cpu = time.process_time() - cpu_start

    start = time.perf_counter()
    fits = [fit_d50(ONSET, [(day, s.total) for day, s in p.records]) for p in patients]
    fit_seconds = time.perf_counter() - start

    d50_share = sum(s["model"]["kind"] == "d50" for s in summaries) / count
    # Accuracy on patients whose visits reach past D50, where the curve is identifiable.
    errors = [
        abs(fit.d50 - p.d50) / p.d50
        for p, fit in zip(patients, fits, strict=True)
        if fit is not None
        and len(p.records) >= 6
        and p.records[-1][0] > ONSET + timedelta(days=round(p.d50 * DAYS_PER_MONTH))
    ]
    per_patient = summary_seconds / count * 1000
    lines = [
        SECTION,
        "",
        f"- date: {date.today().isoformat()}",
        f"- machine: {os.cpu_count()} CPUs (nproc), {platform.machine()}, "
        f"Python {platform.python_version()}, NumPy {np.__version__}",
        f"- patients: {count} synthetic (seed {SEED}; 3-12 visits; D50 12-80 months, "
        "dx 2-12 months; noise SD 1.5 points)",
        f"- load average when the run started: {load_before:.2f} (other work on the machine "
        "slows the wall-clock figure; CPU time is the steadier one)",
        f"- summarize() for all: {summary_seconds:.2f} s = **{per_patient:.3f} ms per patient** "
        f"(target < {TARGET_MS:g} ms: {'met' if per_patient < TARGET_MS else 'MISSED'}); "
        f"CPU time {summary_cpu:.2f} s = {summary_cpu / count * 1000:.3f} ms per patient",
        f"- fit_d50() alone: {fit_seconds:.2f} s = {fit_seconds / count * 1000:.3f} ms per patient",
        f"- D50 model used for {d50_share:.1%} of patients (the rest: linear fallback)",
    ]
    if errors:
        lines.append(
            f"- D50 recovered within {statistics.median(errors):.1%} (median) and "
            f"{float(np.percentile(errors, 90)):.1%} (90th percentile) for the {len(errors)} "
            "patients with 6+ visits reaching past D50"
        )
    return "\n".join(lines) + "\n"


def write_section(section: str) -> None:
    """Put `section` into bench/results.md, replacing only our own earlier section."""
    if not RESULTS.exists():
        RESULTS.write_text("# Benchmark results\n\n" + section, encoding="utf-8")
        return
    text = RESULTS.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10_000, help="how many (default 10000)")
    args = parser.parse_args()
    if args.patients < 1:
        parser.error("--patients must be at least 1")
    section = run(args.patients)
    print(section, end="")
    write_section(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
