"""Writers for trainings, one module per part:

plan           the training plan of a mandate period
trainings      trainings, occasions and their sessions
contributors   the people who lead an occasion, a training's documents
invitations    a training's target group and the invitations sent to it
registrations  registrations, the waiting list, attendance
messages       what trainings send, and the periodic checks
"""

from .contributors import contributor_add, contributor_remove, document_add
from .invitations import (
    invitation_batches_requeue,
    invitation_send,
    invitations_queue,
    target_rule_add,
    target_rule_remove,
)
from .messages import (
    coordinator_recipients,
    occasions_under_minimum,
    registration_calendar,
    registration_calendar_file,
    registration_link,
    reminders_due,
)
from .plan import (
    plan_create,
    plan_item_save,
)
from .registrations import (
    REGISTRATION_FIELDS,
    ManyRegistered,
    attendance_record,
    invitation_decline,
    registration_cancel,
    registration_create,
    registration_create_many,
    registration_set_status,
    registration_update_needs,
)
from .trainings import (
    OCCASION_FIELDS,
    SessionInput,
    occasion_cancel,
    occasion_create,
    occasion_update,
    training_create,
    training_set_status,
    training_update,
)

__all__ = [
    "registration_calendar_file",
    "invitation_decline",
    "ManyRegistered",
    "registration_create_many",
    "plan_create",
    "plan_item_save",
    "training_create",
    "training_update",
    "training_set_status",
    "SessionInput",
    "OCCASION_FIELDS",
    "occasion_create",
    "occasion_update",
    "occasion_cancel",
    "contributor_add",
    "document_add",
    "contributor_remove",
    "target_rule_add",
    "target_rule_remove",
    "invitation_batches_requeue",
    "invitation_send",
    "invitations_queue",
    "REGISTRATION_FIELDS",
    "registration_create",
    "registration_update_needs",
    "registration_cancel",
    "registration_set_status",
    "attendance_record",
    "registration_link",
    "registration_calendar",
    "coordinator_recipients",
    "reminders_due",
    "occasions_under_minimum",
]
