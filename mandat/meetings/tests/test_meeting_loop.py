"""The loop of a meeting as services: plan, notice, attendance and quorum,
items and action items, minutes, approval at the next meeting."""

import datetime

import pytest
from icalendar import Calendar

from mandat.core.exceptions import ApplicationError
from mandat.meetings import services
from mandat.meetings.minutes import minutes_context, minutes_html
from mandat.meetings.models import ActionItem, AgendaItem, Meeting
from mandat.notifications.models import Message

from .factories import at, hold, steering_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(organisation):
    return steering_group(organisation)


@pytest.fixture
def meeting(group, coordinator):
    return services.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=at("2026-12-04", "13:30"),
        ends_at=at("2026-12-04", "14:30"),
        location="Lokal Vargö",
    )


def record(meeting, coordinator, **by_role):
    """Record attendance: everyone present unless named in ``by_role``."""
    return hold(meeting, **by_role)


def test_meeting_starts_with_the_standard_agenda(meeting):
    standards = list(meeting.items.values_list("standard", flat=True))
    assert standards == ["opening", "follow_up", "other_business", "next_meeting"]


def test_meeting_ending_before_it_starts_is_refused(group, coordinator):
    with pytest.raises(
        ApplicationError, match=r"Mötet måste sluta efter att det börjar\."
    ) as error:
        services.meeting_create(
            actor=coordinator,
            group=group,
            starts_at=at("2026-12-04", "14:30"),
            ends_at=at("2026-12-04", "13:30"),
        )
    assert error.value.field == "ends_at"
    assert not Meeting.objects.exists()


def test_term_creates_a_meeting_on_each_date_with_the_same_times(group, coordinator):
    meetings = services.meeting_term_create(
        actor=coordinator,
        group=group,
        dates=[
            datetime.date(2027, 1, 22),
            datetime.date(2027, 2, 19),
            datetime.date(2027, 3, 19),
        ],
        starts=datetime.time(8, 30),
        ends=datetime.time(12, 0),
        location="Vargö",
    )
    assert [m.starts_at for m in meetings] == [
        at("2027-01-22"),
        at("2027-02-19"),
        at("2027-03-19"),
    ]
    assert {m.location for m in meetings} == {"Vargö"}
    # Each later meeting approves the minutes of the one before.
    second_minutes = meetings[1].items.get(standard="previous_minutes")
    assert second_minutes.minutes_of == meetings[0]
    with pytest.raises(
        ApplicationError, match=r"Gruppen har redan ett möte 2027-02-19\."
    ):
        services.meeting_term_create(
            actor=coordinator,
            group=group,
            dates=[datetime.date(2027, 2, 19)],
            starts=datetime.time(8, 30),
            ends=datetime.time(12, 0),
        )


def test_notice_goes_to_members_substitutes_and_participants_with_invitation(
    meeting, coordinator
):
    queued = services.notice_send(actor=coordinator, meeting=meeting)
    assert queued == 10  # 8 members, 1 substitute, 1 secretary
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NOTICE_SENT
    message = Message.objects.filter(event="meetings.notice").first()
    assert "Styrgruppen för politikerutbildning" in message.subject
    assert "Föregående" not in message.body_text  # no earlier meeting
    assert "Öppnande" in message.body_text or "Mötets öppnande" in message.body_text
    event = Calendar.from_ical(message.calendar).walk("VEVENT")[0]
    assert str(event["uid"]).startswith(f"mandat-meeting-{meeting.pk}@")
    assert event["sequence"] == 0
    assert str(event["location"]).startswith("Lokal Vargö")


def test_changing_and_cancelling_updates_the_calendar_entry(
    meeting, coordinator, django_capture_on_commit_callbacks
):
    services.notice_send(actor=coordinator, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            actor=coordinator,
            meeting=meeting,
            starts_at=at("2026-12-04", "14:00"),
            ends_at=at("2026-12-04", "15:00"),
            location="Lokal Vargö",
            meeting_url="",
            host="",
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=coordinator, meeting=meeting, reason="Sjukdom")
    person_messages = Message.objects.filter(
        to_email=Message.objects.first().to_email
    ).order_by("id")
    events = [Calendar.from_ical(m.calendar).walk("VEVENT")[0] for m in person_messages]
    calendars = [Calendar.from_ical(m.calendar) for m in person_messages]
    assert len({str(e["uid"]) for e in events}) == 1
    assert [e["sequence"] for e in events] == [0, 1, 2]
    assert [str(c["method"]) for c in calendars] == ["REQUEST", "REQUEST", "CANCEL"]


