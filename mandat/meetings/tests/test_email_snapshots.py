"""The e-mails of meetings as their recipients read them, in Swedish, each
sent by the service that sends it in production: the notice with its
agenda and documents, a changed and a cancelled meeting, the secretary's
reminder of missing minutes and a document sent for approval by e-mail.
A changed text shows in the snapshot's diff, to be read in review (update
with ``pytest --snapshot-update <this file>``)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandat.core.access import Role
from mandat.directory.models import AssignmentRole, BodyKind
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    PartyFactory,
    PersonFactory,
)
from mandat.meetings import services
from mandat.meetings.models import MeetingGroup

from .factories import at, hold

pytestmark = pytest.mark.django_db

NOW = at("2026-03-02", "09:00")
ASA, HEDDA = "asa.oberg@exempelby.se", "hedda.sekreterare@exempelby.se"


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def cora(make_user, organisation):
    return make_user(
        Role.COORDINATOR,
        organisation,
        email="cora.samordnare@exempelby.se",
        full_name="Cora Samordnare",
    )


@pytest.fixture
def group(organisation):
    """The steering group: Åsa its chair, Hedda its secretary."""
    body = BodyFactory(
        organisation=organisation,
        name="Styrgruppen för politikerutbildning",
        kind=BodyKind.STEERING_GROUP,
        is_statutory=False,
    )
    group = MeetingGroup.objects.create(organisation=organisation, body=body)
    AssignmentFactory(
        person=PersonFactory(
            organisation=organisation, first_name="Åsa", last_name="Öberg", email=ASA
        ),
        body=body,
        role=AssignmentRole.CHAIR,
        party=PartyFactory(organisation=organisation, name="Partiet", abbreviation="P"),
        starts_on=datetime.date(2023, 1, 1),
    )
    hedda = PersonFactory(
        organisation=organisation,
        first_name="Hedda",
        last_name="Sekreterare",
        email=HEDDA,
    )
    services.participant_add(
        actor=None,
        group=group,
        person=hedda,
        affiliation="stadsledningskontoret",
        is_secretary=True,
        starts_on=datetime.date(2023, 1, 1),
    )
    return group


@pytest.fixture
def meeting(group, cora):
    meeting = services.meeting_create(
        actor=cora,
        group=group,
        starts_at=at("2026-03-20", "13:30"),
        ends_at=at("2026-03-20", "15:30"),
        location="Lokal Vargö, Stadshuset",
        meeting_url="https://meet.exempelby.se/styrgruppen",
        host="Kommunledningskontoret",
    )
    services.item_create(actor=cora, meeting=meeting, title="Presidieutbildningen")
    services.document_add(
        actor=cora,
        meeting=meeting,
        title="Utvärdering av presidieutbildningen",
        upload=SimpleUploadedFile("utvardering.pdf", b"%PDF-1.7 utvardering"),
    )
    return meeting


@pytest.fixture
def noticed(meeting, cora, emails):
    """The meeting with its notice sent; the notice's e-mails forgotten."""
    with emails.sending():
        services.notice_send(actor=cora, meeting=meeting)
    emails.clear()
    return meeting


def test_notice_with_agenda_and_attached_documents(emails, snapshot, meeting, cora):
    with emails.sending():
        services.notice_send(actor=cora, meeting=meeting)

    assert emails.one(ASA) == snapshot


def test_a_changed_meeting(emails, snapshot, noticed, cora):
    with emails.sending():
        services.meeting_update(
            actor=cora,
            meeting=noticed,
            starts_at=at("2026-03-20", "14:00"),
            ends_at=at("2026-03-20", "16:00"),
            location="Lokal Vargö, Stadshuset",
            meeting_url="",
            host="",
        )

    assert emails.one(ASA) == snapshot


def test_a_cancelled_meeting(emails, snapshot, noticed, cora):
    with emails.sending():
        services.meeting_cancel(
            actor=cora, meeting=noticed, reason="Ordföranden är sjuk"
        )

    assert emails.one(ASA) == snapshot


def test_secretary_reminded_of_minutes_missing_three_days_after(
    emails, snapshot, noticed, time_machine
):
    hold(noticed)
    time_machine.move_to(at("2026-03-23", "15:31"), tick=False)

    with emails.sending():
        services.minutes_reminders_due()

    assert emails.one(HEDDA) == snapshot


def test_document_sent_for_approval_by_e_mail(emails, snapshot, group, cora):
    with emails.sending():
        services.approval_request_create(
            actor=cora,
            group=group,
            title="Utbildningsplan 2027",
            message="Planen behöver vara beslutad före budgetberedningen.",
            upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.7 plan"),
            deadline=at("2026-03-13", "16:00"),
        )

    assert emails.one(ASA) == snapshot
