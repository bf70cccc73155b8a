"""The minutes as a document: one context built from the meeting's data,
rendered once to HTML (``minutes_html``) in the shape of the steering
group's own minutes (*minnesanteckningar*). The web page, the PDF/A and the
Word file all show that HTML, so they read alike."""

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from mandat.core.addresses import absolute_url
from mandat.core.pdf import pdf_render
from mandat.core.richtext import text_strip_controls
from mandat.core.templatetags.mandat import when
from mandat.directory.models import AssignmentRole

from . import selectors
from .models import ActionItem, AgendaItem, Attendance, Meeting

Status = Attendance.Status


def join_names(names: list[str]) -> str:
    """ "A, B och C"."""
    names = [name for name in names if name]
    if len(names) <= 1:
        return "".join(names)
    return _("%(names)s and %(last)s") % {
        "names": ", ".join(names[:-1]),
        "last": names[-1],
    }


def role_short(role: str) -> str:
    labels: dict[str, str] = {
        AssignmentRole.CHAIR: pgettext("short", "chair"),
        AssignmentRole.FIRST_VICE_CHAIR: pgettext("short", "vice chair"),
        AssignmentRole.SECOND_VICE_CHAIR: pgettext("short", "2nd vice chair"),
        AssignmentRole.SUBSTITUTE: pgettext("short", "substitute"),
    }
    return labels.get(role, "")


def attendee_label(row: Attendance, *, network: bool, chairing_id=None) -> str:
    """ "Annika Westh (L) ordf": the name, then the party (in a network the
    home municipality), then the role where it matters."""
    label = row.person.full_name
    tag = (
        row.home_municipality
        if network
        else (row.party.abbreviation if row.party is not None else "")
    )
    if tag:
        label += f" ({tag})"
    role = role_short(row.role)
    if row.person_id == chairing_id and row.role != AssignmentRole.CHAIR:
        role = pgettext("short", "chairing")
    if row.serving_for is not None:
        role = _("serving for %(name)s") % {"name": row.serving_for.person.full_name}
    if role:
        label += f" {role}"
    return label


class Placed(Protocol):
    """Where a meeting is: a room, a link, or both."""

    @property
    def location(self) -> str: ...
    @property
    def meeting_url(self) -> str: ...


def place_text(meeting: Placed, remote_label: str) -> str:
    """ "Lokal Vargö, or via Teams"."""
    if meeting.location and meeting.meeting_url:
        return _("%(room)s, or %(remote)s") % {
            "room": meeting.location,
            "remote": remote_label[:1].lower() + remote_label[1:],
        }
    if meeting.meeting_url:
        return remote_label
    return meeting.location


@dataclass
class MinutesItem:
    number: int
    item: AgendaItem
    action_items: list = field(default_factory=list)
    attachments: list = field(default_factory=list)


@dataclass(frozen=True)
class FrozenAction:
    """An action item as the finalised minutes listed it."""

    what: str
    owner_name: str
    due_on: object
    status: str

    def get_status_display(self) -> str:
        return str(ActionItem.Status(self.status).label)


def minutes_frozen(meeting: Meeting) -> dict:
    """What finalised minutes must keep saying although it comes from other
    rows that can change later: the follow-up and the next meeting."""
    context = minutes_context(meeting)
    return {
        "follow_up": [
            {
                "what": a.what,
                "owner_name": a.owner_name,
                "due_on": a.due_on.isoformat() if a.due_on else "",
                "status": a.status,
            }
            for a in context["follow_up"]
        ],
        "following_when": context["following_when"],
        "following_place": context["following_place"],
        "following_id": context["following"].pk if context["following"] else None,
        "term": context["term"],
        "attachments": [
            {k: a[k] for k in ("number", "title", "pk", "item_id")}
            for a in context["attachments"]
        ],
    }


# How many of the group's coming meetings the minutes list.
TERM_SHOWN = 12


