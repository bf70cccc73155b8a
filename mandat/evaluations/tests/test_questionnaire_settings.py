"""Changing a questionnaire's settings on its page goes through the service
and lands in the audit trail with what changed."""

from django.urls import reverse

from mandat.core.models import AuditEntry
from mandat.evaluations import services


def test_a_changed_title_is_saved_and_audited_with_old_and_new(
    coordinator_client, coordinator, organisation
):
    questionnaire = services.questionnaire_create(
        actor=coordinator, organisation=organisation, title="Behov 2027"
    )
    url = reverse(
        "evaluations:questionnaire-detail", args=[organisation.slug, questionnaire.pk]
    )
    form = coordinator_client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["title"] = "Behov inför 2027"

    response = coordinator_client.post(url, data)

    assert response.status_code == 302
    questionnaire.refresh_from_db()
    assert questionnaire.title == "Behov inför 2027"
    entry = AuditEntry.objects.filter(
        object_type="evaluations.questionnaire",
        object_id=str(questionnaire.pk),
        action=AuditEntry.Action.UPDATE,
    ).get()
    assert entry.changes == {"title": ["Behov 2027", "Behov inför 2027"]}
    assert entry.actor_label == coordinator.email
