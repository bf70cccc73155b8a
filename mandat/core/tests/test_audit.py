"""The audit trail: append-only, searchable by the administrator."""

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

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
