"""The pages of trainings, one module per part (see each module)."""

from .participants import (
    checkin,
    checkin_mark,
    contributor_add,
    contributor_remove,
    participants,
    register_on_behalf,
    registration_change,
)
from .personal import (
    my_feed,
    my_training,
    my_trainings,
    personal,
)
from .plan import (
    plan_detail,
    plan_item_edit,
    plan_list,
)
from .trainings import (
    TrainingListView,
    document_download,
    document_upload,
    invite,
    invite_rule_delete,
    invite_send,
    occasion_cancel,
    occasion_create,
    occasion_decide,
    occasion_edit,
    training_create,
    training_detail,
    training_edit,
    training_status,
)

__all__ = [
    "plan_list",
    "plan_detail",
    "plan_item_edit",
    "TrainingListView",
    "training_create",
    "training_edit",
    "training_detail",
    "training_status",
    "occasion_create",
    "occasion_edit",
    "occasion_cancel",
    "occasion_decide",
    "invite",
    "invite_rule_delete",
    "invite_send",
    "document_upload",
    "document_download",
    "participants",
    "register_on_behalf",
    "registration_change",
    "contributor_add",
    "contributor_remove",
    "checkin",
    "checkin_mark",
    "personal",
    "my_trainings",
    "my_training",
    "my_feed",
]
