"""The API docs page under the real CSP (no bypass): Swagger UI from the files
django-ninja ships, nothing fetched from another host, no CSP error in the console."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from e2e_support import log_in, screenshot, set_page_language
from playwright.sync_api import Browser, ConsoleMessage

from alsmove.demo.seed import Demo


def test_the_api_docs_render_offline_under_the_csp_with_no_console_errors(
    live_demo: Demo, live_server: Any, browser: Browser, ui_language: str
) -> None:
    # A context of its own, the CSP enforced (the shared one bypasses it), asking for the
    # test's language. Swagger UI's own words are English in every language; what is
    # checked here holds in each: the page, its CSP, the API's title and paths.
    set_page_language(ui_language)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=ui_language)
    try:
        log_in(context, live_server, live_demo.therapist)
        page = context.new_page()
        errors: list[str] = []
        requests: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                errors.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        response = page.goto(live_server.url + "/api/v1/docs")
        assert response is not None and response.status == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_selector(".swagger-ui .info .title", timeout=20000)
        assert "ALS Move API" in page.inner_text(".swagger-ui .info .title")
        page.wait_for_selector(".opblock-summary-path", timeout=20000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert any("/api/v1/patients/{patient_id}/logs" in p for p in paths)
        page.wait_for_load_state("networkidle")
        screenshot(page, "api-docs")
        assert errors == []
        assert [url for url in requests if not url.startswith(live_server.url)] == []
    finally:
        context.close()
        set_page_language(settings.LANGUAGE_CODE)
