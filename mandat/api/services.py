"""Writers of the API tokens: made (the token shown once), revoked, and
noted when used."""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import Organisation
from mandat.core.services import (
    Actor,
    actor_user,
    audit_created,
    audit_updated,
)

from .models import ApiToken

# Tokens read as what they are in a log or a leaked file.
TOKEN_PREFIX = "mandat_"
# A token's last use is written at most this often, not on every request.
LAST_USED_EVERY = datetime.timedelta(minutes=5)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, actor: Actor, organisation: Organisation, name: str, scope: str
) -> tuple[ApiToken, str]:
    """Make a token; return it and the token itself, which is shown once
    and kept only as its digest."""
    name = name.strip()
    if not name:
        raise ApplicationError(_("Give the token a name."), field="name")
    if scope not in ApiToken.Scope.values:
        raise ApplicationError(_("Choose read or read and write."), field="scope")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name,
        scope=scope,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(secret),
        created_by=actor_user(actor),
    )
    audit_created(actor, token, ("name", "scope", "prefix"))
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke a token: from now on every request with it is refused."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_updated(actor, token, {"revoked_at": [None, str(token.revoked_at)]})
    return token


def api_token_used(*, token: ApiToken) -> None:
    """Note that ``token`` was used now (at most every few minutes)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
