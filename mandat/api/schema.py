"""How drf-spectacular describes the API in the OpenAPI schema: its token,
the error answers of every operation, and every text in the language asked
for (the docstrings of views and serializers are English; their Swedish is
in the catalogue through ``schema_texts.py``)."""

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import gettext
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "mandat.api.rest.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "mandat_…"}


# The answers every operation may give besides its own, as the API's
# documentation describes them (docs/api.md); documented so that a client
# (and Schemathesis) knows them.
ERROR = {
    "type": "object",
    "description": "{field: [messages]} or {detail: message}",
    "additionalProperties": True,
}
ERRORS = {
    "401": "No token, or an unknown or revoked one.",
    "403": "A read-only token that writes.",
    "404": "No such record in the token's organisation.",
    "429": "Too many requests: try again after Retry-After seconds.",
}


def add_error_answers(result, generator, request, public):
    """Add the error answers every operation may give (a postprocessing hook
    of drf-spectacular)."""
    for path, methods in result.get("paths", {}).items():
        for method, operation in methods.items():
            answers = operation.setdefault("responses", {})
            extra = dict(ERRORS)
            if method in ("post", "put", "patch"):
                extra["400"] = "A refusal: the field it concerns and why."
            if method == "get" and "{" not in path:
                extra["400"] = "A filter with a value it cannot take."
            for code, text in extra.items():
                answers.setdefault(
                    code,
                    {
                        "description": text,
                        "content": {"application/json": {"schema": ERROR}},
                    },
                )
    return result


TEXT_KEYS = ("description", "summary", "title")
_translating: ContextVar[bool] = ContextVar("mandat_api_translating", default=True)


@contextmanager
def as_written() -> Iterator[None]:
    """Make schemas with their texts as the code writes them, untranslated
    (``schema_texts.py`` is made from them)."""
    token = _translating.set(False)
    try:
        yield
    finally:
        _translating.reset(token)


def texts(node, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text of the schema, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str):
                yield f"{path}/{key}", value
            else:
                yield from texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for number, value in enumerate(node):
            yield from texts(value, f"{path}/{number}")


def _translate(node) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str):
                node[key] = gettext(value)
            else:
                _translate(value)
    elif isinstance(node, list):
        for value in node:
            _translate(value)


def translate_texts(result, generator, request, public):
    """Say every text of the schema in the active language (a
    postprocessing hook, the last): the docstrings of views and serializers
    and DRF's own texts, which drf-spectacular copies as they are."""
    if not _translating.get():
        return result
    # A copy: parts of the schema are this module's own dicts (ERROR),
    # shared by every schema made after this one, in any language.
    result = copy.deepcopy(result)
    _translate(result)
    return result
