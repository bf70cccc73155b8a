"""The audit trail: append-only, searchable by the administrator."""

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandat.core.models import AuditEntry
from mandat.directory import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(organisation, coordinator):
    services.person_create(
        actor=coordinator,
        organisation=organisation,
        first_name="Greta",
        last_name="Granskad",
        email="greta@example.se",
    )
    return AuditEntry.objects.get()


def test_an_audit_entry_cannot_be_changed_in_the_database(entry):
    with transaction.atomic(), pytest.raises(DatabaseError):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="ändrad")


@pytest.mark.postgres
def test_an_audit_entry_cannot_be_deleted_in_the_database(entry):
    with transaction.atomic(), pytest.raises(DatabaseError):
        AuditEntry.objects.filter(pk=entry.pk).delete()


def test_the_administrator_searches_the_audit_trail(
    client, administrator, organisation, other_organisation, entry
):
    services.person_create(
        actor=None,
        organisation=other_organisation,
        first_name="Greta",
        last_name="Annanstad",
    )
    client.force_login(administrator)
    url = reverse("core:audit-list", args=[organisation.slug])

    page = client.get(url, {"q": "greta"})
    empty = client.get(url, {"q": "finns-inte"})

    entries = list(page.context["page"].object_list)
    assert entries == [entry]
    assert "Granskad" in page.content.decode()
    assert list(empty.context["page"].object_list) == []


def test_an_impossible_date_range_is_explained(client, administrator, organisation):
    client.force_login(administrator)
    url = reverse("core:audit-list", args=[organisation.slug])

    response = client.get(url, {"date_from": "2026-12-01", "date_to": "2026-01-01"})

    assert response.status_code == 200
    assert response.context["form"].errors["date_to"]


def test_the_audit_page_shows_an_occasion_whose_session_was_renamed(
    client, administrator, coordinator, organisation
):
    from mandat.trainings import services as trainings
    from mandat.trainings.services.trainings import SessionInput
    from mandat.trainings.tests.factories import OccasionFactory, TrainingFactory

    occasion = OccasionFactory(training=TrainingFactory(organisation=organisation))
    session = occasion.sessions.get()
    trainings.occasion_update(
        actor=coordinator,
        occasion=occasion,
        sessions=[SessionInput(session.starts_at, session.ends_at, "Förmiddagspass")],
    )
    client.force_login(administrator)

    response = client.get(reverse("core:audit-list", args=[organisation.slug]))

    assert response.status_code == 200
    assert "Förmiddagspass" in response.content.decode()


ODD_CHANGES = [
    "",
    "text",
    17,
    [1, 2, 3],
    {"sessions": [["a"], ["b"]]},
    {"status": "only-new"},
    {"status": [None]},
    {"status": [1, 2, 3]},
    {"status": {"old": 1, "new": 2}},
    {"no_such_field": ["x", "y"]},
    {"": [None, None]},
    {"capacity": [True, False]},
    {"notes": ["<script>alert(1)</script>", "x" * 5000]},
    {"nested": [[[[[["deep"]]]]], {"a": {"b": {"c": {"d": 1}}}}]},
]


@pytest.mark.parametrize("changes", ODD_CHANGES)
def test_the_audit_page_never_fails_on_an_entry(
    client, administrator, organisation, changes
):
    AuditEntry.objects.create(
        organisation=organisation,
        action="update",
        object_type="trainings.occasion",
        object_id="1",
        object_repr="Tillfälle",
        changes=changes,
    )
    client.force_login(administrator)

    response = client.get(reverse("core:audit-list", args=[organisation.slug]))

    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    changes=json_values,
    object_type=st.sampled_from(
        ["trainings.occasion", "directory.person", "gone.model", "", "x.y.z", "."]
    ),
    action=st.sampled_from(["update", "create", "no-such-action"]),
)
def test_any_changes_and_record_type_give_a_readable_entry(
    organisation, changes, object_type, action
):
    entry = AuditEntry(
        organisation=organisation,
        action=action,
        object_type=object_type,
        object_id="1",
        object_repr="Post",
        changes=changes,
    )

    rows = entry.readable_changes

    assert entry.object_type_label is not None
    for label, old, new in rows:
        assert isinstance(label, str)
        assert old is None or isinstance(old, str)
        assert new is None or isinstance(new, str)


def test_the_administrator_filters_by_record_type_actor_and_changed_values(
    client, administrator, coordinator, organisation
):
    from mandat.accounts.tests.factories import UserFactory

    other = UserFactory(email="annan@example.se")
    person = services.person_create(
        actor=coordinator, organisation=organisation, first_name="Ivar", last_name="Ek"
    )
    services.person_update(actor=other, person=person, title="Kommunalråd")
    client.force_login(administrator)
    url = reverse("core:audit-list", args=[organisation.slug])

    by_type = client.get(url, {"object_type": "directory.person"})
    by_actor = client.get(url, {"actor": "annan@"})
    by_value = client.get(url, {"q": "kommunalråd"})

    assert by_type.status_code == 200
    assert {e.object_type for e in by_type.context["page"].object_list} == {
        "directory.person"
    }
    assert [e.actor_label for e in by_actor.context["page"].object_list] == [
        "annan@example.se"
    ]
    assert len(by_value.context["page"].object_list) == 1
    assert ("directory.person", "person") in by_type.context["form"].fields[
        "object_type"
    ].choices


def test_the_audit_trail_is_paginated_and_refuses_far_off_years(
    client, administrator, organisation
):
    AuditEntry.objects.bulk_create(
        AuditEntry(
            organisation=organisation,
            action="create",
            object_type="directory.person",
            object_id=str(number),
            object_repr=f"Person {number}",
        )
        for number in range(120)
    )
    client.force_login(administrator)
    url = reverse("core:audit-list", args=[organisation.slug])

    last = client.get(url, {"page": "3"})
    far = client.get(url, {"date_from": "9999-12-31"})

    assert len(last.context["page"].object_list) == 20
    assert far.status_code == 200
    assert far.context["form"].errors["date_from"]
