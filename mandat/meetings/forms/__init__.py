"""Forms of meetings, one module per part, as in ``meetings/views/``:

common     date and time widgets, the years of a meeting, local_datetime
groups     groups and networks, members, participants, hosts, commissions
meetings   meetings, terms, attendance, items, action items, documents
minutes    finalising and correcting the minutes
approvals  approval of the minutes by e-mail
"""

from .approvals import ApprovalAnswerForm, ApprovalForm
from .common import DATE, MEETING_YEARS, TIME, local_datetime
from .groups import (
    CommissionForm,
    CommissionUpdateForm,
    GroupCreateForm,
    GroupSettingsForm,
    HostTurnForm,
    MemberForm,
    NetworkMemberForm,
    ParticipantForm,
)
from .meetings import (
    ActionItemForm,
    ActionStatusForm,
    AttendanceForm,
    AttendeeAddForm,
    DocumentForm,
    ItemForm,
    MeetingForm,
    NextMeetingForm,
    ReasonForm,
    TermForm,
)
from .minutes import CorrectionForm, FinaliseForm

__all__ = [
    "ActionItemForm",
    "ActionStatusForm",
    "ApprovalAnswerForm",
    "ApprovalForm",
    "AttendanceForm",
    "AttendeeAddForm",
    "CommissionForm",
    "CommissionUpdateForm",
    "CorrectionForm",
    "DATE",
    "DocumentForm",
    "FinaliseForm",
    "GroupCreateForm",
    "GroupSettingsForm",
    "HostTurnForm",
    "ItemForm",
    "MEETING_YEARS",
    "MeetingForm",
    "MemberForm",
    "NetworkMemberForm",
    "NextMeetingForm",
    "ParticipantForm",
    "ReasonForm",
    "TIME",
    "TermForm",
    "local_datetime",
]
