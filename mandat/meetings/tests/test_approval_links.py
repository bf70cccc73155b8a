"""Approval by personal link: the audit trail names the member the link
belongs to, and no deadline, however far off, breaks a link."""

import datetime
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandat.accounts.tests.factories import UserFactory
from mandat.core.models import AuditEntry
from mandat.meetings import services
from mandat.meetings.models import ApprovalAnswer, ApprovalRequest

from .factories import STOCKHOLM, steering_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(organisation):
    return steering_group(organisation, members=3)


def _approval(group, coordinator, **fields):
    return services.approval_request_create(
        actor=coordinator,
        group=group,
        title="Årsrapport 2026",
        deadline=timezone.now() + datetime.timedelta(days=7),
        upload=SimpleUploadedFile("rapport.pdf", b"%PDF-1.7 rapport"),
        **fields,
    )


def test_an_answer_by_link_names_the_member_and_the_old_and_new_answer(
    client, group, coordinator
):
    approval = _approval(group, coordinator)
    answer = approval.answers.select_related("person").first()
    account = UserFactory(email="ledamot@example.se")
    answer.person.account = account
    answer.person.save()

    client.post(
        reverse("meetings:approval-answer", args=[answer.token]),
        {"answer": "objected", "comment": "Fel siffra på s. 3."},
    )

    entry = AuditEntry.objects.get(object_type="meetings.approvalanswer")
    assert entry.actor == account
    assert answer.person.full_name in entry.actor_label
    assert entry.changes["answer"] == ["Inte besvarat", "Invändning"]
    assert entry.changes["comment"] == ["", "Fel siffra på s. 3."]
    assert "Årsrapport 2026" in entry.message
    assert entry.organisation == group.organisation


def test_a_link_opened_by_someone_signed_in_names_both(
    coordinator_client, group, coordinator
):
    approval = _approval(group, coordinator)
    answer = approval.answers.select_related("person").first()

    coordinator_client.post(
        reverse("meetings:approval-answer", args=[answer.token]),
        {"answer": "approved"},
    )

    entry = AuditEntry.objects.get(object_type="meetings.approvalanswer")
    assert entry.actor == coordinator
    assert answer.person.full_name in entry.actor_label
    assert coordinator.email in entry.actor_label


def test_a_deadline_at_the_end_of_the_calendar_keeps_every_link_working(
    client, group, coordinator
):
    approval = _approval(group, coordinator)
    ApprovalRequest.objects.filter(pk=approval.pk).update(
        deadline=datetime.datetime(9999, 12, 31, 23, 59, tzinfo=STOCKHOLM)
    )

    for answer in approval.answers.all():
        url = reverse("meetings:approval-answer", args=[answer.token])
        page = client.get(url)
        document = client.get(
            reverse("meetings:approval-answer-document", args=[answer.token])
        )
        # Read through the test client, which closes the file without
        # closing the test's database connection.
        content = b"".join(document.streaming_content)
        sent = client.post(url, {"answer": "approved"})

        assert page.status_code == 200
        assert content.startswith(b"%PDF")
        assert sent.status_code == 302
    assert not approval.answers.filter(answer=ApprovalAnswer.Answer.PENDING).exists()


def test_a_deadline_in_a_far_off_year_is_refused_next_to_the_field(
    coordinator_client, group, organisation
):
    url = reverse("meetings:approval-create", args=[organisation.slug, group.pk])

    response = coordinator_client.post(
        url,
        {
            "title": "Årsrapport",
            "deadline": "9999-12-31",
            "file": SimpleUploadedFile("rapport.pdf", b"%PDF-1.7 rapport"),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["deadline"]
    assert not ApprovalRequest.objects.exists()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    token=st.text(
        alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=80
    ).filter(lambda t: "/" not in t and t not in {".", ".."}),
    data=st.dictionaries(
        st.sampled_from(["answer", "comment", "csrfmiddlewaretoken", "x"]),
        st.text(max_size=40),
        max_size=4,
    ),
)
def test_a_forged_approval_link_with_any_input_is_not_found(group, token, data):
    # Typed or pasted as it comes: the address is made by hand, not reversed.
    response = Client().post(f"/a/{quote(token, safe='')}/", data)

    assert response.status_code in (404, 410)
    assert not ApprovalAnswer.objects.exclude(answer="pending").exists()
