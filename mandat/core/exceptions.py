"""Domain errors. Services raise them with a translated message; views show the
message next to the field named by ``field`` (or above the form), never a 500."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise


class ApplicationError(Exception):
    def __init__(
        self,
        message: "_StrOrPromise",
        *,
        field: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}

    def __str__(self) -> str:
        return str(self.message)


def parse_id(value: str | None) -> int | None:
    """An id from an address or a form, or None: only ASCII digits, so "²"
    or "٣" (which str.isdigit accepts) never reach int()."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= 12:
        return int(value)
    return None
