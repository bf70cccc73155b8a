"""The minutes as a document: one context built from the meeting's data,
rendered as a web page, a PDF/A and a Word file that read alike, in the
shape of the steering group's own minutes (*minnesanteckningar*)."""

import datetime
import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from mandat.core.richtext import CONTROL_CHARACTERS
from mandat.core.templatetags.mandat import when
from mandat.directory.models import AssignmentRole

from . import selectors
from .models import AgendaItem, Attendance, Meeting

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
    return {
        AssignmentRole.CHAIR: pgettext("short", "chair"),
        AssignmentRole.FIRST_VICE_CHAIR: pgettext("short", "vice chair"),
        AssignmentRole.SECOND_VICE_CHAIR: pgettext("short", "2nd vice chair"),
        AssignmentRole.SUBSTITUTE: pgettext("short", "substitute"),
    }.get(role, "")


def attendee_label(row: Attendance, *, network: bool, chairing_id=None) -> str:
    """ "Annika Westh (L) ordf": the name, then the party (in a network the
    home municipality), then the role where it matters."""
    label = row.person.full_name
    tag = (
        row.home_municipality
        if network
        else (row.party.abbreviation if row.party_id else "")
    )
    if tag:
        label += f" ({tag})"
    role = role_short(row.role)
    if row.person_id == chairing_id and row.role != AssignmentRole.CHAIR:
        role = pgettext("short", "chairing")
    if row.serving_for_id:
        role = _("serving for %(name)s") % {"name": row.serving_for.person.full_name}
    if role:
        label += f" {role}"
    return label


def place_text(meeting: Meeting, remote_label: str) -> str:
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


@dataclass(frozen=True)
class FrozenAction:
    """An action item as the finalised minutes listed it."""

    what: str
    owner_name: str
    due_on: object
    status: str

    def get_status_display(self) -> str:
        from .models import ActionItem

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
    }


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
    return {
        "meeting": meeting,
        "group": group,
        "title": _("Meeting of %(group)s") % {"group": group.body.name},
        "kind": kind,
        "day": day,
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
        "secretary": meeting.secretary.full_name if meeting.secretary_id else "",
        "is_draft": meeting.minutes_status == Meeting.Minutes.DRAFT,
    }


def minutes_filename(meeting: Meeting) -> str:
    day = date_format(timezone.localtime(meeting.starts_at), "Y-m-d")
    return f"minnesanteckningar-{day}"


# Word --------------------------------------------------------------------------------


class _HtmlToDocx(HTMLParser):
    """Write the few tags rich-text notes may hold into a Word document."""

    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.document = document
        self.paragraph = None
        self.bold = self.italic = self.underline = False
        self.lists: list[str] = []

    def _new(self, style=None):
        self.paragraph = self.document.add_paragraph(style=style)

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._new()
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            kind = self.lists[-1] if self.lists else "ul"
            self._new("List Number" if kind == "ol" else "List Bullet")
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        elif tag in ("strong", "b"):
            self.bold = True
        elif tag in ("em", "i"):
            self.italic = True
        elif tag == "u":
            self.underline = True

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("p", "li"):
            self.paragraph = None
        elif tag in ("strong", "b"):
            self.bold = False
        elif tag in ("em", "i"):
            self.italic = False
        elif tag == "u":
            self.underline = False

    def handle_data(self, data):
        if not data.strip() and self.paragraph is None:
            return
        if self.paragraph is None:
            self._new()
        run = self.paragraph.add_run(CONTROL_CHARACTERS.sub("", data))
        run.bold, run.italic, run.underline = self.bold, self.italic, self.underline


