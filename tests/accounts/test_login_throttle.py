"""Login throttling protects without locking people out (issue 13's reproductions).

Time passing is simulated by moving axes' records of the failures back in time.
"""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt
from django.test import Client

from alsmove.accounts.throttle import ACCOUNT, PAIR, scope_wait
from alsmove.demo.seed import DEMO_PASSWORD, Demo

STRANGER = "203.0.113.9"
CLINIC = "198.51.100.20"


def _try(email: str, password: str, address: str) -> int:
    response = Client(REMOTE_ADDR=address).post(
        "/accounts/login/", {"username": email, "password": password}
    )
    return response.status_code


def _time_passes(seconds: float) -> None:
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(seconds=seconds)
        attempt.save(update_fields=["attempt_time"])


def test_a_stranger_cannot_lock_a_therapist_out(demo: Demo) -> None:
    for _ in range(30):
        _try("therapist@example.org", "guess", STRANGER)
    # The therapist, at the clinic, signs in at once.
    assert _try("therapist@example.org", DEMO_PASSWORD, CLINIC) == 302
    # The stranger is the one kept waiting (30 s after the fifth wrong password).
    assert _try("therapist@example.org", DEMO_PASSWORD, STRANGER) == 429


def test_the_wait_grows_with_each_wrong_password_and_ends(demo: Demo) -> None:
    for _ in range(5):
        _try("person@example.org", "guess", STRANGER)
    assert _try("person@example.org", "guess", STRANGER) == 429  # not counted: waiting
    _time_passes(31)
    assert _try("person@example.org", "guess", STRANGER) == 429  # the sixth: now 60 s
    _time_passes(31)
    assert _try("person@example.org", DEMO_PASSWORD, STRANGER) == 429
    _time_passes(30)
    assert _try("person@example.org", DEMO_PASSWORD, STRANGER) == 302


def test_waits_double_and_stop_at_their_longest() -> None:
    from django.utils import timezone

    now = timezone.now()
    waits = [scope_wait(PAIR, n, now, now) for n in range(4, 12)]
    assert waits == [0, 30, 60, 120, 240, 480, 900, 900]
    assert scope_wait(ACCOUNT, 1000, now, now) == 60


def test_a_crowd_of_addresses_holds_an_account_up_a_minute_at_most(demo: Demo) -> None:
    for n in range(40):
        _try("therapist@example.org", "guess", f"192.0.2.{n + 1}")
    assert _try("therapist@example.org", DEMO_PASSWORD, CLINIC) == 429
    _time_passes(61)
    assert _try("therapist@example.org", DEMO_PASSWORD, CLINIC) == 302


def test_spraying_a_few_guesses_at_many_accounts_from_one_address_is_slowed(
    demo: Demo,
) -> None:
    accounts = [
        "person@example.org",
        "caregiver@example.org",
        "therapist@example.org",
        "admin@example.org",
        "other-person@example.org",
        "other-therapist@example.org",
    ]
    statuses = [_try(email, "Summer2026!", STRANGER) for email in accounts for _ in range(4)]
    # Four guesses each stay below every account's limit; the address's twentieth wrong
    # password starts its wait.
    assert statuses[:19] == [200] * 19
    assert set(statuses[19:]) == {429}
    assert _try("nobody@example.org", "Summer2026!", STRANGER) == 429
    # Everyone else, elsewhere, is not slowed.
    assert _try("person@example.org", DEMO_PASSWORD, CLINIC) == 302


def test_the_wait_page_never_tells_whether_the_account_exists(demo: Demo) -> None:
    for _ in range(5):
        _try("person@example.org", "guess", STRANGER)
        _try("no-account@example.org", "guess", CLINIC)
    known = Client(REMOTE_ADDR=STRANGER).post(
        "/accounts/login/", {"username": "person@example.org", "password": "guess"}
    )
    unknown = Client(REMOTE_ADDR=CLINIC).post(
        "/accounts/login/", {"username": "no-account@example.org", "password": "guess"}
    )
    assert known.status_code == unknown.status_code == 429
    assert known.content.replace(b"person@example.org", b"") == unknown.content.replace(
        b"no-account@example.org", b""
    )
