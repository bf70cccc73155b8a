"""A person's register extract (*registerutdrag*, GDPR art. 15): everything
Mandat holds about one person, gathered from every app, as one dictionary.

The JSON download is that dictionary; the web page and the PDF/A are its
one HTML rendering (``extract_document.py``), so the three say the same.
The structure (``FORMAT``) is documented in docs/privacy.md. What it never
holds: evaluation answers (anonymous, linked to no one, so they cannot be
found for anyone), the tokens of personal links and calendar feeds (they
act in the person's name), and other people's data."""

import datetime
import re
from typing import Any

from django.db.models import Q
from django.utils import timezone

from mandat.core.models import AuditEntry
from mandat.directory.models import Person
from mandat.evaluations.models import Recipient
from mandat.knowledge.models import FilmView, HandbookPage
from mandat.meetings.models import ActionItem, ApprovalAnswer, GroupParticipant
from mandat.meetings.models import Attendance as MeetingAttendance
from mandat.notifications.models import CalendarFeed, Message
from mandat.notifications.selectors import text_without_personal_links
from mandat.trainings.models import Contributor, Invitation, Registration

FORMAT = "mandat-register-extract/1"
# The audit trail about the person, newest first, as far as the extract goes.
AUDIT_LIMIT = 1000
# A token of a personal link that an audit entry might quote in a message.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,}")


