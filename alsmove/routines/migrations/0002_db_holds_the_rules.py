from django.db import migrations, models


def keep_newest(apps, schema_editor):
    """Older data may hold two approved or two proposed versions of one record: the newest
    of each stays, the others are marked superseded (every version is still kept)."""
    Plan = apps.get_model("routines", "RoutinePlan")
    for status in ("approved", "proposed"):
        newest = {}
        for plan in Plan.objects.filter(status=status).order_by("patient_id", "-version"):
            if plan.patient_id in newest:
                Plan.objects.filter(pk=plan.pk).update(status="superseded")
            else:
                newest[plan.patient_id] = plan.pk


class Migration(migrations.Migration):
    dependencies = [
        ("routines", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(keep_newest, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="routineplan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "approved")),
                fields=("patient",),
                name="one_approved_routine",
            ),
        ),
        migrations.AddConstraint(
            model_name="routineplan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "proposed")),
                fields=("patient",),
                name="one_proposed_routine",
            ),
        ),
    ]
