"""`manage.py create_clinic`: a clinic and its administrator from the command line, the
administrator choosing their own password from an emailed link."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent, Organisation, Role, User
from alsmove.demo.seed import Demo

pytestmark = pytest.mark.django_db(transaction=False)


def create(*args: str, capture: object) -> str:
    from io import StringIO

    out = StringIO()
    with capture(execute=True):  # type: ignore[operator]
        call_command("create_clinic", *args, stdout=out)
    return out.getvalue()


def choose_password_from(body: str, password: str) -> None:
    link = re.search(r"https?://\S+(/accounts/reset/\S+/)", body)
    assert link is not None, body
    client = Client()
    form = client.get(link.group(1), follow=True)
    assert b"Choose a password" in form.content
    url = form.redirect_chain[-1][0] if form.redirect_chain else link.group(1)
    done = client.post(url, {"new_password1": password, "new_password2": password})
    assert done.status_code == 302


def test_a_new_clinic_gets_an_administrator_who_chooses_a_password_and_opens_the_clinic_page(
    demo: Demo, django_capture_on_commit_callbacks: object
) -> None:
    out = create(
        "Lakeside  Neuromuscular Centre",
        "--admin-email",
        "Lin.Wu@Lakeside.example",
        "--admin-name",
        "Lin Wu",
        capture=django_capture_on_commit_callbacks,
    )
    assert "Created Lakeside Neuromuscular Centre" in out
    clinic = Organisation.objects.get(name="Lakeside Neuromuscular Centre")
    admin = User.objects.get(email="lin.wu@lakeside.example")
    assert (admin.role, admin.organisation, admin.full_name) == (Role.ADMIN, clinic, "Lin Wu")
    assert not admin.has_usable_password() and not admin.is_superuser and not admin.is_staff
    (sent,) = mail.outbox
    assert sent.to == ["lin.wu@lakeside.example"]
    assert "Lakeside Neuromuscular Centre" in sent.body
    assert AuditEvent.objects.filter(action="clinic_created", detail__contains="lin.wu@").exists()

    choose_password_from(sent.body, "a quiet lake at dawn")
    client = Client()
    assert (
        client.post(
            "/accounts/login/",
            {"username": "lin.wu@lakeside.example", "password": "a quiet lake at dawn"},
        ).status_code
        == 302
    )
    admin.refresh_from_db()
    admin.disclaimer_accepted_at = timezone.now()  # the first-login disclaimer, read
    admin.save()
    sign_in(client, admin)  # past any later sign-in step (a second factor)
    page = client.get("/clinic/", follow=True)
    assert page.status_code == 200
    assert b"Lakeside Neuromuscular Centre" in page.content


def test_running_it_again_changes_nothing_and_says_so(
    demo: Demo, django_capture_on_commit_callbacks: object
) -> None:
    args = ("Lakeside", "--admin-email", "lin@lakeside.example")
    create(*args, capture=django_capture_on_commit_callbacks)
    counts = (Organisation.objects.count(), User.objects.count(), AuditEvent.objects.count())
    out = create(*args, capture=django_capture_on_commit_callbacks)
    assert "nothing was changed" in out
    assert counts == (
        Organisation.objects.count(),
        User.objects.count(),
        AuditEvent.objects.count(),
    )
    assert len(mail.outbox) == 1
    again = create(*args, "--resend-link", capture=django_capture_on_commit_callbacks)
    assert "new link" in again and len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("name", "email", "message"),
    [
        ("riverside als clinic", "new@x.example", "A clinic named 'Riverside ALS Clinic' already"),
        ("Brand New Clinic", "therapist@example.org", "An account with the address"),
        ("Brand New Clinic", "not-an-address", "is not an email address"),
        ("   ", "new@x.example", "The clinic needs a name"),
    ],
)
def test_a_clash_or_a_bad_value_is_refused_in_words_and_nothing_is_made(
    demo: Demo, django_capture_on_commit_callbacks: object, name: str, email: str, message: str
) -> None:
    before = (Organisation.objects.count(), User.objects.count())
    with pytest.raises(CommandError, match=message):
        create(name, "--admin-email", email, capture=django_capture_on_commit_callbacks)
    assert (Organisation.objects.count(), User.objects.count()) == before
    assert mail.outbox == []


def test_a_link_is_not_sent_again_once_a_password_is_chosen(
    demo: Demo, django_capture_on_commit_callbacks: object
) -> None:
    with pytest.raises(CommandError, match="has chosen a password already"):
        create(
            demo.riverside.name,
            "--admin-email",
            demo.admin.email,
            "--resend-link",
            capture=django_capture_on_commit_callbacks,
        )
