"""Session logs, check-ins and alerts: what the overwork rules read and what they raise."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExerciseStatus(models.TextChoices):
    DONE = "done", _("Done")
    PARTLY = "partly", _("Partly")
    SKIPPED = "skipped", _("Skipped")


class Cramps(models.TextChoices):
    NONE = "none", _("No cramps")
    MILD = "mild", _("Mild cramps")
    SEVERE = "severe", _("Strong cramps")


class SessionLog(models.Model):
    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.CASCADE, related_name="session_logs"
    )
    # The browser makes this id before sending, so a retried or doubled send is stored once.
    client_id = models.UUIDField(unique=True)
    day = models.DateField()
    plan = models.ForeignKey(
        "routines.RoutinePlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pain = models.PositiveSmallIntegerField(null=True, blank=True)  # worst pain, 0-10
    fatigue = models.PositiveSmallIntegerField(null=True, blank=True)  # 0-10
    cramps = models.CharField(max_length=10, choices=Cramps.choices, default=Cramps.NONE)
    breathless_after = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # A correction keeps the log (and its client id) and stores the earlier answers as a
    # SessionLogRevision; `revision` counts the versions, so a correction sent twice
    # (from the offline queue, or two tabs) is applied once.
    revision = models.PositiveSmallIntegerField(default=1)
    changed_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-day", "-created_at")
        indexes = [
            models.Index(fields=["patient", "day"]),
            # The newest log of a person (today's session's stamp): without it PostgreSQL
            # walks the whole table backwards for someone who has not logged in a while.
            models.Index(fields=["patient", "id"], name="sessionlog_patient_newest"),
        ]
        constraints = [
            # Pain and tiredness are 0-10 on every door; the database holds it too.
            models.CheckConstraint(
                condition=models.Q(pain__isnull=True) | models.Q(pain__gte=0, pain__lte=10),
                name="session_pain_0_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(fatigue__isnull=True)
                | models.Q(fatigue__gte=0, fatigue__lte=10),
                name="session_fatigue_0_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"Session {self.day} ({self.patient})"


class SessionLogRevision(models.Model):
    """An earlier version of a corrected log: the answers as they were before the change."""

    log = models.ForeignKey(SessionLog, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField()  # 1 = the log as first saved
    content = models.JSONField()  # pain, fatigue, cramps, breathless_after, note, exercises
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField()
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=["log", "number"], name="one_revision_per_number")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.log}"


class ExerciseLog(models.Model):
    session = models.ForeignKey(SessionLog, on_delete=models.CASCADE, related_name="exercises")
    exercise = models.SlugField(max_length=64)
    status = models.CharField(max_length=10, choices=ExerciseStatus.choices)
    pain = models.PositiveSmallIntegerField(default=0)  # pain during this exercise, 0-10

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=["session", "exercise"], name="one_entry_per_exercise"),
            models.CheckConstraint(
                condition=models.Q(pain__gte=0, pain__lte=10), name="exercise_pain_0_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise}: {self.status}"


class CheckInKind(models.TextChoices):
    AFTER_30_MIN = "after_30_min", _("About 30 minutes after")
    NEXT_DAY = "next_day", _("The next day")


class CheckIn(models.Model):
    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.CASCADE, related_name="checkins"
    )
    session = models.ForeignKey(
        SessionLog, null=True, blank=True, on_delete=models.SET_NULL, related_name="checkins"
    )
    client_id = models.UUIDField(unique=True)
    kind = models.CharField(max_length=20, choices=CheckInKind.choices)
    day = models.DateField()
    weaker = models.BooleanField(default=False)
    soreness = models.BooleanField(default=False)
    heaviness = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-day", "-created_at")
        constraints = [
            # One answer per question per session, even from two tabs or two devices.
            models.UniqueConstraint(
                fields=["session", "kind"],
                condition=Q(session__isnull=False),
                name="one_checkin_per_session_and_kind",
            )
        ]

    def __str__(self) -> str:
        return f"Check-in {self.kind} {self.day}"


class FeelingAnswer(models.TextChoices):
    GOOD = "good", _("Good")
    MIXED = "mixed", _("Up and down")
    LOW = "low", _("Low")
    SKIPPED = "skipped", _("Not now")


class FeelingCheckIn(models.Model):
    """An answer to the optional "How have you been feeling?" (or "Not now").

    Private to the person: kept so the question comes at most once a week and so their
    own page can answer them. No page, export or API route for anyone else reads it; the
    therapist learns of a low answer only through the alert a "yes" to "Would you like
    your therapist to know?" raises (alsmove/logbook/feelings.py).
    """

    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.CASCADE, related_name="feeling_checkins"
    )
    client_id = models.UUIDField(unique=True)  # a resent answer is stored once
    day = models.DateField()  # on the person's clock
    answer = models.CharField(max_length=10, choices=FeelingAnswer.choices)
    # After a low answer: None not answered yet, True "yes, tell my therapist", False "no".
    tell_therapist = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-day", "-created_at")
        constraints = [
            models.CheckConstraint(
                condition=Q(answer__in=["good", "mixed", "low", "skipped"]),
                name="feeling_answer_known",
            ),
            # Only a low answer is followed by the ask.
            models.CheckConstraint(
                condition=Q(tell_therapist__isnull=True) | Q(answer="low"),
                name="feeling_shared_only_when_low",
            ),
        ]

    def __str__(self) -> str:
        return f"Feeling {self.answer} {self.day}"


class Alert(models.Model):
    """Something the care team should look at, raised by an overwork rule."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE, related_name="alerts")
    day = models.DateField()
    rule = models.CharField(max_length=40)
    message = models.JSONField()  # {text, params}
    exercise = models.SlugField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledgement = models.TextField(blank=True)
    # Set when a corrected log no longer shows the sign: the alert is closed (acknowledged
    # by whoever corrected the log, at that moment) and kept, so the team can still see
    # what was first logged.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-day", "-created_at")
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "day", "rule", "exercise"], name="one_alert_per_event"
            )
        ]
        indexes = [
            # A record's open alerts, newest day first (the caseload counts them and reads
            # the newest day for every person it lists): only open ones, so the read does
            # not grow with years of acknowledged alerts and never visits the table.
            models.Index(
                fields=["patient", "day"],
                condition=models.Q(acknowledged_at__isnull=True),
                name="open_alerts_by_patient",
            )
        ]

    def __str__(self) -> str:
        return f"Alert {self.rule} {self.day}"


