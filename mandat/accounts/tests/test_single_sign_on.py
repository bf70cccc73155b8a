"""Signing in through an organisation's own identity provider: the real
OpenID Connect provider of the tests on loopback, no part of the protocol
stood in for."""

from urllib.parse import urlsplit

import pytest
import requests
from django.core.cache import cache
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from mandat.accounts.models import Membership, SignOnIdentity, SingleSignOn, User
from mandat.accounts.tests.factories import PASSWORD, UserFactory
from mandat.core.access import Role
from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.directory.models import Person
from mandat.directory.tests.factories import PersonFactory
from mandat.testing.received import free_port

from .sso import configure, provider_log_in, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sso_site")]


def swedish(text: str, **values) -> str:
    """The text as Mandat writes it, in Swedish."""
    with translation.override("sv"):
        return gettext(text) % values if values else gettext(text)


NO_ACCOUNT = (
    "You are signed in at your organisation, but Mandat has no account for you "
    "there. Ask your training coordinator to add you, or log in with a link by "
    "e-mail."
)


def signed_in_as(client) -> User | None:
    pk = client.session.get("_auth_user_id")
    return User.objects.get(pk=pk) if pk else None


def test_a_person_in_the_directory_gets_an_account_with_the_elected_role(
    client, oidc_provider, organisation
):
    person = PersonFactory(
        organisation=organisation,
        first_name="Elin",
        last_name="Exempel",
        email="Elin@Example.se",
        kind=Person.Kind.ELECTED,
    )
    configure(oidc_provider, organisation)

    answer = sign_in(client, oidc_provider, "elin")

    assert answer.status_code == 302
    user = signed_in_as(client)
    assert user is not None and user.email == "elin@example.se"
    assert user.full_name == "Elin Exempel"
    assert not user.has_usable_password()
    person.refresh_from_db()
    assert person.account == user
    assert list(
        Membership.objects.filter(user=user).values_list("role", flat=True)
    ) == [Role.ELECTED]
    identity = SignOnIdentity.objects.get(user=user)
    assert identity.organisation == organisation
    assert identity.subject == oidc_provider.subjects["elin"]
    messages = set(
        AuditEntry.objects.filter(object_type__startswith="accounts.").values_list(
            "object_type", "message"
        )
    )
    created = swedish("account created for a person in the directory")
    provider = "Exempelby kommuns konto"
    signed_in = swedish("signed in through %(provider)s", provider=provider)
    assert ("accounts.signonidentity", created) in messages
    assert ("accounts.user", signed_in) in messages


def test_an_official_gets_the_official_role(client, oidc_provider, organisation):
    PersonFactory(
        organisation=organisation, email="olof@example.se", kind=Person.Kind.OFFICIAL
    )
    configure(oidc_provider, organisation)

    sign_in(client, oidc_provider, "olof")

    user = signed_in_as(client)
    assert [m.role for m in user.memberships.all()] == [Role.OFFICIAL]


def test_the_next_sign_in_finds_the_account_by_its_subject(
    client, oidc_provider, organisation
):
    user = UserFactory(email="byter.adress@example.se")
    Membership.objects.create(user=user, organisation=organisation, role=Role.ELECTED)
    SignOnIdentity.objects.create(
        user=user, organisation=organisation, subject=oidc_provider.subjects["maja"]
    )
    # Matching by address is off: only the linked subject can find the account.
    configure(oidc_provider, organisation, email_matching="never", create_users=False)

    sign_in(client, oidc_provider, "maja")

    assert signed_in_as(client) == user
    assert SignOnIdentity.objects.get(user=user).last_used_at is not None


def test_an_account_of_the_organisation_is_linked_by_its_verified_address(
    client, oidc_provider, organisation
):
    user = UserFactory(email="maja@example.se")
    Membership.objects.create(
        user=user, organisation=organisation, role=Role.STEERING_MEMBER
    )
    configure(oidc_provider, organisation, create_users=False)

    sign_in(client, oidc_provider, "maja")

    assert signed_in_as(client) == user
    identity = SignOnIdentity.objects.get(user=user, organisation=organisation)
    assert identity.subject == oidc_provider.subjects["maja"]
    assert AuditEntry.objects.filter(
        object_type="accounts.signonidentity",
        message=swedish("linked by e-mail address"),
        organisation=organisation,
    ).exists()


