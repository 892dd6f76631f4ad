from __future__ import annotations

from django.test import Client

from alsmove.demo.seed import DEMO_PASSWORD, Demo


def _login(client: Client, email: str, password: str) -> int:
    return client.post("/accounts/login/", {"username": email, "password": password}).status_code


def test_a_demo_person_logs_in_with_email_and_password(demo: Demo) -> None:
    client = Client()
    assert _login(client, "person@example.org", DEMO_PASSWORD) == 302
    assert b"Hello, Sam Rivera" in client.get("/").content


def test_a_wrong_password_is_explained_in_words(demo: Demo) -> None:
    response = Client().post(
        "/accounts/login/", {"username": "person@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert b"do not match an account" in response.content


def test_five_wrong_passwords_pause_that_account_but_not_others(demo: Demo) -> None:
    client = Client()
    for _ in range(5):
        _login(client, "caregiver@example.org", "not it")
    response = client.post(
        "/accounts/login/", {"username": "caregiver@example.org", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 429
    assert b"the next try waits 30 seconds" in response.content
    # A colleague on the same network is not locked out.
    assert _login(Client(), "therapist@example.org", DEMO_PASSWORD) == 302


def test_a_right_password_before_the_limit_resets_the_count(demo: Demo) -> None:
    client = Client()
    for _ in range(4):
        _login(client, "person@example.org", "not it")
    assert _login(Client(), "person@example.org", DEMO_PASSWORD) == 302
    for _ in range(4):
        _login(Client(), "person@example.org", "not it")
    assert _login(Client(), "person@example.org", DEMO_PASSWORD) == 302


def test_the_email_address_may_be_typed_in_any_case(demo: Demo) -> None:
    assert _login(Client(), "  Person@Example.ORG ", DEMO_PASSWORD) == 302


def test_mixed_case_attempts_count_against_the_same_account(demo: Demo) -> None:
    for email in (
        "Caregiver@example.org",
        "CAREGIVER@example.org",
        "caregiver@Example.org",
        "caregiver@example.org",
        "Caregiver@Example.Org",
    ):
        _login(Client(), email, "not it")
    assert _login(Client(), "caregiver@example.org", DEMO_PASSWORD) == 429
