"""The library list's rows, sorted, labelled and drawn once per language and library
version.

The library changes only when it is loaded (`ExerciseRecord.save` stamps `updated_at`),
so sorting, labelling and drawing the cards of all its exercises on every request of the
list was work done again for nothing. `sorted_rows` keeps the finished rows, each with
its card's HTML, per process, keyed by the language and every row's (id, last change): a
load, a changed exercise, a new or a removed one gives a new key, and the rows are made
again on the next request. The filters keep the order, so filtering the sorted rows
shows what sorting the filtered ones did. A card holds nothing of who asks.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext

from alsmove.exercises import labels
from alsmove.exercises.models import ExerciseRecord
from alsmove.exercises.pictograms import pictogram_title
from alsmove.exercises.services import library_with_changes
from alsmove.kept import rows

# The rows of the library's last few versions and languages (a load makes a new one).
_KEEP = 12
_ROWS: dict[tuple[Any, ...], list[dict[str, Any]]] = {}


def sorted_rows(version_of: Any) -> list[dict[str, Any]]:
    """Every exercise's row of the list, by region then name, in the active language.

    `version_of(changed)` names a pictogram's version (its address) from the row's last
    change. The rows are shared between requests: read them, never change them."""
    # The key in plain SQL (alsmove.kept.rows): every row's id and last change, raw.
    key = (get_language() or "", rows(ExerciseRecord, ("id", "updated_at"), ("id",)))
    kept = _ROWS.get(key)
    if kept is None:
        exercises = sorted(
            library_with_changes(),
            key=lambda pair: (str(labels.REGION[pair[0].body_region]), pair[0].name),
        )
        kept = [
            {
                "exercise": e,
                "region": labels.REGION[e.body_region],
                "kind": labels.KIND[e.kind],
                "performer": labels.PERFORMER[e.performer],
                "positions": [labels.POSITION[p] for p in e.positions],
                # A file the browser caches for a year and fetches only when scrolled to.
                "pictogram_version": version_of(changed),
                "pictogram_alt": pictogram_title(e, gettext),
            }
            for e, changed in exercises
        ]
        for row in kept:  # each card drawn once, in this language
            row["card"] = render_to_string("exercises/_card.html", {"row": row})
        if len(_ROWS) >= _KEEP:
            _ROWS.pop(next(iter(_ROWS)))
        # Under the key read before the rows: a change in between gives a new key at
        # the next request (a last change only moves forward), so it is never shown stale.
        _ROWS[key] = kept
    return kept
