"""Every change the audit trail promises is in it, with who, the old and the
new value: people and assignments, registrations, attendance, decisions,
minutes, approvals and roles."""

import datetime

import pytest
from django.utils import timezone

from mandat.accounts import services as accounts
from mandat.accounts.tests.factories import UserFactory
from mandat.core.access import Role
from mandat.core.models import AuditEntry
from mandat.directory import services as directory
from mandat.directory.tests.factories import AssignmentFactory, PersonFactory
from mandat.meetings import services as meetings
from mandat.meetings.models import Attendance
from mandat.meetings.tests.factories import at, hold, steering_group
from mandat.trainings import services as trainings
from mandat.trainings.tests.factories import OccasionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def last(object_type: str) -> AuditEntry:
    return AuditEntry.objects.filter(object_type=object_type).latest("id")


def test_people_and_assignments_keep_old_and_new_values(organisation, coordinator):
    person = PersonFactory(organisation=organisation, title="Ledamot")
    assignment = AssignmentFactory(person=person)

    directory.person_update(actor=coordinator, person=person, title="Kommunalråd")
    directory.assignment_end(
        actor=coordinator, assignment=assignment, ends_on=datetime.date(2026, 6, 30)
    )

    assert last("directory.person").changes["title"] == ["Ledamot", "Kommunalråd"]
    ended = last("directory.assignment")
    assert ended.changes["ends_on"] == [None, "2026-06-30"]
    assert ended.actor == coordinator


def test_registrations_and_their_attendance_keep_old_and_new_values(
    organisation, coordinator
):
    occasion = OccasionFactory(training__organisation=organisation)
    session = occasion.sessions.get()
    registration = RegistrationFactory(occasion=occasion)

    trainings.attendance_record(
        actor=coordinator, registration=registration, session=session, status="absent"
    )
    trainings.attendance_record(
        actor=coordinator,
        registration=registration,
        session=session,
        status="attended",
    )
    checked_in = last("trainings.sessionattendance")
    trainings.occasion_cancel(actor=coordinator, occasion=occasion, reason="Sjuk")

    assert checked_in.changes["status"] == ["Frånvarande", "Närvarande"]
    assert last("trainings.registration").changes["status"] == [
        "Anmäld",
        "Avanmäld",
    ]


@pytest.fixture
def meeting(organisation, coordinator):
    return meetings.meeting_create(
        actor=coordinator,
        group=steering_group(organisation, members=3),
        starts_at=at("2026-11-03", "13:30"),
        ends_at=at("2026-11-03", "14:30"),
    )


def test_meeting_attendance_names_each_person_with_old_and_new(meeting, coordinator):
    hold(meeting)
    row = meeting.attendances.select_related("person").filter(capacity="member")[0]

    meetings.attendance_record(
        actor=coordinator,
        meeting=meeting,
        statuses={row.person_id: Attendance.Status.EXCUSED},
        serving_for={},
    )

    changes = last("meetings.meeting").changes
    assert changes[str(row.person)] == ["Närvarande på plats", "Förhinder"]
    assert last("meetings.meeting").actor == coordinator


def test_decisions_and_minutes_keep_old_and_new_values(meeting, coordinator):
    hold(meeting)
    item = meetings.item_create(
        actor=coordinator, meeting=meeting, title="Budget", kind="decision"
    )
    meetings.item_update(
        actor=coordinator,
        item=item,
        title="Budget",
        kind="decision",
        notes="",
        decision="Styrgruppen beslutar att anta budgeten.",
    )
    decided = last("meetings.meeting")
    meetings.minutes_finalise(actor=coordinator, meeting=meeting, registry_number="")
    finalised = last("meetings.meeting")

    assert decided.changes["decision"] == [
        "",
        "Styrgruppen beslutar att anta budgeten.",
    ]
    assert finalised.changes["minutes_status"] == ["Utkast", "Fastställda"]


def test_minutes_approved_by_link_name_each_member_and_the_outcome(
    meeting, coordinator
):
    hold(meeting)
    meetings.minutes_finalise(actor=coordinator, meeting=meeting)
    approval = meetings.approval_request_create(
        actor=coordinator,
        group=meeting.group,
        title="Minnesanteckningar",
        deadline=timezone.now() + datetime.timedelta(days=7),
        minutes_of=meeting,
    )
    answers = list(approval.answers.select_related("person"))

    for answer in answers:
        meetings.approval_answer(token=answer.token, answer="approved")

    entries = AuditEntry.objects.filter(object_type="meetings.approvalanswer")
    labels = {entry.object_id: entry.actor_label for entry in entries}
    for answer in answers:
        assert labels[str(answer.pk)].startswith(
            f"{answer.person.full_name} <{answer.person.email}>"
        )
    assert last("meetings.meeting").changes["minutes_status"][1] == "Godkända"


def test_roles_keep_old_and_new_values(organisation, administrator):
    user = UserFactory()

    membership = accounts.membership_create(
        actor=administrator, organisation=organisation, user=user, role=Role.COORDINATOR
    )
    accounts.membership_delete(actor=administrator, membership=membership)

    entries = AuditEntry.objects.filter(object_type="accounts.membership").order_by(
        "id"
    )
    assert [entry.changes["role"] for entry in entries] == [
        [None, "Utbildningssamordnare"],
        ["Utbildningssamordnare", None],
    ]
