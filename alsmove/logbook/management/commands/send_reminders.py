"""`manage.py send_reminders [--now ISO]`: send the session reminders that are due.

A scheduler runs it every few minutes (cron, a systemd timer). `--now` acts as if it were
that moment: for tests, and to catch up after the scheduler was down.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from alsmove.logbook.reminder_mail import send_due_reminders


def parse_now(raw: str | None) -> datetime:
    if raw is None:
        return timezone.now()
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise CommandError(
            f"--now: not a date and time ({raw!r}); use ISO form, e.g. 2026-03-02T09:30+01:00"
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)  # the server's time zone
    return moment


class Command(BaseCommand):
    help = "Send the session reminders that are due now (each at most once a day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            help="act as if it were this ISO date and time (default: now); "
            "a time without an offset is in the server's time zone",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = send_due_reminders(parse_now(options.get("now")))
        self.stdout.write(f"Sent {report.emails} reminder email(s) for {report.records} record(s).")
