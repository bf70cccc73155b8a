"""Readers of the API tokens."""

from django.db.models import QuerySet

from mandat.core.models import Organisation

from .models import ApiToken
from .services import TOKEN_PREFIX, token_digest


def api_token_list(*, organisation: Organisation) -> QuerySet:
    return ApiToken.objects.filter(organisation=organisation).select_related(
        "created_by"
    )


def api_token_for(secret: str) -> ApiToken | None:
    """The active token ``secret`` is, with its organisation; None for an
    unknown or revoked one."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    return (
        ApiToken.objects.select_related("organisation")
        .filter(digest=token_digest(secret), revoked_at__isnull=True)
        .first()
    )
