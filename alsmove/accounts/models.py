"""People, their roles and their clinics. Email is the login from the first migration."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


class AuditEvent(models.Model):
    """Who did what to whose record: care-team changes and refused access."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    patient = models.ForeignKey(
        "patients.Patient", null=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    action = models.CharField(max_length=50)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ("-at",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


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
