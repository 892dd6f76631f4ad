"""StoredSession now belongs to the logbook (logbook 0008): this app forgets the model;
the table stays, the logbook's model uses it."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('guided_sessions', '0001_initial'),
        ('logbook', '0008_storedsession'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='StoredSession')],
            database_operations=[],
        ),
    ]
