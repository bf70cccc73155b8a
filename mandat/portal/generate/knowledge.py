"""The film library (the filmed trainings, with captions and topics, and who
watched them), the handbook of the demo, and the search index over
trainings, films, handbook pages and finalised minutes, with the same text
and the same PostgreSQL vector that ``knowledge/search.py`` writes."""

import functools
import re

from django.urls import reverse
from psycopg.types.json import Jsonb

from mandat.core.richtext import markdown_html, richtext_plain
from mandat.knowledge.demo import PAGES
from mandat.knowledge.search import stem

from .context import DAY, at
from .texts import TOPICS

WORD = re.compile(r"\w+", re.UNICODE)


def stemmed(text: str) -> str:
    """Return the text stemmed as ``search.stems`` does, word by word, cached."""
    return " ".join(stem(word) for word in WORD.findall(text))


@functools.lru_cache(maxsize=4096)
def _plain(notes: str) -> str:
    return richtext_plain(notes)


@functools.lru_cache(maxsize=64)
def _page_text(body: str) -> str:
    return richtext_plain(markdown_html(body))


def _address(name: str, slug: str) -> str:
    """Return the address of ``name`` with "{}" where the id goes."""
    return reverse(name, args=[slug, 987654321]).replace("987654321", "{}")


def build(ctx) -> None:
    """Write films, the handbook and the search entries."""
    t, slug = ctx.t, ctx.spec.slug
    if ctx.spec.kind != "natverk":
        _films(ctx)
        _handbook(ctx)
        training_url = _address("trainings:training-detail", slug)
        for record in ctx.trainings:
            _entry(
                ctx,
                "training",
                record.id,
                record.title,
                record.description,
                training_url.format(record.id),
                "managers",
                None,
            )
        film_url = _address("knowledge:film-detail", slug)
        for film_id, title, body in ctx.films:
            _entry(
                ctx,
                "film",
                film_id,
                title,
                body,
                film_url.format(film_id),
                "everyone",
                None,
            )
    minutes_url = _address("meetings:minutes", slug)
    group_name = ctx.group_name
    for meeting in ctx.meetings:
        if meeting.minutes == "draft":
            continue
        for item_id, title, notes, decision, _standard in meeting.items:
            text = " ".join(p for p in (_plain(notes) if notes else "", decision) if p)
            if not text:
                continue
            _entry(
                ctx,
                "minutes",
                f"{meeting.id}-{item_id}",
                f"{title} ({group_name}, {meeting.starts_at:%Y-%m-%d})",
                text,
                minutes_url.format(meeting.id),
                "everyone",
                ctx.group_id,
            )
    del t


def _entry(ctx, kind, key, title, body, url, audience, group) -> None:
    title = title[:300]
    ctx.add(
        ctx.t.search,
        (
            ctx.new_id(ctx.t.search),
            ctx.org_id,
            kind,
            str(key),
            title,
            body,
            stemmed(f"{title} {body}"),
            url,
            audience,
            group,
            ctx.now,
        ),
    )


def _films(ctx) -> None:
    rng, t = ctx.rng, ctx.t
    topics = []
    for name in TOPICS:
        topic_id = ctx.new_id(t.topic)
        topics.append(topic_id)
        ctx.add(t.topic, (topic_id, ctx.org_id, name))
    elected = [p.id for p in ctx.people.values() if p.kind == "elected"]
    for record in ctx.trainings:
        if not record.filmed or record.status != "held":
            continue
        film_id = ctx.new_id(t.film)
        minutes = rng.randint(28, 95)
        speakers = ctx.people[rng.choice(ctx.externals)].name if ctx.externals else ""
        description = f"Inspelning från utbildningen: {record.title}."
        ctx.add(
            t.film,
            (
                film_id,
                ctx.org_id,
                record.title,
                description,
                speakers,
                record.first_day,
                minutes,
                f"https://video.{ctx.domain}/play/{record.id}",
                "",
                f"https://video.{ctx.domain}/captions/{record.id}.vtt",
                Jsonb(
                    [
                        {"at": "0:00", "title": "Inledning"},
                        {"at": f"{minutes // 2}:00", "title": "Frågor och svar"},
                    ]
                ),
                record.id,
                record.item.id if record.item else None,
                "signed_in",
                "published",
                at(record.first_day + DAY * 7, 10),
            ),
        )
        ctx.films.append((film_id, record.title, f"{description} {speakers}"))
        for topic in rng.sample(topics, 2):
            ctx.add(t.film_topic, (ctx.new_id(t.film_topic), film_id, topic))
        viewers = rng.sample(elected, min(len(elected), max(1, record.invited // 10)))
        for person in viewers:
            day = record.first_day + DAY * rng.randint(7, 400)
            ctx.add(
                t.film_view,
                (ctx.new_id(t.film_view), film_id, person, min(day, ctx.today)),
            )


def _handbook(ctx) -> None:
    t = ctx.t
    sections = {}
    page_url = _address("knowledge:page-detail", ctx.spec.slug)
    for number, (section, title, body) in enumerate(PAGES):
        if section not in sections:
            sections[section] = ctx.new_id(t.section)
            ctx.add(
                t.section, (sections[section], ctx.org_id, section, len(sections) - 1)
            )
        page_id = ctx.new_id(t.page)
        reviewed = ctx.today - DAY * 30 * (number + 1)
        ctx.add(
            t.page,
            (
                page_id,
                sections[section],
                title,
                body,
                ctx.coordinator,
                reviewed,
                12,
                number,
                at(reviewed, 10),
            ),
        )
        if title == "Digitala sammanträden" and ctx.films:
            ctx.add(t.page_film, (ctx.new_id(t.page_film), page_id, ctx.films[-1][0]))
        _entry(
            ctx,
            "page",
            page_id,
            title,
            _page_text(body),
            page_url.format(page_id),
            "everyone",
            None,
        )
