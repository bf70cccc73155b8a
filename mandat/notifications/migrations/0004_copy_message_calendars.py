"""Copy each message's calendar file into the one-object field. Messages of
several sessions held one file per session; the first one is kept, as the
outbox's record of what was sent."""

from django.db import migrations


def copy_calendars(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    for message in Message.objects.exclude(calendars=[]).only("pk", "calendars"):
        if message.calendars:
            Message.objects.filter(pk=message.pk).update(calendar=message.calendars[0])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_add_message_calendar_and_reply_to")]

    operations = [migrations.RunPython(copy_calendars, migrations.RunPython.noop)]
