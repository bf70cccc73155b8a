"""Approval by e-mail link end to end through the client: each answer once,
forged and expired links, minutes approved by every member."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mandat.meetings import services
from mandat.meetings.models import ApprovalAnswer, Meeting
from mandat.notifications.models import Message

pytestmark = pytest.mark.django_db


def _approval(group, coordinator, **fields):
    return services.approval_request_create(
        actor=coordinator,
        group=group,
        title="Årsrapport 2026",
        deadline=timezone.now() + datetime.timedelta(days=7),
        upload=SimpleUploadedFile("rapport.pdf", b"%PDF-1.7 rapport"),
        **fields,
    )


def test_approval_by_link_records_each_answer_once(
    client, group, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approval = _approval(group, coordinator)
    assert Message.objects.filter(event="meetings.approval_request").count() == 8
    answer = approval.answers.first()
    url = reverse("meetings:approval-answer", args=[answer.token])
    assert f"/a/{answer.token}/" in Message.objects.get(person=answer.person).body_text
    page = client.get(url)
    assert page.status_code == 200
    document = client.get(
        reverse("meetings:approval-answer-document", args=[answer.token])
    )
    assert b"".join(document.streaming_content).startswith(b"%PDF")
    # An objection needs a comment.
    response = client.post(url, {"answer": "objected", "comment": ""})
    assert "invänder" in response.content.decode().lower()
    answer.refresh_from_db()
    assert answer.answer == ApprovalAnswer.Answer.PENDING
    client.post(url, {"answer": "objected", "comment": "Siffran på s. 3 är fel."})
    answer.refresh_from_db()
    assert answer.answer == ApprovalAnswer.Answer.OBJECTED
    # Used twice: refused, the first answer stays.
    response = client.post(url, {"answer": "approved"})
    answer.refresh_from_db()
    assert answer.answer == ApprovalAnswer.Answer.OBJECTED
    assert "registrerades" in response.content.decode()
    with pytest.raises(Exception) as error:
        services.approval_answer(token=answer.token, answer="approved")
    assert "redan" in str(error.value)


def test_forged_and_expired_approval_links_change_nothing(client, group, coordinator):
    approval = _approval(group, coordinator)
    forged = client.post(
        reverse("meetings:approval-answer", args=["x" * 40]), {"answer": "approved"}
    )
    assert forged.status_code == 404
    assert "Länken" in forged.content.decode()
    approval.deadline = timezone.now() - datetime.timedelta(minutes=1)
    approval.save()
    answer = approval.answers.first()
    response = client.post(
        reverse("meetings:approval-answer", args=[answer.token]), {"answer": "approved"}
    )
    assert response.status_code == 200
    answer.refresh_from_db()
    assert answer.answer == ApprovalAnswer.Answer.PENDING
    assert ApprovalAnswer.objects.exclude(answer="pending").count() == 0


def test_minutes_approved_by_every_member_by_link_are_approved(
    client, held, coordinator, group
):
    services.minutes_finalise(actor=coordinator, meeting=held)
    approval = services.approval_request_create(
        actor=coordinator,
        group=group,
        title="Minnesanteckningar",
        deadline=timezone.now() + datetime.timedelta(days=7),
        minutes_of=held,
    )
    tokens = list(approval.answers.values_list("token", flat=True))
    page = client.get(reverse("meetings:approval-answer", args=[tokens[0]]))
    assert "Politikerhandboken" in page.content.decode()
    for token in tokens:
        services.approval_answer(token=token, answer="approved")
    held.refresh_from_db()
    assert held.minutes_status == Meeting.Minutes.APPROVED
