"""The guided session's switches (speech, tone, dwell) are saved to the account."""

from __future__ import annotations

from django.test import Client
from signin_support import sign_in

from alsmove.demo.seed import Demo


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def test_the_session_switches_are_saved_and_shown_on_the_next_exercise(demo: Demo) -> None:
    user = demo.person
    assert user.speech_enabled and not user.tone_enabled and not user.dwell_enabled
    client = _client(user)
    answer = client.post(
        "/accounts/preferences/session/",
        {"tone_enabled": "on", "dwell_enabled": "on"},  # speech unticked
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert answer.status_code == 204
    user.refresh_from_db()
    assert (user.speech_enabled, user.tone_enabled, user.dwell_enabled) == (False, True, True)
    page = client.get(f"/patients/{demo.patient.pk}/session/2/").content.decode()
    assert 'id="opt-speech" >' in page or 'id="opt-speech">' in page
    assert 'id="opt-tone" checked' in page and 'id="opt-dwell" checked' in page
    assert 'data-dwell="on"' in page


def test_the_session_switches_without_javascript_go_back_to_the_settings(demo: Demo) -> None:
    answer = _client(demo.person).post("/accounts/preferences/session/", {"speech_enabled": "on"})
    assert answer.status_code == 302


def test_dwell_time_is_a_display_setting_between_half_a_second_and_two(demo: Demo) -> None:
    client = _client(demo.person)
    base = {"text_size": "normal", "speech_enabled": "on", "dwell_enabled": "on"}
    assert client.post("/accounts/preferences/", {**base, "dwell_ms": "1500"}).status_code == 302
    demo.person.refresh_from_db()
    assert demo.person.dwell_enabled and demo.person.dwell_ms == 1500
    refused = client.post("/accounts/preferences/", {**base, "dwell_ms": "100"})
    assert refused.status_code == 200 and "100 is not one of" in refused.content.decode()
    demo.person.refresh_from_db()
    assert demo.person.dwell_ms == 1500
