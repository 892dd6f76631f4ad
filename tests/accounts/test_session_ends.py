"""Sessions end after a quiet spell (30 minutes for staff, 8 hours at home) and after 12
hours whatever happens; the login page then says why. And a password can be changed."""

from __future__ import annotations

import time

from django.test import Client
from signin_support import sign_in

from alsmove.accounts.session_guard import LAST_SEEN, SIGNED_IN_AT
from alsmove.demo.seed import DEMO_PASSWORD, Demo


def _age(client: Client, *, quiet_minutes: float = 0, since_sign_in_hours: float = 0) -> None:
    """Moves the session's clocks back, as if that much time had passed."""
    session = client.session
    now = int(time.time())
    session[LAST_SEEN] = now - int(quiet_minutes * 60)
    session[SIGNED_IN_AT] = now - int(since_sign_in_hours * 3600)
    session.save()


def test_a_therapist_is_logged_out_after_30_quiet_minutes_and_told_why(demo: Demo) -> None:
    client = sign_in(Client(), demo.therapist)
    _age(client, quiet_minutes=29)
    assert client.get("/caseload/").status_code == 200
    _age(client, quiet_minutes=31)
    response = client.get("/caseload/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=%2Fcaseload%2F")
    login_page = client.get(response["Location"]).content
    assert b"nothing happened for a while" in login_page
    # Said once: the next visit to the login page is plain.
    assert b"nothing happened for a while" not in client.get("/accounts/login/").content
    assert client.get("/caseload/")["Location"].startswith("/accounts/login/")


def test_a_person_at_home_stays_logged_in_through_a_long_pause(demo: Demo) -> None:
    client = sign_in(Client(), demo.person)
    _age(client, quiet_minutes=4 * 60)
    assert client.get("/").status_code == 200
    _age(client, quiet_minutes=8 * 60 + 1)
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_every_session_ends_12_hours_after_sign_in_even_when_busy(demo: Demo) -> None:
    client = sign_in(Client(), demo.person)
    _age(client, quiet_minutes=1, since_sign_in_hours=12.1)
    response = client.get("/")
    assert response["Location"].startswith("/accounts/login/")
    assert b"logged in for 12 hours" in client.get(response["Location"]).content


def test_an_ended_session_answers_the_api_with_401(demo: Demo) -> None:
    client = sign_in(Client(), demo.therapist)
    _age(client, quiet_minutes=31)
    assert client.get(f"/api/v1/patients/{demo.patient.pk}/routine").status_code == 401


def test_the_session_cookie_lasts_no_longer_than_12_hours() -> None:
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_a_password_is_changed_from_the_settings_page(demo: Demo) -> None:
    client = sign_in(Client(), demo.person)
    settings_page = client.get("/accounts/preferences/").content
    assert b'href="/accounts/password/"' in settings_page
    wrong = client.post(
        "/accounts/password/",
        {"old_password": "not it", "new_password1": "a quiet river", "new_password2": "x"},
    )
    assert wrong.status_code == 200 and b"old password was entered incorrectly" in wrong.content
    response = client.post(
        "/accounts/password/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "a quiet river at dawn",
            "new_password2": "a quiet river at dawn",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200  # still logged in here
    again = Client().post(
        "/accounts/login/", {"username": "person@example.org", "password": "a quiet river at dawn"}
    )
    assert again.status_code == 302
