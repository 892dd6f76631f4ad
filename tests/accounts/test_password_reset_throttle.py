"""Password-reset requests are throttled per address and per account, and answer the same
whether the address has an account or not."""

from __future__ import annotations

from django.core import mail
from django.test import Client

from alsmove.accounts.reset import RESET_EMAILS_PER_ACCOUNT, RESET_PER_ADDRESS
from alsmove.demo.seed import Demo


def _ask(email: str, address: str) -> int:
    response = Client(REMOTE_ADDR=address).post("/accounts/password-reset/", {"email": email})
    return response.status_code


def test_31_requests_for_one_account_send_at_most_the_cap(demo: Demo) -> None:
    statuses = [_ask("person@example.org", f"192.0.2.{n + 1}") for n in range(31)]
    assert set(statuses) == {302}  # every request gets "check your email"
    assert len(mail.outbox) == RESET_EMAILS_PER_ACCOUNT == 3


def test_one_address_asking_again_and_again_is_asked_to_wait(demo: Demo) -> None:
    statuses = [_ask("person@example.org", "203.0.113.9") for _ in range(31)]
    assert statuses[:RESET_PER_ADDRESS] == [302] * RESET_PER_ADDRESS
    assert set(statuses[RESET_PER_ADDRESS:]) == {429}
    assert len(mail.outbox) <= RESET_EMAILS_PER_ACCOUNT
    # Another place is not held up.
    assert _ask("caregiver@example.org", "198.51.100.20") == 302
    assert mail.outbox[-1].to == ["caregiver@example.org"]


def test_the_answer_is_the_same_with_or_without_an_account(demo: Demo) -> None:
    known = Client(REMOTE_ADDR="192.0.2.1").post(
        "/accounts/password-reset/", {"email": "person@example.org"}
    )
    unknown = Client(REMOTE_ADDR="192.0.2.2").post(
        "/accounts/password-reset/", {"email": "nobody@example.org"}
    )
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    for _ in range(RESET_PER_ADDRESS):
        _ask("person@example.org", "192.0.2.3")
        _ask("nobody@example.org", "192.0.2.4")
    wait_known = Client(REMOTE_ADDR="192.0.2.3").post(
        "/accounts/password-reset/", {"email": "person@example.org"}
    )
    wait_unknown = Client(REMOTE_ADDR="192.0.2.4").post(
        "/accounts/password-reset/", {"email": "nobody@example.org"}
    )
    assert wait_known.status_code == wait_unknown.status_code == 429
    assert wait_known.content == wait_unknown.content
