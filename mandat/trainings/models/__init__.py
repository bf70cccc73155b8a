"""Training plan, trainings, occasions, invitations, registrations, attendance.

A training has one or more occasions (*tillfällen*), and an occasion is what a
person registers for. An occasion has one or more sessions (*pass* or days).
So "four occasions of two days, each person attends one" is four occasions of
two sessions each, and "a series attended in full, day 1 and day 2" is one
occasion of two sessions; attendance is taken per session, and the occasion's
completion rule (e.g. at least 2 of 3 sessions) says what counts as completed.

One module per part:

plan           the training plan of a mandate period and its items
trainings      trainings, occasions, sessions, moves, contributors, documents
registrations  invitations, registrations, the waiting list, attendance
"""

from .plan import PlanItem, TrainingPlan
from .registrations import (
    ACTIVE_STATUSES,
    Invitation,
    InvitationBatch,
    Registration,
    SessionAttendance,
    new_token,
)
from .trainings import (
    Contributor,
    Occasion,
    OccasionMove,
    Session,
    Training,
    TrainingDocument,
    document_path,
)

# new_token and document_path are named here by the migrations.
__all__ = [
    "ACTIVE_STATUSES",
    "Contributor",
    "Invitation",
    "InvitationBatch",
    "Occasion",
    "OccasionMove",
    "PlanItem",
    "Registration",
    "Session",
    "SessionAttendance",
    "Training",
    "TrainingDocument",
    "TrainingPlan",
    "document_path",
    "new_token",
]
