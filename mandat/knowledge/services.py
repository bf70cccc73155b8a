"""Writers of films and handbook pages."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.addresses import absolute_url
from mandat.core.exceptions import ApplicationError
from mandat.core.models import Organisation
from mandat.core.richtext import text_clean
from mandat.core.services import (
    Actor,
    actor_user,
    audit_created,
    audit_saved,
    audit_updated,
)
from mandat.directory.models import Person
from mandat.notifications.services import Recipient, message_queue

from . import search
from .models import (
    Film,
    FilmView,
    HandbookPage,
    HandbookRevision,
    HandbookSection,
    Topic,
)
from .webvtt import webvtt_errors


def topics_from_names(*, organisation: Organisation, names: list[str]) -> list[Topic]:
    """The organisation's topics of these names, made where missing."""
    clean = sorted({text_clean(name)[:80] for name in names if text_clean(name)})
    return [
        Topic.objects.get_or_create(organisation=organisation, name=name)[0]
        for name in clean
    ]


def captions_check(upload: "File[bytes]") -> None:
    """Refuse a caption file that is not valid WebVTT, saying why."""
    upload.seek(0)
    errors = webvtt_errors(upload.read())
    upload.seek(0)
    if errors:
        raise ApplicationError(" ".join(errors), field="captions")


@transaction.atomic
def film_save(
    *,
    actor: Actor,
    organisation: Organisation,
    film: Film | None = None,
    captions: "File[bytes] | None" = None,
    topics: Iterable[Topic] = (),
    **fields: Any,
) -> Film:
    """Add or change a film; a caption file must be valid WebVTT."""
    url = fields.get("video_url", "")
    if not url.lower().startswith(("http://", "https://")):
        raise ApplicationError(
            _(
                "Give the film's address on the video platform, beginning with https://."
            ),
            field="video_url",
        )
    if captions is not None:
        captions_check(captions)
    creating = film is None
    film = film or Film(organisation=organisation)
    for name, value in fields.items():
        setattr(film, name, text_clean(value) if isinstance(value, str) else value)
    if captions is not None:
        film.captions = captions
    if film.status == Film.Status.PUBLISHED and not film.has_captions:
        film.status = Film.Status.DRAFT
    film.save()
    film.topics.set(topics)
    search.index_record(film)
    audit_saved(actor, film, creating)
    return film


@transaction.atomic
def film_publish(*, actor: Actor, film: Film) -> Film:
    """Publish a film; the accessibility law requires captions on pre-recorded
    video, so a film without them stays a draft."""
    if not film.has_captions:
        raise ApplicationError(
            _(
                "The film has no captions, so it stays a draft: the accessibility "
                "law requires captions on recorded video. Upload a WebVTT file or "
                "give its address."
            )
        )
    film.status = Film.Status.PUBLISHED
    film.save(update_fields=["status"])
    search.index_record(film)
    audit_updated(actor, film, message=_("published"))
    return film


@transaction.atomic
def film_watched(*, person: Person, film: Film) -> FilmView:
    """Note that ``person`` watched ``film``: catch-up, not attendance."""
    if film.status != Film.Status.PUBLISHED:
        raise ApplicationError(_("The film is not published."))
    view, _created = FilmView.objects.get_or_create(film=film, person=person)
    return view


@transaction.atomic
def section_create(
    *, actor: Actor, organisation: Organisation, title: str, position: int
) -> HandbookSection:
    """Add a section to the organisation's handbook."""
    section = HandbookSection.objects.create(
        organisation=organisation, title=text_clean(title), position=position
    )
    audit_created(actor, section)
    return section


@transaction.atomic
def page_save(
    *,
    actor: Actor,
    section: HandbookSection,
    page: HandbookPage | None = None,
    title: str,
    body: str,
    note: str = "",
    **fields: Any,
) -> HandbookPage:
    """Add or change a handbook page; the text before a change is kept as a
    revision."""
    title, body = text_clean(title), text_clean(body)
    if not title:
        raise ApplicationError(_("Give the page a title."), field="title")
    if not body:
        raise ApplicationError(_("Write the page's text."), field="body")
    creating = page is None
    if page is not None:
        saved = HandbookPage.objects.get(pk=page.pk)
        if (saved.title, saved.body) != (title, body):
            HandbookRevision.objects.create(
                page=saved,
                title=saved.title,
                body=saved.body,
                note=text_clean(note)[:300],
                edited_by=actor_user(actor),
            )
    page = page or HandbookPage(section=section)
    page.section, page.title, page.body = section, title, body
    trainings = fields.pop("trainings", None)
    films = fields.pop("films", None)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save()
    if trainings is not None:
        page.trainings.set(trainings)
    if films is not None:
        page.films.set(films)
    search.index_record(page)
    audit_saved(actor, page, creating)
    return page


@transaction.atomic
def page_reviewed(*, actor: Actor, page: HandbookPage) -> HandbookPage:
    """The owner has read the page through and it is current."""
    page.reviewed_on = timezone.localdate()
    page.save(update_fields=["reviewed_on", "updated_at"])
    audit_updated(actor, page, message=_("reviewed"))
    return page


def reviews_due() -> int:
    """Remind each page's owner once when its review is due."""
    today = timezone.localdate()
    sent = 0
    for page in HandbookPage.objects.filter(owner__isnull=False).select_related(
        "owner__account", "section__organisation"
    ):
        owner = page.owner  # the query took pages with an owner only
        due = page.review_due_on
        if owner is None or due > today or due < today - datetime.timedelta(days=365):
            continue
        organisation = page.section.organisation
        link = absolute_url(
            reverse("knowledge:page-detail", args=[organisation.slug, page.pk])
        )
        message = message_queue(
            organisation=organisation,
            event="knowledge.review_due",
            recipient=Recipient.for_person(owner),
            dedupe_key=f"handbook-review:{page.pk}:{due.isoformat()}",
            context={"person": owner, "page": page, "link": link},
            about=page,
        )
        sent += message is not None
    return sent
