from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from alsmove.core.library import MuscleGroup
from alsmove.formats import WEEKDAYS
from alsmove.patients.models import FunctionalProfile

JOINTS = [
    ("neck", _("Neck")),
    ("spine", _("Back")),
    *[
        (f"{side}_{joint}", label)
        for joint, left_label, right_label in (
            ("shoulder", _("Left shoulder"), _("Right shoulder")),
            ("elbow", _("Left elbow"), _("Right elbow")),
            ("wrist", _("Left wrist"), _("Right wrist")),
            ("fingers", _("Left hand and fingers"), _("Right hand and fingers")),
            ("hip", _("Left hip"), _("Right hip")),
            ("knee", _("Left knee"), _("Right knee")),
            ("ankle", _("Left ankle"), _("Right ankle")),
        )
        for side, label in (("left", left_label), ("right", right_label))
    ],
]
DAYS = WEEKDAYS
MUSCLE_LABELS = {
    MuscleGroup.NECK: _("Neck"),
    MuscleGroup.SHOULDER: _("Shoulder"),
    MuscleGroup.ELBOW_FLEXORS: _("Elbow bending (biceps)"),
    MuscleGroup.ELBOW_EXTENSORS: _("Elbow straightening (triceps)"),
    MuscleGroup.WRIST_HAND: _("Wrist and hand"),
    MuscleGroup.TRUNK: _("Trunk"),
    MuscleGroup.HIP_FLEXORS: _("Hip bending"),
    MuscleGroup.HIP_EXTENSORS: _("Hip straightening (buttocks)"),
    MuscleGroup.HIP_ABDUCTORS: _("Hip out to the side"),
    MuscleGroup.KNEE_EXTENSORS: _("Knee straightening (thigh)"),
    MuscleGroup.KNEE_FLEXORS: _("Knee bending (hamstrings)"),
    MuscleGroup.ANKLE_DORSIFLEXORS: _("Foot up (shin)"),
    MuscleGroup.ANKLE_PLANTARFLEXORS: _("Foot down (calf)"),
}
GRADES = [("", _("Not graded"))] + [(str(n), str(n)) for n in range(6)]


