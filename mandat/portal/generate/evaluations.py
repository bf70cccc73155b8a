"""Evaluations of held trainings and a yearly survey: the standard questions,
who was asked and whether they answered, and the anonymous responses.

A response is written apart from its recipient: the responses of a
questionnaire are shuffled and keyed by random UUIDs, and nothing in a
response or an answer points at a person, a recipient or an occasion."""

import datetime

from psycopg.types.json import Jsonb

from mandat.evaluations.demo import BEST, BETTER, WISHES

from .context import DAY, at
from .trainings import RECENT

EVALUATED_SHARE = 0.9


def build(ctx) -> None:
    """Write the questionnaires, recipients, responses and needs."""
    rng = ctx.rng
    by_period: dict[int, list[int]] = {}
    for record in ctx.trainings:
        held = [o for o in record.occasions if o.status == "held" and o.attendees]
        if not held or rng.random() >= EVALUATED_SHARE:
            continue
        last = max(o.ends_at for o in held)
        questionnaire = _questionnaire(
            ctx,
            kind="evaluation",
            title=f"Utvärdering: {record.title}"[:200],
            training=record.id,
            closed=last + DAY * 22 < ctx.now,
            created=at(record.first_day - DAY * 3, 10),
        )
        record.questionnaire = questionnaire
        asked = []
        seen = set()
        for occasion in held:
            sent = occasion.ends_at + DAY
            for person in occasion.attendees:
                if person not in seen:
                    seen.add(person)
                    asked.append((person, occasion.id, sent))
        _answers(ctx, questionnaire, asked)
        period = ctx.period_on(record.first_day)
        if period is not None:
            by_period.setdefault(period.index, []).append(questionnaire[0])
    _surveys(ctx)
    for period in ctx.periods:
        sources = by_period.get(period.index, [])
        for text in rng.sample(
            WISHES, min(len(WISHES), len(sources), rng.randint(2, 4))
        ):
            day = min(ctx.today, datetime.date(period.election + 2, 3, 1))
            ctx.add(
                ctx.t.need,
                (
                    ctx.new_id(ctx.t.need),
                    ctx.org_id,
                    period.id,
                    text,
                    rng.choice(sources),
                    at(day, 11),
                ),
            )


def _questionnaire(ctx, *, kind, title, training, closed, created) -> tuple:
    t = ctx.t
    questionnaire_id = ctx.new_id(t.questionnaire)
    ctx.add(
        t.questionnaire,
        (
            questionnaire_id,
            ctx.org_id,
            kind,
            title,
            "",
            training,
            "closed" if closed else "open",
            True,
            "attended",
            5,
            21,
            created,
        ),
    )
    questions = []
    for number, spec in enumerate(ctx.sv["questions"]):
        question_id = ctx.new_id(t.question)
        questions.append(question_id)
        ctx.add(
            t.question,
            (
                question_id,
                questionnaire_id,
                (number + 1) * 10,
                str(spec["kind"]),
                spec["text"],
                "",
                Jsonb(spec.get("choices", [])),
                spec.get("required", False),
                str(spec.get("background", "")),
                spec.get("is_grade", False),
            ),
        )
    return questionnaire_id, questions


def _answers(ctx, questionnaire, asked) -> None:
    """Write who was asked and has answered, then the answers, shuffled apart."""
    rng, t, today, now = ctx.rng, ctx.t, ctx.today, ctx.now
    questionnaire_id, questions = questionnaire
    grade, relevance, best, better, wishes, gender, category = questions
    share = rng.uniform(0.55, 0.8)
    answered_on = []
    for person, occasion_id, sent in asked:
        day = sent.date() + DAY * rng.randint(0, 6)
        answered = rng.random() < share and day <= today
        reminded = now >= sent + DAY * 5 and (
            not answered or day > sent.date() + DAY * 5
        )
        recipient = ctx.new_id(t.recipient)
        ctx.add(
            t.recipient,
            (
                recipient,
                questionnaire_id,
                person,
                occasion_id,
                ctx.token(44),
                sent,
                sent + DAY * 21,
                reminded,
                answered,
            ),
        )
        if now - sent < RECENT:
            ctx.recipients.append((recipient, person, questionnaire_id, sent, reminded))
        if answered:
            answered_on.append(day)
    rng.shuffle(answered_on)
    for day in answered_on:
        response = ctx.uuid()
        ctx.add(t.response, (response, questionnaire_id, day))
        step = rng.choices((0, 1, 2, 3), (3, 17, 45, 35))[0]
        rows = [
            (grade, step, ""),
            (relevance, min(3, max(0, step + rng.choice((-1, 0, 0, 1)))), ""),
        ]
        for question, texts, chance in (
            (best, BEST, 0.5),
            (better, BETTER, 0.3),
            (wishes, WISHES, 0.35),
        ):
            if rng.random() < chance:
                rows.append((question, None, rng.choice(texts)))
        if rng.random() < 0.85:
            rows.append((gender, rng.choices((0, 1, 2), (50, 46, 4))[0], ""))
        if rng.random() < 0.8:
            rows.append((category, rng.choices(range(6), (30, 25, 30, 8, 4, 3))[0], ""))
        for question, value, text in rows:
            ctx.add(t.answer, (ctx.new_id(t.answer), response, question, value, text))


def _surveys(ctx) -> None:
    """Write a yearly survey to the executive board about the next trainings."""
    rng = ctx.rng
    board = ctx.body_named("KS")
    for year in range(ctx.start.year, ctx.today.year + 1):
        sent_day = datetime.date(year, 5, 12)
        if not ctx.start <= sent_day <= ctx.today - DAY * 2:
            continue
        if ctx.spec.officials < 100 and rng.random() < 0.5:
            continue
        people = sorted(
            {
                s.person
                for s in ctx.seats
                if s.body == board.index
                and s.start <= sent_day
                and (s.end is None or s.end >= sent_day)
            }
        )
        if not people:
            continue
        sent = at(sent_day, 9)
        questionnaire = _questionnaire(
            ctx,
            kind="survey",
            title=f"Enkät till kommunstyrelsen: önskemål inför utbildningar {year + 1}",
            training=None,
            closed=sent + DAY * 22 < ctx.now,
            created=sent - DAY,
        )
        _answers(ctx, questionnaire, [(p, None, sent) for p in people])
