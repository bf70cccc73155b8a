from django.db import migrations


def members_from_hosts_and_homes(apps, schema_editor):
    """A network's member organisations, as they were written before they
    were records: the hosts of its years and its members' home
    municipalities."""
    MeetingGroup = apps.get_model("meetings", "MeetingGroup")
    NetworkMember = apps.get_model("meetings", "NetworkMember")
    Assignment = apps.get_model("directory", "Assignment")
    for group in MeetingGroup.objects.filter(body__kind="natverk"):
        names = set(group.host_turns.values_list("host", flat=True))
        names |= set(
            Assignment.objects.filter(body_id=group.body_id).values_list(
                "person__home_municipality", flat=True
            )
        )
        seen = set()
        for name in sorted(n.strip() for n in names if n and n.strip()):
            if name.casefold() not in seen:
                seen.add(name.casefold())
                NetworkMember.objects.create(group=group, name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_add_network_members_and_host_history"),
        ("directory", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(members_from_hosts_and_homes, migrations.RunPython.noop),
    ]
