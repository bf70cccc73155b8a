from django.db import migrations


def formal_for_statutory(apps, schema_editor):
    """Groups whose body is statutory kept formal minutes (the rule before
    the choice was on the group's page)."""
    MeetingGroup = apps.get_model("meetings", "MeetingGroup")
    MeetingGroup.objects.filter(body__is_statutory=True).update(minutes_kind="formal")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_add_minutes_kind_and_action_owner_organisation"),
    ]

    operations = [
        migrations.RunPython(formal_for_statutory, migrations.RunPython.noop),
    ]
