"""Readers for films and the handbook, with what their pages show."""

import re
from urllib.parse import parse_qs, urlsplit

from django.db.models import Prefetch, QuerySet

from .models import Film, HandbookPage, HandbookSection


def film_list(*, organisation, include_drafts: bool, filters: dict) -> QuerySet:
    films = (
        Film.objects.filter(organisation=organisation)
        .select_related("training", "plan_item")
        .prefetch_related("topics")
    )
    if not include_drafts:
        films = films.filter(status=Film.Status.PUBLISHED)
    if filters.get("topic"):
        films = films.filter(topics__pk=filters["topic"])
    if filters.get("year"):
        films = films.filter(recorded_on__year=filters["year"])
    if filters.get("training"):
        films = films.filter(training_id=filters["training"])
    # Newest first, and in one order throughout, so the pages do not overlap.
    return films.distinct().order_by("-recorded_on", "title", "id")


def embed_url(video_url: str) -> str:
    """The address to embed the film from, for platforms that allow it."""
    parts = urlsplit(video_url)
    host = (parts.hostname or "").lower()
    if host.endswith("youtube.com"):
        video = parse_qs(parts.query).get("v", [""])[0]
        if re.fullmatch(r"[\w-]{6,20}", video):
            return f"https://www.youtube-nocookie.com/embed/{video}"
    if host == "youtu.be" and re.fullmatch(r"/[\w-]{6,20}", parts.path):
        return f"https://www.youtube-nocookie.com/embed{parts.path}"
    if host.endswith("vimeo.com") and re.fullmatch(r"/\d+", parts.path):
        return f"https://player.vimeo.com/video{parts.path}"
    return ""


def handbook(*, organisation) -> list[HandbookSection]:
    return list(
        HandbookSection.objects.filter(organisation=organisation).prefetch_related(
            Prefetch("pages", queryset=HandbookPage.objects.select_related("owner"))
        )
    )


def page_get(*, organisation, page_id: int):
    return (
        HandbookPage.objects.filter(section__organisation=organisation, pk=page_id)
        .select_related("section", "owner")
        .prefetch_related("trainings", "films")
        .first()
    )