def test_an_unverified_address_links_only_when_the_provider_is_trusted(
    client, oidc_provider, organisation
):
    user = UserFactory(email="osaker@example.se")
    Membership.objects.create(user=user, organisation=organisation, role=Role.ELECTED)
    configure(oidc_provider, organisation)

    refused = sign_in(client, oidc_provider, "osaker")

    assert refused.status_code == 403
    assert escape(swedish(NO_ACCOUNT)) in refused.content.decode()
    assert signed_in_as(client) is None
    assert not SignOnIdentity.objects.exists()

    configure(oidc_provider, organisation, client_secret="", email_matching="trusted")
    sign_in(client, oidc_provider, "osaker")
    assert signed_in_as(client) == user


def test_someone_not_in_the_directory_is_refused_with_a_clear_page(
    client, oidc_provider, organisation
):
    configure(oidc_provider, organisation)

    refused = sign_in(client, oidc_provider, "okand")

    assert refused.status_code == 403
    page = refused.content.decode()
    assert escape(swedish("Could not log in")) in page
    assert escape(swedish(NO_ACCOUNT)) in page
    assert signed_in_as(client) is None
    assert not User.objects.filter(email="okand@example.se").exists()


def test_an_account_used_in_another_organisation_is_not_taken_by_address(
    client, oidc_provider, organisation, other_organisation
):
    user = UserFactory(email="maja@example.se")
    Membership.objects.create(user=user, organisation=organisation, role=Role.ELECTED)
    Membership.objects.create(
        user=user, organisation=other_organisation, role=Role.COORDINATOR
    )
    configure(oidc_provider, organisation)

    refused = sign_in(client, oidc_provider, "maja")

    assert refused.status_code == 403
    assert signed_in_as(client) is None


def test_an_answer_with_another_state_is_refused(client, oidc_provider, organisation):
    PersonFactory(organisation=organisation, email="elin@example.se")
    configure(oidc_provider, organisation)
    start = client.get("/accounts/sso/exempelby/")
    back = provider_log_in(
        start["Location"], "elin", oidc_provider.password, back_to="http://testserver/"
    )
    forged = back.replace("state=", "state=x")

    refused = client.get(forged)

    assert refused.status_code == 400
    assert signed_in_as(client) is None
    assert not User.objects.filter(email="elin@example.se").exists()
    # The state is used up even so: the real answer no longer works either.
    assert client.get(back).status_code == 400


def test_an_organisation_without_single_sign_on_has_no_log_in_address(
    client, organisation
):
    assert client.get("/accounts/sso/exempelby/").status_code == 404
    assert client.get("/accounts/sso/exempelby/callback/").status_code == 404


def test_a_password_is_refused_where_the_organisation_switched_them_off(
    client, oidc_provider, organisation, other_organisation
):
    user = UserFactory(email="maja@example.se")
    Membership.objects.create(user=user, organisation=organisation, role=Role.ELECTED)
    configure(oidc_provider, organisation, local_passwords=False)
    form = {"username": "maja@example.se", "password": PASSWORD}

    refused = client.post("/accounts/login/", form)

    assert refused.status_code == 200
    assert signed_in_as(client) is None
    refusal = (
        "%(organisation)s has switched off passwords in Mandat. Log in with "
        "%(provider)s below, or with a link by e-mail."
    )
    values = {"organisation": "Exempelby kommun", "provider": "Exempelby kommuns konto"}
    assert escape(swedish(refusal, **values)) in refused.content.decode()

    # A role in another organisation that allows passwords does not help:
    # this organisation's data is not reached with a password.
    Membership.objects.create(
        user=user, organisation=other_organisation, role=Role.ELECTED
    )
    assert signed_in_as(client) is None
    client.post("/accounts/login/", form)
    assert signed_in_as(client) is None

    # Switched on again, the password works.
    configure(oidc_provider, organisation, client_secret="", local_passwords=True)
    client.post("/accounts/login/", form)
    assert signed_in_as(client) == user


