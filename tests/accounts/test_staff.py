from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.utils import translation
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent, Role, User
from alsmove.demo.seed import Demo


def _logs_in(email: str, password: str) -> bool:
    """Log in through the real form, as a person would (login throttling included)."""
    response = Client().post("/accounts/login/", {"username": email, "password": password})
    return response.status_code == 302


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def test_an_administrator_adds_a_therapist_who_chooses_a_password_from_the_email(
    demo: Demo, django_capture_on_commit_callbacks: object
) -> None:
    client = _client(demo.admin)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(
            "/clinic/staff/add/",
            {"full_name": "Rui Costa", "email": "Rui@Example.org", "role": "therapist"},
        )
    assert response.status_code == 302
    new = User.objects.get(email="rui@example.org")
    assert new.role == Role.THERAPIST and new.organisation == demo.riverside
    assert not new.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["rui@example.org"]
    link = re.search(r"http\S+/accounts/reset/\S+/", mail.outbox[0].body)
    assert link is not None
    path = link.group(0).split("8000", 1)[-1]
    anonymous = Client()
    form_page = anonymous.get(path, follow=True)
    assert b"Choose a password" in form_page.content
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    done = anonymous.post(
        set_url,
        {"new_password1": "a long walk by the river", "new_password2": "a long walk by the river"},
    )
    assert done.status_code == 302
    assert _logs_in("rui@example.org", "a long walk by the river")
    assert AuditEvent.objects.filter(action="staff_added", actor=demo.admin).exists()


def test_a_new_colleague_gets_the_welcome_email_in_the_language_the_administrator_chose(
    demo: Demo, django_capture_on_commit_callbacks: object
) -> None:
    """The administrator's pages are English; the new therapist reads German. The account
    keeps the choice, so their first page after choosing a password is German too."""
    client = _client(demo.admin)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(
            "/clinic/staff/add/",
            {
                "full_name": "Jonas Weber",
                "email": "jonas@example.org",
                "role": "therapist",
                "language": "de",
            },
        )
    new = User.objects.get(email="jonas@example.org")
    assert new.language == "de"
    (email,) = mail.outbox
    with translation.override("de"):
        assert (
            email.subject == translation.gettext("Your ALS Move account") != "Your ALS Move account"
        )
    assert "Hello" not in email.body and "Jonas Weber" in email.body
    assert re.search(r"http\S+/accounts/reset/\S+/", email.body)


def test_without_a_choice_the_welcome_email_uses_the_administrators_page_language(
    demo: Demo, django_capture_on_commit_callbacks: object
) -> None:
    client = _client(demo.admin)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(
            "/clinic/staff/add/",
            {"full_name": "Ana Ruiz", "email": "ana@example.org", "role": "admin"},
            headers={"accept-language": "es"},
        )
    assert User.objects.get(email="ana@example.org").language == "es"
    with translation.override("es"):
        assert mail.outbox[0].subject == translation.gettext("Your ALS Move account")


def test_a_taken_email_is_refused_next_to_the_field(demo: Demo) -> None:
    response = _client(demo.admin).post(
        "/clinic/staff/add/",
        {"full_name": "Tess Again", "email": "therapist@example.org", "role": "therapist"},
    )
    assert response.status_code == 400
    assert b"already exists" in response.content


def test_only_an_administrator_may_add_staff_or_switch_accounts_off(demo: Demo) -> None:
    for user in (demo.therapist, demo.person, demo.caregiver):
        client = _client(user)
        assert client.get("/clinic/").status_code == 403
        response = client.post(
            "/clinic/staff/add/", {"full_name": "X", "email": "x@x.org", "role": "admin"}
        )
        assert response.status_code == 403
        assert client.post(f"/clinic/staff/{demo.therapist.pk}/switch-off/").status_code == 403
    assert not User.objects.filter(email="x@x.org").exists()


def test_a_switched_off_colleague_can_no_longer_log_in(demo: Demo) -> None:
    response = _client(demo.admin).post(f"/clinic/staff/{demo.therapist.pk}/switch-off/")
    assert response.status_code == 302
    demo.therapist.refresh_from_db()
    assert not demo.therapist.is_active
    assert not _logs_in("therapist@example.org", "alsmove-demo")


def test_an_administrator_cannot_touch_another_clinics_accounts(demo: Demo) -> None:
    response = _client(demo.admin).post(f"/clinic/staff/{demo.other_therapist.pk}/switch-off/")
    assert response.status_code == 404
    demo.other_therapist.refresh_from_db()
    assert demo.other_therapist.is_active


def test_a_forgotten_password_email_only_goes_to_a_real_account(demo: Demo) -> None:
    client = Client()
    response = client.post("/accounts/password-reset/", {"email": "person@example.org"})
    assert response.status_code == 302 and len(mail.outbox) == 1
    client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert len(mail.outbox) == 1  # the same answer on screen, but no email


def test_a_person_with_als_is_not_a_staff_account_the_clinic_can_switch_off(demo: Demo) -> None:
    client = _client(demo.admin)
    assert b"person@example.org" not in client.get("/clinic/").content
    assert client.post(f"/clinic/staff/{demo.person.pk}/switch-off/").status_code == 404


def test_switching_off_asks_first_naming_the_colleague_and_changes_nothing_until_confirmed(
    demo: Demo,
) -> None:
    client = _client(demo.admin)
    page = client.get(f"/clinic/staff/{demo.therapist.pk}/switch-off/")
    assert page.status_code == 200
    text = page.content.decode()
    assert (
        "Switch off Tess Morgan&#x27;s account?" in text
        or "Switch off Tess Morgan's account?" in text
    )
    assert "Yes, switch off Tess Morgan" in text
    demo.therapist.refresh_from_db()
    assert demo.therapist.is_active
    clinic = client.get("/clinic/").content.decode()
    assert f'href="/clinic/staff/{demo.therapist.pk}/switch-off/"' in clinic  # a link, not a form


def test_a_switched_off_colleague_is_switched_on_again_by_undo_and_logs_in(demo: Demo) -> None:
    client = _client(demo.admin)
    response = client.post(f"/clinic/staff/{demo.therapist.pk}/switch-off/")
    assert response["Location"] == f"/clinic/?undo={demo.therapist.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "Tess Morgan can no longer log in." in page
    assert "Undo: switch Tess Morgan on again" in page
    assert f'action="/clinic/staff/{demo.therapist.pk}/switch-on/"' in page
    back = client.post(f"/clinic/staff/{demo.therapist.pk}/switch-on/", follow=True)
    assert "Tess Morgan can log in again." in back.content.decode()
    demo.therapist.refresh_from_db()
    assert demo.therapist.is_active
    assert _logs_in("therapist@example.org", "alsmove-demo")
    actions = list(
        AuditEvent.objects.filter(detail="therapist@example.org").values_list("action", flat=True)
    )
    assert "staff_switched_off" in actions and "staff_switched_on" in actions
    assert "Switched an account on again:" in client.get("/clinic/trail/").content.decode()


def test_only_this_clinics_administrator_switches_an_account_on(demo: Demo) -> None:
    _client(demo.admin).post(f"/clinic/staff/{demo.therapist.pk}/switch-off/")
    for user in (demo.person, demo.caregiver, demo.other_therapist):
        assert _client(user).post(f"/clinic/staff/{demo.therapist.pk}/switch-on/").status_code in (
            403,
            404,
        )
    demo.therapist.refresh_from_db()
    assert not demo.therapist.is_active
    other = _client(demo.admin).post(f"/clinic/staff/{demo.other_therapist.pk}/switch-on/")
    assert other.status_code == 404
