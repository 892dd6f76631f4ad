"""The reads every signed-in request makes, in plain SQL, answer as Django's ORM would."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, connection
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from alsmove import kept
from alsmove.accounts.models import User
from alsmove.accounts.sessions import SessionStore
from alsmove.accounts.two_factor import has_authenticator

pytestmark = pytest.mark.django_db


def test_a_session_reads_the_same_data_as_djangos_own_store() -> None:
    saved = SessionStore()
    saved["who"] = "someone"
    saved["n"] = 3
    saved.save()
    assert dict(SessionStore(saved.session_key).items()) == {"who": "someone", "n": 3}
    assert dict(DjangoStore(saved.session_key).items()) == {"who": "someone", "n": 3}


def test_an_expired_session_is_not_read_and_its_key_is_dropped() -> None:
    saved = SessionStore()
    saved["who"] = "someone"
    saved.save()
    Session.objects.filter(session_key=saved.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    store = SessionStore(saved.session_key)
    assert dict(store.items()) == {}
    assert store.session_key is None


def test_an_unknown_or_missing_session_key_reads_nothing() -> None:
    assert dict(SessionStore("no-such-session-key-at-all").items()) == {}
    assert dict(SessionStore(None).items()) == {}


def test_a_tampered_session_reads_nothing() -> None:
    saved = SessionStore()
    saved["who"] = "someone"
    saved.save()
    Session.objects.filter(session_key=saved.session_key).update(session_data="x" + "y" * 40)
    assert dict(SessionStore(saved.session_key).items()) == {}


def test_only_a_confirmed_authenticator_of_the_account_counts(demo: object) -> None:
    user = User.objects.create_user(email="sam2@example.org", password="x" * 12)
    other = User.objects.create_user(email="kim2@example.org", password="x" * 12)
    assert not has_authenticator(user)
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    assert not has_authenticator(user)
    TOTPDevice.objects.create(user=other, name="authenticator", confirmed=True)
    assert not has_authenticator(user)
    TOTPDevice.objects.filter(user=user).update(confirmed=True)
    assert has_authenticator(user)
    assert has_authenticator(other)


def _fields(instance: object) -> dict[str, object]:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}  # type: ignore[attr-defined]


def test_the_user_read_by_key_is_the_orms_own_instance(demo: object) -> None:
    from django.db.models import QuerySet

    for user in User.objects.all():
        ours = User.objects.get(pk=user.pk)
        theirs = QuerySet(User).get(pk=user.pk)
        assert type(ours) is User and ours._state.db == theirs._state.db
        assert not ours._state.adding
        assert _fields(ours) == _fields(theirs)
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=10**9)
    with pytest.raises(ValueError):
        User.objects.get(pk="not a number")


def test_a_patient_read_by_key_is_the_orms_own_instance(demo: object) -> None:
    from alsmove.kept import by_key
    from alsmove.patients.models import Patient

    for patient in Patient.objects.all():
        assert _fields(by_key(Patient, patient.pk)) == _fields(Patient.objects.get(pk=patient.pk))
    with pytest.raises(Patient.DoesNotExist):
        by_key(Patient, 10**9)


def test_a_related_users_read_by_key_still_keeps_to_its_relation(demo: object) -> None:
    from alsmove.demo.seed import Demo

    assert isinstance(demo, Demo)
    outsider = demo.other_therapist
    with pytest.raises(User.DoesNotExist):
        demo.riverside.members.get(pk=outsider.pk)
    assert demo.hillside.members.get(pk=outsider.pk) == outsider


def _with_device_id(client: object, value: str) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session  # type: ignore[attr-defined]
    session[DEVICE_ID_SESSION_KEY] = value
    session.save()


def test_staff_pass_with_their_verified_device_and_never_with_another(demo: object) -> None:
    from django.test import Client
    from signin_support import sign_in

    from alsmove.demo.seed import Demo

    assert isinstance(demo, Demo)
    client = sign_in(Client(), demo.therapist)
    assert client.get("/caseload/").status_code == 200
    own = TOTPDevice.objects.get(user=demo.therapist, confirmed=True)
    other = TOTPDevice.objects.create(user=demo.other_therapist, name="x", confirmed=True)
    pending = TOTPDevice.objects.create(user=demo.therapist, name="y", confirmed=False)
    for refused in (
        other.persistent_id,
        pending.persistent_id,
        "otp_totp.totpdevice/999999",
        "otp_totp.totpdevice/abc",
        "no_such.model/1",
        "accounts.user/1",
        "nonsense",
    ):
        _with_device_id(client, refused)
        response = client.get("/caseload/")
        assert response.status_code == 302, refused
        assert "/accounts/two-step/" in response["Location"]
    _with_device_id(client, own.persistent_id)
    assert client.get("/caseload/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_reads_by_key_keep_one_compiled_read_per_database_whatever_the_threads() -> None:
    # The development server answers each request in a thread of its own, with a
    # connection of its own: a read kept per connection would keep them all.
    from alsmove.kept import _BY_KEY

    def ask() -> None:
        try:
            kept.by_key(User, -1)
        except User.DoesNotExist:
            pass
        finally:
            connection.close()

    for _ in range(4):
        thread = threading.Thread(target=ask)
        thread.start()
        thread.join()
    # One compiled read per model and database alias, however many connections asked.
    assert set(_BY_KEY[User]._compiled) == {DEFAULT_DB_ALIAS}
