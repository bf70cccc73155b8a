"""The record of processing (*registerförteckning*, GDPR art. 30): each
purpose for which Mandat holds personal data, with its legal basis, the
data and people concerned, who receives it and how long it is kept. The
retention of each is named by its classes in ``retention.py``, the table
the nightly task applies, so the record cannot say otherwise than the task
does."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import retention
from .retention import CLASSES, RetentionClass


@dataclass(frozen=True)
class Processing:
    purpose: Promise
    basis: Promise
    data: Promise
    people: Promise
    recipients: Promise
    retention_keys: tuple[str, ...]
    sensitive: Promise | None = None

    @property
    def retention(self) -> list[RetentionClass]:
        return [CLASSES[key] for key in self.retention_keys]


PROCESSING: tuple[Processing, ...] = (
    Processing(
        purpose=_(
            "The directory: who holds which assignment, to offer elected "
            "officials the training and support their assignments need"
        ),
        basis=_(
            "Public task (GDPR art. 6.1 e): the municipality's duty to give "
            "its elected officials the conditions for their assignments "
            "(Local Government Act, kommunallagen, ch. 4)"
        ),
        data=_(
            "Name, e-mail address, phone, title, home municipality, register "
            "id, gender (optional, for statistics only), assignments with "
            "body, role and dates, log-in account"
        ),
        people=_("Elected officials, officials, external speakers"),
        recipients=_(
            "The coordinator and administrator; a committee secretary for "
            "their own bodies. No one outside the organisation."
        ),
        sensitive=_(
            "Party affiliation (political opinion, art. 9): stored on the "
            "assignment, shown beside the role, never a filter or a report "
            "over individuals by party; processed under art. 9.2 g and as "
            "made public by the person (art. 9.2 e). Protected identity "
            "(skyddad identitet): the name is shown only to the coordinator "
            "and administrator and never leaves in a file."
        ),
        retention_keys=(retention.PERSON_LEFT, "participation", retention.IMPORT_FILES),
    ),
    Processing(
        purpose=_(
            "Trainings: invitations, registrations, waiting lists, "
            "attendance and the annual report's figures"
        ),
        basis=_("Public task (GDPR art. 6.1 e)"),
        data=_(
            "Invitations and answers, registrations, attendance per session, "
            "dietary and accessibility needs"
        ),
        people=_("Elected officials, officials, course leaders and speakers"),
        recipients=_("The coordinator; the course leader for their occasion"),
        sensitive=_(
            "Accessibility and dietary needs may reveal health (art. 9): given "
            "by the person for the occasion (art. 9.2 a) and cleared after it."
        ),
        retention_keys=(retention.REGISTRATION_NEEDS, "participation"),
    ),
    Processing(
        purpose=_("Evaluations and surveys of trainings"),
        basis=_("Public task (GDPR art. 6.1 e)"),
        data=_(
            "Who was asked and whether they answered; the answers are "
            "anonymous and linked to no one"
        ),
        people=_("Participants of trainings, recipients of surveys"),
        recipients=_(
            "The coordinator sees response rates and results of groups of at "
            "least five, never who answered what"
        ),
        retention_keys=("participation", "evaluation_answers"),
    ),
    Processing(
        purpose=_("Steering groups and networks: meetings, minutes, approvals"),
        basis=_(
            "Public task (GDPR art. 6.1 e) and legal obligation (art. 6.1 c): "
            "the Archives Act (arkivlagen) and the principle of public access "
            "to official documents"
        ),
        data=_(
            "Members and participants, attendance, action items, approvals "
            "of the minutes with comments"
        ),
        people=_("Members, substitutes and other participants of the groups"),
        recipients=_(
            "The group's members and secretary; anyone who asks for an "
            "official document, after the secrecy review"
        ),
        retention_keys=("minutes", "training_plans"),
    ),
    Processing(
        purpose=_("E-mail and calendars: messages sent and personal feeds"),
        basis=_("Public task (GDPR art. 6.1 e)"),
        data=_(
            "E-mail address, name, the text of each message, personal "
            "calendar addresses"
        ),
        people=_("Everyone Mandat writes to"),
        recipients=_(
            "The coordinator (the outbox); the e-mail provider as processor "
            "(personuppgiftsbiträde)"
        ),
        retention_keys=(retention.OUTBOX, retention.CALENDAR_FEEDS),
    ),
    Processing(
        purpose=_("Log-in, security and the audit trail of changes"),
        basis=_(
            "Public task and legal obligation (GDPR art. 6.1 c and e; art. "
            "32, security of processing)"
        ),
        data=_(
            "Log-in e-mail address, roles, log-in links, the client address "
            "of link requests; with the organisation's own log-in the "
            "subject its identity provider knows the account by, and when it "
            "was last used; who changed what and when, with old and new "
            "values"
        ),
        people=_("Users of Mandat and everyone whose records change"),
        recipients=_("The administrator; the hosting provider as processor"),
        retention_keys=(
            retention.LOGIN_LINKS,
            retention.LINK_REQUESTS,
            retention.AUDIT,
        ),
    ),
)
