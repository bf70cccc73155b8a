"""The meeting pages end to end through the client: what the secretary and
the members see, the minutes as PDF and Word, approval links, bad input."""

import datetime
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document

from mandat.meetings import services
from mandat.meetings.models import ApprovalAnswer, Attendance, Meeting
from mandat.notifications.models import Message
from mandat.testing.pdfs import is_pdf_a, needs_pdf, pdf_streams

from .factories import at, hold, steering_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(organisation):
    return steering_group(organisation)


@pytest.fixture
def held(group, coordinator):
    """A held meeting without its chair and vice chair, with two items."""
    meeting = services.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=at("2026-11-03", "13:30"),
        ends_at=at("2026-11-03", "14:30"),
        location="Lokal Vargö",
        meeting_url="https://teams.example/mote",
    )
    services.attendance_prefill(meeting=meeting)
    statuses = {}
    for row in meeting.attendances.all():
        if row.role in ("ordforande", "vice_ordforande"):
            statuses[row.pk] = Attendance.Status.EXCUSED
        elif row.capacity == "member" and row.pk % 2:
            statuses[row.pk] = Attendance.Status.REMOTE
        else:
            statuses[row.pk] = Attendance.Status.PRESENT
    services.attendance_record(
        actor=coordinator, meeting=meeting, statuses=statuses, serving_for={}
    )
    item = services.item_create(
        actor=coordinator,
        meeting=meeting,
        title="Politikerhandboken",
        notes="<p>Handboken kompletteras <strong>efter hand</strong>.</p>"
        "<ul><li>Mötesteknik</li><li>Digitala möten</li></ul>",
    )
    services.action_item_create(
        actor=coordinator,
        meeting=meeting,
        item=item,
        what="Mejla rapporten till styrgruppen",
        owner_label="Hedda",
        due_on=datetime.date(2026, 11, 20),
    )
    return meeting


def test_decision_at_a_meeting_without_quorum_is_refused_next_to_the_field(
    coordinator_client, held, organisation
):
    url = reverse("meetings:item-create", args=[organisation.slug, held.pk])
    page = coordinator_client.get(url).content.decode()
    assert "hanteras som information" in page
    assert 'value="decision"' not in page  # the choice is not offered
    response = coordinator_client.post(
        url, {"title": "Workshop", "kind": "decision", "notes": ""}
    )
    assert response.status_code == 200
    # In Swedish, as the service says it, not Django's "Välj ett giltigt
    # alternativ".
    assert "no decisions are taken" not in response.text
    assert "inga beslut fattas" in response.text
    assert "Välj ett giltigt alternativ" not in response.text
    assert not held.items.filter(title="Workshop").exists()


def test_minutes_read_like_the_reference_minutes(
    coordinator_client, held, organisation
):
    page = coordinator_client.get(
        reverse("meetings:minutes", args=[organisation.slug, held.pk])
    ).content.decode()
    assert "Möte med Styrgruppen för politikerutbildning" in page
    assert "Minnesanteckningar 2026-11-03" in page
    assert "Via Teams:" in page
    assert "Förhinder:" in page
    assert " ordf" in page
    assert "Från stadsledningskontoret: Hedda Sekreterare." in page
    assert "hanterades som information" in page
    assert "Vid anteckningarna" in page
    assert "<strong>efter hand</strong>" in page
    assert "UTKAST" in page


