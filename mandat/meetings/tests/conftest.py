"""Fixtures the meeting tests share: the steering group and a held meeting."""

import datetime

import pytest

from mandat.meetings import services
from mandat.meetings.models import Attendance

from .factories import at, steering_group


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
            statuses[row.person_id] = Attendance.Status.EXCUSED
        elif row.capacity == "member" and row.pk % 2:
            statuses[row.person_id] = Attendance.Status.REMOTE
        else:
            statuses[row.person_id] = Attendance.Status.PRESENT
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
