"""Minutes: finalising, approval at the next meeting, corrections, and the
reminder to the secretary when they are late."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandat.core.addresses import absolute_url
from mandat.core.exceptions import ApplicationError
from mandat.core.richtext import richtext_clean, text_clean
from mandat.core.search import search_record_update
from mandat.core.services import (
    Actor,
    audit_updated,
    changed,
    snapshot,
)
from mandat.notifications.services import Recipient, message_queue

from ..minutes import minutes_frozen
from ..models import AgendaItem, Meeting, MinutesCorrection
from .common import item_change_audit

REMINDER_DAYS = (3, 7)
MINUTES_FIELDS = ("minutes_status", "registry_number", "approved_at_meeting")


CORRECTABLE = {
    "title": gettext_lazy("title"),
    "notes": gettext_lazy("notes"),
    "decision": gettext_lazy("decision"),
}


@transaction.atomic
def minutes_finalise(
    *, actor: Actor, meeting: Meeting, registry_number: str = ""
) -> Meeting:
    """Finalise the minutes: from now on they change only by a recorded
    correction, and the next meeting can approve them."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_status != Meeting.Minutes.DRAFT:
        raise ApplicationError(_("The minutes are finalised already."))
    if meeting.status != Meeting.Status.HELD:
        raise ApplicationError(
            _("Record the attendance first; then the minutes can be finalised.")
        )
    if len(registry_number.strip()) > 60:
        raise ApplicationError(
            _("A registry number has at most 60 characters."), field="registry_number"
        )
    meeting.minutes_frozen = minutes_frozen(meeting)
    before = snapshot(meeting, MINUTES_FIELDS)
    meeting.minutes_status = Meeting.Minutes.FINALISED
    meeting.minutes_finalised_at = timezone.now()
    meeting.registry_number = registry_number.strip()
    meeting.save()
    search_record_update(meeting)
    audit_updated(
        actor, meeting, changed(before, meeting), message=_("minutes finalised")
    )
    return meeting


def _approve(
    actor: Actor, minutes: Meeting, at_meeting: Meeting | None, how: str
) -> None:
    before = snapshot(minutes, MINUTES_FIELDS)
    minutes.minutes_status = Meeting.Minutes.APPROVED
    minutes.minutes_approved_at = timezone.now()
    minutes.approved_at_meeting = at_meeting
    minutes.save()
    audit_updated(
        actor,
        minutes,
        changed(before, minutes),
        message=_("minutes approved %(how)s") % {"how": how},
    )