class FlagReview(models.Model):
    """A therapist looked at a flagged exercise and cleared it to come back."""

    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.CASCADE, related_name="flag_reviews"
    )
    exercise = models.SlugField(max_length=64)
    day = models.DateField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Review of {self.exercise} {self.day}"


def _default_timezone() -> str:
    return str(settings.TIME_ZONE)


class ReminderSchedule(models.Model):
    """When the person wants to be reminded of their session (their days, their clock)."""

    patient = models.OneToOneField(
        "patients.Patient", on_delete=models.CASCADE, related_name="reminder_schedule"
    )
    days = models.JSONField(default=list, blank=True)  # weekdays, 0 = Monday
    time = models.TimeField()
    time_zone = models.CharField(max_length=64, default=_default_timezone)  # IANA name
    enabled = models.BooleanField(default=True)
    caregivers_too = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Reminders for {self.patient}"


class ReminderSent(models.Model):
    """A reminder went out for this record on this day; the constraint makes it once only."""

    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.CASCADE, related_name="reminders_sent"
    )
    day = models.DateField()
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-day",)
        constraints = [
            models.UniqueConstraint(fields=["patient", "day"], name="one_reminder_per_day")
        ]

    def __str__(self) -> str:
        return f"Reminder {self.day} ({self.patient})"


class StoredSession(models.Model):
    """Today's session for one record, with the inputs it was computed from.

    `stamp` names those inputs (the person's day, the newest log, check-in and flag review,
    the newest routine version and approval, the library's last change); a reader whose
    inputs give another stamp computes the session again and replaces this row. Never
    edited by hand: `alsmove.logbook.today.todays_session` owns it.
    """

    patient = models.OneToOneField(
        "patients.Patient", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    day = models.DateField()
    stamp = models.CharField(max_length=255)
    plan = models.ForeignKey(
        "routines.RoutinePlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(encoder=DjangoJSONEncoder)  # {items, left_out, eased, warnings}
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The table the guided-sessions app made before the model moved here with the
        # service that owns it (logbook.today); the rows stay where they are.
        db_table = "guided_sessions_storedsession"

    def __str__(self) -> str:
        return f"Today's session {self.day} ({self.patient_id})"


class StoredAttention(models.Model):
    """What the caseload keeps about one record between requests: the rate of decline
    of its latest counted ALSFRS-R, judged once per change of its inputs.

    `stamp` names those inputs (the person's day, the newest ALSFRS-R row, onset and
    diagnosis dates); a caseload whose inputs give another stamp judges the rate again
    and replaces this row. The caseload's other figures (open alerts, the last log, the
    routine waiting for review, the reader's link) are read fresh by the same query.
    Never edited by hand: `alsmove.logbook.attention` owns it.
    """

    patient = models.OneToOneField(
        "patients.Patient", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    stamp = models.CharField(max_length=255)
    rate = models.FloatField(null=True, blank=True)  # None: no record, or one that does not fit
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Caseload figures ({self.patient_id})"