def test_chair_absent_makes_items_information_and_refuses_decisions(
    meeting, coordinator
):
    quorum = record(
        meeting, coordinator, ordforande="excused", vice_ordforande="absent"
    )
    assert not quorum.quorate
    meeting.refresh_from_db()
    assert meeting.quorate is False
    with pytest.raises(
        ApplicationError,
        match="Mötet är inte beslutfört, så punkterna hanteras som informat",
    ) as error:
        services.item_create(
            actor=coordinator,
            meeting=meeting,
            title="Presidieutbildningen",
            kind=AgendaItem.Kind.DECISION,
            decision="Styrgruppen beslutar att …",
        )
    assert "inga beslut" in str(error.value.message)
    assert not meeting.items.filter(title="Presidieutbildningen").exists()
    item = services.item_create(
        actor=coordinator, meeting=meeting, title="Presidieutbildningen"
    )
    assert item.kind == AgendaItem.Kind.INFORMATION


def test_majority_rule_counts_substitutes_serving_for_members(meeting, coordinator):
    services.attendance_prefill(meeting=meeting)
    rows = {row.role: row for row in meeting.attendances.all()}
    members = list(meeting.attendances.filter(capacity="member").order_by("id"))
    statuses = {row.person_id: "present" for row in meeting.attendances.all()}
    for row in members[4:]:  # 4 of 8 attend: not more than half
        statuses[row.person_id] = "excused"
    quorum = services.attendance_record(
        actor=coordinator, meeting=meeting, statuses=statuses, serving_for={}
    )
    assert not quorum.quorate
    substitute = rows["ersattare"]
    quorum = services.attendance_record(
        actor=coordinator,
        meeting=meeting,
        statuses=statuses,
        serving_for={substitute.person_id: members[5].person_id},
    )
    assert quorum.quorate
    assert quorum.attending == 5


def test_substitute_cannot_serve_for_a_member_who_attends(meeting, coordinator):
    services.attendance_prefill(meeting=meeting)
    substitute = meeting.attendances.get(capacity="substitute")
    member = meeting.attendances.filter(capacity="member").first()
    statuses = {row.person_id: "present" for row in meeting.attendances.all()}
    with pytest.raises(
        ApplicationError,
        match="är närvarande, och då kan ingen ersättare tjänstgöra",
    ):
        services.attendance_record(
            actor=coordinator,
            meeting=meeting,
            statuses=statuses,
            serving_for={substitute.person_id: member.person_id},
        )
    assert meeting.attendances.filter(status="unrecorded").count() == 10


def test_attendance_cannot_remove_quorum_under_recorded_decisions(meeting, coordinator):
    record(meeting, coordinator)
    services.item_create(
        actor=coordinator,
        meeting=meeting,
        title="Workshop",
        kind="decision",
        decision="Styrgruppen beslutade att genomföra en workshop.",
    )
    with pytest.raises(
        ApplicationError,
        match="Med den här närvaron är mötet inte beslutfört, men det finns",
    ):
        record(meeting, coordinator, ordforande="excused", vice_ordforande="excused")
    meeting.refresh_from_db()
    assert meeting.quorate is True


def test_minutes_are_approved_and_locked_at_the_next_meeting(meeting, coordinator):
    record(meeting, coordinator)
    item = services.item_create(
        actor=coordinator,
        meeting=meeting,
        title="Workshop",
        kind="decision",
        notes="<p>Heldag vid två tillfällen.<script>x</script></p>",
        decision="Styrgruppen beslutade att genomföra en workshop.",
    )
    assert "script" not in item.notes
    action = services.action_item_create(
        actor=coordinator,
        meeting=meeting,
        item=item,
        what="Boka lokal",
        owner_label="Stadsledningskontoret",
        due_on=datetime.date(2027, 1, 10),
    )
    next_item = meeting.items.get(standard="next_meeting")
    following = services.next_meeting_set(
        actor=coordinator,
        item=next_item,
        starts_at=at("2027-01-21", "13:30"),
        ends_at=at("2027-01-21", "14:30"),
        location="Vargö",
        meeting_url="",
    )
    assert following.items.get(standard="previous_minutes").minutes_of == meeting
    # Setting it again moves the same meeting instead of making another.
    again = services.next_meeting_set(
        actor=coordinator,
        item=next_item,
        starts_at=at("2027-01-22", "13:30"),
        ends_at=at("2027-01-22", "14:30"),
        location="Vargö",
        meeting_url="",
    )
    assert again.pk == following.pk
    assert Meeting.objects.count() == 2
    services.minutes_finalise(actor=coordinator, meeting=meeting)
    with pytest.raises(
        ApplicationError,
        match=r"Anteckningarna från det här mötet är fastställda\.",
    ):
        services.item_update(
            actor=coordinator,
            item=item,
            title="Workshop",
            kind="decision",
            notes="",
            decision="Något annat",
        )
    record(following, coordinator)
    approving = following.items.get(standard="previous_minutes")
    services.minutes_approve(actor=coordinator, item=approving)
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.Minutes.APPROVED
    assert meeting.approved_at_meeting == following
    approving.refresh_from_db()
    assert approving.decision == "Anteckningarna godkändes och lades till handlingarna."
    # The open action item is followed up at the next meeting.
    from mandat.meetings.selectors import open_action_items

    assert open_action_items(meeting=following) == [action]
    # A later change is a recorded correction.
    correction = services.minutes_correct(
        actor=coordinator,
        item=item,
        field="decision",
        value="Styrgruppen beslutade att genomföra två workshoppar.",
        reason="Felskrivning",
    )
    assert correction.before == "Styrgruppen beslutade att genomföra en workshop."
    item.refresh_from_db()
    assert item.decision.endswith("två workshoppar.")
    assert ActionItem.objects.get().status == "open"


