import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from mandat.directory.models import AssignmentRole, BodyKind
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    PartyFactory,
    PersonFactory,
)
from mandat.meetings import services
from mandat.meetings.models import MeetingGroup

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day: str, time: str = "08:30") -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=STOCKHOLM)


def steering_group(organisation, *, members: int = 8, **settings) -> MeetingGroup:
    """A steering group with a chair, a vice chair and members from as many
    parties, a substitute and the office's secretary as a participant."""
    body = BodyFactory(
        organisation=organisation,
        name="Styrgruppen för politikerutbildning",
        kind=BodyKind.STEERING_GROUP,
        is_statutory=False,
    )
    group = MeetingGroup.objects.create(
        organisation=organisation, body=body, **settings
    )
    roles = [AssignmentRole.CHAIR, AssignmentRole.FIRST_VICE_CHAIR] + [
        AssignmentRole.MEMBER
    ] * (members - 2)
    for number, role in enumerate(roles):
        party = PartyFactory(
            organisation=organisation, name=f"Parti {number}", abbreviation=f"P{number}"
        )
        AssignmentFactory(
            person=PersonFactory(organisation=organisation),
            body=body,
            role=role,
            party=party,
            starts_on=datetime.date(2023, 1, 1),
        )
    AssignmentFactory(
        person=PersonFactory(organisation=organisation),
        body=body,
        role=AssignmentRole.SUBSTITUTE,
        party=PartyFactory(organisation=organisation, abbreviation="S0"),
        substitute_order=1,
        starts_on=datetime.date(2023, 1, 1),
    )
    secretary = PersonFactory(
        organisation=organisation, first_name="Hedda", last_name="Sekreterare"
    )
    services.participant_add(
        actor=None,
        group=group,
        person=secretary,
        affiliation="stadsledningskontoret",
        is_secretary=True,
        starts_on=datetime.date(2023, 1, 1),
    )
    return group


def hold(meeting, *, actor=None, **status_by_role):
    """Record the attendance: everyone present on site unless their role is
    named, e.g. ``hold(meeting, ordforande="excused")``. Recorded once the
    meeting has ended (the clock moved there if it is still to come), so
    the meeting is held."""
    services.attendance_prefill(meeting=meeting)
    with time_machine.travel(max(meeting.ends_at, timezone.now()), tick=False):
        return services.attendance_record(
            actor=actor,
            meeting=meeting,
            statuses={
                row.person_id: status_by_role.get(row.role, "present")
                for row in meeting.attendances.all()
            },
            serving_for={},
        )