@needs_pdf
def test_minutes_pdf_is_pdf_a_with_the_text(coordinator_client, held, organisation):
    response = coordinator_client.get(
        reverse("meetings:minutes-pdf", args=[organisation.slug, held.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert is_pdf_a(response.content)
    # The title in the document's metadata names the minutes.
    title = b"Minnesanteckningar 2026-11-03"
    assert title in pdf_streams(response.content)


def test_minutes_word_file_has_the_same_content(coordinator_client, held, organisation):
    response = coordinator_client.get(
        reverse("meetings:minutes-word", args=[organisation.slug, held.pk])
    )
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    # The group's name on one line, the kind and the day on the next.
    assert "Möte med Styrgruppen för politikerutbildning\nMinnesanteckningar" in text
    assert "Förhinder:" in text
    assert "Handboken kompletteras efter hand." in text
    assert "Mötesteknik" in text
    assert "Vid anteckningarna" in text
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "efter hand" in bold
    table = document.tables[0]
    assert table.rows[1].cells[0].text == "Mejla rapporten till styrgruppen"


def test_editing_finalised_minutes_is_refused_and_changes_nothing(
    coordinator_client, held, organisation, coordinator
):
    services.minutes_finalise(actor=coordinator, meeting=held)
    item = held.items.get(title="Politikerhandboken")
    response = coordinator_client.post(
        reverse("meetings:item-edit", args=[organisation.slug, held.pk, item.pk]),
        {"title": "Ändrad", "kind": "information", "notes": "Nytt"},
        follow=True,
    )
    assert "fastställda" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Politikerhandboken"


def test_meeting_ending_before_it_starts_gets_a_message(
    coordinator_client, group, organisation
):
    response = coordinator_client.post(
        reverse("meetings:meeting-create", args=[organisation.slug, group.pk]),
        {"day": "2027-02-19", "starts": "12:00", "ends": "08:30"},
    )
    assert response.status_code == 200
    assert "Mötet måste sluta efter att det börjar" in response.content.decode()
    assert not Meeting.objects.exists()


def test_term_with_a_bad_date_plans_nothing(coordinator_client, group, organisation):
    response = coordinator_client.post(
        reverse("meetings:meeting-term", args=[organisation.slug, group.pk]),
        {"dates": "2027-01-22, 2027-02-31", "starts": "08:30", "ends": "12:00"},
    )
    assert response.status_code == 200
    assert "2027-02-31" in response.content.decode()
    assert not Meeting.objects.exists()


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


def _grow(meeting, coordinator, extra: int):
    """Add items, action items and attendees to a meeting, and past meetings."""
    for number in range(extra):
        item = services.item_create(
            actor=coordinator,
            meeting=meeting,
            title=f"Punkt {number}",
            notes="<p>Anteckning</p>",
        )
        services.action_item_create(
            actor=coordinator, meeting=meeting, item=item, what="Gör", owner_label="X"
        )
        services.meeting_create(
            actor=coordinator,
            group=meeting.group,
            starts_at=at(f"2025-0{1 + number % 9}-1{number % 10}", "08:00"),
            ends_at=at(f"2025-0{1 + number % 9}-1{number % 10}", "09:00"),
        )


@pytest.mark.parametrize("page", ["meetings:meeting-detail", "meetings:minutes"])
def test_meeting_pages_run_the_same_queries_at_two_sizes(
    coordinator_client, held, coordinator, organisation, page, django_assert_num_queries
):
    url = reverse(page, args=[organisation.slug, held.pk])
    _grow(held, coordinator, 2)
    coordinator_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        coordinator_client.get(url)
    _grow(held, coordinator, 8)
    with django_assert_num_queries(len(small.captured_queries)):
        coordinator_client.get(url)


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


def test_attendance_page_can_preset_everyone_present_and_shows_roles(
    coordinator_client, group, coordinator, organisation
):
    meeting = services.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=at("2027-01-21", "13:30"),
        ends_at=at("2027-01-21", "14:30"),
    )
    url = reverse("meetings:attendance", args=[organisation.slug, meeting.pk])
    plain = coordinator_client.get(url).content.decode()
    assert "checked" not in plain
    assert "ordförande" in plain and "ordforande" not in plain
    preset = coordinator_client.get(url + "?preset=present").content.decode()
    checked = re.findall(r'<input[^>]*value="present"[^>]*checked', preset)
    assert len(checked) == 10


def test_absences_announced_ahead_leave_a_coming_meeting_planned(group, coordinator):
    meeting = services.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=timezone.now() + datetime.timedelta(days=10),
        ends_at=timezone.now() + datetime.timedelta(days=10, hours=1),
    )
    services.attendance_prefill(meeting=meeting)
    chair = meeting.attendances.get(role="ordforande")

    services.attendance_record(
        actor=coordinator,
        meeting=meeting,
        statuses={chair.pk: Attendance.Status.EXCUSED},
        serving_for={},
    )

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_a_decision_item_edited_at_a_meeting_without_quorum_keeps_its_notes(
    coordinator_client, group, coordinator, organisation
):
    """Written as a decision before the attendance showed no chair: it opens
    as information with its notes, and saving keeps them."""
    meeting = services.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=at("2026-11-03", "13:30"),
        ends_at=at("2026-11-03", "14:30"),
    )
    item = services.item_create(
        actor=coordinator,
        meeting=meeting,
        title="Workshop",
        kind="decision",
        notes="<p>Heldag vid två tillfällen.</p>",
    )
    hold(meeting, ordforande="excused", vice_ordforande="excused")
    url = reverse("meetings:item-edit", args=[organisation.slug, meeting.pk, item.pk])

    form = coordinator_client.get(url).text
    assert re.search(r'<input[^>]*value="information"[^>]*checked', form)
    response = coordinator_client.post(
        url,
        {"title": "Workshop", "kind": "information", "notes": "<p>Heldag.</p>"},
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.kind, item.notes) == ("information", "<p>Heldag.</p>")