def _term(meeting: Meeting, remote_label: str) -> list[str]:
    """The group's meetings planned after this one, as the minutes list them
    ("Mötestider"): when, and where when it differs."""
    coming = (
        meeting.group.meetings.filter(starts_at__gt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")[:TERM_SHOWN]
    )
    lines = []
    for coming_meeting in coming:
        parts = [when(coming_meeting.starts_at, coming_meeting.ends_at)]
        if place := place_text(coming_meeting, remote_label):
            parts.append(place)
        if coming_meeting.host:
            parts.append(_("host: %(host)s") % {"host": coming_meeting.host})
        lines.append(", ".join(parts))
    return lines


def _attachments(meeting: Meeting, items: list[AgendaItem]) -> list[dict]:
    """The meeting's documents as the minutes' attachments (*bilagor*),
    numbered in the order of the items they belong to, then the rest."""
    # A document of no item (None) comes after those of the items.
    order: dict[int | None, int] = {
        item.pk: number for number, item in enumerate(items)
    }
    documents = sorted(
        meeting.documents.all(),
        key=lambda d: (order.get(d.item_id, len(order)), d.uploaded_at, d.pk),
    )
    return [
        {
            "number": number,
            "title": document.title,
            "pk": document.pk,
            "item_id": document.item_id,
        }
        for number, document in enumerate(documents, start=1)
    ]


def _chair(meeting: Meeting, rows: list[Attendance]) -> str:
    """Who chaired: the one chosen to chair, else the chair or the first
    vice chair who attended; empty when no one of the presidium came."""
    if meeting.serving_chair is not None:
        return meeting.serving_chair.full_name
    for role in (AssignmentRole.CHAIR, AssignmentRole.FIRST_VICE_CHAIR):
        for row in rows:
            if row.role == role and row.attends:
                return row.person.full_name
    return ""


def _secretary_from(meeting: Meeting) -> str:
    """Where the secretary works, as the signature gives it: their
    affiliation in the group (stadsledningskontoret), else their home
    municipality."""
    secretary = meeting.secretary
    if secretary is None:
        return ""
    participant = meeting.group.participants.filter(person_id=secretary.pk).first()
    place = (
        participant.affiliation
        if participant and participant.affiliation
        else secretary.home_municipality
    )
    return place[:1].upper() + place[1:]


def minutes_context(meeting: Meeting) -> dict:
    """Everything the minutes say, in reading order."""
    group = meeting.group
    network = group.is_network
    rows = selectors.meeting_attendances(meeting=meeting)
    chairing = meeting.serving_chair_id
    members = [r for r in rows if r.capacity != Attendance.Capacity.PARTICIPANT]

    def labels(status):
        return [
            attendee_label(r, network=network, chairing_id=chairing)
            for r in members
            if r.status == status
        ]

    participants: dict[str, list[str]] = {}
    for row in rows:
        if row.capacity == Attendance.Capacity.PARTICIPANT and row.attends:
            participants.setdefault(row.affiliation, []).append(row.person.full_name)
    items = selectors.meeting_items(meeting=meeting)
    minutes_items = [
        MinutesItem(
            number=number, item=item, action_items=list(item.action_items.all())
        )
        for number, item in enumerate(items, start=1)
    ]
    next_item = next(
        (i for i in items if i.standard == AgendaItem.Standard.NEXT_MEETING), None
    )
    following = next_item.next_meeting if next_item else None
    if following is None:
        following = selectors.following_meeting(meeting=meeting)
    follow_up = selectors.open_action_items(meeting=meeting)
    frozen = meeting.minutes_frozen if meeting.minutes_locked else {}
    attachments = (
        frozen["attachments"]
        if "attachments" in frozen
        else _attachments(meeting, items)
    )
    for attachment in attachments:
        attachment["url"] = absolute_url(
            reverse(
                "meetings:document-download",
                args=[meeting.organisation.slug, meeting.pk, attachment["pk"]],
            )
        )
    for entry in minutes_items:
        entry.attachments = [
            a for a in attachments if a.get("item_id") == entry.item.pk
        ]
    all_actions = [a for entry in minutes_items for a in entry.action_items]
    all_actions += [
        a for a in meeting.action_items.select_related("owner") if a.item_id is None
    ]
    remote_label = (
        _("Via %(platform)s") % {"platform": group.remote_label}
        if group.remote_label
        else _("Remotely")
    )
    kind = _("Formal minutes") if group.keeps_formal_minutes else _("Meeting notes")
    day = date_format(timezone.localtime(meeting.starts_at), "Y-m-d")
    title = _("Meeting of %(group)s") % {"group": group.body.name}
    return {
        "meeting": meeting,
        "group": group,
        "title": title,
        "kind": kind,
        "day": day,
        "document_title": f"{title} {kind} {day}",
        "when": when(meeting.starts_at, meeting.ends_at),
        "present": labels(Status.PRESENT),
        "remote": labels(Status.REMOTE),
        "remote_label": remote_label,
        "excused": labels(Status.EXCUSED),
        "absent": labels(Status.ABSENT),
        "participants": [
            (affiliation, join_names(names))
            for affiliation, names in participants.items()
        ],
        "quorum_note": _(
            "The meeting was not quorate, so the items were handled as "
            "information and no decisions were taken."
        )
        if meeting.quorate is False
        else "",
        "items": minutes_items,
        "follow_up": [
            FrozenAction(
                what=row["what"],
                owner_name=row["owner_name"],
                due_on=datetime.date.fromisoformat(row["due_on"])
                if row["due_on"]
                else None,
                status=row["status"],
            )
            for row in frozen["follow_up"]
        ]
        if "follow_up" in frozen
        else follow_up,
        "action_items": all_actions,
        "following": following,
        "following_when": frozen["following_when"]
        if "following_when" in frozen
        else (when(following.starts_at, following.ends_at) if following else ""),
        "following_place": frozen["following_place"]
        if "following_place" in frozen
        else (place_text(following, remote_label) if following else ""),
        "corrections": list(meeting.corrections.select_related("item")),
        "term": frozen["term"] if "term" in frozen else _term(meeting, remote_label),
        "attachments": attachments,
        "chair": _chair(meeting, rows),
        "secretary": meeting.secretary.full_name
        if meeting.secretary is not None
        else "",
        "secretary_from": _secretary_from(meeting),
        "is_draft": meeting.minutes_status == Meeting.Minutes.DRAFT,
        "approval_line": approval_line(meeting),
    }


def minutes_html(context: dict) -> str:
    """Return the minutes of ``context`` (from ``minutes_context``) as the
    HTML every form of them shows, without bidirectional overrides that
    would make a stored text read in another order than it was written."""
    return text_strip_controls(render_to_string("meetings/_minutes_body.html", context))


def minutes_author(meeting: Meeting) -> str:
    """Return who the minutes name as their author: the secretary, or else
    the organisation."""
    return (
        meeting.secretary.full_name
        if meeting.secretary is not None
        else (meeting.organisation.name)
    )


def minutes_filename(meeting: Meeting) -> str:
    day = date_format(timezone.localtime(meeting.starts_at), "Y-m-d")
    return f"minnesanteckningar-{day}"


def _approval_line(meeting: Meeting) -> str:
    if meeting.approved_at_meeting is not None:
        day = date_format(
            timezone.localtime(meeting.approved_at_meeting.starts_at), "Y-m-d"
        )
        return _("Approved at the meeting on %(day)s.") % {"day": day}
    return _("Approved by the members by e-mail.")


def approval_line(meeting: Meeting) -> str:
    return _approval_line(meeting) if meeting.minutes_status == "approved" else ""


def minutes_pdf_render(meeting: Meeting) -> bytes:
    """The minutes as a tagged PDF/A, from the page's HTML (PdfUnavailable
    where WeasyPrint cannot run)."""
    context = minutes_context(meeting)
    return pdf_render(
        template="meetings/pdf/minutes.html",
        context={"body": minutes_html(context)},
        title=context["document_title"],
    )
