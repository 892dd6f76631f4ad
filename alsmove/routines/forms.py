from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from alsmove.core.library import MuscleGroup
from alsmove.patients.models import FunctionalProfile
from alsmove.web.labels import WEEKDAYS

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
            "minutes",
            "preferences",
        )
        widgets = {
            "standing": forms.RadioSelect,
            "walking": forms.RadioSelect,
            "sitting_balance": forms.RadioSelect,
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
        }

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
        fields = (*ProfileForm.Meta.fields, "approved_painful_joints")

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
