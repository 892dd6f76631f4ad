"""The support desk (Django's admin): support staff look, never change, and every look at
a person's data is in the trail; nobody else gets in."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.accounts.audit import READ
from alsmove.accounts.models import AuditEvent, Role, User
from alsmove.demo.seed import Demo
from alsmove.patients.models import Patient

DESK = "/" + settings.ALSMOVE_SUPPORT_URL


def _support(demo: Demo) -> User:
    return User.objects.create_user(
        email="support@example.org",
        password="a-long-pass-1",
        full_name="Sol Support",
        role=Role.ADMIN,
        is_staff=True,
        disclaimer_accepted_at=timezone.now(),
    )


def _client(user: User) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def test_the_desk_is_not_at_the_well_known_admin_address() -> None:
    assert DESK != "/admin/"
    assert Client().get("/admin/").status_code == 404


def test_support_staff_list_and_open_a_record_and_the_look_is_in_the_trail(demo: Demo) -> None:
    client = _client(_support(demo))
    listing = client.get(f"{DESK}patients/patient/")
    assert listing.status_code == 200
    assert "Sam Rivera" in listing.content.decode()
    page = client.get(f"{DESK}patients/patient/{demo.patient.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    read = AuditEvent.objects.get(action=READ, patient=demo.patient, relation="support")
    assert read.kind == "support:patients.patient"
    assert read.actor_label == "Sol Support"
    trail = _client(demo.person).get(f"/patients/{demo.patient.pk}/who-looked/")
    assert "Sol Support, ALS Move support staff, looked at your record, at the support desk" in (
        trail.content.decode()
    )


def test_support_staff_cannot_change_add_or_delete_anything(demo: Demo) -> None:
    client = _client(_support(demo))
    change = f"{DESK}patients/patient/{demo.patient.pk}/change/"
    response = client.post(change, {"display_name": "Someone else"})
    assert response.status_code == 403
    assert client.get(f"{DESK}patients/patient/add/").status_code == 403
    assert client.post(f"{DESK}patients/patient/{demo.patient.pk}/delete/").status_code == 403
    user_page = client.get(f"{DESK}accounts/user/{demo.person.pk}/change/")
    assert user_page.status_code == 200
    assert "pbkdf2" not in user_page.content.decode() and "md5$" not in user_page.content.decode()
    assert Patient.objects.get(pk=demo.patient.pk).display_name == "Sam Rivera"
    # Looking at the person's account is a look at their data too.
    assert AuditEvent.objects.filter(
        action=READ, patient=demo.patient, kind="support:accounts.user"
    ).exists()


def test_clinic_staff_who_are_not_support_staff_are_refused(demo: Demo) -> None:
    for user in (demo.admin, demo.therapist, demo.person):
        assert _client(user).get(f"{DESK}patients/patient/").status_code == 403
    assert not AuditEvent.objects.filter(relation="support").exists()


def test_a_visitor_is_sent_to_the_one_sign_in_page(db: None) -> None:
    response = Client().get(f"{DESK}patients/patient/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or f"{DESK}login/" in response["Location"]


def test_support_staff_must_pass_the_second_step_first(demo: Demo) -> None:
    client = Client()
    client.force_login(_support(demo))
    response = client.get(f"{DESK}patients/patient/")
    assert response.status_code == 302
    assert "/accounts/two-step/" in response["Location"]