def test_the_installation_administrator_keeps_the_password(
    client, oidc_provider, organisation
):
    admin = UserFactory(email="root@example.se", is_superuser=True, is_staff=True)
    Membership.objects.create(user=admin, organisation=organisation, role=Role.ELECTED)
    configure(oidc_provider, organisation, local_passwords=False)

    client.post("/accounts/login/", {"username": admin.email, "password": PASSWORD})

    assert signed_in_as(client) == admin


def test_the_secret_is_sealed_kept_when_left_empty_and_never_shown(
    client, oidc_provider, organisation, administrator
):
    config = configure(oidc_provider, organisation, actor=administrator)
    assert oidc_provider.client_secret not in config.client_secret_sealed

    client.force_login(administrator)
    page = client.get("/o/exempelby/users/sso/").content.decode()
    assert oidc_provider.client_secret not in page
    assert config.client_secret_sealed not in page
    assert "http://testserver/accounts/sso/exempelby/callback/" in page

    data = {
        "enabled": "on",
        "protocol": "oidc",
        "name": "Exempelby kommuns konto",
        "issuer": oidc_provider.issuer,
        "client_id": oidc_provider.client_id,
        "client_secret": "",
        "scopes": "openid email",
        "subject_claim": "sub",
        "email_matching": "verified",
    }
    answer = client.post("/o/exempelby/users/sso/", data)
    assert answer.status_code == 302
    config.refresh_from_db()
    assert config.scopes == "openid email"
    assert not config.create_users
    assert config.client_secret_sealed  # the stored secret stays
    entry = AuditEntry.objects.filter(object_type="accounts.singlesignon").latest("pk")
    assert entry.actor == administrator
    assert "scopes" in entry.changes
    assert oidc_provider.client_secret not in str(entry.changes)


def test_another_issuer_unlinks_the_accounts_of_the_old_one(
    oidc_provider, organisation, administrator
):
    configure(oidc_provider, organisation, actor=administrator)
    user = UserFactory()
    SignOnIdentity.objects.create(user=user, organisation=organisation, subject="1")

    configure(
        oidc_provider,
        organisation,
        actor=administrator,
        client_secret="",
        issuer="https://login.microsoftonline.com/tenant/v2.0",
    )

    assert not SignOnIdentity.objects.exists()
    assert SingleSignOn.objects.get().issuer.startswith("https://login.micro")


def test_an_issuer_without_https_is_refused(oidc_provider, organisation):
    with pytest.raises(ApplicationError):
        configure(oidc_provider, organisation, issuer="http://idp.example.se/")


def test_a_provider_that_does_not_answer_gives_a_page_not_an_error(
    client, oidc_provider, organisation
):
    configure(oidc_provider, organisation, issuer=f"http://127.0.0.1:{free_port()}/o")

    answer = client.get("/accounts/sso/exempelby/")

    assert answer.status_code == 502
    assert escape(swedish("Could not log in")) in answer.content.decode()
    assert signed_in_as(client) is None


def test_the_address_typed_on_the_log_in_page_finds_the_organisations_log_in(
    client, oidc_provider, organisation
):
    configure(oidc_provider, organisation, email_domains="exempelby.se ÖREBRO.se")

    page = client.post("/accounts/sso/", {"username": "Elin@Exempelby.SE"})

    assert page.status_code == 200
    content = page.content.decode()
    start = 'href="/accounts/sso/exempelby/"'
    assert start in content
    assert escape(swedish("Log in with %(name)s", name="Exempelby kommuns konto")) in (
        content
    )
    # The next time, the log-in page shows that organisation's button first.
    login = client.get("/accounts/login/").content.decode()
    assert 'class="button" href="/accounts/sso/exempelby/"' in login
    # An international domain is found in either form.
    other = client.post("/accounts/sso/", {"username": "kalle@örebro.se"})
    assert start in other.content.decode()


