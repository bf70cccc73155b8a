"""The outbox of the last two months (older messages are not kept here, as
an installation that prunes its outbox would not), every message sent;
personal calendar feeds of some of the people with an account; and one
audit entry per organisation saying it was generated."""

import datetime

from django.conf import settings
from psycopg.types.json import Jsonb

from .context import DAY
from .trainings import RECENT

SENT_AFTER = datetime.timedelta(minutes=2)
NO_ATTACHMENTS = Jsonb([])
SUBJECTS = {
    "confirmed": "Anmälan bekräftad",
    "waitlisted": "Plats på väntelistan",
    "promoted": "Du har fått en plats",
    "cancelled": "Anmälan avbokad",
}


def build(ctx, note: str) -> None:
    """Write the recent outbox, the calendar feeds and the audit entry."""
    if ctx.spec.kind != "natverk":
        _trainings(ctx)
        _evaluations(ctx)
    _meetings(ctx)
    _feeds(ctx)
    t = ctx.t
    ctx.add(
        t.audit,
        (
            ctx.new_id(t.audit),
            ctx.org_id,
            None,
            "mandat generate",
            ctx.now,
            "create",
            "core.organisation",
            str(ctx.org_id),
            ctx.spec.name,
            Jsonb({}),
            note[:300],
        ),
    )


def _message(
    ctx, *, event, key, person, subject, body, content_type, object_id, queued
) -> None:
    t, rng = ctx.t, ctx.rng
    person_row = ctx.people[person]
    failed = rng.random() < 0.003
    ctx.add(
        t.message,
        (
            ctx.new_id(t.message),
            ctx.org_id,
            event,
            key,
            person,
            person_row.email,
            person_row.name,
            "sv",
            subject[:300],
            body,
            "",
            "",
            ctx.reply_to,
            NO_ATTACHMENTS,
            content_type,
            object_id,
            "failed" if failed else "sent",
            5 if failed else 1,
            "550 5.1.1 Mailbox unavailable" if failed else "",
            None,
            None,
            queued,
            None if failed else queued + SENT_AFTER,
        ),
    )


def _trainings(ctx) -> None:
    site = settings.SITE_URL
    recent = ctx.now - RECENT
    kind = ctx.content_types["training"]
    for record in ctx.trainings:
        for invitation, person, token in record.invitations:
            first = ctx.people[person].first
            _message(
                ctx,
                event="trainings.invitation",
                key=f"training-invitation:{invitation}",
                person=person,
                subject=f"Inbjudan: {record.title}",
                body=f"Hej {first}!\n\nDu är inbjuden till {record.title}.\n\n"
                f"Anmäl dig här: {site}/t/{token}/\n",
                content_type=kind,
                object_id=record.id,
                queued=record.batch_at + datetime.timedelta(minutes=1),
            )
        for reg in record.registrations:
            occasion = record.occasions[reg.occasion]
            events = [
                (
                    "confirmed"
                    if reg.promoted is None and (reg.status != "waiting")
                    else "waitlisted",
                    reg.created,
                )
            ]
            if reg.promoted:
                events.append(("promoted", reg.promoted))
            if reg.cancelled:
                events.append(("cancelled", reg.cancelled))
            for what, when in events:
                if when < recent:
                    continue
                _message(
                    ctx,
                    event=f"trainings.registration_{what}",
                    key=f"registration-{what}:{reg.id}",
                    person=reg.person,
                    subject=f"{SUBJECTS[what]}: {record.title}",
                    body=f"{record.title}\n{occasion.starts_at:%Y-%m-%d %H:%M}\n",
                    content_type=kind,
                    object_id=record.id,
                    queued=when,
                )
            reminder = occasion.starts_at - DAY * 3
            if reg.status == "registered" and recent <= reminder <= ctx.now:
                starts = occasion.starts_at.astimezone(datetime.UTC).isoformat()
                _message(
                    ctx,
                    event="trainings.reminder",
                    key=f"reminder:{reg.id}:{starts}",
                    person=reg.person,
                    subject=f"Påminnelse: {record.title}",
                    body=f"Välkommen till {record.title} "
                    f"{occasion.starts_at:%Y-%m-%d %H:%M}.\n",
                    content_type=kind,
                    object_id=record.id,
                    queued=reminder,
                )


def _evaluations(ctx) -> None:
    kind = ctx.content_types["questionnaire"]
    for recipient, person, questionnaire, sent, reminded in ctx.recipients:
        _message(
            ctx,
            event="evaluations.request",
            key=f"evaluation:{recipient}",
            person=person,
            subject="Vad tyckte du om utbildningen?",
            body="Svara anonymt på några frågor om utbildningen.\n",
            content_type=kind,
            object_id=questionnaire,
            queued=sent,
        )
        if reminded and sent + DAY * 5 <= ctx.now:
            _message(
                ctx,
                event="evaluations.reminder",
                key=f"evaluation-reminder:{recipient}",
                person=person,
                subject="Påminnelse: vad tyckte du om utbildningen?",
                body="Svara anonymt på några frågor om utbildningen.\n",
                content_type=kind,
                object_id=questionnaire,
                queued=sent + DAY * 5,
            )


def _meetings(ctx) -> None:
    kind = ctx.content_types["meeting"]
    recent = ctx.now - RECENT
    for meeting in ctx.meetings:
        if meeting.notice is None or meeting.notice < recent:
            continue
        for person in dict.fromkeys(meeting.notified):
            _message(
                ctx,
                event="meetings.notice",
                key=f"meetings.notice:{meeting.id}:{person}:0",
                person=person,
                subject=f"Kallelse: {ctx.group_name} {meeting.starts_at:%Y-%m-%d}",
                body=f"Välkommen till {ctx.group_name} "
                f"{meeting.starts_at:%Y-%m-%d %H:%M}.\n",
                content_type=kind,
                object_id=meeting.id,
                queued=meeting.notice,
            )


def _feeds(ctx) -> None:
    rng, t = ctx.rng, ctx.t
    always = ctx.users.get("fortroendevald")
    for person in ctx.people.values():
        if not person.account_id:
            continue
        if person.account_id == always or rng.random() < 0.3:
            ctx.add(
                t.feed,
                (
                    ctx.new_id(t.feed),
                    person.id,
                    ctx.token(44),
                    ctx.now - DAY * rng.randint(1, 300),
                    None,
                ),
            )
