"""The meeting pages end to end through the client: planning one meeting or a
term, attendance, items at a meeting without quorum, and the queries of the
meeting pages."""

import datetime
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mandat.meetings import services
from mandat.meetings.models import Attendance, Meeting

from .factories import at, hold

pytestmark = pytest.mark.django_db


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


def test_opening_the_attendance_page_saves_nothing_and_recording_saves_everyone(
    coordinator_client, group, coordinator, organisation
):
    meeting = services.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=at("2027-01-21", "13:30"),
        ends_at=at("2027-01-21", "14:30"),
    )
    url = reverse("meetings:attendance", args=[organisation.slug, meeting.pk])

    page = coordinator_client.get(url + "?preset=present")

    assert not meeting.attendances.exists()
    fields = dict(
        re.findall(r'name="(status_\d+)" value="(present)"[^>]*checked', page.text)
    )
    assert len(fields) == 10
    response = coordinator_client.post(url, fields)
    assert response.status_code == 302
    assert meeting.attendances.filter(status=Attendance.Status.PRESENT).count() == 10


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
        statuses={chair.person_id: Attendance.Status.EXCUSED},
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
