"""Search over trainings, films, handbook pages and finalised minutes, with
Swedish stemming, limited to what the user may see.

Each searchable thing has a ``SearchEntry`` with its title and plain text.
On PostgreSQL the entries carry a ``tsvector`` with the ``swedish``
configuration and a GIN index; on SQLite an FTS5 table holds the text
stemmed in Python by the same Snowball algorithm (FTS5 has no Swedish
stemmer of its own). Both rank title matches first; snippets mark the
matched words with <mark>."""

import functools
import html
import operator
import re
from dataclasses import dataclass

import snowballstemmer
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from mandat.core.access import access_for
from mandat.core.richtext import markdown_html, richtext_plain
from mandat.core.search import SOURCES, SearchDocument
from mandat.meetings import selectors as meeting_selectors

from .models import SearchEntry

MAX_QUERY = 200
WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("swedish")


def stems(text: str) -> list[str]:
    return _stemmer.stemWords([w.lower() for w in WORD.findall(text)])


def _postgres() -> bool:
    return connection.vendor == "postgresql"


# Writing ---------------------------------------------------------------------------


@transaction.atomic
def entry_save(
    *, organisation, kind, key, title, body, url, audience, group=None
) -> SearchEntry:
    entry, _created = SearchEntry.objects.update_or_create(
        organisation=organisation,
        kind=kind,
        key=str(key),
        defaults={
            "title": title[:300],
            "body": body,
            "stemmed": " ".join(stems(f"{title} {body}")),
            "url": url,
            "audience": audience,
            "group": group,
        },
    )
    if _postgres():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE knowledge_searchentry SET vector = "
                "setweight(to_tsvector('swedish', title), 'A') || "
                "setweight(to_tsvector('swedish', body), 'B') WHERE id = %s",
                [entry.pk],
            )
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM knowledge_search_fts WHERE rowid = %s", [entry.pk]
            )
            cursor.execute(
                "INSERT INTO knowledge_search_fts (rowid, title, body) "
                "VALUES (%s, %s, %s)",
                [entry.pk, " ".join(stems(title)), entry.stemmed],
            )
    return entry


def entry_remove(*, organisation, kind, record_key) -> None:
    """Remove the entries of one record: its own key, and "<key>-<part>" for
    a record of several documents (the items of minutes)."""
    entries = SearchEntry.objects.filter(
        Q(key=str(record_key)) | Q(key__startswith=f"{record_key}-"),
        organisation=organisation,
        kind=kind,
    )
    if not _postgres():
        with connection.cursor() as cursor:
            for pk in entries.values_list("pk", flat=True):
                cursor.execute(
                    "DELETE FROM knowledge_search_fts WHERE rowid = %s", [pk]
                )
    entries.delete()


@transaction.atomic
def index_record(record) -> None:
    """Index ``record`` again from its source's documents (none: remove it)."""
    source = SOURCES[type(record)]
    entry_remove(
        organisation=record.organisation, kind=source.kind, record_key=record.pk
    )
    for document in source.documents(record):
        entry_save(
            organisation=record.organisation,
            kind=source.kind,
            key=document.key,
            title=document.title,
            body=document.body,
            url=document.url,
            audience=document.audience,
            group=document.group,
        )


def record_changed(sender, instance, **kwargs) -> None:
    """Receive ``core.search.search_record_changed``."""
    index_record(instance)


def reindex(organisation) -> int:
    """Index everything of ``organisation`` again (after an upgrade)."""
    count = 0
    for source in SOURCES.values():
        for record in source.records(organisation):
            index_record(record)
            count += 1
    return count


# Sources: films and handbook pages -------------------------------------------------


def film_documents(film) -> list[SearchDocument]:
    if film.status != film.Status.PUBLISHED:
        return []
    return [
        SearchDocument(
            key=str(film.pk),
            title=film.title,
            body=" ".join(
                [film.description, film.speakers]
                + [c.get("title", "") for c in film.chapters]
            ),
            url=reverse(
                "knowledge:film-detail", args=[film.organisation.slug, film.pk]
            ),
        )
    ]