@transaction.atomic
def minutes_approve(*, actor: Actor, item: AgendaItem) -> Meeting:
    """Approve, at a meeting, the minutes its "previous minutes" item links
    to; they are locked from then on. For a statutory body approving is a
    decision, so the meeting must be quorate; an informal group (a steering
    group, a network) approves its notes at any meeting, which is minuted
    as such and is not a decision under its quorum rule."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if item.standard != AgendaItem.Standard.PREVIOUS_MINUTES or not item.minutes_of_id:
        raise ApplicationError(_("This item has no minutes to approve."))
    if meeting.minutes_status != Meeting.Minutes.DRAFT:
        raise ApplicationError(_("The minutes of this meeting are finalised."))
    formal = meeting.group.keeps_formal_minutes
    if formal and meeting.quorate is not True:
        raise ApplicationError(
            _(
                "Minutes are approved by a quorate meeting. Record the attendance "
                "first; if the meeting is not quorate, send the minutes for "
                "approval by e-mail instead."
            )
        )
    minutes = Meeting.objects.select_for_update().get(pk=item.minutes_of_id)
    if minutes.starts_at >= meeting.starts_at or minutes.is_cancelled:
        raise ApplicationError(
            _("A meeting approves the minutes of an earlier meeting.")
        )
    if minutes.minutes_status == Meeting.Minutes.APPROVED:
        raise ApplicationError(_("These minutes are approved already."))
    if minutes.minutes_status != Meeting.Minutes.FINALISED:
        raise ApplicationError(
            _("The secretary must finalise these minutes before they are approved.")
        )
    _approve(actor, minutes, meeting, _("at the next meeting"))
    before = snapshot(item, ("kind", "decision"))
    item.kind = (
        AgendaItem.Kind.DECISION
        if formal or meeting.quorate
        else AgendaItem.Kind.INFORMATION
    )
    if formal:
        item.decision = _("The minutes were approved and placed on file.")
    else:
        item.decision = _("The notes were approved and placed on file.")
    item.save(update_fields=["kind", "decision"])
    item_change_audit(actor, meeting, before, item)
    return minutes


def minutes_approve_by_mail(*, minutes: Meeting) -> None:
    """Approve finalised minutes after the members approved them by e-mail link."""
    minutes = Meeting.objects.select_for_update().get(pk=minutes.pk)
    if minutes.minutes_status == Meeting.Minutes.FINALISED:
        _approve(None, minutes, None, _("by e-mail"))


@transaction.atomic
def minutes_correct(
    *, actor: Actor, item: AgendaItem, field: str, value: str, reason: str
) -> MinutesCorrection:
    """Change finalised or approved minutes: the change and its reason are
    recorded and printed with the minutes."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if meeting.minutes_status == Meeting.Minutes.DRAFT:
        raise ApplicationError(_("The minutes are a draft; change the item directly."))
    if field not in CORRECTABLE:
        raise ApplicationError(_("Choose what to correct."), field="field")
    if not reason.strip():
        raise ApplicationError(_("Say why the minutes are corrected."), field="reason")
    value = richtext_clean(value) if field == "notes" else text_clean(value)
    before = getattr(item, field)
    if value == before:
        raise ApplicationError(_("Nothing was changed."), field="value")
    if field == "decision" and value and meeting.quorate is False:
        raise ApplicationError(
            _("The meeting was not quorate, so it took no decisions."), field="value"
        )
    if field == "decision" and value and item.kind != AgendaItem.Kind.DECISION:
        raise ApplicationError(
            _("Only an item of the kind decision can have a decision."), field="value"
        )
    if field == "title" and not value:
        raise ApplicationError(_("An item needs a title."), field="value")
    if field == "title" and len(value) > 200:
        raise ApplicationError(_("A title has at most 200 characters."), field="value")
    setattr(item, field, value)
    item.save(update_fields=[field])
    search_record_update(meeting)
    correction = MinutesCorrection.objects.create(
        meeting=meeting,
        item=item,
        field=field,
        before=before,
        after=value,
        reason=reason.strip(),
        actor_label=getattr(actor, "email", "") or "system",
    )
    audit_updated(
        actor,
        meeting,
        {f"{item.pk}.{field}": [before, value]},
        message=_("minutes corrected: %(reason)s") % {"reason": reason.strip()},
    )
    return correction


@transaction.atomic
def registry_number_set(
    *, actor: Actor, meeting: Meeting, registry_number: str
) -> Meeting:
    """Record the registry number (*diarienummer*) of finalised minutes, once;
    a registered document keeps its number."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_status == Meeting.Minutes.DRAFT:
        raise ApplicationError(_("Finalise the minutes first."))
    if meeting.registry_number:
        raise ApplicationError(
            _("The minutes are registered already as %(number)s.")
            % {"number": meeting.registry_number}
        )
    registry_number = text_clean(registry_number)
    if not registry_number or len(registry_number) > 60:
        raise ApplicationError(
            _("Give the registry number, at most 60 characters."),
            field="registry_number",
        )
    meeting.registry_number = registry_number
    meeting.save(update_fields=["registry_number", "updated_at"])
    audit_updated(
        actor,
        meeting,
        {"registry_number": ["", registry_number]},
        message=_("registered: %(number)s") % {"number": registry_number},
    )
    return meeting


def minutes_reminders_due() -> int:
    """Remind the secretary of minutes still missing 3 and 7 days after a
    meeting; run by the worker every minute, each reminder sent once."""
    now = timezone.now()
    late = Meeting.objects.filter(
        minutes_status=Meeting.Minutes.DRAFT,
        ends_at__lte=now - datetime.timedelta(days=REMINDER_DAYS[0]),
        ends_at__gte=now - datetime.timedelta(days=60),
        secretary__isnull=False,
    ).exclude(status=Meeting.Status.CANCELLED)
    sent = 0
    for meeting in late.select_related(
        "secretary__account", "group__body", "organisation"
    ):
        secretary = meeting.secretary  # the query took meetings with one only
        if secretary is None:
            continue
        waited = (now - meeting.ends_at).days
        days = max(day for day in REMINDER_DAYS if day <= waited)
        link = absolute_url(
            reverse("meetings:minutes", args=[meeting.organisation.slug, meeting.pk])
        )
        message = message_queue(
            organisation=meeting.organisation,
            event="meetings.minutes_missing",
            recipient=Recipient.for_person(secretary),
            dedupe_key=f"minutes-missing:{meeting.pk}:{days}",
            context={
                "person": meeting.secretary,
                "group": meeting.group.body.name,
                "meeting": meeting,
                "days": days,
                "link": link,
            },
            about=meeting,
        )
        sent += message is not None
    return sent