class ProfileForm(forms.ModelForm):
    painful_joints = forms.MultipleChoiceField(
        label=_("Painful or stiff joints"),
        choices=JOINTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Exercises that move these joints are left out until the therapist clears them."
        ),
    )
    caregiver_days = forms.TypedMultipleChoiceField(
        label=_("Days a helper is there"),
        choices=DAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all empty if help is there every day."),
    )

    class Meta:
        model = FunctionalProfile
        fields = (
            "standing",
            "walking",
            "sitting_balance",
            "floor_transfer",
            "can_lie_down",
            "caregiver_available",
            "caregiver_days",
            "painful_joints",
            "shoulder_subluxation",
            "breathless_at_rest",
            "uses_niv",
            "lies_flat",
            "niv_daytime",
            "head_control",
            "trunk_control",
            "seat_lateral_supports",
            "seat_tilt",
            "arm_hangs",
            "grip",
            "foot_drop",
            "afo_worn",
            "falls_last_3_months",
            "typical_fatigue",
            "cramps",
            "spasticity",
            "base",
            "minutes",
            "preferences",
        )
        widgets = {
            "standing": forms.RadioSelect,
            "walking": forms.RadioSelect,
            "sitting_balance": forms.RadioSelect,
            "lies_flat": forms.RadioSelect,
            "head_control": forms.RadioSelect,
            "trunk_control": forms.RadioSelect,
            "arm_hangs": forms.RadioSelect,
            "grip": forms.RadioSelect,
            "foot_drop": forms.RadioSelect,
            "cramps": forms.RadioSelect,
            "spasticity": forms.RadioSelect,
            "base": forms.RadioSelect,
            "preferences": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "floor_transfer": _("Can get down to a mat on the floor and back up safely"),
            "can_lie_down": _("Can lie on a bed and be helped up"),
            "caregiver_available": _("A helper can take part in exercise"),
            "shoulder_subluxation": _("A shoulder slips out of place (subluxation)"),
            "breathless_at_rest": _("Short of breath even at rest"),
            "uses_niv": _("Uses a breathing machine (NIV)"),
            "minutes": _("Minutes a day for exercise"),
            "preferences": _("Anything else (likes, dislikes, best time of day)"),
            "lies_flat": _("Can you lie flat without getting out of breath?"),
            "niv_daytime": _("Do you use the breathing machine during the day too?"),
            "head_control": _("How well do you hold your head up?"),
            "trunk_control": _("How steady is your body when you sit?"),
            "seat_lateral_supports": _("Does your wheelchair have side supports for your body?"),
            "seat_tilt": _("Does your wheelchair tilt back?"),
            "arm_hangs": _("Does an arm hang down heavily unless it is supported?"),
            "grip": _("How well can you hold a towel or an exercise band?"),
            "foot_drop": _("Does a foot drop or catch when you walk?"),
            "afo_worn": _("Do you wear a brace (ankle-foot orthosis) for a dropping foot?"),
            "falls_last_3_months": _("How many times have you fallen in the last three months?"),
            "typical_fatigue": _("How tired are you on a usual day, from 0 (not at all) to 10?"),
            "cramps": _("Do you get muscle cramps?"),
            "spasticity": _("Do your muscles feel stiff, tight or jumpy?"),
            "base": _("Where do you spend most of the day?"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "Not sure" is an answer too: the engine then reads it cautiously from the rest.
        for name in ("lies_flat", "head_control", "trunk_control", "grip", "foot_drop", "base"):
            field = self.fields[name]
            field.required = False
            field.choices = [*self.Meta.model._meta.get_field(name).choices, ("", _("Not sure"))]
        # Questions with a default answer may be left out (an older form, the API).
        for name in ("arm_hangs", "cramps", "spasticity", "falls_last_3_months"):
            self.fields[name].required = False
        self.fields["typical_fatigue"].widget.attrs.update({"min": 0, "max": 10})
        self.fields["falls_last_3_months"].widget.attrs.update({"min": 0, "max": 99})

    def clean_typical_fatigue(self) -> int | None:
        value: int | None = self.cleaned_data.get("typical_fatigue")
        if value is not None and not 0 <= value <= 10:
            raise forms.ValidationError(_("Choose a number from 0 to 10."))
        return value

    def clean_arm_hangs(self) -> str:
        return str(self.cleaned_data.get("arm_hangs") or "none")

    def clean_cramps(self) -> str:
        return str(self.cleaned_data.get("cramps") or "none")

    def clean_spasticity(self) -> str:
        return str(self.cleaned_data.get("spasticity") or "none")

    def clean_falls_last_3_months(self) -> int:
        value: int = self.cleaned_data.get("falls_last_3_months") or 0
        if not 0 <= value <= 99:
            raise forms.ValidationError(_("Give the number of falls, from 0 to 99."))
        return value

    def clean_minutes(self) -> int:
        minutes: int = self.cleaned_data["minutes"]
        if not 5 <= minutes <= 120:
            raise forms.ValidationError(_("Choose between 5 and 120 minutes."))
        return minutes


class TherapistProfileForm(ProfileForm):
    """The therapist also clears painful joints and grades strength."""

    approved_painful_joints = forms.MultipleChoiceField(
        label=_("Painful joints cleared for gentle exercise"),
        choices=JOINTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(ProfileForm.Meta):
        fields = (
            *ProfileForm.Meta.fields,
            "approved_painful_joints",
            "standing_cleared",
            "breath_stacking",
            "assisted_cough",
        )
        labels = {
            **ProfileForm.Meta.labels,
            "standing_cleared": _("Standing work cleared again after the recent fall"),
            "breath_stacking": _("Breath stacking taught, and turned on for home"),
            "assisted_cough": _("Assisted cough taught to the helper, and turned on for home"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        strength = (self.instance.strength if self.instance and self.instance.pk else {}) or {}
        for group, label in MUSCLE_LABELS.items():
            self.fields[f"mmt_{group.value}"] = forms.ChoiceField(
                label=format_lazy("{}: {}", _("Strength 0 to 5"), label),
                choices=GRADES,
                required=False,
                initial=str(strength[group.value]) if group.value in strength else "",
            )

    def strength_fields(self) -> list[forms.BoundField]:
        return [self[f"mmt_{g.value}"] for g in MUSCLE_LABELS]

    def save(self, commit: bool = True) -> FunctionalProfile:
        profile: FunctionalProfile = super().save(commit=False)
        profile.strength = {
            g.value: int(self.cleaned_data[f"mmt_{g.value}"])
            for g in MUSCLE_LABELS
            if self.cleaned_data.get(f"mmt_{g.value}") not in (None, "")
        }
        if commit:
            profile.save()
        return profile
