"""A register extract as the web page and the PDF/A show it: its person
and account as facts, its lists as tables, one HTML rendering
(``privacy/extract/_body.html``) for both."""

from typing import Any

from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mandat.core.richtext import text_strip_controls

# The lists of the extract shown as tables: key, heading, columns.
TABLES: tuple[tuple[str, Promise, tuple[tuple[str, Promise], ...]], ...] = (
    (
        "assignments",
        _("Assignments"),
        (
            ("body", _("Body")),
            ("role", _("Role")),
            ("party", _("Party")),
            ("left_party_on", _("Left the party")),
            ("period", _("Mandate period")),
            ("starts_on", _("From")),
            ("ends_on", _("To")),
            ("end_reason", _("Reason for ending")),
        ),
    ),
    (
        "invitations",
        _("Invitations to trainings"),
        (
            ("training", _("Training")),
            ("invited_at", _("Invited")),
            ("declined_at", _("Declined")),
            ("decline_reason", _("Reason for declining")),
        ),
    ),
    (
        "contributions",
        _("Course leader or speaker"),
        (
            ("training", _("Training")),
            ("occasion", _("Occasion")),
            ("role", _("Role")),
        ),
    ),
    (
        "evaluations",
        _("Evaluations and surveys sent"),
        (
            ("questionnaire", _("Questionnaire")),
            ("sent_at", _("Sent")),
            ("link_works_until", _("Link works until")),
            ("reminded", _("Reminded")),
            ("has_answered", _("Has answered")),
        ),
    ),
    (
        "meeting_groups",
        _("Meeting groups"),
        (
            ("group", _("Group")),
            ("affiliation", _("From")),
            ("keeps_minutes", _("Keeps the minutes")),
            ("starts_on", _("From")),
            ("ends_on", _("To")),
        ),
    ),
    (
        "meeting_attendance",
        _("Attendance at meetings"),
        (
            ("meeting", _("Meeting")),
            ("capacity", _("As")),
            ("role", _("Role")),
            ("party", _("Party")),
            ("home_municipality", _("Home municipality")),
            ("status", _("Attendance")),
        ),
    ),
    (
        "approvals",
        _("Approvals"),
        (
            ("document", _("Document")),
            ("answer", _("Answer")),
            ("comment", _("Comment")),
            ("answered_at", _("Answered")),
        ),
    ),
    (
        "action_items",
        _("Action items"),
        (
            ("what", _("What")),
            ("meeting", _("Meeting")),
            ("due_on", _("Due")),
            ("status", _("Status")),
            ("closed_on", _("Closed on")),
        ),
    ),
    (
        "films_watched",
        _("Films watched"),
        (("film", _("Film")), ("watched_on", _("Watched"))),
    ),
    (
        "handbook_pages_owned",
        _("Handbook pages kept"),
        (("title", _("Title")), ("reviewed_on", _("Last reviewed"))),
    ),
    (
        "messages",
        _("Messages sent to the person"),
        (
            ("queued_at", _("Queued")),
            ("sent_at", _("Sent")),
            ("to", _("To")),
            ("subject", _("Subject")),
            ("status", _("Status")),
        ),
    ),
    (
        "calendar_feeds",
        _("Personal calendar feeds"),
        (("created_at", _("Created")), ("revoked_at", _("Revoked"))),
    ),
)


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def extract_tables(extract: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the extract's lists as tables: title, headers, rows of text."""
    return [
        {
            "title": title,
            "headers": [label for _key, label in columns],
            "rows": [
                [_cell(row.get(key)) for key, _label in columns]
                for row in extract[name]
            ],
        }
        for name, title, columns in TABLES
    ]


def extract_html(extract: dict[str, Any]) -> str:
    """Return the extract as the HTML the page and the PDF both show."""
    return text_strip_controls(
        render_to_string(
            "privacy/extract/_body.html",
            {"extract": extract, "tables": extract_tables(extract)},
        )
    )