def _value(value: Any) -> Any:
    """A value as JSON holds it: dates as ISO 8601, local time."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _row(**values: Any) -> dict[str, Any]:
    return {name: _value(value) for name, value in values.items()}


def _person(person: Person) -> dict[str, Any]:
    return _row(
        id=person.pk,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        phone=person.phone,
        kind=person.get_kind_display(),
        gender=person.get_gender_display(),
        title=person.title,
        home_municipality=person.home_municipality,
        register_id=person.register_id,
        protected_identity=person.protected_identity,
        created_at=person.created_at,
        updated_at=person.updated_at,
    )


def _account(person: Person) -> dict[str, Any] | None:
    user = person.account
    if user is None:
        return None
    memberships = user.memberships.filter(
        organisation=person.organisation
    ).select_related("body")
    return {
        **_row(
            email=user.email,
            name=user.full_name,
            language=user.language,
            created_at=user.date_joined,
            last_login=user.last_login,
            active=user.is_active,
        ),
        "roles": [
            _row(role=m.get_role_display(), body=m.body.name if m.body else "")
            for m in memberships
        ],
        # The link to the organisation's own log-in: who the provider says
        # the account is, and when it was last used.
        "single_sign_on": [
            _row(
                subject=identity.subject,
                linked_at=identity.created_at,
                last_used_at=identity.last_used_at,
            )
            for identity in user.sign_on_identities.filter(
                organisation=person.organisation
            )
        ],
    }


def _assignments(person: Person) -> list[dict[str, Any]]:
    rows = person.assignments.select_related("body", "party", "period").order_by(
        "-starts_on", "body__name"
    )
    return [
        _row(
            body=a.body.name,
            role=a.get_role_display(),
            party=a.party.name if a.party else "",
            left_party_on=a.left_party_on,
            substitute_order=a.substitute_order,
            period=a.period.name if a.period else "",
            starts_on=a.starts_on,
            ends_on=a.ends_on,
            end_reason=a.end_reason,
        )
        for a in rows
    ]


def _trainings(person: Person) -> dict[str, list[dict[str, Any]]]:
    invitations = Invitation.objects.filter(person=person).select_related("training")
    registrations = (
        Registration.objects.filter(person=person)
        .select_related("training", "occasion")
        .prefetch_related("attendance__session")
        .order_by("-created_at")
    )
    contributions = Contributor.objects.filter(person=person).select_related(
        "occasion__training"
    )
    return {
        "invitations": [
            _row(
                training=i.training.title,
                invited_at=i.invited_at,
                declined_at=i.declined_at,
                decline_reason=i.decline_reason,
            )
            for i in invitations.order_by("-invited_at")
        ],
        "registrations": [
            {
                **_row(
                    training=r.training.title,
                    occasion=str(r.occasion),
                    status=r.get_status_display(),
                    registered_at=r.created_at,
                    dietary_needs=r.dietary_needs,
                    accessibility_needs=r.accessibility_needs,
                    moved_up_at=r.promoted_at,
                    cancelled_at=r.cancelled_at,
                    status_reason=r.status_reason,
                ),
                "attendance": [
                    _row(session=str(a.session), status=a.get_status_display())
                    for a in sorted(
                        r.attendance.all(), key=lambda a: a.session.starts_at
                    )
                ],
            }
            for r in registrations
        ],
        "contributions": [
            _row(
                training=c.occasion.training.title,
                occasion=str(c.occasion),
                role=c.get_role_display(),
            )
            for c in contributions
        ],
    }


def _evaluations(person: Person) -> list[dict[str, Any]]:
    rows = Recipient.objects.filter(person=person).select_related("questionnaire")
    return [
        _row(
            questionnaire=r.questionnaire.title,
            sent_at=r.sent_at,
            link_works_until=r.closes_at,
            reminded=r.reminded,
            has_answered=r.has_answered,
        )
        for r in rows.order_by("-sent_at")
    ]


def _meetings(person: Person) -> dict[str, list[dict[str, Any]]]:
    groups = GroupParticipant.objects.filter(person=person).select_related(
        "group__body"
    )
    attendance = (
        MeetingAttendance.objects.filter(person=person)
        .select_related("meeting__group__body", "party")
        .order_by("-meeting__starts_at")
    )
    approvals = ApprovalAnswer.objects.filter(person=person).select_related("request")
    actions = ActionItem.objects.filter(owner=person).select_related(
        "meeting__group__body"
    )
    return {
        "meeting_groups": [
            _row(
                group=str(g.group),
                affiliation=g.affiliation,
                keeps_minutes=g.is_secretary,
                starts_on=g.starts_on,
                ends_on=g.ends_on,
            )
            for g in groups
        ],
        "meeting_attendance": [
            _row(
                meeting=str(a.meeting),
                held_at=a.meeting.starts_at,
                capacity=a.get_capacity_display(),
                role=a.role,
                party=a.party.name if a.party else "",
                home_municipality=a.home_municipality,
                status=a.get_status_display(),
            )
            for a in attendance
        ],
        "approvals": [
            _row(
                document=a.request.title,
                answer=a.get_answer_display(),
                comment=a.comment,
                answered_at=a.answered_at,
            )
            for a in approvals.order_by("-request__created_at")
        ],
        "action_items": [
            _row(
                what=a.what,
                meeting=str(a.meeting),
                due_on=a.due_on,
                status=a.get_status_display(),
                closed_on=a.closed_on,
            )
            for a in actions.order_by("-created_at")
        ],
    }


def _knowledge(person: Person) -> dict[str, list[dict[str, Any]]]:
    films = FilmView.objects.filter(person=person).select_related("film")
    pages = HandbookPage.objects.filter(owner=person)
    return {
        "films_watched": [
            _row(film=f.film.title, watched_on=f.watched_on)
            for f in films.order_by("-watched_on")
        ],
        "handbook_pages_owned": [
            _row(title=p.title, reviewed_on=p.reviewed_on) for p in pages
        ],
    }


def _messages(person: Person) -> dict[str, list[dict[str, Any]]]:
    messages = Message.objects.filter(person=person).order_by("-created_at")
    feeds = CalendarFeed.objects.filter(person=person).order_by("-created_at")
    return {
        "messages": [
            _row(
                queued_at=m.created_at,
                sent_at=m.sent_at,
                to=m.to_email,
                subject=text_without_personal_links(m.subject),
                status=m.get_status_display(),
            )
            for m in messages.only(
                "created_at", "sent_at", "to_email", "subject", "status"
            )
        ],
        # That a feed exists and since when: never its secret address.
        "calendar_feeds": [
            _row(created_at=f.created_at, revoked_at=f.revoked_at) for f in feeds
        ],
    }


def audit_about(person: Person) -> "Q":
    """The audit entries about ``person``: their record, and their
    assignments, invitations, registrations and regular places in groups."""
    about = Q(object_type="directory.person", object_id=str(person.pk))
    for object_type, ids in (
        ("directory.assignment", person.assignments.values_list("pk", flat=True)),
        (
            "trainings.invitation",
            Invitation.objects.filter(person=person).values_list("pk", flat=True),
        ),
        (
            "trainings.registration",
            Registration.objects.filter(person=person).values_list("pk", flat=True),
        ),
        (
            "meetings.groupparticipant",
            GroupParticipant.objects.filter(person=person).values_list("pk", flat=True),
        ),
    ):
        about |= Q(object_type=object_type, object_id__in=[str(pk) for pk in ids])
    return about


def _audit(person: Person) -> list[dict[str, Any]]:
    entries = AuditEntry.objects.filter(
        audit_about(person), organisation=person.organisation
    ).order_by("-created_at", "-id")[:AUDIT_LIMIT]
    return [
        {
            **_row(
                time=e.created_at,
                action=e.get_action_display(),
                record_type=e.object_type_label,
                record=e.object_repr,
                changed_by=e.actor_label,
                note=_TOKEN.sub("…", e.message),
            ),
            "changes": [
                {"field": label, "old": old, "new": new}
                for label, old, new in e.readable_changes
            ],
        }
        for e in entries
    ]


def person_extract(person: Person) -> dict[str, Any]:
    """Return everything Mandat holds about ``person``, as the documented
    structure ``FORMAT`` (docs/privacy.md)."""
    organisation = person.organisation
    return {
        "format": FORMAT,
        "made_at": _value(timezone.now()),
        "organisation": {
            "name": organisation.name,
            "organisation_number": organisation.organisation_number,
        },
        "person": _person(person),
        "account": _account(person),
        "assignments": _assignments(person),
        **_trainings(person),
        "evaluations": _evaluations(person),
        **_meetings(person),
        **_knowledge(person),
        **_messages(person),
        "audit_trail": _audit(person),
    }
