"""What is done through an invitation's personal link is in the audit trail
under the name of the person the link belongs to."""

import pytest
from django.urls import reverse

from mandat.core.models import AuditEntry
from mandat.trainings.models import Registration

from .factories import InvitationFactory, OccasionFactory

pytestmark = pytest.mark.django_db


def test_registering_and_cancelling_by_link_name_the_invited_person(
    client, organisation
):
    occasion = OccasionFactory(training__organisation=organisation)
    invitation = InvitationFactory(
        training=occasion.training, person__first_name="Elin", person__last_name="Ek"
    )
    url = reverse("trainings:personal", args=[invitation.token])

    client.post(url, {"action": "register", "occasion": occasion.pk})
    client.post(url, {"action": "cancel"})

    entries = list(
        AuditEntry.objects.filter(object_type="trainings.registration").order_by("id")
    )
    assert Registration.objects.get().status == Registration.Status.CANCELLED
    assert [entry.action for entry in entries] == ["create", "update"]
    for entry in entries:
        assert entry.actor_label.startswith("Elin Ek <")
        assert invitation.person.email in entry.actor_label
        assert entry.actor is None  # Elin has no log-in account
    assert entries[1].changes["status"][1] == "Avanmäld"


def test_a_link_opened_by_a_signed_in_coordinator_names_both(
    coordinator_client, coordinator, organisation
):
    occasion = OccasionFactory(training__organisation=organisation)
    invitation = InvitationFactory(training=occasion.training)

    coordinator_client.post(
        reverse("trainings:personal", args=[invitation.token]),
        {"action": "register", "occasion": occasion.pk},
    )

    entry = AuditEntry.objects.get(object_type="trainings.registration")
    assert entry.actor == coordinator
    assert invitation.person.full_name in entry.actor_label
    assert coordinator.email in entry.actor_label
