"""What search finds: each app registers a source for the records it wants
found (a training, finalised minutes, a film, a handbook page) and tells when
one changed; the search index (``knowledge.search``) asks the sources for
their documents. So the apps below knowledge never import it, as with the
notifications' registry of events."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.dispatch import Signal

from .models import Organisation


@dataclass(frozen=True)
class SearchDocument:
    """One entry of the index: ``key`` unique within the source's kind,
    ``audience`` "everyone", "managers" (coordinators and administrators) or
    "group" (the members of ``group``, a meeting group)."""

    key: str
    title: str
    body: str
    url: str
    audience: str = "everyone"
    group: Model | None = None


@dataclass(frozen=True)
class SearchSource:
    """``documents(record)`` gives a record's documents (none: the record is
    not to be found, e.g. a draft); ``records(organisation)`` every record of
    an organisation, for indexing it all again."""

    kind: str
    # Each source takes the records of its own model.
    documents: Callable[[Any], list[SearchDocument]]
    records: Callable[[Organisation], Iterable[Model]]


SOURCES: dict[type[Model], SearchSource] = {}

# Sent with ``instance`` when a record of a registered model changed; the
# index connects to it.
search_record_changed = Signal()


def search_source_register(model: type[Model], source: SearchSource) -> None:
    """Make records of ``model`` searchable (called in AppConfig.ready())."""
    SOURCES[model] = source


def search_record_update(instance: Model) -> None:
    """Tell the index that ``instance`` changed (call it in the service that
    changed it, inside its transaction)."""
    search_record_changed.send(sender=type(instance), instance=instance)
