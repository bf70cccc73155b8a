"""What a message says: the plain values a coordinator's own wording may read,
the rendering of an event in a language, and the coordinator's own texts."""

import datetime
import enum
import html
import logging
from typing import Any, Final

from django.db import transaction
from django.template import Context, Template, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import Organisation
from mandat.core.services import (
    Actor,
    audit_created,
    audit_deleted,
    record_update,
)

from ..models import MessageTemplate
from ..registry import EVENTS

logger = logging.getLogger(__name__)


class NotLookedUp(enum.Enum):
    """The organisation's own wording, not looked up yet (None: it has none)."""

    NOT_LOOKED_UP = enum.auto()


NOT_LOOKED_UP: Final = NotLookedUp.NOT_LOOKED_UP

# What a coordinator's own template may read of each record: plain values
# only, so a template cannot walk from a person to their account or to other
# organisations' data.
PLAIN_FIELDS = {
    "person": ("first_name", "last_name", "full_name", "title"),
    "training": ("title", "description"),
    "occasion": (
        "label",
        "location",
        "meeting_url",
        "capacity",
        "starts_at",
        "ends_at",
    ),
    "registration": (
        "dietary_needs",
        "accessibility_needs",
        "status",
        "is_registered",
        "is_waiting",
    ),
    "recipient": ("name", "email"),
    "session": ("label", "starts_at", "ends_at"),
    "meeting": ("starts_at", "ends_at", "location", "meeting_url", "host"),
    "approval": ("title", "message", "deadline"),
    "questionnaire": ("title", "introduction", "is_survey"),
    "budget": ("year", "amount", "note"),
}


def _plain_value(name: str, value: object) -> object:
    fields = PLAIN_FIELDS.get(name)
    if fields is not None and value is not None:
        return {field: getattr(value, field, "") for field in fields}
    if isinstance(value, str | int | float | datetime.date | datetime.datetime):
        return value
    if value is None:
        return ""
    return str(value)


def plain_context(context: dict[str, Any]) -> dict[str, object]:
    """Reduce a message's context to the plain values listed in PLAIN_FIELDS."""
    plain: dict[str, object] = {}
    for name, value in context.items():
        if isinstance(value, list | tuple):
            item = {"sessions": "session", "occasions": "occasion"}.get(name, name)
            plain[name] = [_plain_value(item, element) for element in value]
        else:
            plain[name] = _plain_value(name, value)
    return plain


def message_render(
    *,
    organisation: Organisation,
    event: str,
    language: str,
    context: dict[str, Any],
    custom: MessageTemplate | None | NotLookedUp = NOT_LOOKED_UP,
) -> tuple[str, str]:
    """Return (subject, text) of ``event`` in ``language``: the organisation's
    own wording if it has one, else the built-in template. ``custom`` passes
    the organisation's template when the caller looked it up already."""
    spec = EVENTS[event]
    if not spec.editable:
        custom = None  # a way into an account is always worded by Mandat
    with translation.override(language):
        if custom is NOT_LOOKED_UP:
            custom = MessageTemplate.objects.filter(
                organisation=organisation, event=event, language=language
            ).first()
        if custom is not None:
            plain = plain_context(context)
            try:
                # A subject is shown and searched in the outbox: it never
                # carries the personal link.
                subject = Template(custom.subject).render(
                    Context({k: v for k, v in plain.items() if k != "link"})
                )
                body = Template(custom.body).render(Context(plain, autoescape=False))
            except Exception:  # a coordinator's template must never stop a message
                logger.exception(
                    "Custom template %s is broken; using the built-in", event
                )
                custom = None
        if custom is None:
            subject = render_to_string(f"{spec.template_base}.subject.txt", context)
            body = render_to_string(f"{spec.template_base}.txt", context)
    # Subjects are plain text: undo the HTML escaping of the template ("&amp;").
    return " ".join(html.unescape(subject).split()), body.strip() + "\n"


@transaction.atomic
@transaction.atomic
def message_template_save(
    *,
    actor: Actor,
    organisation: Organisation,
    event: str,
    language: str,
    subject: str,
    body: str,
) -> MessageTemplate:
    """Save the organisation's own wording of a message, after checking it
    renders; audited with the old and the new wording."""
    spec = EVENTS.get(event)
    if spec is None or not spec.editable:
        raise ApplicationError(_("This message cannot be reworded."))
    for field, text in (("subject", subject), ("body", body)):
        try:
            Template(text)
        except TemplateSyntaxError as error:
            raise ApplicationError(
                _("The template has an error: %(error)s") % {"error": error},
                field=field,
            ) from error
    template = (
        MessageTemplate.objects.select_for_update()
        .filter(organisation=organisation, event=event, language=language)
        .first()
    )
    if template is None:
        template = MessageTemplate.objects.create(
            organisation=organisation,
            event=event,
            language=language,
            subject=subject,
            body=body,
        )
        audit_created(actor, template)
        return template
    record_update(
        actor=actor, instance=template, fields={"subject": subject, "body": body}
    )
    return template


@transaction.atomic
def message_template_reset(
    *, actor: Actor, organisation: Organisation, event: str, language: str
) -> None:
    """Go back to the built-in wording."""
    for template in MessageTemplate.objects.filter(
        organisation=organisation, event=event, language=language
    ):
        audit_deleted(actor, template, message="built-in wording used again")
        template.delete()
