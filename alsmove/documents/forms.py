"""The progress note's period and the therapist's plan-of-care form."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alsmove.core.plausible import EARLIEST
from alsmove.documents.models import GOAL_SLOTS, GoalStatus
from alsmove.formats import DateInput

DEFAULT_PERIOD_DAYS = 90
LONGEST_PERIOD_DAYS = 5 * 366
TEXT_MAX = 3000


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), widget=DateInput())
    end = forms.DateField(label=gettext_lazy("To"), widget=DateInput())

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        for name, day in (("start", start), ("end", end)):
            if day is None:
                continue
            if day < EARLIEST:
                self.add_error(name, _("That date is before 1900. Check the year."))
            elif day > self.today:
                self.add_error(
                    name,
                    _("That date is in the future (today is {today}).").format(
                        today=self.today.isoformat()
                    ),
                )
        if start and end and not self.errors:
            if start > end:
                self.add_error("end", _("The period ends before it starts."))
            elif (end - start).days > LONGEST_PERIOD_DAYS:
                self.add_error("start", _("Choose a period of five years or less."))
        return data


def period_from(query: Any, today: date) -> PeriodForm:
    """The period in the address (?from=...&to=...), the last 90 days when none is given."""
    if not query.get("from") and not query.get("to"):
        data = {"start": today - timedelta(days=DEFAULT_PERIOD_DAYS), "end": today}
    else:
        data = {"start": query.get("from", ""), "end": query.get("to", "")}
    return PeriodForm(data, today=today)


def _text(label: str, help_text: str = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PlanOfCareForm(forms.Form):
    treatment_type = _text(gettext_lazy("Type of treatment"))
    amount = _text(gettext_lazy("Amount (per session)"), rows=2)
    frequency = _text(gettext_lazy("Frequency"), rows=2)
    duration = _text(
        gettext_lazy("Duration"), gettext_lazy("For example: 90 days, then recertify."), rows=2
    )
    skilled_need = _text(gettext_lazy("Why the programme needs a therapist's skill"), rows=8)
    decline_without = _text(gettext_lazy("Expected decline without the programme"), rows=4)
    start_of_care = forms.DateField(
        label=gettext_lazy("Start of care"),
        required=False,
        widget=DateInput(),
    )
    certifier = forms.CharField(
        label=gettext_lazy("Certifying physician or practitioner"), required=False, max_length=200
    )
    certified_on = forms.DateField(
        label=gettext_lazy("Date certified"),
        required=False,
        help_text=gettext_lazy("Recertification is due 90 days later."),
        widget=DateInput(),
    )
    sign = forms.BooleanField(
        label=gettext_lazy("I sign this plan of care as the treating therapist"), required=False
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        for n in range(1, GOAL_SLOTS + 1):
            self.fields[f"goal_{n}"] = forms.CharField(
                label=_("Maintenance goal {n}").format(n=n),
                required=False,
                max_length=300,
                help_text=_("Measurable: what, how much, by when.") if n == 1 else "",
            )
            self.fields[f"goal_{n}_status"] = forms.ChoiceField(
                label=_("Goal {n}: met?").format(n=n), required=False, choices=GoalStatus.choices
            )
        self.fields["sign"] = self.fields.pop("sign")  # signing comes last, after the goals

    def goal_pairs(self) -> list[tuple[Any, Any]]:
        return [(self[f"goal_{n}"], self[f"goal_{n}_status"]) for n in range(1, GOAL_SLOTS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, latest in (
            ("start_of_care", self.today + timedelta(days=366)),
            ("certified_on", self.today),
        ):
            day = data.get(name)
            if day is None:
                continue
            if day < EARLIEST:
                self.add_error(name, _("That date is before 1900. Check the year."))
            elif day > latest and name == "certified_on":
                self.add_error(name, _("A plan cannot be certified on a day still to come."))
            elif day > latest:
                self.add_error(name, _("That date is more than a year ahead. Check the year."))
        for n in range(1, GOAL_SLOTS + 1):
            if data.get(f"goal_{n}_status") and not (data.get(f"goal_{n}") or "").strip():
                self.add_error(f"goal_{n}", _("Write the goal before saying whether it was met."))
        if not any(v for k, v in data.items() if k != "sign" and (v or "") != ""):
            raise forms.ValidationError(
                _("Write at least one part of the plan of care before saving it.")
            )
        if data.get("sign") and not any(
            (data.get(f) or "").strip() for f in ("skilled_need", "goal_1", "treatment_type")
        ):
            self.add_error(
                "sign", _("Write the goals, the treatment and the skilled need before signing.")
            )
        return data
