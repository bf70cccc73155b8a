"""What the apps above the directory add to a person's page: a link each,
shown when the app's own rule lets the viewer follow it (privacy adds the
register extract). Each entry takes ``(user, person)`` and returns
``(label, address)`` or None."""

from collections.abc import Callable
from typing import Any

PersonPageLink = Callable[[Any, Any], tuple[str, str] | None]

PERSON_PAGE_LINKS: list[PersonPageLink] = []


def person_page_links(user: Any, person: Any) -> list[tuple[str, str]]:
    """Return the links of the apps above that ``user`` may follow from
    ``person``'s page."""
    return [link for rule in PERSON_PAGE_LINKS if (link := rule(user, person))]
