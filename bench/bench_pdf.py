"""Time each printable document (PDF) for the demo person.

Run: .venv/bin/python bench/bench_pdf.py [--runs N]   (also a step of `make bench`)
Builds a fresh SQLite database in a temporary folder with the library, the skills, the
equipment catalogue and the demo, renders each of the four PDFs once to warm up and then
N times, and writes the median and the slowest wall-clock and CPU times to
bench/results.md under "## PDF documents", replacing only that section. The target is
under 2 s per document. Not a test: the machine is shared, so the load average is noted.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.md"
SECTION = "## PDF documents"
TARGET_S = 2.0


def _setup(folder: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench-pdf.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("ALSMOVE_ALLOW_DEMO", "True")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from alsmove.caregiving.services import sync_skills
    from alsmove.demo.seed import seed_demo
    from alsmove.equipment.catalogue import sync_catalogue
    from alsmove.exercises.services import sync_library
    from alsmove.resources.services import sync_resources

    sync_library()
    sync_resources()
    sync_skills()
    sync_catalogue()
    seed_demo()


def _measure(runs: int) -> list[dict[str, object]]:
    from pypdf import PdfReader

    from alsmove.documents.build import TEMPLATES, build_pdf
    from alsmove.patients.clock import today_for
    from alsmove.patients.models import Patient

    patient = Patient.objects.get(user__email="person@example.org")
    today = today_for(patient)
    start = today - timedelta(days=90)
    rows = []
    for kind in TEMPLATES:
        content = build_pdf(kind, patient, today, start, today)  # warm-up
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            content = build_pdf(kind, patient, today, start, today)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        import io

        rows.append(
            {
                "kind": kind,
                "pages": len(PdfReader(io.BytesIO(content)).pages),
                "kb": len(content) / 1024,
                "median": statistics.median(walls),
                "slowest": max(walls),
                "cpu": statistics.median(cpus),
            }
        )
    return rows


def _section(rows: list[dict[str, object]], runs: int, load: float) -> str:
    import weasyprint

    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        SECTION,
        "",
        f"- date: {now}; `bench/bench_pdf.py`, {runs} runs per document after one warm-up",
        f"- machine: {os.cpu_count()} CPUs, {platform.machine()}, Python "
        f"{platform.python_version()}, WeasyPrint {weasyprint.__version__}; load average "
        f"{load:.2f} at the start (other work slows the wall clock; CPU time is steadier)",
        "- data: the demo person (Sam), SQLite; the progress note covers the last 90 days",
        f"- target: under {TARGET_S:.0f} s per document",
        "",
        "| document | pages | KB | median s | slowest s | CPU s (median) | target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        met = "met" if float(r["median"]) < TARGET_S else "missed"  # type: ignore[arg-type]
        lines.append(
            f"| {r['kind']} | {r['pages']} | {float(r['kb']):.0f} | "  # type: ignore[arg-type]
            f"{float(r['median']):.2f} | {float(r['slowest']):.2f} | "  # type: ignore[arg-type]
            f"{float(r['cpu']):.2f} | {met} |"  # type: ignore[arg-type]
        )
    return "\n".join(lines) + "\n"


def write_section(section: str) -> None:
    """Put `section` into bench/results.md, replacing only our own earlier section."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per document")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="alsmove-bench-pdf-") as folder:
        _setup(folder)
        rows = _measure(args.runs)
    section = _section(rows, args.runs, load)
    print(section)
    write_section(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
