"""Agenda items, their documents and action items, and the next meeting."""

import datetime
from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from mandat.core.documents import check_upload
from mandat.core.exceptions import ApplicationError
from mandat.core.richtext import richtext_clean, text_clean
from mandat.core.services import (
    Actor,
    actor_user,
    audit_created,
    audit_updated,
    changed,
    diff,
    removed,
    snapshot,
)
from mandat.core.uploads import stored_file_delete_on_commit
from mandat.directory.models import Person
from mandat.trainings.models import Training

from ..models import ActionItem, AgendaItem, Commission, Meeting, MeetingDocument
from ..selectors import following_meeting
from .common import item_change_audit, meeting_check_editable
from .meetings import meeting_create, meeting_update, previous_minutes_relink

ITEM_FIELDS = ("title", "kind", "notes", "decision", "presenter_id")


def _check_decision(meeting: Meeting, kind: str, decision: str) -> None:
    if meeting.quorate is False and (kind == AgendaItem.Kind.DECISION or decision):
        raise ApplicationError(
            _(
                "The meeting is not quorate, so the items are handled as "
                "information and no decisions are taken. Record the item as "
                "information or discussion."
            ),
            field="decision" if decision else "kind",
        )
    if decision and kind != AgendaItem.Kind.DECISION:
        raise ApplicationError(
            _("Only an item of the kind decision can have a decision."),
            field="decision",
        )


def _check_related(
    meeting: Meeting,
    trainings: Iterable[Training],
    commissions: Iterable[Commission],
    presenter: Person | None,
) -> None:
    organisation = meeting.organisation_id
    if any(t.organisation_id != organisation for t in trainings) or any(
        c.organisation_id != organisation for c in commissions
    ):
        raise ApplicationError(_("Links must be to this organisation's records."))
    if presenter is not None and presenter.organisation_id != organisation:
        raise ApplicationError(_("The person must be in this organisation."))


@transaction.atomic
def item_create(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    kind: str = AgendaItem.Kind.INFORMATION,
    notes: str = "",
    decision: str = "",
    presenter: Person | None = None,
    trainings: Iterable[Training] = (),
    commissions: Iterable[Commission] = (),
) -> AgendaItem:
    """Add an item before "Other business"; notes are sanitised rich text."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting_check_editable(meeting)
    title, decision = text_clean(title), text_clean(decision)
    if not title:
        raise ApplicationError(_("Give the item a title."), field="title")
    _check_decision(meeting, kind, decision)
    _check_related(meeting, trainings, commissions, presenter)
    closing = meeting.items.filter(
        standard__in=[
            AgendaItem.Standard.OTHER_BUSINESS,
            AgendaItem.Standard.NEXT_MEETING,
        ]
    ).order_by("position")
    first_closing = closing.first()
    if first_closing is not None:
        position = first_closing.position
        for item in closing.reverse():
            item.position += 10
            item.save(update_fields=["position"])
    else:
        position = (meeting.items.aggregate(top=Max("position"))["top"] or 0) + 10
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        title=title,
        kind=kind,
        notes=richtext_clean(notes),
        decision=decision,
        presenter=presenter,
    )
    item.trainings.set(trainings)
    item.commissions.set(commissions)
    audit_updated(
        actor,
        meeting,
        diff({}, snapshot(item, ITEM_FIELDS)),
        message=_("item added: %(title)s") % {"title": item.title},
    )
    return item


@transaction.atomic
def item_update(
    *,
    actor: Actor,
    item: AgendaItem,
    title: str,
    kind: str,
    notes: str,
    decision: str,
    presenter: Person | None = None,
    trainings: Iterable[Training] = (),
    commissions: Iterable[Commission] = (),
) -> AgendaItem:
    """Change an item while the minutes are a draft."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    meeting_check_editable(meeting)
    # The saved row, not the caller's copy (a bound form changes its instance).
    item = AgendaItem.objects.get(pk=item.pk)
    title, decision = text_clean(title), text_clean(decision)
    if item.standard == AgendaItem.Standard.PREVIOUS_MINUTES:
        # Only approving the minutes (minutes_approve) decides this item.
        kind, decision = item.kind, item.decision
    else:
        _check_decision(meeting, kind, decision)
    _check_related(meeting, trainings, commissions, presenter)
    before = snapshot(item, ITEM_FIELDS)
    item.title = title or item.title
    item.kind, item.notes, item.decision = kind, richtext_clean(notes), decision
    item.presenter = presenter
    item.save()
    item.trainings.set(trainings)
    item.commissions.set(commissions)
    item_change_audit(actor, meeting, before, item)
    return item


@transaction.atomic
def item_delete(*, actor: Actor, item: AgendaItem) -> None:
    meeting_check_editable(Meeting.objects.get(pk=item.meeting_id))
    item = AgendaItem.objects.get(pk=item.pk)
    if not item.removable:
        raise ApplicationError(
            _("The approval of the minutes is recorded in this item; it stays.")
        )
    audit_updated(
        actor,
        item.meeting,
        removed(snapshot(item, ITEM_FIELDS)),
        message=_("item removed: %(title)s") % {"title": item.title},
    )
    item.delete()


