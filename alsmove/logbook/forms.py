from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from alsmove.exercises.names import exercise_name
from alsmove.formats import WEEKDAYS
from alsmove.logbook.models import Cramps, ExerciseStatus, FeelingAnswer
from alsmove.logbook.services import Entry
from alsmove.patients.clock import time_zone_choices

PAIN_WORDS = {
    0: _("No pain"),
    1: _("Barely there"),
    2: _("Slight"),
    3: _("Noticeable"),
    4: _("Uncomfortable"),
    5: _("Moderate"),
    6: _("Hard to ignore"),
    7: _("Strong"),
    8: _("Very strong"),
    9: _("Severe"),
    10: _("Worst imaginable"),
}
TIRED_WORDS = {
    0: _("Not tired"),
    1: _("Barely"),
    2: _("A little"),
    3: _("Somewhat"),
    4: _("Quite"),
    5: _("Tired"),
    6: _("Rather tired"),
    7: _("Very tired"),
    8: _("Worn out"),
    9: _("Exhausted"),
    10: _("Completely drained"),
}


class ClientIdField(forms.UUIDField):
    """The id the page gave this log. A missing or mangled one (nothing a person can fix
    in a hidden field) becomes a fresh id instead of an error nobody can see."""

    # Each form shown gets a new id, so its drawing is never kept (alsmove.web.kept_forms).
    drawn_fresh = True

    def to_python(self, value: Any) -> uuid.UUID | None:
        try:
            return super().to_python(value)
        except forms.ValidationError:
            return uuid.uuid4()

    def validate(self, value: Any) -> None:
        if value in self.empty_values:
            return
        super().validate(value)

    def clean(self, value: Any) -> uuid.UUID:
        cleaned = super().clean(value)
        return cleaned if isinstance(cleaned, uuid.UUID) else uuid.uuid4()


