"""The patient record and the care team around it."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from alsmove.core.profile import (
    Amount,
    Base,
    Grip,
    HeadControl,
    Side,
    SittingBalance,
    Standing,
    TrunkControl,
    Walking,
)
from alsmove.core.profile import FunctionalProfile as CoreProfile

StrOrPromise = str | Promise


class OnsetRegion(models.TextChoices):
    BULBAR = "bulbar", _("Speech or swallowing (bulbar)")
    UPPER_LIMB = "upper_limb", _("Arms or hands")
    LOWER_LIMB = "lower_limb", _("Legs or feet")
    RESPIRATORY = "respiratory", _("Breathing")
    OTHER = "other", _("Other or not sure")


def _default_time_zone() -> str:
    return str(settings.TIME_ZONE)


class Patient(models.Model):
    # A record may exist before the person has an account (a therapist creates it first).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="patient_record",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patients",
    )
    display_name = models.CharField(_("name"), max_length=200)
    onset_date = models.DateField(_("first symptoms"), null=True, blank=True)
    onset_region = models.CharField(
        _("where symptoms began"), max_length=20, choices=OnsetRegion.choices, blank=True
    )
    diagnosis_date = models.DateField(_("date of diagnosis"), null=True, blank=True)
    # The person's clock (IANA name); "today" for this record is `clock.today_for(patient)`.
    time_zone = models.CharField(_("time zone"), max_length=64, default=_default_time_zone)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("display_name", "id")

    def __str__(self) -> str:
        return self.display_name


class Relation(models.TextChoices):
    CAREGIVER = "caregiver", _("Caregiver")
    THERAPIST = "therapist", _("Therapist")


class Permission(models.TextChoices):
    VIEW = "view", _("See the record")
    LOG = "log", _("See the record and log on the person's behalf")
    EDIT_PLAN = "edit_plan", _("See, log, and change the plan")


class CareLinkQuerySet(models.QuerySet["CareLink"]):
    def active(self) -> CareLinkQuerySet:
        return self.filter(revoked_at__isnull=True)


class CareLink(models.Model):
    """A caregiver or therapist linked to a patient, with what they may do."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="care_links")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_links"
    )
    relation = models.CharField(max_length=20, choices=Relation.choices)
    permission = models.CharField(max_length=20, choices=Permission.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When a therapist (not the person) adds someone, how the person's consent was given.
    consent_note = models.CharField(_("how the person agreed"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CareLinkQuerySet.as_manager()

    class Meta:
        ordering = ("relation", "created_at")
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "member"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_link_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.patient} ({self.permission})"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Invitation(models.Model):
    """An offer to join a care team. It grants nothing: the CareLink is made only when
    the invitee accepts, so the access policy never reads this table.

    `invitee` is set when an account already used the address at the time of sending
    (the invitation can then be answered from that account's home page); otherwise only
    the emailed one-time link can be used, so an account opened later with the same
    address cannot take the place of the person who reads that mailbox. Only a hash of
    the link's secret is stored.
    """

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    relation = models.CharField(max_length=20, choices=Relation.choices)
    permission = models.CharField(max_length=20, choices=Permission.choices)
    consent_note = models.CharField(_("how the person agreed"), max_length=300, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    care_link = models.OneToOneField(
        CareLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation"
    )

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "email"],
                condition=Q(status="pending"),
                name="one_pending_invitation_per_email",
            ),
            models.CheckConstraint(
                condition=~Q(relation="caregiver", permission="edit_plan"),
                name="invitation_caregiver_never_edits_plan",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.email} for {self.patient} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at > timezone.now()


def profile_choices(
    values: type[StrEnum], labels: Mapping[StrEnum, StrOrPromise]
) -> list[tuple[str, StrOrPromise]]:
    """A profile field's choices: every value of the core's enum, in the core's order,
    with its label. A value the core adds without a label here fails at import, and a
    label for a value the core does not have too, so the two cannot drift apart."""
    if set(labels) != set(values):
        raise ValueError(f"labels for {values.__name__} do not match its values")
    return [(member.value, labels[member]) for member in values]


class FunctionalProfile(models.Model):
    """What the person can do today; the routine engine reads it (as core.profile)."""

    # The values are the core's enums (one list, alsmove.core.profile); the labels are
    # the words the form shows for each.
    STANDING = profile_choices(
        Standing,
        {
            Standing.INDEPENDENT: _("Stands safely without help"),
            Standing.WITH_SUPPORT: _("Stands holding on to something steady"),
            Standing.UNSAFE: _("Standing is not safe"),
        },
    )
    WALKING = profile_choices(
        Walking,
        {
            Walking.INDEPENDENT: _("Walks without an aid"),
            Walking.WITH_AID: _("Walks with a cane, walker or a helper"),
            Walking.UNABLE: _("Does not walk"),
        },
    )
    SITTING = profile_choices(
        SittingBalance,
        {
            SittingBalance.GOOD: _("Sits steadily without support"),
            SittingBalance.NEEDS_SUPPORT: _("Needs a back or arm rest to sit steadily"),
            SittingBalance.POOR: _("Cannot sit steadily even with support"),
        },
    )
    # lies_flat is the core's `lies_flat_comfortably` (True, False, None), kept as text.
    YES_NO = [("yes", _("Yes")), ("no", _("No"))]
    HEAD = profile_choices(
        HeadControl,
        {
            HeadControl.GOOD: _("Holds the head up all day"),
            HeadControl.TIRES: _("The head gets heavy and needs resting at times"),
            HeadControl.NEEDS_SUPPORT: _("The head drops unless it is supported"),
        },
    )
    TRUNK = profile_choices(
        TrunkControl,
        {
            TrunkControl.GOOD: _("Can lean and turn while sitting without losing balance"),
            TrunkControl.REDUCED: _("Sits upright, but leaning or turning is unsteady"),
            TrunkControl.POOR: _("Slumps or tips sideways without support"),
        },
    )
    SIDES = profile_choices(
        Side,
        {Side.NONE: _("No"), Side.LEFT: _("Left"), Side.RIGHT: _("Right"), Side.BOTH: _("Both")},
    )
    GRIP = profile_choices(
        Grip,
        {
            Grip.GOOD: _("Holds a towel or band firmly"),
            Grip.WEAK: _("Holds things, but not firmly"),
            Grip.NONE: _("Cannot hold things"),
        },
    )
    AMOUNT = profile_choices(
        Amount,
        {Amount.NONE: _("No"), Amount.SOME: _("Now and then"), Amount.MUCH: _("Often or strongly")},
    )
    BASE = profile_choices(
        Base,
        {
            Base.UP: _("Up and about"),
            Base.CHAIR: _("In a chair"),
            Base.WHEELCHAIR: _("In a wheelchair"),
            Base.BED: _("In bed"),
        },
    )

    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="profile")
    standing = models.CharField(_("standing"), max_length=20, choices=STANDING)
    walking = models.CharField(_("walking"), max_length=20, choices=WALKING)
    sitting_balance = models.CharField(_("sitting balance"), max_length=20, choices=SITTING)
    floor_transfer = models.BooleanField(_("can get down to a mat and back up safely"))
    can_lie_down = models.BooleanField(_("can lie on a bed and be helped up"))
    caregiver_available = models.BooleanField(_("a caregiver can help with exercise"))
    caregiver_days = models.JSONField(default=list, blank=True)  # 0 = Monday
    painful_joints = models.JSONField(default=list, blank=True)
    approved_painful_joints = models.JSONField(default=list, blank=True)
    strength = models.JSONField(default=dict, blank=True)  # muscle group -> 0-5
    shoulder_subluxation = models.BooleanField(_("shoulder slipping out of place"), default=False)
    breathless_at_rest = models.BooleanField(_("short of breath at rest"), default=False)
    uses_niv = models.BooleanField(_("uses a breathing machine (NIV)"), default=False)
    minutes = models.PositiveSmallIntegerField(_("minutes a day for exercise"), default=20)
    # Position safety (issue 8). Blank means "not answered yet": the engine then reads the
    # answer cautiously from the rest of the profile (alsmove.core.profile).
    lies_flat = models.CharField(_("lying flat"), max_length=10, choices=YES_NO, blank=True)
    niv_daytime = models.BooleanField(_("breathing machine in the daytime"), default=False)
    head_control = models.CharField(_("head control"), max_length=20, choices=HEAD, blank=True)
    trunk_control = models.CharField(_("trunk control"), max_length=20, choices=TRUNK, blank=True)
    seat_lateral_supports = models.BooleanField(_("side supports on the seat"), default=False)
    seat_tilt = models.BooleanField(_("wheelchair tilts back"), default=False)
    arm_hangs = models.CharField(_("hanging arm"), max_length=10, choices=SIDES, default="none")
    grip = models.CharField(_("grip"), max_length=10, choices=GRIP, blank=True)
    foot_drop = models.CharField(_("foot drop"), max_length=10, choices=SIDES, blank=True)
    afo_worn = models.BooleanField(_("wears an ankle-foot brace"), default=False)
    falls_last_3_months = models.PositiveSmallIntegerField(
        _("falls in the last three months"), default=0
    )
    typical_fatigue = models.PositiveSmallIntegerField(
        _("typical tiredness, 0 to 10"), null=True, blank=True
    )
    cramps = models.CharField(_("cramps"), max_length=10, choices=AMOUNT, default="none")
    spasticity = models.CharField(_("stiffness"), max_length=10, choices=AMOUNT, default="none")
    base = models.CharField(_("where the day is spent"), max_length=20, choices=BASE, blank=True)
    # The therapist's only.
    standing_cleared = models.BooleanField(_("standing cleared after a fall"), default=False)
    breath_stacking = models.BooleanField(_("breath stacking taught and turned on"), default=False)
    assisted_cough = models.BooleanField(_("assisted cough taught and turned on"), default=False)
    preferences = models.TextField(_("preferences"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Profile of {self.patient}"

    def to_core(
        self, *, on_day: int | None = None, alsfrs: dict[str, int] | None = None
    ) -> CoreProfile:
        """The core's profile. Without `on_day` it carries the helper's days (the week's
        engine reads them); with `on_day` (0 = Monday), caregiver help that day only.
        `alsfrs` is the latest record's items (items 10 and 11 tell about lying flat)."""
        caregiver = self.caregiver_available
        days: tuple[int, ...] = tuple(sorted(int(d) for d in self.caregiver_days or ()))
        if on_day is not None:
            if caregiver and days:
                caregiver = on_day in days
            days = ()
        return CoreProfile(
            caregiver_days=days,
            alsfrs=alsfrs,
            lies_flat_comfortably={"yes": True, "no": False}.get(self.lies_flat),
            niv_daytime=self.niv_daytime,
            head_control=self.head_control or None,
            trunk_control=self.trunk_control or None,
            seat_lateral_supports=self.seat_lateral_supports,
            seat_tilt=self.seat_tilt,
            arm_hangs=self.arm_hangs or "none",
            grip=self.grip or None,
            foot_drop=self.foot_drop or None,
            afo_worn=self.afo_worn,
            falls_last_3_months=min(self.falls_last_3_months, 99),
            typical_fatigue=self.typical_fatigue,
            cramps=self.cramps or "none",
            spasticity=self.spasticity or "none",
            base=self.base or None,
            standing_cleared=self.standing_cleared,
            breath_stacking=self.breath_stacking,
            assisted_cough=self.assisted_cough,
            standing=self.standing,
            walking=self.walking,
            sitting_balance=self.sitting_balance,
            floor_transfer=self.floor_transfer,
            can_lie_down=self.can_lie_down,
            caregiver_available=caregiver,
            painful_joints=tuple(self.painful_joints),
            approved_painful_joints=tuple(self.approved_painful_joints),
            strength=self.strength,
            shoulder_subluxation=self.shoulder_subluxation,
            breathless_at_rest=self.breathless_at_rest,
            uses_niv=self.uses_niv,
            minutes=self.minutes,
        )
