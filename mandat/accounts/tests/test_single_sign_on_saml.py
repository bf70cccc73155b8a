"""Signing in over SAML 2.0: the real pysaml2 identity provider of the tests
on loopback, its signatures made and checked by xmlsec1, no part of the
protocol stood in for. Answers a real provider would never send are made
by the same provider in the test process."""

import base64

import pytest
import time_machine
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from saml2.saml import NAMEID_FORMAT_TRANSIENT, NameID

from mandat.accounts import saml
from mandat.accounts.models import Membership, SignOnIdentity, SingleSignOn, User
from mandat.accounts.services import saml_metadata_refresh_due
from mandat.core.access import Role
from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.directory.models import Person
from mandat.directory.tests.factories import PersonFactory
from mandat.testing.received import free_port
from mandat.testing.saml_idp import _make

from .saml import configure, crafted, needs_xmlsec1, sign_in, start

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("sso_site"),
    needs_xmlsec1,
]
ACS = "/accounts/saml/exempelby/acs/"


def swedish(text: str, **values) -> str:
    with translation.override("sv"):
        return gettext(text) % values if values else gettext(text)


REFUSED = (
    "The sign-in through %(provider)s could not be completed: its answer was "
    "not valid or came too late. Start again."
)


def signed_in_as(client) -> User | None:
    pk = client.session.get("_auth_user_id")
    return User.objects.get(pk=pk) if pk else None


def elin(organisation):
    return PersonFactory(
        organisation=organisation,
        first_name="Elin",
        last_name="Exempel",
        email="elin@example.se",
        kind=Person.Kind.ELECTED,
    )


def refused(answer) -> bool:
    message = swedish(REFUSED, provider="Exempelby kommuns konto")
    return answer.status_code == 400 and escape(message) in answer.content.decode()


def test_a_person_in_the_directory_signs_in_and_gets_an_account(
    client, saml_idp, organisation
):
    person = elin(organisation)
    configure(saml_idp, organisation, client)

    answer = sign_in(client, saml_idp, "elin")

    assert answer.status_code == 302, answer.content.decode()[:2000]
    user = signed_in_as(client)
    assert user is not None and user.email == "elin@example.se"
    person.refresh_from_db()
    assert person.account == user
    assert Membership.objects.get(user=user).role == Role.ELECTED
    identity = SignOnIdentity.objects.get(user=user)
    assert identity.subject == saml_idp.subjects["elin"]
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.LOGIN, object_id=str(user.pk)
    ).exists()


def test_the_next_sign_in_finds_the_account_by_its_name_id(
    client, saml_idp, organisation
):
    elin(organisation)
    configure(saml_idp, organisation, client)
    sign_in(client, saml_idp, "elin")
    user = signed_in_as(client)
    client.logout()
    # The address changed at the provider; the NameID did not.
    user.email = "elin.exempel@example.se"
    user.save()

    answer = sign_in(client, saml_idp, "elin")

    assert answer.status_code == 302
    assert signed_in_as(client) == user
    assert User.objects.count() == 1


def test_someone_not_in_the_directory_is_refused(client, saml_idp, organisation):
    configure(saml_idp, organisation, client)

    answer = sign_in(client, saml_idp, "okand")

    assert answer.status_code == 403
    assert signed_in_as(client) is None
    assert not User.objects.filter(email="okand@example.se").exists()


def test_an_encrypted_assertion_is_read_with_the_key_of_mandats_metadata(
    client, saml_idp, organisation
):
    elin(organisation)
    config = configure(saml_idp, organisation, client)
    certificate = "".join(config.sp_certificate.strip().splitlines()[1:-1])
    acs, answer = crafted(
        client,
        saml_idp,
        "elin",
        encrypt_assertion=True,
        encrypt_cert_assertion=certificate,
    )
    assert b"EncryptedAssertion" in base64.b64decode(answer)

    response = client.post(acs, {"SAMLResponse": answer})

    assert response.status_code == 302, response.content.decode()[:2000]
    assert signed_in_as(client).email == "elin@example.se"


