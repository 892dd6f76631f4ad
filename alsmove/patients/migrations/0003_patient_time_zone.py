import alsmove.patients.models
from django.db import migrations, models


def zone_from_reminders(apps, schema_editor):
    """A record whose reminders already name a time zone keeps that clock."""
    Schedule = apps.get_model("logbook", "ReminderSchedule")
    Patient = apps.get_model("patients", "Patient")
    for schedule in Schedule.objects.exclude(time_zone=""):
        Patient.objects.filter(pk=schedule.patient_id).update(time_zone=schedule.time_zone)


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0002_functionalprofile"),
        ("logbook", "0002_checkin_once_reminders"),
    ]

    operations = [
        migrations.AddField(
            model_name="patient",
            name="time_zone",
            field=models.CharField(
                default=alsmove.patients.models._default_time_zone,
                max_length=64,
                verbose_name="time zone",
            ),
        ),
        migrations.RunPython(zone_from_reminders, migrations.RunPython.noop),
    ]