def test_an_address_of_no_organisation_gets_a_message_at_the_field(
    client, oidc_provider, organisation
):
    configure(oidc_provider, organisation, email_domains="exempelby.se")

    page = client.post(
        "/accounts/sso/", {"username": "elin@gmail.com", "password": "x"}
    )

    assert page.status_code == 200
    content = page.content.decode()
    assert (
        escape(
            swedish(
                "No organisation in Mandat signs in with addresses like this one. "
                "Log in with your password or a link by e-mail."
            )
        )
        in content
    )
    assert 'value="elin@gmail.com"' in content
    assert "/accounts/sso/exempelby/" in content  # the list is still there
    assert "mandat_sso" not in page.cookies


def test_a_domain_leads_to_one_organisation_only(
    oidc_provider, organisation, other_organisation
):
    configure(oidc_provider, organisation, email_domains="exempelby.se")

    with pytest.raises(ApplicationError) as refusal:
        configure(oidc_provider, other_organisation, email_domains="EXEMPELBY.se")
    assert refusal.value.field == "email_domains"

    with pytest.raises(ApplicationError) as refusal:
        configure(oidc_provider, other_organisation, email_domains="@grannby")
    assert refusal.value.field == "email_domains"

    config = configure(oidc_provider, organisation, client_secret="", email_domains="")
    assert not config.domains.exists()
    configure(oidc_provider, other_organisation, email_domains="exempelby.se")


def test_a_provider_switched_off_is_not_found_by_its_domain(
    client, oidc_provider, organisation
):
    configure(oidc_provider, organisation, enabled=False, email_domains="exempelby.se")

    page = client.post("/accounts/sso/", {"username": "elin@exempelby.se"})

    assert "/accounts/sso/exempelby/" not in page.content.decode()


def test_the_providers_discovery_and_keys_are_fetched_once_for_many_sign_ins(
    client, oidc_provider, organisation, monkeypatch
):
    """Each sign-in asks the provider for its tokens; its settings and keys
    come from the cache after the first (a spy on the real requests)."""
    cache.clear()
    PersonFactory(organisation=organisation, email="elin@example.se")
    PersonFactory(organisation=organisation, email="olof@example.se")
    configure(oidc_provider, organisation)
    fetched: list[str] = []
    send = requests.Session.send

    def spy(session, prepared, **kwargs):
        fetched.append(urlsplit(prepared.url).path)
        return send(session, prepared, **kwargs)

    monkeypatch.setattr(requests.Session, "send", spy)

    assert sign_in(client, oidc_provider, "elin").status_code == 302
    client.logout()
    assert sign_in(client, oidc_provider, "olof").status_code == 302

    mandats = [path for path in fetched if "/o/" in path]
    assert mandats.count("/o/.well-known/openid-configuration") == 1
    assert sum("jwks" in path for path in mandats) == 1
    assert sum(path.endswith("/token/") for path in mandats) == 2


def test_a_provider_inside_mandats_network_is_refused(
    oidc_provider, organisation, settings
):
    """An organisation's administrator must not make the server call its
    own loopback services or private network."""
    settings.OUTBOUND_LOCAL_ALLOWED = False
    for issuer in (
        oidc_provider.issuer,
        "https://192.168.1.10/o",
        "https://localhost/o",
    ):
        with pytest.raises(ApplicationError) as refusal:
            configure(oidc_provider, organisation, issuer=issuer)
        assert refusal.value.field == "issuer", issuer


def test_a_sign_in_does_not_call_a_provider_inside_mandats_network(
    client, oidc_provider, organisation, settings
):
    """Set up while allowed (or before this rule), refused at the sign-in."""
    configure(oidc_provider, organisation)
    settings.OUTBOUND_LOCAL_ALLOWED = False

    answer = client.get("/accounts/sso/exempelby/")

    assert answer.status_code == 502
