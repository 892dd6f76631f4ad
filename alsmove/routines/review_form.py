"""The therapist's edit of a routine version: one form for the review page and the API.

The page posts its fields as they are; the API turns its JSON into the same fields
(`edit_data`). Either way the form reads, per exercise of the version, `remove-<id>`
("on" to take it out), `reps-<id>` (1-30) and `hold_min-<id>` / `hold_max-<id>` (1-120
seconds), each left empty to keep what the version holds, and `add`, the id of one
exercise to add. Its first problem is the one the page shows (the exercise and the field
named), as one message, so a long form is corrected from the top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alsmove.core.library import Exercise
from alsmove.exercises.names import exercise_name
from alsmove.exercises.services import find_exercise
from alsmove.routines.models import RoutinePlan
from alsmove.routines.services import ItemChange

REPS = (1, 30)
HOLD_SECONDS = (1, 120)


class ReviewForm(forms.Form):
    def __init__(self, plan: RoutinePlan, data: Mapping[str, Any]) -> None:
        super().__init__(data)
        self.plan = plan
        # Raw values (forms.Field has no validators): `clean` reads each as the page
        # always has, so a stray space or character is answered in the same words.
        for item in plan.items:
            key = item["exercise"]
            for name in ("remove", "reps", "hold_min", "hold_max"):
                self.fields[f"{name}-{key}"] = forms.Field(required=False)
        self.fields["add"] = forms.Field(required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        changes = []
        for item in self.plan.items:
            # Named in the page's language (the version stores the English name).
            key, name = item["exercise"], exercise_name(item)
            reps = _number(
                cleaned.get(f"reps-{key}"),
                item["reps"],
                REPS,
                what=_("%(name)s, repetitions") % {"name": name},
            )
            assert reps is not None  # left empty: the version's own
            changes.append(
                ItemChange(
                    exercise=key,
                    remove=cleaned.get(f"remove-{key}") == "on",
                    reps=reps,
                    hold_min=_number(
                        cleaned.get(f"hold_min-{key}"),
                        None,
                        HOLD_SECONDS,
                        what=_("%(name)s, shortest hold") % {"name": name},
                    ),
                    hold_max=_number(
                        cleaned.get(f"hold_max-{key}"),
                        None,
                        HOLD_SECONDS,
                        what=_("%(name)s, longest hold") % {"name": name},
                    ),
                )
            )
        slug = cleaned.get("add") or ""
        add = find_exercise(slug) if slug else None
        if slug and add is None:
            raise ValidationError(_("That exercise is not in the library."))
        return {"changes": changes, "add": add}

    def first_error(self) -> str:
        return str(self.non_field_errors()[0])

    def changes(self) -> list[ItemChange]:
        """Every exercise of the version, as changed (or not); after `is_valid`."""
        changes: list[ItemChange] = self.cleaned_data["changes"]
        return changes

    def added(self) -> Exercise | None:
        add: Exercise | None = self.cleaned_data["add"]
        return add

    def removed(self) -> list[str]:
        return [c.exercise for c in self.changes() if c.remove]


def edit_data(changes: Iterable[Mapping[str, Any]], add: str | None) -> dict[str, str]:
    """The form's fields for an API edit: each change names its exercise, and `remove`,
    `reps`, `hold_min`, `hold_max` as given (None: keep what the version holds)."""
    data = {"add": add or ""}
    for change in changes:
        key = change["exercise"]
        data[f"remove-{key}"] = "on" if change.get("remove") else ""
        for name in ("reps", "hold_min", "hold_max"):
            value = change.get(name)
            data[f"{name}-{key}"] = "" if value is None else str(value)
    return data


def _number(raw: Any, default: int | None, bounds: tuple[int, int], *, what: str) -> int | None:
    """A whole number in range; the message names the exercise and the field (`what`)."""
    if raw in (None, ""):
        return default
    low, high = bounds
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ValidationError(
            _("%(what)s: write a whole number, for example 5.") % {"what": what}
        ) from None
    if not low <= value <= high:
        raise ValidationError(
            _("%(what)s: choose a number between %(low)s and %(high)s.")
            % {"what": what, "low": low, "high": high}
        )
    return value
