"""Networks end to end through the client: members, hosts and the host
rotation reaching planned meetings."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_coordinator_creates_a_network_with_members_and_a_host_rotation(
    coordinator_client, organisation
):
    from mandat.directory.tests.factories import PersonFactory
    from mandat.meetings.models import MeetingGroup

    slug = organisation.slug
    response = coordinator_client.post(
        reverse("meetings:group-create", args=[slug]),
        {
            "name": "Länsnätverket",
            "kind": "natverk",
            "notice_days": "14",
            "quorum_rule": "none",
            "remote_label": "Teams",
        },
    )
    group = MeetingGroup.objects.get(body__name="Länsnätverket")
    assert response.status_code == 302
    person = PersonFactory(organisation=organisation, home_municipality="Grannby")
    coordinator_client.post(
        reverse("meetings:member-add", args=[slug, group.pk]),
        {
            "member-person": person.pk,
            "member-role": "ledamot",
            "member-starts_on": "2026-01-01",
        },
    )
    coordinator_client.post(
        reverse("meetings:host-turn-set", args=[slug, group.pk]),
        {"year": "2027", "host": "Grannby"},
    )
    page = coordinator_client.get(
        reverse("meetings:group-detail", args=[slug, group.pk])
    ).content.decode()
    assert "Grannby" in page and person.full_name in page
    coordinator_client.post(
        reverse("meetings:meeting-create", args=[slug, group.pk]),
        {"day": "2027-03-05", "starts": "09:00", "ends": "12:00"},
    )
    assert group.meetings.get().host == "Grannby"
    # The rotation changes; a year's host can be removed.
    coordinator_client.post(
        reverse("meetings:host-turn-set", args=[slug, group.pk]),
        {"year": "2027", "host": ""},
    )
    # Removed from the plan, kept as history.
    assert not group.host_turns.filter(replaced_at__isnull=True).exists()
    assert group.host_turns.get().host == "Grannby"


def test_a_networks_hosts_are_its_members_and_a_change_reaches_planned_meetings(
    coordinator_client, organisation
):
    from mandat.directory.tests.factories import PersonFactory
    from mandat.meetings.models import HostTurn, MeetingGroup

    slug = organisation.slug
    coordinator_client.post(
        reverse("meetings:group-create", args=[slug]),
        {
            "name": "Länsnätverket",
            "kind": "natverk",
            "notice_days": "14",
            "quorum_rule": "none",
        },
    )
    group = MeetingGroup.objects.get(body__name="Länsnätverket")
    for name in ("Kungsbacka", "Varberg", "Falkenberg"):
        coordinator_client.post(
            reverse("meetings:network-member-add", args=[slug, group.pk]),
            {"network-name": name},
        )
    person = PersonFactory(organisation=organisation, home_municipality="")
    coordinator_client.post(
        reverse("meetings:member-add", args=[slug, group.pk]),
        {
            "member-person": person.pk,
            "member-role": "ledamot",
            "member-home": group.member_organisations.get(name="Varberg").pk,
            "member-starts_on": "2026-01-01",
        },
    )
    hosts = reverse("meetings:host-turn-set", args=[slug, group.pk])
    coordinator_client.post(hosts, {"year": "2027", "host": "Kungsbacka"})
    coordinator_client.post(
        reverse("meetings:meeting-term", args=[slug, group.pk]),
        {"dates": "2027-03-05\n2027-09-03", "starts": "09:00", "ends": "12:00"},
    )
    assert set(group.meetings.values_list("host", flat=True)) == {"Kungsbacka"}

    outsider = coordinator_client.post(hosts, {"year": "2027", "host": "Halmstad"})
    coordinator_client.post(hosts, {"year": "2027", "host": "Falkenberg"})

    person.refresh_from_db()
    assert person.home_municipality == "Varberg"
    assert outsider.status_code == 302
    assert set(group.meetings.values_list("host", flat=True)) == {"Falkenberg"}
    turns = list(HostTurn.objects.filter(group=group).order_by("created_at"))
    assert [(t.host, t.replaced_at is not None) for t in turns] == [
        ("Kungsbacka", True),
        ("Falkenberg", False),
    ]
    page = coordinator_client.get(
        reverse("meetings:group-detail", args=[slug, group.pk])
    )
    assert "Tidigare planer" in page.text


def test_a_member_added_twice_is_refused_next_to_the_form_on_the_group_page(
    coordinator_client, organisation
):
    from mandat.directory.tests.factories import PersonFactory
    from mandat.meetings.models import MeetingGroup

    slug = organisation.slug
    coordinator_client.post(
        reverse("meetings:group-create", args=[slug]),
        {
            "name": "Länsnätverket",
            "kind": "natverk",
            "notice_days": "14",
            "quorum_rule": "none",
        },
    )
    group = MeetingGroup.objects.get(body__name="Länsnätverket")
    person = PersonFactory(organisation=organisation)
    add = reverse("meetings:member-add", args=[slug, group.pk])
    data = {
        "member-person": person.pk,
        "member-role": "ledamot",
        "member-starts_on": "2026-01-01",
    }
    assert coordinator_client.post(add, data).status_code == 302

    again = coordinator_client.post(add, data)

    # The group's page again, the add form open with the refusal in it and
    # what was chosen kept; not a redirect with a message far from the form.
    assert again.status_code == 200
    form = again.context["member_form"]
    assert form.non_field_errors() == [
        "Personen har redan den här rollen från och med den dagen."
    ]
    assert form["person"].value().id == str(person.pk)
    assert group.body.assignments.count() == 1
