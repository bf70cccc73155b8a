"""The one way Mandat sends e-mail: a row per recipient and event in the
outbox, rendered in the recipient's language, sent by the worker.

One module per part:

texts     what a message says: rendering, plain values, the coordinator's texts
queueing  queueing one message, many, or one written when it is sent
sending   sending, retrying and sending again
feeds     a person's calendar address, made and revoked
"""

from .feeds import calendar_feed_create, calendar_feed_revoke
from .queueing import (
    Attachment,
    Recipient,
    Writing,
    calendar_method_of,
    message_queue,
    message_queue_bulk,
    message_queue_written_later,
    message_write,
    requeue_after,
)
from .sending import (
    MAX_ATTEMPTS,
    lease,
    message_id_for,
    message_resend,
    message_retry_due,
    message_send,
)
from .texts import (
    PLAIN_FIELDS,
    message_render,
    message_template_reset,
    message_template_save,
    plain_context,
)

__all__ = [
    "calendar_feed_create",
    "calendar_feed_revoke",
    "MAX_ATTEMPTS",
    "PLAIN_FIELDS",
    "Attachment",
    "Recipient",
    "Writing",
    "calendar_method_of",
    "lease",
    "message_id_for",
    "message_queue",
    "message_queue_bulk",
    "message_queue_written_later",
    "message_resend",
    "message_retry_due",
    "message_send",
    "message_template_reset",
    "message_template_save",
    "message_write",
    "plain_context",
    "message_render",
    "requeue_after",
]
