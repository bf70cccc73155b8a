"""Asking people: personal links by e-mail to the attendees of an occasion
or to chosen people, the automatic evaluations after an occasion, and
reminders."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.addresses import absolute_url
from mandat.core.exceptions import ApplicationError
from mandat.core.services import Actor, audit_updated
from mandat.directory.models import Person
from mandat.notifications.services import Recipient as MailRecipient
from mandat.notifications.services import message_queue, message_queue_bulk
from mandat.trainings.models import Occasion, SessionAttendance

from ..models import Questionnaire, Recipient


def recipient_answer_link(recipient: Recipient) -> str:
    return absolute_url(reverse("evaluations:answer", args=[recipient.token]))


ATTENDED = [SessionAttendance.Status.ATTENDED, SessionAttendance.Status.PARTLY]


def occasion_attendees(
    occasion: Occasion, *, elected_only: bool = False
) -> QuerySet[Person]:
    """The people who attended at least part of the occasion (only the
    elected officials among them with ``elected_only``)."""
    people = Person.objects.all()
    if elected_only:
        people = people.filter(kind=Person.Kind.ELECTED)
    return people.filter(
        training_registrations__occasion=occasion,
        training_registrations__attendance__status__in=[
            SessionAttendance.Status.ATTENDED,
            SessionAttendance.Status.PARTLY,
        ],
    ).distinct()


@transaction.atomic
def questionnaire_send(
    *,
    actor: Actor,
    questionnaire: Questionnaire,
    people: Iterable[Person],
    occasion: Occasion | None = None,
) -> int:
    """Give each person a personal link by e-mail; people asked already are
    skipped. Return how many were asked now."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.status != Questionnaire.Status.OPEN:
        raise ApplicationError(_("Open the questionnaire before sending it."))
    asked = set(questionnaire.recipients.values_list("person_id", flat=True))
    closes_at = timezone.now() + datetime.timedelta(days=questionnaire.open_days)
    new = [
        Recipient(
            questionnaire=questionnaire,
            person=person,
            occasion=occasion,
            closes_at=closes_at,
        )
        for person in people
        if person.pk not in asked
        and person.organisation_id == questionnaire.organisation_id
    ]
    Recipient.objects.bulk_create(new)
    recipients = list(
        questionnaire.recipients.filter(
            person__in=[r.person for r in new]
        ).select_related("person__account")
    )
    message_queue_bulk(
        organisation=questionnaire.organisation,
        event="evaluations.request",
        items=[
            (
                MailRecipient.for_person(recipient.person),
                f"evaluation:{recipient.pk}",
                {
                    "person": recipient.person,
                    "questionnaire": questionnaire,
                    "link": recipient_answer_link(recipient),
                    "closes": recipient.closes_at,
                },
            )
            for recipient in recipients
        ],
        about=questionnaire,
    )
    if new:
        audit_updated(actor, questionnaire, message=f"sent to {len(new)}")
    return len(new)


def evaluations_due() -> int:
    """Send the evaluation of occasions held at least a few hours ago whose
    attendance is taken; run by the worker every minute."""
    now = timezone.now()
    occasions = (
        Occasion.objects.filter(
            ends_at__lte=now - datetime.timedelta(hours=3),
            ends_at__gte=now - datetime.timedelta(days=30),
            training__questionnaire__status=Questionnaire.Status.OPEN,
            training__questionnaire__send_automatically=True,
        )
        .exclude(status=Occasion.Status.CANCELLED)
        .exclude(questionnaire_recipients__isnull=False)
        .select_related("training__questionnaire")
    )
    sent = 0
    for occasion in occasions:
        questionnaire = occasion.training.questionnaire
        people = list(
            occasion_attendees(
                occasion,
                elected_only=questionnaire.audience == Questionnaire.Audience.ELECTED,
            )
        )
        if people:
            sent += questionnaire_send(
                actor=None,
                questionnaire=occasion.training.questionnaire,
                people=people,
                occasion=occasion,
            )
    return sent


def reminders_due() -> int:
    """Remind once those who have not answered after the set days."""
    now = timezone.now()
    due = Recipient.objects.filter(
        has_answered=False,
        reminded=False,
        closes_at__gt=now,
        questionnaire__status=Questionnaire.Status.OPEN,
        questionnaire__reminder_days__gt=0,
    ).select_related("questionnaire__organisation", "person__account")
    count = 0
    for recipient in due:
        days = recipient.questionnaire.reminder_days
        if recipient.sent_at > now - datetime.timedelta(days=days):
            continue
        message_queue(
            organisation=recipient.questionnaire.organisation,
            event="evaluations.reminder",
            recipient=MailRecipient.for_person(recipient.person),
            dedupe_key=f"evaluation-reminder:{recipient.pk}",
            context={
                "person": recipient.person,
                "questionnaire": recipient.questionnaire,
                "link": recipient_answer_link(recipient),
                "closes": recipient.closes_at,
            },
            about=recipient.questionnaire,
        )
        Recipient.objects.filter(pk=recipient.pk).update(reminded=True)
        count += 1
    return count
