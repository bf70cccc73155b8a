"""Evaluations of the demo's held trainings, answered as people answer:
most are satisfied, a few are not, some say what they miss. Past answers
are written as records, the way an import of last years' paper forms would
be; one evaluation stays open so the coordinator sees a live one, and the
latest held training has none yet."""

import datetime
import random

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from mandat.trainings.models import Training

from . import services
from .models import Answer, Need, Questionnaire, Recipient, Response

BEST = [
    "Föreläsaren var mycket kunnig och konkret.",
    "Bra blandning av teori och exempel från vår egen kommun.",
    "Att få diskutera i grupp med andra nämnder.",
    "Tydligt om vad som är mitt ansvar som förtroendevald.",
    "Korta pass och långa pauser, det gjorde det lätt att orka.",
]
BETTER = [
    "Mer tid för frågor.",
    "Skicka ut materialet i förväg.",
    "Lokalen var för trång och ljudet dåligt för oss på distans.",
    "Färre bilder, fler exempel.",
]
WISHES = [
    "Utbildning i att läsa en budget och ett bokslut.",
    "Mer om offentlighet och sekretess i praktiken.",
    "Hur man leder digitala sammanträden.",
    "Arbetsmiljöansvar för förtroendevalda.",
    "Medborgardialog med unga.",
]


def seed(*, organisation) -> None:
    """Create the demo evaluations unless they exist."""
    if Questionnaire.objects.filter(organisation=organisation).exists():
        return
    rng = random.Random(2028)
    held = list(
        Training.objects.filter(organisation=organisation, status=Training.Status.HELD)
        .annotate(first=Min("occasions__starts_at"))
        .prefetch_related("occasions")
        .order_by("first")
    )
    # The latest held training is left without an evaluation, for the
    # coordinator to make and send; the one before it is still open.
    earlier = held[:-1][-8:]
    with transaction.atomic():
        for number, training in enumerate(earlier):
            _evaluation(
                organisation, training, rng, open_now=number == len(earlier) - 1
            )


def _evaluation(organisation, training, rng, *, open_now: bool):
    questionnaire = services.questionnaire_create(
        actor=None,
        organisation=organisation,
        title=f"Utvärdering: {training.title}",
        training=training,
    )
    questions = {q.position: q for q in questionnaire.questions.all()}
    grade, relevance = questions[10], questions[20]
    best, better, wishes = questions[30], questions[40], questions[50]
    gender, category = questions[60], questions[70]
    recipients: list[Recipient] = []
    for occasion in training.occasions.all():
        people = list(services.occasion_attendees(occasion))
        sent = occasion.ends_at + datetime.timedelta(days=1)
        recipients += [
            Recipient(
                questionnaire=questionnaire,
                person=person,
                occasion=occasion,
                sent_at=sent,
                closes_at=sent + datetime.timedelta(days=21),
                reminded=True,
            )
            for person in people
            if person.pk not in {r.person_id for r in recipients}
        ]
    share = rng.uniform(0.55, 0.8)
    for recipient in recipients:
        recipient.has_answered = rng.random() < share
    Recipient.objects.bulk_create(recipients)
    for recipient in recipients:
        if not recipient.has_answered:
            continue
        response = Response.objects.create(
            questionnaire=questionnaire,
            submitted_on=timezone.localdate(recipient.sent_at)
            + datetime.timedelta(days=rng.randint(0, 6)),
        )
        step = rng.choices([0, 1, 2, 3], weights=[3, 17, 45, 35])[0]
        rows = [
            Answer(response=response, question=grade, value=step),
            Answer(
                response=response,
                question=relevance,
                value=min(3, max(0, step + rng.choice([-1, 0, 0, 1]))),
            ),
        ]
        for question, texts, chance in (
            (best, BEST, 0.5),
            (better, BETTER, 0.3),
            (wishes, WISHES, 0.35),
        ):
            if rng.random() < chance:
                rows.append(
                    Answer(response=response, question=question, text=rng.choice(texts))
                )
        if rng.random() < 0.85:
            rows.append(
                Answer(
                    response=response,
                    question=gender,
                    value=rng.choices([0, 1, 2], weights=[50, 46, 4])[0],
                )
            )
        if rng.random() < 0.8:
            rows.append(
                Answer(
                    response=response,
                    question=category,
                    value=rng.choices(
                        range(len(category.choices)), weights=[30, 25, 30, 8, 4, 3]
                    )[0],
                )
            )
        Answer.objects.bulk_create(rows)
    questionnaire.status = (
        Questionnaire.Status.OPEN if open_now else Questionnaire.Status.CLOSED
    )
    questionnaire.save(update_fields=["status"])
    wish = Answer.objects.filter(question=wishes).order_by("text").first()
    if wish is not None and not Need.objects.filter(text=wish.text).exists():
        services.need_add(actor=None, question=wishes, text=wish.text)
