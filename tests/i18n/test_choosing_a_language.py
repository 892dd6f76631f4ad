"""Which language a person gets: the browser's Accept-Language for a visitor, the
switcher's choice (a cookie, and on the account when signed in), a saved choice above
both; emails in the recipient's saved language."""

from __future__ import annotations

from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation
from signin_support import sign_in

from alsmove.accounts.models import User
from alsmove.demo.seed import Demo
from alsmove.logbook.reminder_mail import reminder_email
from alsmove.patients.invitations import invite


def _in(language: str, text: str) -> str:
    with translation.override(language):
        words = translation.gettext(text)
    assert words != text, f"{text!r} has no {language} translation"
    return words


def _page_language(html: bytes) -> str:
    start = html.index(b'<html lang="') + len(b'<html lang="')
    return html[start : html.index(b'"', start)].decode()


def test_a_visitor_whose_browser_asks_for_spanish_gets_spanish_pages(db: None) -> None:
    page = Client().get("/accounts/login/", headers={"accept-language": "es-US,es;q=0.9"})
    assert page.status_code == 200
    assert _page_language(page.content) == "es"
    assert _in("es", "Log in").encode() in page.content


def test_a_visitor_whose_browser_asks_for_a_language_we_lack_gets_english(db: None) -> None:
    page = Client().get("/accounts/login/", headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert _page_language(page.content) == "en"


def test_the_switcher_remembers_the_choice_and_goes_back_to_the_page(db: None) -> None:
    client = Client(headers={"accept-language": "es"})
    answer = client.get("/accounts/language/de/?next=/library/")
    assert answer.status_code == 302 and answer["Location"] == "/library/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    # The choice is above what the browser asks for.
    assert _page_language(client.get("/library/").content) == "de"


def test_the_switcher_never_sends_anyone_to_another_site(db: None) -> None:
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        answer = Client().get("/accounts/language/de/", {"next": target})
        assert answer.status_code == 302 and answer["Location"] == "/", target


def test_an_unknown_language_changes_nothing(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.person)
    answer = client.get("/accounts/language/fr/?next=/")
    assert answer.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in answer.cookies
    demo.person.refresh_from_db()
    assert demo.person.language == ""


def test_a_signed_in_persons_choice_is_saved_on_their_account_and_follows_them(
    demo: Demo,
) -> None:
    client = Client()
    sign_in(client, demo.person)
    client.get("/accounts/language/de/?next=/", headers={"sec-fetch-site": "same-origin"})
    demo.person.refresh_from_db()
    assert demo.person.language == "de"
    # Another device with an English browser and no cookie: still German.
    other = Client(headers={"accept-language": "en"})
    sign_in(other, demo.person)
    assert _page_language(other.get("/").content) == "de"


def test_another_sites_link_to_the_switcher_does_not_change_the_saved_choice(
    demo: Demo,
) -> None:
    User.objects.filter(pk=demo.person.pk).update(language="es")
    client = Client()
    sign_in(client, demo.person)
    client.get("/accounts/language/de/?next=/", headers={"sec-fetch-site": "cross-site"})
    demo.person.refresh_from_db()
    assert demo.person.language == "es"
    # The saved choice wins over the cookie the link set on this device.
    assert _page_language(client.get("/").content) == "es"


def test_signup_saves_the_language_chosen_on_the_form(db: None) -> None:
    answer = Client().post(
        "/accounts/signup/",
        {
            "role": "person",
            "full_name": "Lena Vogel",
            "email": "lena@example.org",
            "password1": "a long enough sentence",
            "password2": "a long enough sentence",
            "language": "de",
        },
    )
    assert answer.status_code == 302
    assert User.objects.get(email="lena@example.org").language == "de"


def test_the_display_settings_save_a_language_and_can_go_back_to_the_browsers(
    demo: Demo,
) -> None:
    client = Client()
    sign_in(client, demo.person)
    base = {"text_size": "normal", "dwell_ms": "1000"}
    assert client.post("/accounts/preferences/", {**base, "language": "es"}).status_code == 302
    demo.person.refresh_from_db()
    assert demo.person.language == "es"
    assert client.post("/accounts/preferences/", {**base, "language": ""}).status_code == 302
    demo.person.refresh_from_db()
    assert demo.person.language == ""


def test_each_language_is_named_in_itself_and_marked_as_that_language(db: None) -> None:
    """On an English page a screen reader says "Deutsch" in German (WCAG 3.1.2)."""
    page = Client().get("/accounts/signup/", headers={"accept-language": "en"}).content.decode()
    assert '<span lang="de">Deutsch</span>' in page
    assert '<span lang="es">Español</span>' in page


def test_a_persons_saved_german_is_used_for_their_reminder_email(demo: Demo) -> None:
    User.objects.filter(pk=demo.person.pk).update(language="de")
    demo.person.refresh_from_db()
    # Sent by a job with no request: English is active, the person still reads German.
    with translation.override("en"):
        email = reminder_email(demo.patient, demo.person)
    assert email.subject == _in("de", "Time for today's exercises")
    assert "exercises" not in email.body.replace("/exercises", "")


def test_each_recipient_of_one_reminder_reads_their_own_language(demo: Demo) -> None:
    User.objects.filter(pk=demo.caregiver.pk).update(language="es")
    demo.caregiver.refresh_from_db()
    to_person = reminder_email(demo.patient, demo.person)
    to_caregiver = reminder_email(demo.patient, demo.caregiver)
    assert to_person.subject == "Time for today's exercises"
    with translation.override("es"):
        expected = translation.gettext("Time for %(name)s's exercises") % {
            "name": demo.patient.display_name
        }
    assert to_caregiver.subject == expected != f"Time for {demo.patient.display_name}'s exercises"


def test_an_invitation_is_written_in_the_invitees_saved_language(
    demo: Demo, django_capture_on_commit_callbacks: object
) -> None:
    User.objects.filter(pk=demo.other_therapist.pk).update(language="de")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        invite(
            patient=demo.patient,
            by=demo.person,
            email=demo.other_therapist.email,
            relation="therapist",
            permission="view",
        )
    (email,) = mail.outbox
    assert "Hello" not in email.body
    assert demo.person.full_name in email.body
