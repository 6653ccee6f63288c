# Review thread events share the event row of declarations and requests
# (models/events.py): the same column names, and a reason like theirs.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("declarations", "0007_registry_indexes"),
    ]

    operations = [
        migrations.RenameField(
            model_name="reviewthreadevent", old_name="from_state", new_name="from_status"
        ),
        migrations.RenameField(
            model_name="reviewthreadevent", old_name="to_state", new_name="to_status"
        ),
        migrations.AddField(
            model_name="reviewthreadevent",
            name="reason",
            field=models.TextField(blank=True, verbose_name="reason"),
        ),
    ]
