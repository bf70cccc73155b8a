"""Steering groups and networks, their meetings, minutes and approvals.

A group is a body of the directory (a steering group, network or working
group), so its members are the body's assignments: role, party or home
municipality, and term. What the directory does not hold lives here: the
group's meeting settings, its regular participants from the office and, for
a network, the host organisation per year."""

from .approvals import ApprovalAnswer, ApprovalRequest
from .attendance import Attendance
from .commissions import Commission, CommissionEvent
from .groups import (
    GroupParticipant,
    HostTurn,
    MeetingGroup,
    NetworkMember,
    QuorumRule,
)
from .items import ActionItem, AgendaItem, MeetingDocument
from .meetings import Meeting
from .minutes import MinutesCorrection

__all__ = [
    "ActionItem",
    "AgendaItem",
    "ApprovalAnswer",
    "ApprovalRequest",
    "Attendance",
    "Commission",
    "CommissionEvent",
    "GroupParticipant",
    "HostTurn",
    "NetworkMember",
    "Meeting",
    "MeetingDocument",
    "MeetingGroup",
    "MinutesCorrection",
    "QuorumRule",
]
