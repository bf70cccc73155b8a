"""What the worker does by itself: notices when their day comes, reminders
of missing minutes after 3 and 7 days, approval deadlines."""

import datetime

import pytest
from django.utils import timezone

from mandat.meetings import services
from mandat.meetings.models import Meeting
from mandat.notifications.models import Message

from .factories import hold, steering_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(organisation):
    return steering_group(organisation, notice_days=7)


def _meeting(group, starts_in: datetime.timedelta):
    starts = timezone.now() + starts_in
    return services.meeting_create(
        actor=None,
        group=group,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )


def test_notice_goes_out_by_itself_the_set_number_of_days_before(group):
    soon = _meeting(group, datetime.timedelta(days=6, hours=23))
    later = _meeting(group, datetime.timedelta(days=8))
    assert services.notices_due() == 10
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.status == Meeting.Status.NOTICE_SENT
    assert later.status == Meeting.Status.PLANNED
    # Running again sends nothing twice.
    assert services.notices_due() == 0
    assert Message.objects.filter(event="meetings.notice").count() == 10


def test_secretary_is_reminded_of_missing_minutes_after_3_and_7_days(group):
    meeting = _meeting(group, -datetime.timedelta(days=2))
    assert services.minutes_reminders_due() == 0
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=3, hours=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=1),
    )
    services.minutes_reminders_due()
    services.minutes_reminders_due()
    reminders = Message.objects.filter(event="meetings.minutes_missing")
    assert reminders.count() == 1
    assert reminders.get().to_email == meeting.secretary.email
    assert "3 dagar" in reminders.get().body_text
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=7, hours=3),
        ends_at=timezone.now() - datetime.timedelta(days=7, hours=1),
    )
    services.minutes_reminders_due()
    assert reminders.count() == 2
    # Finalised minutes get no more reminders.
    Meeting.objects.filter(pk=meeting.pk).update(
        minutes_status=Meeting.Minutes.FINALISED,
        starts_at=timezone.now() - datetime.timedelta(days=9, hours=2),
        ends_at=timezone.now() - datetime.timedelta(days=9),
    )
    services.minutes_reminders_due()
    assert reminders.count() == 2


def test_minutes_are_approved_at_the_deadline_when_more_than_half_approved(
    group, coordinator
):
    meeting = _meeting(group, -datetime.timedelta(days=10))
    hold(meeting)
    services.minutes_finalise(actor=None, meeting=meeting)
    approval = services.approval_request_create(
        actor=coordinator,
        group=group,
        title="Minnesanteckningar",
        deadline=timezone.now() + datetime.timedelta(days=1),
        minutes_of=meeting,
    )
    tokens = list(approval.answers.values_list("token", flat=True))
    for token in tokens[:5]:  # 5 of 8 approve, no one objects
        services.approval_answer(token=token, answer="approved")
    assert services.approvals_closed_due() == 0
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.Minutes.FINALISED
    approval.deadline = timezone.now() - datetime.timedelta(minutes=1)
    approval.save()
    assert services.approvals_closed_due() == 1
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.Minutes.APPROVED
