"""Give every message still waiting to be sent a time at which the worker's
tick queues it again, as new messages get when they are queued."""

from django.db import migrations
from django.utils import timezone


def give_next_attempt(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    Message.objects.filter(
        status__in=("queued", "sending"), next_attempt_at__isnull=True
    ).update(next_attempt_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("notifications", "0006_add_message_lease")]

    operations = [migrations.RunPython(give_next_attempt, migrations.RunPython.noop)]