def test_formal_minutes_are_approved_only_at_a_quorate_meeting(
    meeting, coordinator, group
):
    group.minutes_kind = group.MinutesKind.FORMAL
    group.save()
    record(meeting, coordinator)
    services.minutes_finalise(actor=coordinator, meeting=meeting)
    following = services.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=at("2027-01-21", "13:30"),
        ends_at=at("2027-01-21", "14:30"),
    )
    record(following, coordinator, ordforande="excused", vice_ordforande="excused")
    with pytest.raises(ApplicationError, match="beslutfört möte"):
        services.minutes_approve(
            actor=coordinator, item=following.items.get(standard="previous_minutes")
        )
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.Minutes.FINALISED


def test_an_informal_group_approves_its_notes_at_a_meeting_without_its_chair(
    meeting, coordinator, group
):
    """As the steering group did on 2021-01-26: no chair, so every item was
    information, yet "Anteckningarna godkändes och lades till handlingarna"."""
    record(meeting, coordinator)
    services.minutes_finalise(actor=coordinator, meeting=meeting)
    following = services.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=at("2027-01-21", "13:30"),
        ends_at=at("2027-01-21", "14:30"),
    )
    record(following, coordinator, ordforande="excused", vice_ordforande="excused")
    approving = following.items.get(standard="previous_minutes")

    services.minutes_approve(actor=coordinator, item=approving)

    meeting.refresh_from_db()
    approving.refresh_from_db()
    assert meeting.minutes_status == Meeting.Minutes.APPROVED
    assert approving.decision == "Anteckningarna godkändes och lades till handlingarna."
    # Minuted as what happened, not as a decision of a meeting without quorum.
    assert not approving.is_decision
    html = minutes_html(minutes_context(following))
    assert "Anteckningarna godkändes och lades till handlingarna." in html
    assert "Beslut:" not in html
    # A later change of attendance is not blocked by a "decision".
    record(following, coordinator, ordforande="excused")


def test_members_calendar_feed_has_the_groups_meetings(meeting, group, coordinator):
    from mandat.notifications.feeds import feed_calendar
    from mandat.notifications.services import calendar_feed_create

    member = group.body.assignments.first().person
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="Sjukdom")
    feed = calendar_feed_create(actor=None, person=member)
    events = Calendar.from_ical(feed_calendar(feed)).walk("VEVENT")
    mine = [e for e in events if str(e["uid"]).startswith("mandat-meeting-")]
    assert len(mine) == 1
    assert str(mine[0]["status"]) == "CANCELLED"


def test_notice_carries_the_documents_as_attachments(
    meeting, coordinator, mailoutbox, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mandat.notifications.services import message_send

    services.document_add(
        actor=coordinator,
        meeting=meeting,
        title="Årsrapport",
        upload=SimpleUploadedFile("arsrapport.pdf", b"%PDF-1.7 rapport"),
    )
    services.notice_send(actor=coordinator, meeting=meeting)
    message = Message.objects.filter(event="meetings.notice").first()
    assert "Handlingar (bifogade)" in message.body_text
    message_send(message_id=message.pk)
    email = mailoutbox[-1]
    names = [attachment[0] for attachment in email.attachments]
    assert names == ["inbjudan.ics", "arsrapport.pdf"]
    assert email.attachments[1][1] == b"%PDF-1.7 rapport"
    # Too large together: linked instead of attached.
    settings.NOTICE_ATTACHMENTS_MAX_BYTES = 10
    from mandat.meetings.services.meetings import notice_attachments

    assert notice_attachments(meeting) == []


def test_a_document_removal_that_is_rolled_back_keeps_its_file_and_a_lost_file_is_404(
    meeting, coordinator, coordinator_client
):
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.urls import reverse

    document = services.document_add(
        actor=coordinator,
        meeting=meeting,
        title="Årsrapport",
        upload=SimpleUploadedFile("arsrapport.pdf", b"%PDF-1.7 rapport"),
    )
    name, pk = document.file.name, document.pk

    with pytest.raises(RuntimeError), transaction.atomic():
        services.document_remove(actor=coordinator, document=document)
        raise RuntimeError("something later in the same change fails")

    assert default_storage.exists(name)
    default_storage.delete(name)  # the storage lost it
    response = coordinator_client.get(
        reverse(
            "meetings:document-download",
            args=[meeting.organisation.slug, meeting.pk, pk],
        )
    )
    assert response.status_code == 404