def test_an_answer_changed_after_signing_is_refused(client, saml_idp, organisation):
    elin(organisation)
    PersonFactory(organisation=organisation, email="maja@example.se")
    configure(saml_idp, organisation, client)
    acs, answer = crafted(client, saml_idp, "elin")
    xml = base64.b64decode(answer).decode()
    assert xml.count("elin@example.se") == 1
    forged = base64.b64encode(xml.replace("elin@", "maja@").encode()).decode()

    assert refused(client.post(acs, {"SAMLResponse": forged}))
    assert signed_in_as(client) is None


def test_an_unsigned_answer_is_refused(client, saml_idp, organisation):
    elin(organisation)
    configure(saml_idp, organisation, client)
    acs, answer = crafted(
        client, saml_idp, "elin", sign_response=False, sign_assertion=False
    )

    assert refused(client.post(acs, {"SAMLResponse": answer}))
    assert signed_in_as(client) is None


def test_an_answer_signed_with_another_key_is_refused(
    client, saml_idp, organisation, tmp_path
):
    elin(organisation)
    configure(saml_idp, organisation, client)
    # The same entity id and people, another key: a provider's name is
    # not its signature.
    impostor = _make(tmp_path, saml_idp.base, list(saml_idp.users.values()))
    impostor.subjects = saml_idp.subjects
    impostor.trust(client.get("/accounts/saml/exempelby/metadata/").content.decode())
    acs, answer = crafted(client, impostor, "elin")

    assert refused(client.post(acs, {"SAMLResponse": answer}))
    assert signed_in_as(client) is None


def test_an_answer_is_taken_once_and_only_in_the_browser_that_asked(
    client, saml_idp, organisation
):
    elin(organisation)
    configure(saml_idp, organisation, client)
    acs, answer = crafted(client, saml_idp, "elin")

    # Posted from another browser: the request it answers was not made there.
    other = Client()
    assert refused(other.post(acs, {"SAMLResponse": answer}))
    assert signed_in_as(other) is None

    assert client.post(acs, {"SAMLResponse": answer}).status_code == 302
    client.logout()
    assert refused(client.post(acs, {"SAMLResponse": answer}))
    assert signed_in_as(client) is None


def test_an_answer_to_an_earlier_request_is_refused(client, saml_idp, organisation):
    elin(organisation)
    configure(saml_idp, organisation, client)
    acs, first = crafted(client, saml_idp, "elin")
    start(client)  # started again: the browser now waits for another answer

    assert refused(client.post(acs, {"SAMLResponse": first}))


def test_an_answer_for_another_organisations_service_is_refused(
    client, saml_idp, organisation, other_organisation
):
    """The same provider serves two organisations: what it says to one is
    not taken by the other."""
    elin(organisation)
    configure(saml_idp, organisation, client)
    configure(saml_idp, other_organisation, client)
    acs, answer = crafted(
        client,
        saml_idp,
        "elin",
        audience="http://testserver/accounts/saml/grannby/metadata/",
    )

    assert refused(client.post(acs, {"SAMLResponse": answer}))


def test_an_answer_that_comes_too_late_is_refused(client, saml_idp, organisation):
    elin(organisation)
    configure(saml_idp, organisation, client)
    acs, answer = crafted(client, saml_idp, "elin")

    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=8)):
        assert refused(client.post(acs, {"SAMLResponse": answer}))
    assert signed_in_as(client) is None


def test_a_transient_name_id_is_no_subject(client, saml_idp, organisation):
    elin(organisation)
    configure(saml_idp, organisation, client)
    acs, answer = crafted(
        client,
        saml_idp,
        "elin",
        name_id=NameID(format=NAMEID_FORMAT_TRANSIENT, text="once-only"),
    )

    response = client.post(acs, {"SAMLResponse": answer})

    assert response.status_code == 403
    assert "NameID" in response.content.decode()
    assert signed_in_as(client) is None


