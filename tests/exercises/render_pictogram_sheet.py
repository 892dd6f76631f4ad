"""Render a contact sheet of exercise pictograms to look at them (not a test).

    .venv/bin/python tests/exercises/render_pictogram_sheet.py [--out /tmp/pictograms.html]
        [--png /tmp/pictograms.png]

Writes an HTML page with every library pictogram in a grid (name, id and title under each),
followed by synthetic samples covering every position, region, kind and performer. With
--png it also screenshots the page with headless Chromium (if installed).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path
from typing import Any

from alsmove.core.library import BodyRegion, Exercise, Kind, Performer, Position, Sides
from alsmove.exercises.loader import load_library
from alsmove.exercises.pictograms import pictogram_svg, pictogram_title

BASE: dict[str, Any] = {
    "summary": "A sample exercise for the contact sheet.",
    "steps": ["First step of the sample.", "Second step of the sample."],
    "reps": 5,
    "minutes": 2,
    "cautions": ["Stop if it hurts."],
    "stages": ["early"],
    "sources": ["stretching-guide"],
    "hold_seconds": {"min": 15, "max": 30},
}

POSITION_NEED = {
    Position.STANDING: "standing_balance",
    Position.LYING: "floor_transfer",
    Position.IN_BED: "bed",
}


def sample(
    position: Position,
    region: BodyRegion,
    kind: Kind = Kind.STRETCH,
    performer: Performer = Performer.SELF,
    sides: Sides = Sides.NONE,
    requires: tuple[str, ...] = (),
) -> Exercise:
    needs = list(requires)
    if position in POSITION_NEED:
        needs.append(POSITION_NEED[position])
    if performer is not Performer.SELF:
        needs.append("caregiver")
    name = f"{position.value} {region.value} {kind.value} {performer.value}"
    data = {
        **BASE,
        "id": f"sample-{len(SAMPLES) + 1:02d}",
        "name": name,
        "kind": kind.value,
        "body_region": region.value,
        "positions": [position.value],
        "performer": performer.value,
        "requires": needs,
        "sides": sides.value,
        "muscle_groups": ["trunk"] if kind is Kind.STRENGTHENING else [],
        "hand_placement": "Hands under the limb." if performer is Performer.CAREGIVER else None,
        "limits": "Stop at the first resistance." if performer is Performer.CAREGIVER else None,
    }
    return Exercise.model_validate(data)


SAMPLES: list[Exercise] = []


def build_samples() -> list[Exercise]:
    regions = list(BodyRegion)
    positions = list(Position)
    # Every region once, cycling through positions, performers and kinds.
    kinds = [Kind.STRETCH, Kind.ACTIVE, Kind.PASSIVE, Kind.ACTIVE_ASSISTED, Kind.STRENGTHENING]
    performers = [Performer.SELF, Performer.SELF, Performer.CAREGIVER, Performer.ASSISTED]
    for index, region in enumerate(regions):
        for offset in (0, 2):
            SAMPLES.append(
                sample(
                    positions[(index + offset) % len(positions)],
                    region,
                    kinds[(index + offset) % len(kinds)],
                    performers[(index + offset) % len(performers)],
                    Sides.BOTH if (index + offset) % 3 == 0 else Sides.NONE,
                )
            )
    for position in positions:
        SAMPLES.append(sample(position, BodyRegion.CHEST, Kind.BREATHING))
        SAMPLES.append(sample(position, BodyRegion.LEGS, Kind.AEROBIC))
        SAMPLES.append(sample(position, BodyRegion.WHOLE_BODY, Kind.RELAXATION))
        SAMPLES.append(sample(position, BodyRegion.UPPER_BACK, Kind.POSTURE))
    SAMPLES.append(sample(Position.STANDING, BodyRegion.LEGS, requires=("wall",)))
    SAMPLES.append(sample(Position.STANDING, BodyRegion.ANKLES_FEET, requires=("chair",)))
    SAMPLES.append(sample(Position.SEATED, BodyRegion.ARMS, Kind.AEROBIC))
    for position, region in (
        (Position.IN_BED, BodyRegion.LEGS),
        (Position.IN_BED, BodyRegion.SHOULDERS),
        (Position.LYING, BodyRegion.ANKLES_FEET),
        (Position.SEATED, BodyRegion.NECK),
        (Position.SEATED, BodyRegion.WRISTS_HANDS),
        (Position.IN_WHEELCHAIR, BodyRegion.HIPS),
    ):
        SAMPLES.append(sample(position, region, Kind.PASSIVE, Performer.CAREGIVER))
    SAMPLES.append(sample(Position.STANDING, BodyRegion.HIPS, Kind.AEROBIC, requires=("chair",)))
    return SAMPLES


def cell(exercise: Exercise) -> str:
    return (
        f"<figure>{pictogram_svg(exercise)}<figcaption><b>{escape(exercise.name)}</b><br>"
        f"<code>{escape(exercise.id)}</code> · {escape(exercise.kind.value)}<br>"
        f"<small>{escape(pictogram_title(exercise))}</small></figcaption></figure>"
    )


def page(library: tuple[Exercise, ...], samples: list[Exercise], columns: int = 6) -> str:
    style = (
        "body{font:14px system-ui,sans-serif;margin:16px;background:#fff;color:#1f2937}"
        f".grid{{display:grid;grid-template-columns:repeat({columns},1fr);gap:12px}}"
        "figure{margin:0;border:1px solid #d1d5db;border-radius:8px;padding:6px}"
        "svg{width:100%;height:auto;display:block}figcaption{font-size:12px}"
    )
    return (
        f"<!doctype html><html lang='en'><meta charset='utf-8'><title>Pictograms</title>"
        f"<style>{style}</style><body>"
        f"<h1>Library pictograms ({len(library)})</h1><div class='grid'>"
        + "".join(cell(e) for e in library)
        + f"</div><h1>Coverage samples ({len(samples)})</h1><div class='grid'>"
        + "".join(cell(e) for e in samples)
        + "</div></body></html>"
    )


def screenshot(html: Path, png: Path, height: int) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium is not installed; open the HTML file instead")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(  # fixed argument list, local file
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                f"--window-size=1400,{height}",
                html.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/pictograms.html"))  # noqa: S108
    parser.add_argument("--png", type=Path, default=None)
    parser.add_argument("--only", choices=["library", "samples", "all"], default="all")
    parser.add_argument("--match", default="", help="keep entries whose id or name has this")
    parser.add_argument("--columns", type=int, default=6)
    parser.add_argument("--start", type=int, default=0, help="skip this many library entries")
    parser.add_argument("--count", type=int, default=None, help="show at most this many")
    args = parser.parse_args()

    def keep(exercise: Exercise) -> bool:
        return args.match in exercise.id or args.match in exercise.name

    library = tuple(filter(keep, load_library())) if args.only != "samples" else ()
    stop = None if args.count is None else args.start + args.count
    library = library[args.start : stop]
    samples = list(filter(keep, build_samples())) if args.only != "library" else []
    args.out.write_text(page(library, samples, args.columns), encoding="utf-8")
    print(f"wrote {args.out}")
    if args.png:
        rows = -(-len(library) // args.columns) + -(-len(samples) // args.columns)
        cell_height = 1400 // args.columns + 110
        screenshot(args.out, args.png, 200 + rows * cell_height)
        print(f"wrote {args.png}")


if __name__ == "__main__":
    main()
