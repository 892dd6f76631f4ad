"""The person's list of who looked at their record words each page the same, whether the
read was stored before or after an app's routes became one URL namespace."""

from __future__ import annotations

import pytest

from alsmove.patients.trail import looked_at_words, page_words


@pytest.mark.parametrize(
    ("stored_before", "stored_now"),
    [
        ("checkins:reminders", "logbook:reminders"),
        ("checkins:feeling", "logbook:feeling"),
        ("checkins:flag_review", "logbook:flag_review"),
        ("caseload:alerts", "logbook:alerts"),
        ("caseload:trends", "logbook:trends"),
        ("caseload:caseload", "logbook:caseload"),
        ("visit:questions", "resources:questions"),
        ("invitations:answer", "patients:answer"),
    ],
)
def test_a_read_stored_under_a_former_namespace_reads_as_one_stored_now(
    stored_before: str, stored_now: str
) -> None:
    assert page_words(stored_before) == page_words(stored_now)
    assert looked_at_words(stored_before) == looked_at_words(stored_now)


def test_the_check_ins_are_not_worded_as_the_session_log() -> None:
    assert str(page_words("logbook:reminders")) == "check-ins and reminders"
    assert str(page_words("logbook:session")) == "session log"
    assert str(page_words("logbook:alerts")) == "alerts"