def test_the_opening_item_can_be_removed_from_a_draft_agenda(
    coordinator_client, group, coordinator, organisation
):
    meeting = services.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=at("2027-02-18", "13:30"),
        ends_at=at("2027-02-18", "14:30"),
    )
    opening = meeting.items.get(standard="opening")
    url = reverse(
        "meetings:item-delete", args=[organisation.slug, meeting.pk, opening.pk]
    )

    coordinator_client.post(url)

    assert not meeting.items.filter(standard="opening").exists()


def test_a_network_secretary_plans_a_term_in_several_rooms_and_the_minutes_say_it(
    coordinator_client, group, coordinator, organisation
):
    """A term of meetings at different members' premises, an attachment for
    an item, the chair and the secretary named: all in the minutes, and the
    attachment in the ZIP package with the PDF."""
    slug = organisation.slug
    response = coordinator_client.post(
        reverse("meetings:meeting-term", args=[slug, group.pk]),
        {
            "dates": "2026-09-04 09:00–12:00 Kungsbacka stadshus\n"
            "2026-11-06 Varbergs rådhus\n2027-02-05",
            "starts": "13:30",
            "ends": "15:00",
            "location": "Lokal Vargö",
        },
    )
    assert response.status_code == 302
    first, second, third = group.meetings.order_by("starts_at")
    assert (first.location, timezone.localtime(first.starts_at).hour) == (
        "Kungsbacka stadshus",
        9,
    )
    assert (second.location, timezone.localtime(second.starts_at).hour) == (
        "Varbergs rådhus",
        13,
    )
    assert third.location == "Lokal Vargö"
    hold(first)
    item = services.item_create(actor=coordinator, meeting=first, title="Workshop")
    coordinator_client.post(
        reverse("meetings:document-add", args=[slug, first.pk]),
        {
            "document-title": "Programförslag",
            "document-file": SimpleUploadedFile(
                "program.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"
            ),
            "document-item": item.pk,
        },
    )

    minutes = coordinator_client.get(
        reverse("meetings:minutes", args=[slug, first.pk])
    ).text
    package = coordinator_client.get(
        reverse("meetings:minutes-package", args=[slug, first.pk])
    )

    chair = first.attendances.get(role="ordforande").person.full_name
    assert f"Ordförande:</strong> {chair}" in minutes
    assert "Sekreterare:</strong> Hedda Sekreterare, Stadsledningskontoret" in minutes
    assert "Se bilaga 1: Programförslag" in minutes
    assert "Bilagor" in minutes
    assert "Varbergs rådhus" in minutes and "Lokal Vargö" in minutes
    names = zipfile.ZipFile(io.BytesIO(package.content)).namelist()
    assert names == [
        "minnesanteckningar-2026-09-04.pdf",
        "Bilaga 1 – Programförslag.pdf",
    ]


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