class QuickLogForm(forms.Form):
    """The quick log. Every exercise defaults to done, so a fine session needs three picks
    ('all done', the pain level, the tiredness level), each confirmed by its own button
    (Continue, Continue, Save the log): choosing an answer never sends anything."""

    client_id = ClientIdField(widget=forms.HiddenInput)
    # Only when correcting a log: the version of the log the answers were changed from.
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    # The person's day when the form was shown: a log kept offline and sent after midnight
    # belongs to the day of the session. Text, not a date field: the view decides which
    # days it accepts and takes today for anything else, so this field never refuses.
    day = forms.CharField(widget=forms.HiddenInput, required=False)
    pain = forms.TypedChoiceField(
        label=_("Any pain while exercising?"),
        coerce=int,
        choices=[(n, f"{n} — {w}") for n, w in PAIN_WORDS.items()],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how much pain there was (0 if none)."),
            "invalid_choice": _("Pain is a number from 0 (none) to 10."),
        },
    )
    pain_exercises = forms.MultipleChoiceField(
        label=_("Which exercise hurt?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Tick only exercises from today's session as the ones that hurt."),
        },
    )
    cramps = forms.ChoiceField(
        label=_("Cramps"),
        choices=Cramps.choices,
        initial=Cramps.NONE,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose no cramps, mild cramps or strong cramps.")},
    )
    breathless_after = forms.BooleanField(
        label=_("Still short of breath now"),
        required=False,
    )
    note = forms.CharField(
        label=_("A note for the care team (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    fatigue = forms.TypedChoiceField(
        label=_("How tired are you now?"),
        coerce=int,
        choices=[(n, f"{n} — {w}") for n, w in TIRED_WORDS.items()],
        error_messages={
            "required": _("Choose how tired you are (0 if not at all)."),
            "invalid_choice": _("Tiredness is a number from 0 (not tired) to 10."),
        },
    )

    def __init__(
        self,
        *args: Any,
        items: list[dict[str, Any]],
        statuses: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The rows keep the English name they were made with; show the page's language.
        items = [{**item, "name": exercise_name(item)} for item in items]
        self.items = items
        self.fields["pain_exercises"].choices = [(i["exercise"], i["name"]) for i in items]
        for item in items:
            self.fields[f"status-{item['exercise']}"] = forms.ChoiceField(
                label=item["name"],
                choices=ExerciseStatus.choices,
                initial=(statuses or {}).get(item["exercise"], ExerciseStatus.DONE),
                widget=forms.RadioSelect,
                required=False,
                # Named, so the message says which exercise it is about ("%" kept literal).
                error_messages={
                    "invalid_choice": (
                        _("For %(name)s, choose done, partly or skipped.") % {"name": item["name"]}
                    ).replace("%", "%%")
                },
            )
        if not self.is_bound:
            self.initial["client_id"] = uuid.uuid4()

    def status_fields(self) -> list[forms.BoundField]:
        return [self[f"status-{item['exercise']}"] for item in self.items]

    def statuses(self) -> dict[str, str]:
        return {
            item["exercise"]: self.cleaned_data.get(f"status-{item['exercise']}")
            or ExerciseStatus.DONE
            for item in self.items
        }

    def entries(self) -> list[Entry]:
        """The answers as one entry per exercise: the pain level goes to those that hurt."""
        hurt = set(self.cleaned_data["pain_exercises"])
        pain = self.cleaned_data["pain"]
        return [
            Entry(slug, status, pain if slug in hurt else 0)
            for slug, status in self.statuses().items()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("pain", 0) >= 1 and self.items and not cleaned.get("pain_exercises"):
            self.add_error("pain_exercises", _("Tick the exercise or exercises that hurt."))
        if not cleaned.get("cramps"):
            cleaned["cramps"] = Cramps.NONE
        return cleaned


# ---- check-ins -------------------------------------------------------------------------

# Each answer is one button, and sets the check-in's fields. (field values, button label)
CHECKIN_ANSWERS: dict[str, dict[str, tuple[dict[str, bool], Any]]] = {
    "after_30_min": {
        "weaker": ({"weaker": True}, _("Yes, I feel weaker")),
        "not_weaker": ({}, _("No, not weaker")),
    },
    "next_day": {
        "fine": ({}, _("No, I feel fine")),
        "sore": ({"soreness": True}, _("Sore muscles")),
        "heavy": ({"heaviness": True}, _("Heavy limbs")),
        "both": ({"soreness": True, "heaviness": True}, _("Both")),
    },
}
CHECKIN_QUESTIONS = {
    "after_30_min": _("Do you feel weaker than before you exercised?"),
    "next_day": _("Are your muscles sore, or your arms or legs heavy, since yesterday's session?"),
}


class CheckInForm(forms.Form):
    """One question, one selection: the answer is the button pressed."""

    client_id = ClientIdField(widget=forms.HiddenInput)
    session = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    answer = forms.ChoiceField(
        error_messages={"required": _("Choose one of the answers.")},
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["answer"].choices = [
            (key, label) for key, (_values, label) in CHECKIN_ANSWERS[kind].items()
        ]
        if not self.is_bound:
            self.initial["client_id"] = uuid.uuid4()

    @property
    def question(self) -> Any:
        return CHECKIN_QUESTIONS[self.kind]

    def answers(self) -> list[tuple[str, Any]]:
        return [(key, label) for key, (_values, label) in CHECKIN_ANSWERS[self.kind].items()]

    def values(self) -> dict[str, bool]:
        chosen = CHECKIN_ANSWERS[self.kind][self.cleaned_data["answer"]][0]
        return {
            "weaker": chosen.get("weaker", False),
            "soreness": chosen.get("soreness", False),
            "heaviness": chosen.get("heaviness", False),
        }


# ---- how have you been feeling ------------------------------------------------------------


class FeelingForm(forms.Form):
    """One optional question: the button pressed is the answer; "Not now" sets it aside."""

    client_id = ClientIdField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        choices=FeelingAnswer.choices,
        error_messages={
            "required": _("Choose one of the answers, or “Not now”."),
            "invalid_choice": _("Choose one of the answers, or “Not now”."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["client_id"] = uuid.uuid4()

    def answers(self) -> list[tuple[str, Any]]:
        """The three answers, as buttons; "Not now" is offered on its own, apart."""
        return [(v, label) for v, label in FeelingAnswer.choices if v != FeelingAnswer.SKIPPED]


class ShareForm(forms.Form):
    """ "Would you like your therapist to know?" """

    tell = forms.ChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        error_messages={
            "required": _("Choose yes or no."),
            "invalid_choice": _("Choose yes or no."),
        },
    )


# ---- reminders -------------------------------------------------------------------------


def _time_zones(*keep: str) -> list[tuple[str, str]]:
    return time_zone_choices(*keep)


# The zones most people look for, by region: a short list to choose from; any other IANA
# name can be typed (and searched) in the field beside it.
COMMON_ZONES: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (
        _("Europe"),
        (
            "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris",
            "Europe/Brussels", "Europe/Amsterdam", "Europe/Berlin", "Europe/Madrid",
            "Europe/Rome", "Europe/Zurich", "Europe/Stockholm", "Europe/Warsaw",
            "Europe/Athens", "Europe/Helsinki", "Europe/Istanbul",
        ),
    ),
    (
        _("The Americas"),
        (
            "America/New_York", "America/Toronto", "America/Halifax", "America/Chicago",
            "America/Denver", "America/Phoenix", "America/Los_Angeles",
            "America/Vancouver", "America/Anchorage", "Pacific/Honolulu",
            "America/Mexico_City", "America/Bogota", "America/Sao_Paulo",
            "America/Argentina/Buenos_Aires",
        ),
    ),
    (
        _("Africa, Asia and Oceania"),
        (
            "Africa/Lagos", "Africa/Cairo", "Africa/Johannesburg", "Asia/Dubai",
            "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo",
            "Asia/Seoul", "Australia/Perth", "Australia/Brisbane", "Australia/Sydney",
            "Pacific/Auckland",
        ),
    ),
)  # fmt: skip


def zone_label(name: str) -> str:
    """Europe/Paris -> "Paris (Europe/Paris)": the city first, as people look for it."""
    city = name.rsplit("/", 1)[-1].replace("_", " ")
    return name if city == name else f"{city} ({name.replace('_', ' ')})"


def common_zone_choices(*keep: str) -> list[tuple[Any, Any]]:
    """The short list, grouped, with the zones already in use (the record's, the
    clinic's) first so the current choice is always there."""
    listed = {"UTC", *(name for _group, names in COMMON_ZONES for name in names)}
    known = {name for name, _label in time_zone_choices(*keep)}
    extra = [k for k in dict.fromkeys(keep) if k and k in known and k not in listed]
    choices: list[tuple[Any, Any]] = []
    if extra:
        choices.append((_("In use"), [(name, zone_label(name)) for name in extra]))
    choices += [(group, [(n, zone_label(n)) for n in names]) for group, names in COMMON_ZONES]
    choices.append((_("Other"), [("UTC", "UTC")]))
    return choices


class ReminderForm(forms.Form):
    """Reminders are on exactly when at least one day is ticked: no day means off."""

    days = forms.TypedMultipleChoiceField(
        label=_("On which days?"),
        help_text=_("Tick the days you want a reminder. No day ticked means no reminders."),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time = forms.TimeField(
        label=_("At what time?"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Choose a time, for example 10:00."),
            "invalid": _("Write the time as hours and minutes, for example 10:00."),
        },
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("The reminder follows the clock where the person lives."),
        error_messages={"invalid_choice": _("Choose the time zone from the list.")},
    )
    other_zone = forms.CharField(
        label=_("Not in the list? Type a city or time zone"),
        help_text=_("For example Lisbon, Winnipeg or Asia/Manila. This wins over the list."),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"list": "all-zones", "autocomplete": "off"}),
    )
    caregivers_too = forms.BooleanField(
        label=_("Remind the caregivers on the care team too"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = common_zone_choices(
            str(self.initial.get("time_zone", "")), settings.TIME_ZONE
        )

    def all_zones(self) -> list[str]:
        """Every zone name, for the type-to-search list (a <datalist>, no script needed)."""
        return [name for name, _label in time_zone_choices(settings.TIME_ZONE)]

    def clean_other_zone(self) -> str:
        typed = str(self.cleaned_data.get("other_zone") or "").strip()
        if not typed:
            return ""
        names = self.all_zones()
        wanted = typed.replace(" ", "_").casefold()
        exact = [n for n in names if n.casefold() == wanted]
        by_city = [n for n in names if n.rsplit("/", 1)[-1].casefold() == wanted]
        found = exact or by_city
        if len(found) != 1:
            raise forms.ValidationError(
                _(
                    "We do not know the time zone “%(typed)s”. Type a city such as "
                    "Lisbon, or a name such as Europe/Lisbon, or choose from the list."
                )
                % {"typed": typed}
            )
        return found[0]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("other_zone"):
            cleaned["time_zone"] = cleaned["other_zone"]
            self.errors.pop("time_zone", None)
        cleaned["enabled"] = bool(cleaned.get("days"))
        return cleaned