def test_mandats_metadata_names_its_addresses_and_certificate(
    client, saml_idp, organisation
):
    config = configure(saml_idp, organisation)

    response = client.get("/accounts/saml/exempelby/metadata/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/samlmetadata+xml"
    xml = response.content.decode()
    assert 'entityID="http://testserver/accounts/saml/exempelby/metadata/"' in xml
    assert 'Location="http://testserver/accounts/saml/exempelby/acs/"' in xml
    certificate = "".join(config.sp_certificate.strip().splitlines()[1:-1])
    assert certificate in xml.replace("\n", "")
    assert "PRIVATE KEY" not in xml
    # Only the algorithms Mandat would accept are named: none of MD5, SHA-1.
    assert "xmlenc#sha256" in xml and "rsa-sha256" in xml
    assert "md5" not in xml and "#sha1" not in xml and "rsa-sha1" not in xml


def test_an_organisation_without_saml_has_no_metadata_and_no_acs(client, organisation):
    assert client.get("/accounts/saml/exempelby/metadata/").status_code == 404
    assert client.post(ACS, {"SAMLResponse": "x"}).status_code == 404


def test_what_is_not_the_metadata_of_one_provider_is_refused_at_the_field(
    saml_idp, organisation
):
    for metadata in ("<html>not metadata</html>", "<EntityDescriptor", "x"):
        with pytest.raises(ApplicationError) as refusal:
            configure(saml_idp, organisation, idp_metadata=metadata)
        assert refusal.value.field == "idp_metadata"


def test_the_key_pair_is_made_once_and_kept_sealed(saml_idp, organisation):
    first = configure(saml_idp, organisation)
    again = configure(saml_idp, organisation, name="Exempelby konto")

    assert again.sp_certificate == first.sp_certificate
    assert "PRIVATE KEY" not in again.sp_private_key_sealed
    assert saml.unseal(again.sp_private_key_sealed).startswith("-----BEGIN PRIVATE KEY")


def test_another_provider_unlinks_the_accounts_of_the_old_one(
    client, saml_idp, organisation, tmp_path
):
    elin(organisation)
    configure(saml_idp, organisation, client)
    sign_in(client, saml_idp, "elin")
    assert SignOnIdentity.objects.count() == 1
    other = _make(tmp_path, "http://127.0.0.1:9", list(saml_idp.users.values()))

    configure(other, organisation)

    assert not SignOnIdentity.objects.exists()


def test_the_administrator_sets_saml_up_on_the_page(
    client, saml_idp, organisation, administrator
):
    client.force_login(administrator)
    page = client.get("/o/exempelby/users/sso/").content.decode()
    assert "http://testserver/accounts/saml/exempelby/metadata/" in page
    assert "http://testserver/accounts/saml/exempelby/acs/" in page

    data = {
        "enabled": "on",
        "protocol": "saml",
        "name": "Exempelby kommuns konto",
        "scopes": "openid",
        "idp_metadata": "<md:EntityDescriptor>",
        "subject_claim": "sub",
        "email_matching": "trusted",
    }
    answer = client.post("/o/exempelby/users/sso/", data)
    assert answer.status_code == 200
    assert answer.context["form"].errors["idp_metadata"]

    answer = client.post(
        "/o/exempelby/users/sso/", {**data, "idp_metadata": saml_idp.metadata}
    )

    assert answer.status_code == 302
    config = organisation.single_sign_on
    assert config.is_saml
    assert config.idp_entity_id == saml_idp.entity_id
    assert config.subject_claim == "NameID"
    entry = AuditEntry.objects.filter(object_type="accounts.singlesignon").latest("pk")
    assert entry.actor == administrator
    assert swedish("SAML key pair made") in entry.message


def test_saml_is_refused_with_a_reason_on_a_server_without_xmlsec1(
    saml_idp, organisation, monkeypatch
):
    metadata = saml_idp.metadata
    monkeypatch.setenv("PATH", "/nonexistent")

    with pytest.raises(ApplicationError) as refusal:
        configure(saml_idp, organisation, idp_metadata=metadata)

    assert refusal.value.field == "protocol"
    assert "xmlsec1" in str(refusal.value)


def test_the_metadata_is_read_from_the_providers_address(saml_idp, organisation):
    url = f"{saml_idp.base}/metadata"

    config = configure(saml_idp, organisation, idp_metadata="", idp_metadata_url=url)

    assert config.idp_metadata_url == url
    assert config.idp_entity_id == saml_idp.entity_id
    assert "X509Certificate" in config.idp_metadata


def test_an_address_that_gives_no_metadata_is_refused_at_the_field(
    saml_idp, organisation
):
    for url, why in (
        (f"{saml_idp.base}/nothing-here", "404"),
        (f"http://127.0.0.1:{free_port()}/metadata", "no answer"),
        ("http://idp.example.se/metadata", "not https"),
    ):
        with pytest.raises(ApplicationError) as refusal:
            configure(saml_idp, organisation, idp_metadata="", idp_metadata_url=url)
        assert refusal.value.field == "idp_metadata_url", why


def test_the_nightly_read_takes_the_providers_new_metadata_and_audits_it(
    saml_idp, organisation, tmp_path
):
    url = f"{saml_idp.base}/metadata"
    config = configure(saml_idp, organisation, idp_metadata="", idp_metadata_url=url)
    assert saml_metadata_refresh_due() == "1 unchanged"
    # What Mandat held was the provider's old certificate.
    old = _make(tmp_path, saml_idp.base, list(saml_idp.users.values())).metadata
    SingleSignOn.objects.filter(pk=config.pk).update(idp_metadata=old)

    assert saml_metadata_refresh_due() == "1 refreshed"

    config.refresh_from_db()
    assert config.idp_metadata == saml_idp.metadata.strip()
    entry = AuditEntry.objects.filter(object_type="accounts.singlesignon").latest("pk")
    assert url in entry.message and entry.actor is None


def test_the_nightly_read_keeps_the_metadata_when_the_address_fails_or_changes_provider(
    saml_idp, organisation, tmp_path
):
    url = f"{saml_idp.base}/metadata"
    config = configure(saml_idp, organisation, idp_metadata="", idp_metadata_url=url)
    held = config.idp_metadata

    SingleSignOn.objects.filter(pk=config.pk).update(
        idp_metadata_url=f"http://127.0.0.1:{free_port()}/metadata"
    )
    assert saml_metadata_refresh_due() == "1 failed"
    # Another provider at the address: its metadata is not taken.
    SingleSignOn.objects.filter(pk=config.pk).update(
        idp_metadata_url=url, idp_entity_id="https://other-idp.example.se/"
    )
    assert saml_metadata_refresh_due() == "1 failed"

    config.refresh_from_db()
    assert config.idp_metadata == held


def test_a_metadata_address_that_redirects_is_not_followed(saml_idp, organisation):
    redirecting = f"{saml_idp.base}/elsewhere"

    with pytest.raises(ApplicationError) as refusal:
        configure(saml_idp, organisation, idp_metadata="", idp_metadata_url=redirecting)

    assert refusal.value.field == "idp_metadata_url"
    assert "redirect" in str(refusal.value)


def test_a_key_that_no_longer_opens_gives_pages_not_errors_and_is_made_anew(
    client, saml_idp, organisation, administrator, settings
):
    """SECRET_KEY changed without the old one kept: the sealed key cannot
    be opened. Its metadata and sign-in answer with a page (not a server
    error), the settings page says what to do, and saving makes a new pair."""
    elin(organisation)
    config = configure(saml_idp, organisation, client)
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    settings.SECRET_KEY_FALLBACKS = []

    assert client.get("/accounts/saml/exempelby/metadata/").status_code == 503
    assert client.get("/accounts/sso/exempelby/").status_code == 502
    client.force_login(administrator)
    page = client.get("/o/exempelby/users/sso/").content.decode()
    assert 'class="message message--error" role="alert"' in page
    assert "SECRET_KEY" in page
    client.logout()

    renewed = configure(saml_idp, organisation, client)

    assert renewed.sp_certificate != config.sp_certificate
    assert sign_in(client, saml_idp, "elin").status_code == 302


def test_an_answer_signed_with_sha1_is_refused(client, saml_idp, organisation):
    """xmlsec1 checks a SHA-1 signature as good; Mandat takes SHA-256 and
    stronger only, as its metadata says, inside an encrypted assertion too."""
    elin(organisation)
    config = configure(saml_idp, organisation, client)
    for options in (
        {},
        {
            "encrypt_assertion": True,
            "encrypt_cert_assertion": "".join(
                config.sp_certificate.strip().splitlines()[1:-1]
            ),
            "sign_response": False,
        },
    ):
        acs, answer = crafted(
            client,
            saml_idp,
            "elin",
            sign_alg="http://www.w3.org/2000/09/xmldsig#rsa-sha1",
            digest_alg="http://www.w3.org/2000/09/xmldsig#sha1",
            **options,
        )
        assert refused(client.post(acs, {"SAMLResponse": answer})), options
        assert signed_in_as(client) is None
