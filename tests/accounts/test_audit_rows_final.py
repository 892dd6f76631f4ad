"""Audit rows cannot be changed or removed: by the application on every database, and on
PostgreSQL by a trigger, whoever asks. Deleting an account or a record keeps its rows."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from alsmove.accounts.models import AuditEvent, AuditRowIsFinal, User
from alsmove.demo.seed import Demo
from alsmove.patients.models import Patient
from alsmove.patients.signup import sign_up

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's (DATABASE_URL)"
)


def _row(demo: Demo) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=demo.therapist, patient=demo.patient, action="read", kind="patients:overview"
    )


def test_saving_an_existing_row_again_is_refused_on_every_database(demo: Demo) -> None:
    row = _row(demo)
    row.detail = "changed"
    with pytest.raises(AuditRowIsFinal):
        row.save()
    assert AuditEvent.objects.get(pk=row.pk).detail == ""


def test_deleting_a_row_is_refused_on_every_database(demo: Demo) -> None:
    row = _row(demo)
    with pytest.raises(AuditRowIsFinal):
        row.delete()
    assert AuditEvent.objects.filter(pk=row.pk).exists()


def test_updating_or_deleting_through_a_queryset_is_refused(demo: Demo) -> None:
    row = _row(demo)
    rows = AuditEvent.objects.filter(pk=row.pk)
    with pytest.raises(AuditRowIsFinal):
        rows.update(detail="changed")
    with pytest.raises(AuditRowIsFinal):
        rows.delete()
    with pytest.raises(AuditRowIsFinal):
        AuditEvent.objects.bulk_update([row], ["detail"])
    assert AuditEvent.objects.get(pk=row.pk).detail == ""


def test_deleting_a_persons_account_and_record_keeps_their_trail(demo: Demo) -> None:
    user = sign_up(
        email="leaving@example.org",
        full_name="Lee Leaving",
        password="a-long-pass-1",
        role="person",
    )
    patient = Patient.objects.get(user=user)
    AuditEvent.objects.create(actor=demo.therapist, patient=patient, action="read", kind="x:y")
    rows = set(AuditEvent.objects.filter(patient_id=patient.pk).values_list("pk", flat=True))
    assert len(rows) == 2  # record_created and the read
    patient_id = patient.pk
    patient.delete()
    User.objects.filter(pk=user.pk).delete()
    kept = AuditEvent.objects.filter(pk__in=rows)
    assert kept.count() == 2
    assert set(kept.values_list("patient_id", flat=True)) == {patient_id}
    # A person's name is not kept in the trail (a member of staff's is).
    assert kept.get(action="record_created").actor_label == ""
    assert kept.get(action="read").actor_label == "Tess Morgan"


@on_postgres
def test_the_postgresql_trigger_refuses_update_from_outside_the_application(demo: Demo) -> None:
    row = _row(demo)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_auditevent SET detail = 'x' WHERE id = %s", [row.pk])
    assert AuditEvent.objects.get(pk=row.pk).detail == ""


@on_postgres
def test_the_postgresql_trigger_refuses_delete_from_outside_the_application(demo: Demo) -> None:
    row = _row(demo)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_auditevent WHERE id = %s", [row.pk])
    assert AuditEvent.objects.filter(pk=row.pk).exists()


@on_postgres
def test_the_postgresql_trigger_is_installed_on_the_audit_table(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname = 'accounts_auditevent_final'"
            " AND NOT tgisinternal"
        )
        assert cursor.fetchone() == (1,)


def test_deleting_my_account_through_the_product_keeps_the_trail_without_my_name(
    demo: Demo,
) -> None:
    from alsmove.portability.deletion import delete_account_and_record

    user = sign_up(
        email="going@example.org", full_name="Gil Going", password="a-long-pass-1", role="person"
    )
    patient = Patient.objects.get(user=user)
    AuditEvent.objects.create(actor=demo.therapist, patient=patient, action="read", kind="x:y")
    before = set(AuditEvent.objects.filter(patient_id=patient.pk).values_list("pk", "action"))
    delete_account_and_record(patient=patient, user=user, password="a-long-pass-1")
    after = set(AuditEvent.objects.filter(patient_id=patient.pk).values_list("pk", "action"))
    assert before < after  # every row kept, and the deletion added
    assert "Gil Going" not in repr(list(AuditEvent.objects.filter(patient_id=patient.pk).values()))
