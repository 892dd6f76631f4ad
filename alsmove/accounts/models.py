"""People, their roles and their clinics. Email is the login from the first migration."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alsmove.kept import by_key


class Organisation(models.Model):
    """A clinic or home-health agency."""

    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PERSON = "person", _("Person living with ALS")
    CAREGIVER = "caregiver", _("Caregiver")
    THERAPIST = "therapist", _("Therapist")
    ADMIN = "admin", _("Clinic administrator")


class TextSize(models.TextChoices):
    NORMAL = "normal", _("Normal")
    LARGE = "large", _("Large")
    LARGER = "larger", _("Extra large")


class DwellTime(models.IntegerChoices):
    HALF = 500, _("Half a second")
    THREE_QUARTERS = 750, _("Three quarters of a second")
    ONE = 1000, _("1 second")
    ONE_AND_HALF = 1500, _("1.5 seconds")
    TWO = 2000, _("2 seconds")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get(self, *args: Any, **kwargs: Any) -> User:
        """`User.objects.get(pk=…)`, the read that signs in every request (Django's
        ModelBackend.get_user), compiled once (`kept.by_key`: the same SQL, values and
        instance); any other `get`, and any related or routed manager, is the ORM's."""
        if type(self) is UserManager and self._db is None and not args and kwargs.keys() == {"pk"}:
            return by_key(self.model, kwargs["pk"])  # type: ignore[no-any-return]
        return super().get(*args, **kwargs)

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("role", Role.ADMIN)
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Display preferences, saved per person so they follow them to any device.
    text_size = models.CharField(
        _("text size"), max_length=10, choices=TextSize.choices, default=TextSize.NORMAL
    )
    high_contrast = models.BooleanField(_("high contrast"), default=False)
    large_targets = models.BooleanField(_("extra-large buttons"), default=False)
    speech_enabled = models.BooleanField(_("spoken cues"), default=True)
    # The progress page's forecast is shown to a person or caregiver only when they choose
    # (a therapist always sees it).
    show_forecast = models.BooleanField(_("show the forecast"), default=False)
    tone_enabled = models.BooleanField(_("a soft tone at the end of each hold"), default=False)
    # Dwell: resting the pointer on a control activates it (for eye gaze and head pointers
    # without dwell in their own software). Off unless the person turns it on.
    dwell_enabled = models.BooleanField(_("dwell to click"), default=False)
    dwell_ms = models.PositiveSmallIntegerField(
        _("dwell time"),
        default=1000,
        choices=DwellTime.choices,
        validators=[MinValueValidator(500), MaxValueValidator(2000)],
    )
    # The language pages, emails and documents use; empty follows the browser.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True, default=""
    )
    disclaimer_accepted_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_therapist(self) -> bool:
        return self.role == Role.THERAPIST

    @property
    def is_clinic_admin(self) -> bool:
        return self.role == Role.ADMIN


def label_kept_for(user: Any) -> str:
    """The name an audit row keeps of its actor: a member of staff's (a professional act,
    part of the legal record), never a person's or a caregiver's (their name goes when
    they delete their account; the pages read it from the account while it exists)."""
    if user is None or not (user.is_staff or user.role in (Role.THERAPIST, Role.ADMIN)):
        return ""
    return str(user.full_name or user.email)


def actor_names(events: Any) -> dict[int, str]:
    """The current names of the actors of these rows, in one query (for rows that keep
    no name: a person's or a caregiver's; "" once the account was deleted)."""
    ids = {e.actor_id for e in events if e.actor_id and not e.actor_label}
    if not ids:
        return {}
    return dict(User.objects.filter(pk__in=ids).values_list("pk", "full_name"))


class AuditRowIsFinal(Exception):
    """Raised on any try to change or remove an audit row through the application."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Rows are only ever added: updates and deletes through a queryset are refused."""

    def update(self, **kwargs: Any) -> int:
        raise AuditRowIsFinal("Audit rows cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditRowIsFinal("Audit rows cannot be removed")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AuditRowIsFinal("Audit rows cannot be changed")

    def update_or_create(self, *args: Any, **kwargs: Any) -> Any:
        raise AuditRowIsFinal("Audit rows cannot be changed")


class AuditEvent(models.Model):
    """Who did what to whose record, when and from where: reads, changes, refusals and
    account events. A row is written once and never changed or removed (docs/security.md,
    "The audit trail"): save() refuses an existing row, delete() and the queryset's
    update() and delete() refuse, and on PostgreSQL a trigger refuses UPDATE and DELETE.

    The actor, the record and the clinic are kept as plain ids (no foreign-key constraint,
    nothing done on delete), so deleting an account or a record never has to change a row:
    the trail outlives them. `actor_label` keeps a staff actor's name as it was (not a
    person's or a caregiver's: `label_kept_for`); a record's name is never copied in.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200, blank=True)
    # The actor's place on the record at the time: "self", "therapist", "caregiver", or
    # their account role ("admin", "support") when they reached it another way.
    relation = models.CharField(max_length=20, blank=True)
    patient = models.ForeignKey(
        "patients.Patient",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="audit_events",
    )
    # Whose trail this row is in: the record's clinic, else the actor's.
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=50)
    # What was read or tried: the page's or API route's name ("assessments:progress").
    kind = models.CharField(max_length=100, blank=True)
    # From where: the client's address as the proxy reports it (django-axes' reading).
    address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.TextField(blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ("-at", "-id")
        indexes = [
            models.Index(fields=["patient", "action", "at"], name="audit_patient_action_at"),
            models.Index(fields=["organisation", "at"], name="audit_clinic_at"),
            models.Index(fields=["actor", "patient", "kind", "at"], name="audit_debounce"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditRowIsFinal("Audit rows cannot be changed")
        if self.actor_id is not None and not self.actor_label and self.action != "refused":
            self.actor_label = label_kept_for(self.actor)
        if self.organisation_id is None:
            if self.patient_id is not None:
                self.organisation_id = self.patient.organisation_id  # type: ignore[union-attr]
            if self.organisation_id is None and self.actor_id is not None:
                self.organisation_id = self.actor.organisation_id  # type: ignore[union-attr]
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditRowIsFinal("Audit rows cannot be removed")


class ResetRequest(models.Model):
    """One password-reset request, kept an hour or so to throttle them (accounts.reset):
    from where, for which account (None when the address has no account), and whether an
    email went out."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    address = models.GenericIPAddressField(null=True)
    user = models.ForeignKey(User, null=True, on_delete=models.CASCADE, related_name="+")
    sent = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.address}"
