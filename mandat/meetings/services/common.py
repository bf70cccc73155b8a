"""Helpers the meeting services share."""

from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError

from ..models import Meeting


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