@transaction.atomic
def item_move(*, actor: Actor, item: AgendaItem, up: bool) -> None:
    """Swap an item with the one before or after it."""
    meeting_check_editable(Meeting.objects.get(pk=item.meeting_id))
    items = list(item.meeting.items.order_by("position", "id"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(items):
        return
    items[index], items[other_index] = items[other_index], items[index]
    for number, row in enumerate(items, start=1):
        row.position = number * 10
    AgendaItem.objects.bulk_update(items, ["position"])


@transaction.atomic
def document_add(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    upload: UploadedFile,
    item: AgendaItem | None = None,
) -> MeetingDocument:
    """Attach a document to the meeting (and to one item)."""
    meeting_check_editable(Meeting.objects.get(pk=meeting.pk))
    if item is not None and item.meeting_id != meeting.pk:
        raise ApplicationError(_("The item is not on this meeting's agenda."))
    content_type = check_upload(upload)
    document = MeetingDocument.objects.create(
        meeting=meeting,
        item=item,
        # An upload always has its name and size (check_upload read them).
        title=title.strip() or upload.name or "",
        file=upload,
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor_user(actor),
    )
    audit_updated(
        actor,
        meeting,
        message=_("document added: %(title)s") % {"title": document.title},
    )
    return document


@transaction.atomic
def document_remove(*, actor: Actor, document: MeetingDocument) -> None:
    """Remove a document while the minutes are a draft."""
    meeting_check_editable(Meeting.objects.get(pk=document.meeting_id))
    audit_updated(
        actor,
        document.meeting,
        message=_("document removed: %(title)s") % {"title": document.title},
    )
    stored_file_delete_on_commit(document.file)
    document.delete()


# Action items ----------------------------------------------------------------------


@transaction.atomic
def action_item_create(
    *,
    actor: Actor,
    meeting: Meeting,
    what: str,
    owner: Person | None = None,
    owner_label: str = "",
    owner_organisation: str = "",
    due_on: datetime.date | None = None,
    item: AgendaItem | None = None,
) -> ActionItem:
    """Record something someone is to do, from an item of ``meeting``: who
    and, in a network above all, for which organisation, and by when."""
    meeting_check_editable(Meeting.objects.get(pk=meeting.pk))
    what, owner_label = text_clean(what), text_clean(owner_label)
    owner_organisation = text_clean(owner_organisation).strip()
    if not owner_organisation and owner is not None:
        owner_organisation = owner.home_municipality
    if not what:
        raise ApplicationError(_("Say what is to be done."), field="what")
    if owner is None and not owner_label.strip():
        raise ApplicationError(_("Say who is to do it."), field="owner")
    if owner is not None and owner.organisation_id != meeting.organisation_id:
        raise ApplicationError(_("The person must be in this organisation."))
    if item is not None and item.meeting_id != meeting.pk:
        raise ApplicationError(_("The item is not on this meeting's agenda."))
    if due_on is not None and due_on < meeting.starts_at.date():
        raise ApplicationError(
            _("The due date cannot be before the meeting."), field="due_on"
        )
    action = ActionItem.objects.create(
        organisation=meeting.organisation,
        meeting=meeting,
        item=item,
        what=what.strip(),
        owner=owner,
        owner_label=owner_label.strip(),
        owner_organisation=owner_organisation,
        due_on=due_on,
    )
    audit_created(actor, action, message=action.what)
    return action


@transaction.atomic
def action_item_set_status(
    *, actor: Actor, action: ActionItem, status: str, note: str = ""
) -> ActionItem:
    """Close an action item as done or dropped, or open it again."""
    if status not in ActionItem.Status.values:
        raise ApplicationError(_("Unknown status."))
    before = snapshot(action, ("status", "closed_note"))
    action.status = status
    action.closed_note = note.strip()
    action.closed_on = (
        None if status == ActionItem.Status.OPEN else datetime.date.today()
    )
    action.save()
    audit_updated(actor, action, changed(before, action))
    return action


# Next meeting ----------------------------------------------------------------------


@transaction.atomic
def next_meeting_set(
    *,
    actor: Actor,
    item: AgendaItem,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str,
    meeting_url: str,
) -> Meeting:
    """From the "next meeting" item, create the group's next meeting or
    update the one it created before, so the date is typed only once."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    meeting_check_editable(meeting)
    if item.standard != AgendaItem.Standard.NEXT_MEETING:
        raise ApplicationError(_("Only the next-meeting item sets the next meeting."))
    if starts_at <= meeting.starts_at:
        raise ApplicationError(
            _("The next meeting must come after this one."), field="starts_at"
        )
    following = item.next_meeting or following_meeting(meeting=meeting)
    if following is not None and following.status == Meeting.Status.HELD:
        raise ApplicationError(
            _(
                "The next meeting (%(day)s) has been held already and cannot be "
                "moved. Plan any later meeting from the group's page."
            )
            % {"day": f"{following.starts_at:%Y-%m-%d}"},
            field="starts_at",
        )
    if following is not None and not following.is_cancelled:
        following = meeting_update(
            actor=actor,
            meeting=following,
            starts_at=starts_at,
            ends_at=ends_at,
            location=location,
            meeting_url=meeting_url,
            host=following.host,
        )
    else:
        following = meeting_create(
            actor=actor,
            group=meeting.group,
            starts_at=starts_at,
            ends_at=ends_at,
            location=location,
            meeting_url=meeting_url,
        )
    previous_minutes_relink(meeting.group)
    item.next_meeting = following
    item.save(update_fields=["next_meeting"])
    return following
