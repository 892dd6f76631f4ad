"""The person (and a caregiver) choose whether to see the forecast; a therapist always does."""

from __future__ import annotations

from django.test import Client
from signin_support import sign_in

from alsmove.demo.seed import Demo


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def _progress(client: Client, demo: Demo) -> str:
    return client.get(f"/patients/{demo.patient.pk}/progress/").content.decode()


def test_the_person_sees_no_forecast_until_they_choose_to_and_the_words_come_first(
    demo: Demo,
) -> None:
    client = _client(demo.person)
    page = _progress(client, demo)
    assert "D50 model" not in page and "Likely range" not in page
    assert "than average" not in page  # no comparison with others either
    assert "Show the forecast" in page
    explained = page.index("A forecast is a guess")
    assert explained < page.index('id="chart-total')


def test_the_choice_is_saved_and_can_be_taken_back(demo: Demo) -> None:
    client = _client(demo.person)
    url = f"/patients/{demo.patient.pk}/progress/forecast/"
    response = client.post(url, {"show_forecast": "yes"})
    assert response.status_code == 302
    demo.person.refresh_from_db()
    assert demo.person.show_forecast is True
    page = _progress(client, demo)
    assert "D50 model" in page and "Likely range" in page and "Hide the forecast" in page
    client.post(url, {"show_forecast": "no"})
    demo.person.refresh_from_db()
    assert demo.person.show_forecast is False
    assert "D50 model" not in _progress(client, demo)
    client.post(url, {"show_forecast": "maybe"})  # junk changes nothing
    demo.person.refresh_from_db()
    assert demo.person.show_forecast is False


def test_a_therapist_always_sees_the_forecast_and_is_offered_no_choice(demo: Demo) -> None:
    page = _progress(_client(demo.therapist), demo)
    assert "D50 model" in page and "Likely range" in page
    assert "Show the forecast" not in page and "Hide the forecast" not in page
    assert "As a therapist you always see the forecast." in page


def test_a_caregivers_choice_is_their_own(demo: Demo) -> None:
    _client(demo.caregiver).post(
        f"/patients/{demo.patient.pk}/progress/forecast/", {"show_forecast": "yes"}
    )
    assert "D50 model" in _progress(_client(demo.caregiver), demo)
    assert "D50 model" not in _progress(_client(demo.person), demo)


def test_a_stranger_cannot_save_a_choice_through_someone_elses_record(demo: Demo) -> None:
    response = _client(demo.other_person).post(
        f"/patients/{demo.patient.pk}/progress/forecast/", {"show_forecast": "yes"}
    )
    assert response.status_code == 404
    demo.other_person.refresh_from_db()
    assert demo.other_person.show_forecast is False
