"""Finalised and approved minutes change only by a recorded correction, and
the links between meetings stay right when meetings move or are cancelled
(found in review)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.meetings import services
from mandat.meetings.models import Meeting

from .factories import at, hold, steering_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(organisation):
    return steering_group(organisation)


def _meeting(group, day, *, held=True):
    meeting = services.meeting_create(
        actor=None, group=group, starts_at=at(day, "13:30"), ends_at=at(day, "15:00")
    )
    if held:
        hold(meeting)
    return meeting


def test_finalised_minutes_refuse_every_other_way_of_changing_them(group):
    meeting = _meeting(group, "2026-10-02")
    item = services.item_create(actor=None, meeting=meeting, title="Punkt")
    services.minutes_finalise(actor=None, meeting=meeting)
    attempts = [
        lambda: services.meeting_update(
            actor=None,
            meeting=meeting,
            starts_at=at("2026-10-03", "13:30"),
            ends_at=at("2026-10-03", "15:00"),
            location="Annan",
            meeting_url="",
            host="",
        ),
        lambda: services.document_add(
            actor=None,
            meeting=meeting,
            title="Bilaga",
            upload=SimpleUploadedFile("a.pdf", b"%PDF-1.7"),
        ),
        lambda: services.item_move(actor=None, item=item, up=True),
        lambda: services.item_delete(actor=None, item=item),
        lambda: services.action_item_create(
            actor=None, meeting=meeting, what="X", owner_label="Y"
        ),
    ]
    for attempt in attempts:
        with pytest.raises(
            ApplicationError,
            match=r"Anteckningarna från det här mötet är fastställda\.",
        ):
            attempt()
    meeting.refresh_from_db()
    assert meeting.starts_at == at("2026-10-02", "13:30")
    assert not meeting.documents.exists() and meeting.items.filter(pk=item.pk).exists()


def test_approved_minutes_keep_their_follow_up_and_next_meeting(group):
    first = _meeting(group, "2026-09-04")
    action = services.action_item_create(
        actor=None, meeting=first, what="Boka lokal", owner_label="SLK"
    )
    second = _meeting(group, "2026-10-02")
    following = services.next_meeting_set(
        actor=None,
        item=second.items.get(standard="next_meeting"),
        starts_at=at("2026-11-06", "13:30"),
        ends_at=at("2026-11-06", "15:00"),
        location="Vargö",
        meeting_url="",
    )
    services.minutes_finalise(actor=None, meeting=second)
    services.action_item_set_status(actor=None, action=action, status="done")
    services.meeting_update(
        actor=None,
        meeting=following,
        starts_at=at("2026-11-13", "13:30"),
        ends_at=at("2026-11-13", "15:00"),
        location="Vargö",
        meeting_url="",
        host="",
    )
    from mandat.meetings.minutes import minutes_context

    context = minutes_context(Meeting.objects.get(pk=second.pk))
    assert [(a.what, a.status) for a in context["follow_up"]] == [
        ("Boka lokal", "open")
    ]
    assert "6 november" in context["following_when"]


def test_the_next_meeting_item_does_not_move_a_meeting_that_was_held(group):
    first = _meeting(group, "2026-09-04")
    second = _meeting(group, "2026-10-02")
    with pytest.raises(
        ApplicationError,
        match=r"Nästa möte \(2026-10-02\) har redan hållits och kan inte flytt",
    ):
        services.next_meeting_set(
            actor=None,
            item=first.items.get(standard="next_meeting"),
            starts_at=at("2026-12-24", "13:30"),
            ends_at=at("2026-12-24", "15:00"),
            location="",
            meeting_url="",
        )
    second.refresh_from_db()
    assert second.starts_at == at("2026-10-02", "13:30")


def test_cancelling_or_moving_meetings_keeps_each_approving_the_one_before(group):
    first = _meeting(group, "2026-09-04")
    second = _meeting(group, "2026-10-02", held=False)
    third = _meeting(group, "2026-11-06", held=False)
    assert third.items.get(standard="previous_minutes").minutes_of == second
    services.meeting_cancel(actor=None, meeting=second, reason="Inget att ta upp")
    assert third.items.get(standard="previous_minutes").minutes_of == first
    fourth = _meeting(group, "2026-12-04", held=False)
    services.meeting_update(
        actor=None,
        meeting=third,
        starts_at=at("2026-12-11", "13:30"),
        ends_at=at("2026-12-11", "15:00"),
        location="",
        meeting_url="",
        host="",
    )
    assert fourth.items.get(standard="previous_minutes").minutes_of == first
    assert third.items.get(standard="previous_minutes").minutes_of == fourth


def test_item_changes_are_audited_and_the_minutes_approval_cannot_be_typed(
    coordinator_client, group, organisation
):
    first = _meeting(group, "2026-09-04")
    services.minutes_finalise(actor=None, meeting=first)
    second = _meeting(group, "2026-10-02")
    approving = second.items.get(standard="previous_minutes")
    coordinator_client.post(
        reverse(
            "meetings:item-edit", args=[organisation.slug, second.pk, approving.pk]
        ),
        {
            "title": approving.title,
            "kind": "decision",
            "notes": "Skickas per capsulam",
            "decision": "Anteckningarna godkändes.",
        },
    )
    approving.refresh_from_db()
    assert approving.decision == "" and approving.notes
    first.refresh_from_db()
    assert first.minutes_status == Meeting.Minutes.FINALISED
    entry = AuditEntry.objects.filter(message__startswith="punkt ändrad").last()
    assert entry.changes["notes"][1] == "<p>Skickas per capsulam</p>"


def test_a_bad_next_meeting_date_saves_nothing_of_the_item(
    coordinator_client, group, organisation
):
    meeting = _meeting(group, "2026-10-02")
    item = meeting.items.get(standard="next_meeting")
    response = coordinator_client.post(
        reverse("meetings:item-edit", args=[organisation.slug, meeting.pk, item.pk]),
        {
            "title": "Ändrad rubrik",
            "kind": "information",
            "notes": "Ny text",
            "next-day": "2026-09-01",
            "next-starts": "13:30",
            "next-ends": "14:30",
        },
    )
    assert response.status_code == 200
    assert "efter det här" in response.content.decode()
    item.refresh_from_db()
    assert item.title != "Ändrad rubrik" and not item.notes


def test_bad_addresses_and_dates_get_messages_not_errors(
    coordinator_client, group, organisation
):
    slug = organisation.slug
    response = coordinator_client.get(
        reverse("meetings:approval-create", args=[slug, group.pk]) + "?minutes=abc"
    )
    assert response.status_code == 200
    response = coordinator_client.post(
        reverse("meetings:meeting-create", args=[slug, group.pk]),
        {"day": "0001-01-01", "starts": "00:10", "ends": "01:00"},
    )
    assert "mellan 2000 och 2100" in response.content.decode()
    meeting = _meeting(group, "2026-10-02")
    response = coordinator_client.post(
        reverse("meetings:minutes-finalise", args=[slug, meeting.pk]),
        {"registry_number": "x" * 500},
        follow=True,
    )
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.Minutes.DRAFT
    item = services.item_create(actor=None, meeting=meeting, title="Rubrik\x0b")
    assert item.title == "Rubrik"
    assert datetime.date(2026, 10, 2) == meeting.starts_at.date()


def test_a_correction_cannot_give_an_information_item_a_decision(group):
    meeting = _meeting(group, "2026-10-02")
    item = services.item_create(actor=None, meeting=meeting, title="Information")
    services.minutes_finalise(actor=None, meeting=meeting)
    with pytest.raises(
        ApplicationError,
        match=r"Endast en punkt av typen beslut kan ha ett beslut\.",
    ):
        services.minutes_correct(
            actor=None, item=item, field="decision", value="Beslut", reason="Glömt"
        )


def test_finalised_minutes_are_registered_once(coordinator_client, group, organisation):
    meeting = _meeting(group, "2026-10-02")
    services.minutes_finalise(actor=None, meeting=meeting)
    url = reverse("meetings:minutes-register", args=[organisation.slug, meeting.pk])
    coordinator_client.post(url, {"registry_number": "KS 2026/0123"})
    response = coordinator_client.post(
        url, {"registry_number": "KS 2026/9999"}, follow=True
    )
    meeting.refresh_from_db()
    assert meeting.registry_number == "KS 2026/0123"
    assert "redan" in response.content.decode()
