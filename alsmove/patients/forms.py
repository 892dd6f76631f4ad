from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alsmove.core.plausible import onset_problems
from alsmove.formats import DateInput, say
from alsmove.patients.clock import default_zone_name, time_zone_choices
from alsmove.patients.models import OnsetRegion, Permission, Relation


class PatientForm(forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=200)
    onset_date = forms.DateField(
        label=_("First symptoms (about when)"), required=False, widget=DateInput
    )
    onset_region = forms.ChoiceField(
        label=_("Where symptoms began"),
        required=False,
        choices=[("", _("Not known")), *OnsetRegion.choices],
    )
    diagnosis_date = forms.DateField(label=_("Date of diagnosis"), required=False, widget=DateInput)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_(
            "Where the person lives. Their day, the routine's weekday and reminders follow "
            "this clock."
        ),
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        current = str(self.initial.get("time_zone") or default_zone_name())
        self.initial.setdefault("time_zone", current)
        self.fields["time_zone"].choices = time_zone_choices(default_zone_name(), current)

    def clean_time_zone(self) -> str:
        # Left out (an older page, a script): the record keeps the clock it has.
        return str(self.cleaned_data.get("time_zone") or self.initial["time_zone"])

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        # PLAUSIBLE-ONSET-01 without the stored records (the service checks those).
        for problem in onset_problems(
            onset=cleaned.get("onset_date"),
            diagnosis=cleaned.get("diagnosis_date"),
            assessment_days=(),
            today=self.today,
        ):
            self.add_error(problem.field, say(problem.message))
        return cleaned


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_(
            "We send them an invitation. They see nothing of this record until they accept."
        ),
    )
    relation = forms.ChoiceField(
        label=_("They are"),
        choices=[
            (Relation.CAREGIVER.value, _("A caregiver, family member or friend")),
            (Relation.THERAPIST.value, _("A therapist")),
        ],
        widget=forms.RadioSelect,
        initial=Relation.CAREGIVER.value,
    )
    permission = forms.ChoiceField(
        label=_("What they may do"),
        choices=Permission.choices,
        widget=forms.RadioSelect,
        initial=Permission.VIEW,
        help_text=_("Only a therapist can change the plan."),
    )
    consent_note = forms.CharField(
        label=_("How the person agreed"),
        required=False,
        max_length=300,
        help_text=_("Needed when a therapist invites someone, e.g. 'Agreed in clinic on 3 May'."),
    )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if (
            cleaned.get("relation") == Relation.CAREGIVER
            and cleaned.get("permission") == Permission.EDIT_PLAN
        ):
            self.add_error("permission", _("Only a therapist can change the plan."))
        return cleaned


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])
