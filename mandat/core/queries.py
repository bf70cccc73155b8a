"""Query expressions and paging the selectors and list views share."""

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    IntegerField,
    Model,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce


def count_of(
    rows: type[Model] | QuerySet[Any],
    field: str,
    outer: str = "pk",
    **conditions: Any,
) -> Coalesce:
    """Return the number of ``rows`` (a model or a queryset) whose ``field``
    is the outer row (or the outer row's ``outer``), as a correlated subquery.

    A count per row of a list, computed for each row the query returns and
    read from the index on ``field``: after ``LIMIT`` only for the rows of
    the page (PostgreSQL evaluates an expensive output column after the sort
    and the limit). A ``Count`` over a join of two such relations would
    multiply them and group every row of the organisation's history before
    the page is cut."""
    queryset = rows if isinstance(rows, QuerySet) else rows._default_manager.all()
    counts = (
        queryset.filter(**{field: OuterRef(outer)}, **conditions)
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


@dataclass(frozen=True)
class WindowPage:
    """One page of a list that grows with history, without its total: a
    count would read every row of the organisation's history, where the
    page reads only its own (and one more, to know that a next page exists)."""

    object_list: list[Any]
    number: int
    per_page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.object_list)


# Deeper than this, narrow the list with its filters instead.
WINDOW_PAGES_MAX = 2000


def window_page(
    queryset: QuerySet[Any], number: str | int | None, per_page: int
) -> WindowPage:
    """Return page ``number`` (as given in the address; the first page for
    anything but a page number) of ``queryset``, in its order."""
    text = str(number or "1")
    number = int(text) if text.isascii() and text.isdigit() else 1
    number = min(max(number, 1), WINDOW_PAGES_MAX)
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    return WindowPage(
        object_list=rows[:per_page],
        number=number,
        per_page=per_page,
        has_next=len(rows) > per_page,
    )
