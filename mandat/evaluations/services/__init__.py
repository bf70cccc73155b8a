"""The only writers of questionnaires, recipients and anonymous responses.

Nothing here logs or audits who answered what: the audit trail records that
a questionnaire was sent, never an answer, and answering writes the
``Recipient`` flag and the ``Response`` rows without a link between them.

One module per part:

questionnaires  questionnaires, their questions and status
sending         personal links by e-mail, automatic evaluations, reminders
responses       answers by link and on paper, past recipients, the needs list
"""

from .questionnaires import (
    question_remove,
    question_save,
    questionnaire_create,
    questionnaire_set_status,
    questionnaire_update,
    standard_questions,
)
from .responses import (
    PAPER_LIMIT,
    history_recipients_record,
    need_add,
    paper_answers_record,
    response_submit,
)
from .sending import (
    ATTENDED,
    evaluations_due,
    occasion_attendees,
    questionnaire_send,
    recipient_answer_link,
    reminders_due,
)

__all__ = [
    "ATTENDED",
    "PAPER_LIMIT",
    "recipient_answer_link",
    "evaluations_due",
    "history_recipients_record",
    "need_add",
    "occasion_attendees",
    "paper_answers_record",
    "question_remove",
    "question_save",
    "questionnaire_create",
    "questionnaire_update",
    "questionnaire_send",
    "questionnaire_set_status",
    "reminders_due",
    "response_submit",
    "standard_questions",
]
