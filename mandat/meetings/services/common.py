"""Helpers the meeting services share."""

from typing import Any

from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.services import Actor, audit_updated, changed

from ..models import AgendaItem, Meeting


def meeting_check_editable(meeting: Meeting) -> None:
    """Refuse to change what finalised minutes say without a correction."""
    if meeting.minutes_status == Meeting.Minutes.APPROVED:
        raise ApplicationError(
            _(
                "The minutes of this meeting are approved and locked. Record a "
                "correction instead; it is shown with the minutes."
            )
        )
    if meeting.minutes_status == Meeting.Minutes.FINALISED:
        raise ApplicationError(
            _(
                "The minutes of this meeting are finalised. Record a correction "
                "instead; it is shown with the minutes."
            )
        )
    if meeting.is_cancelled:
        raise ApplicationError(_("The meeting is cancelled."))


def item_change_audit(
    actor: Actor, meeting: Meeting, before: dict[str, Any], item: AgendaItem
) -> None:
    """Record in the meeting's trail what changed on one of its items."""
    audit_updated(
        actor,
        meeting,
        changed(before, item),
        message=_("item changed: %(title)s") % {"title": item.title},
    )