def minutes_docx(meeting: Meeting) -> bytes:
    """Return the minutes as a Word file with the same content as the PDF."""
    from docx import Document
    from docx.shared import Pt

    context = minutes_context(meeting)
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    properties = document.core_properties
    properties.title = f"{context['title']} {context['kind']} {context['day']}"
    properties.author = context["secretary"] or meeting.organisation.name
    properties.language = "sv-SE"

    if context["is_draft"]:
        document.add_paragraph(_("DRAFT – not finalised"))
    document.add_heading(
        f"{context['title']} {context['kind']} {context['day']}", level=1
    )
    document.add_paragraph(
        context["when"] + (f". {meeting.location}" if meeting.location else "")
    )
    if meeting.host:
        document.add_paragraph(_("Host: %(host)s") % {"host": meeting.host})

    def line(label, names):
        if names:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(", ".join(names) + ".")

    line(_("Present"), context["present"])
    line(context["remote_label"], context["remote"])
    line(_("Absent with notice"), context["excused"])
    line(_("Absent"), context["absent"])
    if context["participants"]:
        paragraph = document.add_paragraph()
        paragraph.add_run(_("Other participants") + ": ").bold = True
        paragraph.add_run(
            " ".join(
                (_("From %(place)s: %(names)s.") % {"place": place, "names": names})
                if place
                else f"{names}."
                for place, names in context["participants"]
            )
        )
    if context["quorum_note"]:
        document.add_paragraph().add_run(context["quorum_note"]).italic = True

    for entry in context["items"]:
        item = entry.item
        document.add_heading(f"{entry.number}. {item.title}", level=2)
        if item.standard == AgendaItem.Standard.PREVIOUS_MINUTES and item.minutes_of:
            document.add_paragraph(
                _("Minutes of the meeting on %(day)s.")
                % {
                    "day": date_format(
                        timezone.localtime(item.minutes_of.starts_at), "Y-m-d"
                    )
                }
            )
        if item.presenter_id:
            document.add_paragraph(
                _("Presented by %(name)s.") % {"name": item.presenter.full_name}
            )
        if item.notes:
            _HtmlToDocx(document).feed(item.notes)
        if item.standard == AgendaItem.Standard.FOLLOW_UP:
            for action in context["follow_up"]:
                document.add_paragraph(
                    f"{action.what} – {action.owner_name}"
                    + (f", {action.due_on:%Y-%m-%d}" if action.due_on else "")
                    + f" ({action.get_status_display().lower()})",
                    style="List Bullet",
                )
        if (
            item.standard == AgendaItem.Standard.NEXT_MEETING
            and context["following_when"]
        ):
            text = context["following_when"][:1].upper() + context["following_when"][1:]
            if context["following_place"]:
                text += ". " + context["following_place"]
            document.add_paragraph(text + ".")
        if item.decision:
            paragraph = document.add_paragraph()
            paragraph.add_run(_("Decision") + ": ").bold = True
            paragraph.add_run(item.decision)
        for action in entry.action_items:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(_("To do") + ": ").bold = True
            paragraph.add_run(
                f"{action.what} – {action.owner_name}"
                + (f", {action.due_on:%Y-%m-%d}" if action.due_on else "")
            )

    if context["action_items"]:
        document.add_heading(_("Action items"), level=2)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, (_("What"), _("Who"), _("Due")), strict=True
        ):
            cell.text = text
        for action in context["action_items"]:
            cells = table.add_row().cells
            cells[0].text = action.what
            cells[1].text = action.owner_name
            cells[2].text = f"{action.due_on:%Y-%m-%d}" if action.due_on else ""

    if context["corrections"]:
        document.add_heading(_("Corrections"), level=2)
        for correction in context["corrections"]:
            document.add_paragraph(
                _("%(date)s, %(item)s (%(field)s): %(reason)s. Before: %(before)s")
                % {
                    "date": f"{timezone.localtime(correction.created_at):%Y-%m-%d}",
                    "item": correction.item.title if correction.item else "",
                    "field": correction.field,
                    "reason": correction.reason,
                    "before": correction.before,
                },
                style="List Bullet",
            )
    if context["secretary"]:
        document.add_paragraph()
        document.add_paragraph().add_run(_("Taking the notes")).bold = True
        document.add_paragraph(context["secretary"])
    if meeting.minutes_status == Meeting.Minutes.APPROVED:
        document.add_paragraph(_approval_line(meeting))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _approval_line(meeting: Meeting) -> str:
    if meeting.approved_at_meeting_id:
        day = date_format(
            timezone.localtime(meeting.approved_at_meeting.starts_at), "Y-m-d"
        )
        return _("Approved at the meeting on %(day)s.") % {"day": day}
    return _("Approved by the members by e-mail.")


def approval_line(meeting: Meeting) -> str:
    return _approval_line(meeting) if meeting.minutes_status == "approved" else ""
