"""The quick log's offline queue never loses a log.

An entry leaves the queue only once the server stored it (201, or 200 for a repeat of
the same client id); a logged-out session (redirect, 401, 403), a server error or no
network keeps it; logging out sends what it can and then clears the queue; the CSRF
token is never written to the device. The notices are the page's own words, in each
language (the base template hands them to quicklog.js).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from e2e_support import log_in, t
from playwright.sync_api import BrowserContext, Page, Route
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.logbook.models import SessionLog
from alsmove.patients.clock import today_for

RESULT_URL = re.compile(r".*/log/\d+/$")
QUEUE = "JSON.parse(localStorage.getItem('alsmove-log-queue') || '[]')"
# The queue's notices (base.html), by their msgids: t() gives the page's words.
OFFLINE = (
    "No connection right now. Your log is kept on this device and will be sent as soon "
    "as the connection is back. You can close this page."
)
LOGGED_OUT = (
    "You are logged out. Your log is kept on this device and will be sent when you log in again."
)
RETRY = "Your log could not be sent just now. It is kept on this device and will be sent again."
SENT = "A log kept on this device has now been sent."


def _todays(demo: Demo) -> int:
    return SessionLog.objects.filter(patient=demo.patient, day=today_for(demo.patient)).count()


def _open(page: Page, live_server: Any, demo: Demo) -> str:
    url = f"{live_server.url}/patients/{demo.patient.pk}/log/new/"
    page.goto(url)
    return url


def _answer(page: Page) -> None:
    page.get_by_role("button", name=t("Yes, all of them")).click()
    page.locator("label[for=pain-0]").click()
    page.get_by_role("button", name=t("Continue")).click()
    page.locator("label[for=fatigue-1]").click()
    page.get_by_role("button", name=t("Save the log")).click()


def _queue(page: Page) -> list[dict[str, Any]]:
    return list(page.evaluate(QUEUE))


def test_a_log_the_server_stored_201_leaves_the_queue_and_opens_its_result(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    _open(page, live_server, live_demo)
    before = _todays(live_demo)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        _answer(page)
    assert answer.value.status == 201
    page.wait_for_url(RESULT_URL)
    assert _todays(live_demo) == before + 1
    assert _queue(page) == []


def test_the_csrf_token_is_never_kept_on_the_device(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    _open(page, live_server, live_demo)
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    context.set_offline(True)
    _answer(page)
    page.locator("#queue-status", has_text=t(OFFLINE)).wait_for()
    stored = page.evaluate("localStorage.getItem('alsmove-log-queue')")
    assert "csrfmiddlewaretoken" not in stored and token not in stored
    assert len(json.loads(stored)) == 1
    context.set_offline(False)
    page.wait_for_url(RESULT_URL, timeout=15_000)


def test_a_repeat_answered_200_also_leaves_the_queue_and_is_stored_once(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    url = _open(page, live_server, live_demo)
    before = _todays(live_demo)
    context.set_offline(True)
    _answer(page)
    page.locator("#queue-status", has_text=t(OFFLINE)).wait_for()
    (entry,) = _queue(page)
    # The same log reached the server another way first (another tab, an earlier try).
    other = Client()
    sign_in(other, live_demo.person)
    first = other.post(url, entry["body"], content_type="application/x-www-form-urlencoded")
    assert first.status_code == 302 and _todays(live_demo) == before + 1
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        context.set_offline(False)
    assert answer.value.status == 200
    page.wait_for_url(RESULT_URL, timeout=15_000)
    assert _queue(page) == [] and _todays(live_demo) == before + 1


def test_an_expired_session_keeps_the_log_asks_to_log_in_and_sends_it_after(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    _open(page, live_server, live_demo)
    before = _todays(live_demo)
    context.clear_cookies(name="sessionid")  # the session ran out; the page is still open
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        _answer(page)
    assert answer.value.status == 302  # a redirect to the login page
    notice = page.locator("#queue-status", has_text=t(LOGGED_OUT))
    notice.wait_for()
    assert notice.get_by_role("link", name=t("Log in again")).get_attribute("href", timeout=2000)
    assert len(_queue(page)) == 1 and _todays(live_demo) == before
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/")  # any page, once logged in again, sends it
    page.locator("#queue-notice", has_text=t(SENT)).wait_for(timeout=15_000)
    assert _queue(page) == [] and _todays(live_demo) == before + 1


def test_a_refused_csrf_check_403_keeps_the_log(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    _open(page, live_server, live_demo)
    context.clear_cookies()  # no session and no CSRF cookie: the server answers 403
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        _answer(page)
    assert answer.value.status == 403
    page.locator("#queue-status", has_text=t(LOGGED_OUT)).wait_for()
    assert len(_queue(page)) == 1


@pytest.mark.parametrize("status", [401, 500, 502])
def test_a_401_or_a_server_error_keeps_the_log(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page, status: int
) -> None:
    log_in(context, live_server, live_demo.person)
    url = _open(page, live_server, live_demo)
    before = _todays(live_demo)

    def refuse(route: Route) -> None:
        if route.request.method == "POST":
            route.fulfill(status=status, body="refused")
        else:
            route.continue_()

    page.route(url, refuse)
    _answer(page)
    words = LOGGED_OUT if status == 401 else RETRY
    page.locator("#queue-status", has_text=t(words)).wait_for()
    assert len(_queue(page)) == 1 and _todays(live_demo) == before
    page.unroute(url)
    page.goto(url)  # the next visit sends it
    page.locator("#queue-status", has_text=t(SENT)).wait_for(timeout=15_000)
    assert _queue(page) == [] and _todays(live_demo) == before + 1


def test_logging_out_sends_what_it_can_then_clears_the_queue(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    url = _open(page, live_server, live_demo)
    before = _todays(live_demo)
    page.route(
        url, lambda route: route.abort() if route.request.method == "POST" else route.continue_()
    )
    _answer(page)
    page.locator("#queue-status", has_text=t(OFFLINE)).wait_for()
    assert len(_queue(page)) == 1
    page.unroute(url)
    page.get_by_role("button", name=t("Log out")).click()
    page.wait_for_url(f"{live_server.url}/")
    assert _todays(live_demo) == before + 1
    assert page.evaluate("localStorage.getItem('alsmove-log-queue')") is None


def test_logging_out_clears_the_queue_even_when_nothing_can_be_sent(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    url = _open(page, live_server, live_demo)
    page.route(
        url, lambda route: route.abort() if route.request.method == "POST" else route.continue_()
    )
    _answer(page)
    page.locator("#queue-status", has_text=t(OFFLINE)).wait_for()
    page.get_by_role("button", name=t("Log out")).click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.evaluate("localStorage.getItem('alsmove-log-queue')") is None
