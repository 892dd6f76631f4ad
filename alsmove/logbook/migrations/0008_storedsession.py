"""StoredSession moves from the guided-sessions app to the logbook, with the service that
owns it (`logbook.today`): only Django's record of the model moves; the table and its
rows stay as they are."""

import django.core.serializers.json
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('logbook', '0007_alert_withdrawn'),
        ('guided_sessions', '0001_initial'),
        ('patients', '0004_invitation'),
        ('routines', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='StoredSession',
                    fields=[
                        ('patient', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='patients.patient')),
                        ('day', models.DateField()),
                        ('stamp', models.CharField(max_length=255)),
                        ('data', models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder)),
                        ('computed_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('plan', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='routines.routineplan')),
                    ],
                    options={'db_table': 'guided_sessions_storedsession'},
                ),
            ],
            database_operations=[],
        ),
    ]
