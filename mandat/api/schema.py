"""How drf-spectacular describes the API's token in the OpenAPI schema."""

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
