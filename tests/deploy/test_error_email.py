"""A server error emails the administrators what failed and where, never what a person
typed, their cookies or the values in the code's variables."""

from __future__ import annotations

import logging
import sys

from django.core import mail
from django.test import RequestFactory, override_settings


@override_settings(ADMINS=[("Ops", "ops@clinic.example")])
def test_a_server_error_email_names_the_route_and_the_error_but_no_ones_data() -> None:
    request = RequestFactory().post("/patients/7/log/", {"note": "my left shoulder burns at night"})
    request.COOKIES["sessionid"] = "session-secret-value"
    pain_note = "Sam's private note"  # a local variable in the failing frame
    try:
        raise ValueError("could not save the log")
    except ValueError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s",
            request.path,
            exc_info=sys.exc_info(),
            extra={"status_code": 500, "request": request},
        )
    (sent,) = mail.outbox
    assert sent.to == ["ops@clinic.example"]
    assert "/patients/7/log/" in sent.subject
    assert "ValueError: could not save the log" in sent.body
    assert "POST /patients/7/log/" in sent.body
    for secret in ("shoulder burns", "session-secret-value", pain_note):
        assert secret not in sent.body
    assert not sent.alternatives or all(
        "shoulder" not in str(content) for content, _ in sent.alternatives
    )
