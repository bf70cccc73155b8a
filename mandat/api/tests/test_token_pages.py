"""The administrator's page of API tokens: a token is shown once, kept as
a fingerprint, audited, and stops working when revoked."""

import pytest
from django.urls import reverse

from mandat.api.models import ApiToken
from mandat.core.models import AuditEntry

from .conftest import Api

pytestmark = pytest.mark.django_db


def test_the_administrator_makes_a_token_that_is_shown_once_and_then_revokes_it(
    client, administrator, organisation
):
    client.force_login(administrator)
    page = reverse("api:token-list", args=[organisation.slug])

    made = client.post(page, {"name": "Förtroendemannaregistret", "scope": "write"})
    assert made.status_code == 302
    shown = client.get(page).content.decode()
    token = ApiToken.objects.get()
    secret = shown.split('<code class="token" id="new-token">')[1].split("<")[0]
    assert secret.startswith("mandat_") and len(secret) > 40
    assert token.prefix == secret[: len(token.prefix)]
    # Shown once: the next visit lists the token by its beginning only.
    again = client.get(page).content.decode()
    assert secret not in again and f"{token.prefix}…" in again
    # Kept only as its fingerprint; the audit trail names it, not its secret.
    assert secret not in str(ApiToken.objects.values().get())
    entry = AuditEntry.objects.get(object_type="api.apitoken", action="create")
    assert secret not in str(entry.changes) and "Förtroendemannaregistret" in str(
        entry.changes
    )
    system = Api(client, secret)
    client.logout()
    assert system.get("/api/v1/organisation/").json()["name"] == organisation.name

    client.force_login(administrator)
    client.post(reverse("api:token-revoke", args=[organisation.slug, token.pk]))
    client.logout()

    assert system.get("/api/v1/organisation/").status_code == 401
    assert AuditEntry.objects.filter(
        object_type="api.apitoken", action="update"
    ).exists()


def test_a_token_needs_a_name(client, administrator, organisation):
    client.force_login(administrator)
    response = client.post(
        reverse("api:token-list", args=[organisation.slug]),
        {"name": " ", "scope": "read"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()
