"""The audit trail becomes append-only (docs/security.md, "The audit trail").

The actor, record and clinic become plain ids (no constraint, nothing done on delete), so
deleting an account or a record never updates a row. Rows written before get their clinic
and actor's name filled in once, here; then, on PostgreSQL, a trigger refuses every UPDATE
and DELETE on the table from any client, not only this application.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TRIGGER = """
CREATE OR REPLACE FUNCTION accounts_auditevent_is_final() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'accounts_auditevent rows are final: no UPDATE or DELETE'
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS accounts_auditevent_final ON accounts_auditevent;
CREATE TRIGGER accounts_auditevent_final BEFORE UPDATE OR DELETE ON accounts_auditevent
    FOR EACH ROW EXECUTE PROCEDURE accounts_auditevent_is_final();
"""
NO_TRIGGER = """
DROP TRIGGER IF EXISTS accounts_auditevent_final ON accounts_auditevent;
DROP FUNCTION IF EXISTS accounts_auditevent_is_final();
"""


def fill_in(apps, schema_editor):
    """Rows written before this migration: their clinic and the actor's name."""
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    User = apps.get_model("accounts", "User")
    Patient = apps.get_model("patients", "Patient")
    names = dict(User.objects.values_list("pk", "full_name"))
    user_clinics = dict(User.objects.values_list("pk", "organisation_id"))
    record_clinics = dict(Patient.objects.values_list("pk", "organisation_id"))
    for event in AuditEvent.objects.all().iterator():
        clinic = record_clinics.get(event.patient_id) or user_clinics.get(event.actor_id)
        label = "" if event.action == "refused" else names.get(event.actor_id, "")
        AuditEvent.objects.filter(pk=event.pk).update(organisation_id=clinic, actor_label=label)
    # A refusal named the record it was refused; the trail no longer keeps that.
    AuditEvent.objects.filter(action="refused").update(patient_id=None)


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NO_TRIGGER)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_reset_requests'),
        ('patients', '0005_position_safety_profile'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='auditevent',
            options={'ordering': ('-at', '-id')},
        ),
        migrations.AddField(
            model_name='auditevent',
            name='actor_label',
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='address',
            field=models.GenericIPAddressField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='kind',
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='organisation',
            field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisation'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='relation',
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='patient',
            field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='audit_events', to='patients.patient'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['patient', 'action', 'at'], name='audit_patient_action_at'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['organisation', 'at'], name='audit_clinic_at'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['actor', 'patient', 'kind', 'at'], name='audit_debounce'),
        ),
        migrations.RunPython(fill_in, migrations.RunPython.noop),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