def page_documents(page) -> list[SearchDocument]:
    organisation = page.section.organisation
    return [
        SearchDocument(
            key=str(page.pk),
            title=page.title,
            body=richtext_plain(markdown_html(page.body)),
            url=reverse("knowledge:page-detail", args=[organisation.slug, page.pk]),
        )
    ]


# Reading ---------------------------------------------------------------------------


@dataclass
class Hit:
    entry: SearchEntry
    snippet: str


class SearchError(Exception):
    pass


def clean_query(query: str) -> tuple[str, list[str]]:
    """Return the query cut to MAX_QUERY characters and its stems; raise
    SearchError with a Swedish message when nothing is left to search for."""
    query = (query or "").strip()[:MAX_QUERY]
    words = stems(query)
    if not words:
        raise SearchError(_("Write at least one word to search for."))
    return query, words[:12]


def _visible(entries, user, organisation):
    access = access_for(user, organisation)
    if access.manages_organisation:
        return entries
    groups = [
        g.pk for g in meeting_selectors.group_list(organisation=organisation, user=user)
    ]
    return entries.filter(
        Q(audience="everyone") | Q(audience="group", group_id__in=groups)
    )


def search(*, organisation, user, query: str, kind: str = "", limit: int = 30):
    """Return the hits for ``query`` that ``user`` may see, best first."""
    query, words = clean_query(query)
    entries = SearchEntry.objects.filter(organisation=organisation)
    if kind in SearchEntry.Kind.values:
        entries = entries.filter(kind=kind)
    entries = _visible(entries, user, organisation)
    ids = _postgres_ids(entries, query) if _postgres() else _sqlite_ids(entries, words)
    by_id = {e.pk: e for e in SearchEntry.objects.filter(pk__in=ids[:limit])}
    return [
        Hit(entry=by_id[pk], snippet=snippet(by_id[pk].body, words))
        for pk in ids[:limit]
        if pk in by_id
    ]


def _postgres_ids(entries, query: str) -> list[int]:
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from django.db.models import F

    for search_type in ("websearch", "plain"):
        q = SearchQuery(query, config="swedish", search_type=search_type)
        ids = list(
            entries.filter(vector=q)
            .annotate(rank=SearchRank(F("vector"), q))
            .order_by("-rank", "title")
            .values_list("pk", flat=True)[:200]
        )
        if ids:
            return ids
    # Every word, but any of them: better something than nothing.
    # clean_query left at least one word.
    any_word = functools.reduce(
        operator.or_, [SearchQuery(word, config="swedish") for word in query.split()]
    )
    return list(
        entries.filter(vector=any_word)
        .annotate(rank=SearchRank(F("vector"), any_word))
        .order_by("-rank", "title")
        .values_list("pk", flat=True)[:200]
    )


def _sqlite_ids(entries, words: list[str]) -> list[int]:
    terms = ['"' + w.replace('"', "") + '"*' for w in words]
    for joiner in (" AND ", " OR "):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM knowledge_search_fts WHERE knowledge_search_fts "
                "MATCH %s ORDER BY bm25(knowledge_search_fts, 5.0, 1.0) LIMIT 500",
                [joiner.join(terms)],
            )
            ranked = [row[0] for row in cursor.fetchall()]
        # Only what the user may see, checked among the ranked hits.
        allowed = set(entries.filter(pk__in=ranked).values_list("pk", flat=True))
        ids = [pk for pk in ranked if pk in allowed]
        if ids:
            return ids
    return []


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return one word's Swedish stem (cached: the same words recur)."""
    return _stemmer.stemWord(word.lower())


def snippet(text: str, words: list[str], width: int = 220) -> str:
    """A piece of ``text`` around the first match, the matched words marked."""

    def matches(token: str) -> bool:
        token_stem = stem(token)
        return any(token_stem.startswith(w) for w in words)

    first = next((m for m in WORD.finditer(text) if matches(m.group())), None)
    start = max(0, first.start() - width // 3) if first else 0
    piece = text[start : start + width]
    out, position = [], 0
    for match in WORD.finditer(piece):
        if matches(match.group()):
            out.append(html.escape(piece[position : match.start()]))
            out.append(f"<mark>{html.escape(match.group())}</mark>")
            position = match.end()
    out.append(html.escape(piece[position:]))
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix + "".join(out) + suffix
