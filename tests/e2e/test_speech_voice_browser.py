"""Spoken cues use a voice for the page's language, and say so when the device has none.

Headless Chromium has no voices, so each test gives the page a device's list of voices
(the one thing outside the product) and records what would be spoken; the product's own
code (static/js/guide.js) chooses the voice, or shows the note, in a real browser.
"""

from __future__ import annotations

import json
from typing import Any

from e2e_support import assert_no_axe_violations, log_in, t
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo

SKILL = "transfer-board-bed-chair"
NOTE = (
    "This device has no voice for this language, so the cues are not read aloud. "
    "Every cue is also written on the screen."
)


def _device_with_voices(context: BrowserContext, voices: list[tuple[str, str]]) -> None:
    """The device's voices (name, language), and a record of each utterance spoken."""
    script = """
    (() => {
      const voices = VOICES.map(([name, lang]) => ({name, lang, voiceURI: name}));
      window.__spoken = [];
      window.SpeechSynthesisUtterance = function (text) {
        this.text = text; this.lang = ""; this.voice = null;
      };
      Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
        getVoices: () => voices,
        speak: (u) => window.__spoken.push({lang: u.lang, voice: u.voice && u.voice.name}),
        cancel: () => {}, addEventListener: () => {},
      }});
    })();
    """.replace("VOICES", json.dumps(voices))
    context.add_init_script(script)


def _open_a_skill_step_with_speech_on(
    demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> list[dict[str, Any]]:
    user = demo.caregiver
    user.speech_enabled = True
    user.save(update_fields=["speech_enabled"])
    log_in(context, live_server, user)
    page.goto(f"{live_server.url}/patients/{demo.patient.pk}/skills/{SKILL}/1/")
    page.get_by_role("button", name=t("Read this step aloud")).click()
    return list(page.evaluate("window.__spoken"))


def test_the_cues_are_spoken_by_a_voice_of_the_pages_language(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page, ui_language: str
) -> None:
    voices = {"en": "Samantha", "es": "Paulina", "de": "Anna"}
    _device_with_voices(context, [("Samantha", "en-US"), ("Paulina", "es-MX"), ("Anna", "de-DE")])
    spoken = _open_a_skill_step_with_speech_on(live_demo, live_server, context, page)
    assert spoken, "the step is read aloud"
    assert {s["voice"] for s in spoken} == {voices[ui_language]}
    assert {s["lang"] for s in spoken} == {ui_language}
    assert page.get_by_text(t(NOTE)).is_hidden()


def test_without_a_voice_for_the_pages_language_nothing_is_read_and_the_page_says_so(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page, ui_language: str
) -> None:
    # A device that speaks only a language other than the page's.
    other = ("Anna", "de-DE") if ui_language != "de" else ("Samantha", "en-US")
    _device_with_voices(context, [other])
    spoken = _open_a_skill_step_with_speech_on(live_demo, live_server, context, page)
    # Not read in the wrong language: silent, and the note says why.
    assert spoken == []
    assert page.get_by_text(t(NOTE)).is_visible()
    assert_no_axe_violations(page, f"skill step, no voice for {ui_language}")
