"""Sendings made before their e-mails were queued by the worker had them
queued at once: mark them so, so the worker does not queue them again."""

from django.db import migrations
from django.db.models import F


def mark_queued(apps, schema_editor):
    InvitationBatch = apps.get_model("trainings", "InvitationBatch")
    InvitationBatch.objects.filter(messages_queued_at__isnull=True).update(
        messages_queued_at=F("sent_at")
    )


class Migration(migrations.Migration):
    dependencies = [("trainings", "0005_add_invitation_batch_messages_queued_at")]

    operations = [migrations.RunPython(mark_queued, migrations.RunPython.noop)]
