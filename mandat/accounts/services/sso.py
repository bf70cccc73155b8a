"""Writers for single sign-on: an organisation's identity provider set up by
its administrator, and a sign-in from it matched to an account: by the
linked subject, else by a trusted e-mail address, else a new account for a
person of the directory, or refused."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.access import Role
from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry, Organisation
from mandat.core.outbound import outbound_refusal
from mandat.core.services import (
    Actor,
    audit_created,
    audit_deleted,
    audit_record,
    audit_updated,
    changed,
    snapshot,
)
from mandat.directory.models import Person

from .. import saml
from ..models import (
    Membership,
    SignOnDomain,
    SignOnIdentity,
    SingleSignOn,
    User,
    email_domain,
)
from ..sealing import seal
from .roles import membership_create

AUDITED_FIELDS = (
    "enabled",
    "protocol",
    "name",
    "issuer",
    "idp_entity_id",
    "client_id",
    "scopes",
    "subject_claim",
    "email_matching",
    "create_users",
    "local_passwords",
)
# The role a new account gets from the kind of its person in the directory.
ROLE_OF_KIND: dict[str, str] = {
    Person.Kind.ELECTED: Role.ELECTED,
    Person.Kind.OFFICIAL: Role.OFFICIAL,
}


class SignOnRefusedError(ApplicationError):
    """Someone the provider signed in has no account Mandat may give them."""


def _check_address(address: str, *, field: str) -> str:
    """An address of the provider's that Mandat will fetch from: HTTPS,
    outside Mandat's own network (core/outbound.py), without query or
    fragment."""
    address = address.strip()
    parts = urlsplit(address)
    refusal = outbound_refusal(address)
    if not refusal and (parts.query or parts.fragment):
        refusal = _("Give the provider's address, starting with https://.")
    if refusal:
        raise ApplicationError(refusal, field=field)
    return address


def _check_issuer(issuer: str) -> str:
    return _check_address(issuer, field="issuer")


@transaction.atomic
def single_sign_on_save(
    *,
    actor: Actor,
    organisation: Organisation,
    enabled: bool,
    name: str,
    subject_claim: str,
    email_matching: str,
    create_users: bool,
    local_passwords: bool,
    protocol: str = SingleSignOn.Protocol.OIDC,
    issuer: str = "",
    client_id: str = "",
    client_secret: str = "",
    scopes: str = "openid email profile",
    idp_metadata: str = "",
    idp_metadata_url: str = "",
    email_domains: str = "",
) -> SingleSignOn:
    """Set up or change the organisation's single sign-on, over OpenID
    Connect (issuer, client id and secret; an empty ``client_secret`` keeps
    the one stored) or SAML 2.0 (the provider's metadata; Mandat's key pair
    is made the first time). Another provider or subject claim unlinks every
    account linked to the old one: its subjects mean nothing at the new one."""
    config = SingleSignOn.objects.filter(organisation=organisation).first()
    domains = _domains_check(email_domains, config)
    if protocol not in SingleSignOn.Protocol.values:
        raise ApplicationError(_("Choose a protocol."), field="protocol")
    if email_matching not in SingleSignOn.EmailMatching.values:
        raise ApplicationError(
            _("Choose when to link by e-mail."), field="email_matching"
        )
    values: dict[str, Any] = {
        "enabled": enabled,
        "protocol": protocol,
        "name": " ".join(name.split()),
        "subject_claim": subject_claim.strip(),
        "email_matching": email_matching,
        "create_users": create_users,
        "local_passwords": local_passwords,
    }
    if protocol == SingleSignOn.Protocol.SAML:
        values |= _saml_values(idp_metadata, idp_metadata_url, values["subject_claim"])
    else:
        has_secret = config is not None and bool(config.client_secret_sealed)
        values |= _oidc_values(issuer, client_id, scopes, client_secret, has_secret)
    message = ""
    if config is None:
        config = SingleSignOn(organisation=organisation, **values)
        message = _secrets_store(config, client_secret)
        config.save()
        message = "; ".join(filter(None, [message, _domains_set(config, domains)]))
        audit_created(actor, config, AUDITED_FIELDS, message=message)
        return config
    before = snapshot(config, AUDITED_FIELDS)
    provider_before = _provider_of(config)
    for field, value in values.items():
        setattr(config, field, value)
    message = _secrets_store(config, client_secret)
    config.save()
    message = "; ".join(filter(None, [message, _domains_set(config, domains)]))
    audit_updated(actor, config, changed(before, config), message=message)
    if _provider_of(config) != provider_before:
        _identities_unlink(actor=actor, organisation=organisation)
    return config


def _domains_check(email_domains: str, config: SingleSignOn | None) -> list[str]:
    domains = []
    for given in email_domains.replace(",", " ").split():
        domain = email_domain(given)
        if not domain:
            raise ApplicationError(
                _("%(domain)s is not an e-mail domain (such as exempelby.se).")
                % {"domain": given},
                field="email_domains",
            )
        taken = SignOnDomain.objects.filter(domain=domain)
        if config is not None:
            taken = taken.exclude(single_sign_on=config)
        if taken.exists():
            raise ApplicationError(
                _(
                    "%(domain)s already leads to another organisation's "
                    "sign-in. Ask Mandat's administrator."
                )
                % {"domain": domain},
                field="email_domains",
            )
        if domain not in domains:
            domains.append(domain)
    return domains


def _domains_set(config: SingleSignOn, domains: list[str]) -> str:
    """Make ``domains`` the configuration's; return what the audit entry
    says of a change."""
    before = sorted(config.domains.values_list("domain", flat=True))
    if before == sorted(domains):
        return ""
    config.domains.exclude(domain__in=domains).delete()
    SignOnDomain.objects.bulk_create(
        [
            SignOnDomain(single_sign_on=config, domain=d)
            for d in domains
            if d not in before
        ]
    )
    return _("e-mail domains: %(domains)s") % {
        "domains": ", ".join(sorted(domains)) or "–"
    }


def _oidc_values(
    issuer: str, client_id: str, scopes: str, client_secret: str, has_secret: bool
) -> dict[str, Any]:
    issuer = _check_issuer(issuer)
    if not client_id.strip():
        raise ApplicationError(_("Give the client id."), field="client_id")
    scope_list = scopes.split()
    if "openid" not in scope_list:
        raise ApplicationError(_("The scopes must include openid."), field="scopes")
    if not client_secret and not has_secret:
        raise ApplicationError(_("Give the client secret."), field="client_secret")
    return {
        "issuer": issuer,
        "client_id": client_id.strip(),
        "scopes": " ".join(scope_list),
    }


def _saml_values(
    idp_metadata: str, idp_metadata_url: str, subject_claim: str
) -> dict[str, Any]:
    if not saml.xmlsec_installed():
        raise ApplicationError(
            _(
                "SAML needs the program xmlsec1 on the server, and it is not "
                "there. Ask whoever runs Mandat to install it (on Debian: the "
                "package xmlsec1), or use OpenID Connect."
            ),
            field="protocol",
        )
    url = idp_metadata_url.strip()
    field = "idp_metadata_url" if url else "idp_metadata"
    if url:
        url = _check_address(url, field=field)
        try:
            idp_metadata = saml.metadata_fetch(url)
        except saml.SignOnProtocolError as error:
            raise ApplicationError(
                _("The metadata could not be read from this address (%(reason)s).")
                % {"reason": error},
                field=field,
            ) from error
    idp_metadata = idp_metadata.strip()
    if not idp_metadata:
        raise ApplicationError(
            _("Paste the identity provider's metadata, or give its address."),
            field=field,
        )
    try:
        entity_id = saml.idp_entity_id(idp_metadata)
    except saml.SignOnProtocolError as error:
        raise ApplicationError(
            _(
                "This is not the SAML metadata of one identity provider with a "
                "sign-on service over HTTP-Redirect (%(reason)s)."
            )
            % {"reason": error},
            field=field,
        ) from error
    return {
        "idp_metadata": idp_metadata,
        "idp_metadata_url": url,
        "idp_entity_id": entity_id,
        # The OpenID Connect default means nothing in SAML.
        "subject_claim": saml.NAME_ID
        if subject_claim in {"", "sub"}
        else subject_claim,
    }


def _secrets_store(config: SingleSignOn, client_secret: str) -> str:
    """Seal a new client secret, and make Mandat's SAML key pair the first
    time SAML is chosen; return what the audit entry says of it."""
    notes = []
    if client_secret and not config.is_saml:
        replaced = bool(config.client_secret_sealed)
        config.client_secret_sealed = seal(client_secret)
        notes.append(
            _("client secret replaced") if replaced else _("client secret stored")
        )
    lost = saml.key_lost(config)
    if config.is_saml and (lost or not config.sp_private_key_sealed):
        config.sp_private_key_sealed, config.sp_certificate = saml.sealed_key_pair(
            saml.addresses(config.organisation.slug).entity_id
        )
        notes.append(
            _("SAML key pair made anew: the old key could not be opened")
            if lost
            else _("SAML key pair made")
        )
    return "; ".join(notes)


def _provider_of(config: SingleSignOn) -> tuple[str, str, str]:
    """What the linked subjects are subjects of."""
    provider = config.idp_entity_id if config.is_saml else config.issuer
    return (config.protocol, provider, config.subject_claim)


def _identities_unlink(*, actor: Actor, organisation: Organisation) -> None:
    identities = SignOnIdentity.objects.filter(organisation=organisation)
    for identity in identities.select_related("user"):
        audit_deleted(
            actor,
            identity,
            organisation=organisation,
            message=_("unlinked: the provider changed"),
        )
    identities.delete()


def _claim(claims: Mapping[str, Any], name: str) -> str:
    value = claims.get(name)
    return value.strip() if isinstance(value, str) else ""


def _trusted_email(config: SingleSignOn, claims: Mapping[str, Any]) -> str:
    """Return the e-mail address of the claims if the organisation trusts
    it: verified by the provider, or from a provider set to be trusted."""
    email = _claim(claims, "email").lower()
    if not email or "@" not in email:
        return ""
    if claims.get("email_verified") is True:
        return email
    if config.email_matching == SingleSignOn.EmailMatching.TRUSTED:
        return email
    return ""


def _linkable_by_email(user: User, organisation: Organisation) -> bool:
    """Return whether an account may be linked from the organisation's
    provider by its address: an active account whose roles and person
    records are all in this organisation, and never the installation's
    administrators. An account used elsewhere too would let one
    organisation's provider sign in to another's data."""
    if not user.is_active or user.is_staff or user.is_superuser:
        return False
    in_here = (
        Membership.objects.filter(user=user, organisation=organisation).exists()
        or user.people.filter(organisation=organisation).exists()
    )
    elsewhere = (
        Membership.objects.filter(user=user).exclude(organisation=organisation).exists()
        or user.people.exclude(organisation=organisation).exists()
    )
    return in_here and not elsewhere


def _refused() -> SignOnRefusedError:
    return SignOnRefusedError(
        _(
            "You are signed in at your organisation, but Mandat has no account "
            "for you there. Ask your training coordinator to add you, or log in "
            "with a link by e-mail."
        )
    )


def _identity_link(
    *, user: User, organisation: Organisation, subject: str, how: str
) -> SignOnIdentity:
    identity = SignOnIdentity.objects.create(
        user=user,
        organisation=organisation,
        subject=subject,
        last_used_at=timezone.now(),
    )
    audit_created(user, identity, ("subject",), organisation=organisation, message=how)
    return identity


def _account_create(*, organisation: Organisation, person: Person, email: str) -> User:
    role = ROLE_OF_KIND[person.kind]
    user = User.objects.create_user(email=email, full_name=person.full_name)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    audit_created(
        None,
        user,
        ("email",),
        organisation=organisation,
        message=_("account created at the first single sign-on"),
    )
    person.account = user
    person.save(update_fields=["account", "updated_at"])
    audit_updated(
        None,
        person,
        {"account": [None, user.email]},
        message=_("linked to the account made at the first single sign-on"),
    )
    membership_create(actor=None, organisation=organisation, user=user, role=role)
    return user


@transaction.atomic
def sso_sign_in(*, organisation: Organisation, claims: Mapping[str, Any]) -> User:
    """Return the account that the checked claims of the organisation's
    provider sign in to: the one linked to their subject; else, where the
    organisation allows it, the account of their trusted e-mail address;
    else, where it allows that, a new account for the directory's person of
    that address, with the role of the person's kind. Link the subject to
    a newly found account. Raise SignOnRefusedError for anyone else."""
    config = SingleSignOn.objects.get(organisation=organisation, enabled=True)
    subject = _claim(claims, config.subject_claim)
    if not subject:
        raise SignOnRefusedError(
            _(
                "The identity provider did not say who you are (the claim "
                "%(claim)s is missing). Ask your organisation's administrator."
            )
            % {"claim": config.subject_claim}
        )
    identity = (
        SignOnIdentity.objects.select_related("user")
        .filter(organisation=organisation, subject=subject)
        .first()
    )
    if identity is not None:
        user = identity.user
        if not user.is_active:
            raise SignOnRefusedError(_("Your account in Mandat is closed."))
        identity.last_used_at = timezone.now()
        identity.save(update_fields=["last_used_at"])
    else:
        user = _match_or_create(config=config, claims=claims, subject=subject)
    audit_record(
        actor=user,
        organisation=None,
        action=AuditEntry.Action.LOGIN,
        instance=user,
        message=_("signed in through %(provider)s") % {"provider": config.name},
    )
    return user


def _match_or_create(
    *, config: SingleSignOn, claims: Mapping[str, Any], subject: str
) -> User:
    organisation = config.organisation
    email = _trusted_email(config, claims)
    if not email:
        raise _refused()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        if config.email_matching == SingleSignOn.EmailMatching.NEVER:
            raise _refused()
        if not _linkable_by_email(user, organisation):
            raise _refused()
        if SignOnIdentity.objects.filter(user=user, organisation=organisation).exists():
            # Linked to another subject of this provider: never taken over.
            raise _refused()
        _identity_link(
            user=user,
            organisation=organisation,
            subject=subject,
            how=_("linked by e-mail address"),
        )
        return user
    if not config.create_users:
        raise _refused()
    person = Person.objects.filter(
        organisation=organisation,
        email__iexact=email,
        kind__in=list(ROLE_OF_KIND),
        account__isnull=True,
    ).first()
    if person is None:
        raise _refused()
    user = _account_create(organisation=organisation, person=person, email=email)
    _identity_link(
        user=user,
        organisation=organisation,
        subject=subject,
        how=_("account created for a person in the directory"),
    )
    return user
