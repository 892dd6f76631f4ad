"""The routine engine's output, written out in full, to prove an optimisation changes nothing.

`snapshot` builds weeks for a fixed set of inputs and writes the repr of every routine
(items, reasons, exclusions, messages, therapist notes) one case per line:
- the five dataset profiles (bench/dataset.py) at every stage, reviewed or not, with no
  helper, a helper every day, a helper on some days, and with and without easing;
- every named vignette (tests/clinical) at every stage, reviewed and not, eased and not;
- 400 random inputs drawn from the property tests' strategies (tests/property) with a
  derandomized Hypothesis run, each also with the helper's presence flipped.
The random inputs are drawn once and pickled next to the output, so a later run uses the
very same ones whatever Hypothesis does.

Run: .venv/bin/python bench/engine_snapshot.py OUT_DIR [--compare BEFORE_DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT.parent), str(ROOT), str(ROOT.parent / "tests")]  # this checkout

from alsmove.core.adjustments import NO_ADJUSTMENTS, Adjustments  # noqa: E402
from alsmove.core.library import Stage  # noqa: E402
from alsmove.core.profile import FunctionalProfile  # noqa: E402
from alsmove.core.routine import build_week  # noqa: E402

RANDOM = 400


def eased(ids: list[str]) -> Adjustments:
    return Adjustments(
        reps_factor=0.6,
        hold_factor=0.5,
        allow_strengthening=False,
        removed_pending_review=frozenset(ids[1::7]),
        skip_today=frozenset(ids[3::11]),
        rules=("OVERWORK-01",),
    )


def helpers(p: FunctionalProfile) -> list[FunctionalProfile]:
    return [
        p,
        p.model_copy(update={"caregiver_available": False, "caregiver_days": ()}),
        p.model_copy(update={"caregiver_available": True, "caregiver_days": ()}),
        p.model_copy(update={"caregiver_available": True, "caregiver_days": (0, 3, 5)}),
    ]


def random_inputs() -> list[tuple[Any, ...]]:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st
    from property.test_safety_properties import adjustments, libraries, profiles, stages

    drawn: list[tuple[Any, ...]] = []

    @settings(
        max_examples=RANDOM,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(profiles(), libraries, stages, st.booleans(), st.data())
    def draw(p: Any, library: Any, stage: Any, reviewed: bool, data: Any) -> None:
        ease = data.draw(adjustments(tuple(e.id for e in library)))
        drawn.append((p, library, stage, reviewed, ease))

    draw()
    return drawn


def cases(out: Path, inputs_from: Path | None) -> list[tuple[str, Any, Any, Any, Any, bool]]:
    import dataset
    from clinical.vignettes import LIBRARY, VIGNETTES

    from alsmove.exercises.loader import default_library

    library = default_library()
    ids = sorted(e.id for e in library)
    found: list[tuple[str, Any, Any, Any, Any, bool]] = []
    for n, row in enumerate(dataset.PROFILES):
        base = FunctionalProfile(**{k: v for k, v in row.items() if k != "caregiver_days"})
        for h, p in enumerate(helpers(base)):
            for stage in Stage:
                for reviewed in (True, False):
                    for e, ease in enumerate((NO_ADJUSTMENTS, eased(ids))):
                        name = f"dataset {n} helper {h} {stage.value} r{reviewed} e{e}"
                        found.append((name, p, library, stage, ease, reviewed))
    vignette_library = tuple(LIBRARY.values())
    for v in VIGNETTES:
        for stage in Stage:
            for reviewed in (True, False):
                for e, ease in enumerate((NO_ADJUSTMENTS, eased(sorted(LIBRARY)))):
                    name = f"vignette {v.name} {stage.value} r{reviewed} e{e}"
                    found.append((name, v.profile, vignette_library, stage, ease, reviewed))
    pickled = (inputs_from or out) / "random_inputs.pickle"
    if pickled.exists():
        drawn = pickle.loads(pickled.read_bytes())  # noqa: S301 (our own file, just written)
    else:
        drawn = random_inputs()
        (out / "random_inputs.pickle").write_bytes(pickle.dumps(drawn))
    for n, (p, lib, stage, reviewed, ease) in enumerate(drawn):
        found.append((f"random {n}", p, lib, stage, ease, reviewed))
        flipped = p.model_copy(update={"caregiver_available": not p.caregiver_available})
        found.append((f"random {n} flipped", flipped, lib, stage, ease, reviewed))
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    lines = []
    for name, p, lib, stage, ease, reviewed in cases(args.out, args.compare):
        week = build_week(p, lib, stage, ease, reviewed=reviewed)
        lines.append(f"{name}\t{week!r}")
    text = "\n".join(lines) + "\n"
    (args.out / "weeks.txt").write_text(text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    print(f"{len(lines)} weeks, {len(text)} characters, sha256 {digest}")
    if args.compare is not None:
        before = (args.compare / "weeks.txt").read_text().splitlines()
        after = text.splitlines()
        differ = [b.split("\t")[0] for b, a in zip(before, after, strict=True) if b != a]
        print(f"compared with {args.compare}: {len(differ)} weeks differ")
        for name in differ[:10]:
            print("  differs:", name)
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
