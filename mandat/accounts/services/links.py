"""Writers for links by e-mail: invitations, links to sign in or to choose a
password, asked for within limits and used once, and the record of every
sign-in."""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mandat.core.addresses import absolute_url
from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry, Organisation
from mandat.core.services import Actor, audit_created, audit_record, audit_updated
from mandat.directory.models import Person
from mandat.notifications.services import Recipient, message_queue

from .. import tasks
from ..models import (
    AccountLink,
    LinkRequest,
    Membership,
    User,
    email_key,
    link_token_digest,
    new_link_token,
)

logger = logging.getLogger(__name__)

# Requests for links are counted over this window, and kept a day.
LINK_REQUEST_WINDOW = datetime.timedelta(hours=1)
LINK_REQUEST_KEPT = datetime.timedelta(days=1)
# Used and expired links are removed after this time.
ACCOUNT_LINK_KEPT = datetime.timedelta(days=30)

EVENT_OF_PURPOSE: dict[str, str] = {
    AccountLink.Purpose.INVITATION: "accounts.invitation",
    AccountLink.Purpose.PASSWORD_RESET: "accounts.password_reset",
    AccountLink.Purpose.LOGIN: "accounts.login_link",
}


class LinkInvalidError(ApplicationError):
    """The link is unknown, used, expired, or its account is closed."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The link is no longer valid: it has been used or is too old. "
                "Ask for a new one."
            )
        )


class TooManyRequestsError(ApplicationError):
    """Too many links were asked for one address or from one client."""

    def __init__(self, *, retry_after: int) -> None:
        super().__init__(
            _(
                "Too many links have been asked for this address or from your "
                "network. Wait an hour and try again; a link already sent "
                "still works."
            ),
            field="email",
            extra={"retry_after": retry_after},
        )


def user_never_used(user: User) -> bool:
    return user.is_active and user.last_login is None and not user.has_usable_password()


def _timeout(purpose: str) -> datetime.timedelta:
    seconds: dict[str, int] = {
        AccountLink.Purpose.INVITATION: settings.INVITATION_TIMEOUT,
        AccountLink.Purpose.PASSWORD_RESET: settings.PASSWORD_RESET_TIMEOUT,
        AccountLink.Purpose.LOGIN: settings.LOGIN_LINK_TIMEOUT,
    }
    return datetime.timedelta(seconds=seconds[purpose])


def _link_url(purpose: str, token: str) -> str:
    name = (
        "accounts:login-link"
        if purpose == AccountLink.Purpose.LOGIN
        else "accounts:password-set"
    )
    return absolute_url(reverse(name, args=[token]))


def _home_organisation(user: User) -> Organisation | None:
    """Return the organisation whose outbox sends the user's own mail: the
    first where they got a role, else the first with a person record of
    theirs. None for an account with neither."""
    membership = (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("created_at", "pk")
        .first()
    )
    if membership is not None:
        return membership.organisation
    person = (
        Person.objects.filter(account=user)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    return person.organisation if person is not None else None


def _link_send(
    *, user: User, purpose: str, organisation: Organisation, context: dict[str, Any]
) -> AccountLink:
    """Make a link for ``user`` and queue the e-mail that carries it."""
    now = timezone.now()
    token = new_link_token()
    link = AccountLink.objects.create(
        user=user,
        purpose=purpose,
        token_hash=link_token_digest(token),
        created_at=now,
        expires_at=now + _timeout(purpose),
    )
    message_queue(
        organisation=organisation,
        event=EVENT_OF_PURPOSE[purpose],
        recipient=Recipient(
            email=user.email, name=user.full_name, language=user.language or "sv"
        ),
        dedupe_key=f"accounts.link:{link.pk}",
        context={
            **context,
            "link": _link_url(purpose, token),
            "valid_until": link.expires_at,
            "valid_minutes": int(_timeout(purpose).total_seconds() // 60),
            "login_email": user.email,
        },
    )
    return link


@transaction.atomic
def invitation_send(
    *, actor: Actor, organisation: Organisation, user: User
) -> AccountLink:
    """E-mail ``user`` an invitation to Mandat with a link to choose a
    password; an invitation sent earlier stops working. Only for an account
    with a role in ``organisation`` that has never been used."""
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ApplicationError(_("The user has no role in this organisation."))
    if not user_never_used(user):
        raise ApplicationError(
            _("The user has logged in already and needs no invitation.")
        )
    # The new invitation replaces the earlier ones.
    AccountLink.objects.filter(
        user=user, purpose=AccountLink.Purpose.INVITATION, used_at__isnull=True
    ).update(used_at=timezone.now())
    memberships = Membership.objects.filter(user=user, organisation=organisation)
    # The roles are named in the recipient's language, not the sender's.
    with translation.override(user.language or settings.LANGUAGE_CODE):
        roles = ", ".join(sorted(str(m.get_role_display()) for m in memberships))
    link = _link_send(
        user=user,
        purpose=AccountLink.Purpose.INVITATION,
        organisation=organisation,
        context={
            "organisation": organisation.name,
            "roles": roles,
            "inviter": actor.get_full_name() if isinstance(actor, User) else "",
        },
    )
    audit_created(actor, link, organisation=organisation, message=_("invitation sent"))
    return link


def link_request_allowed(*, email: str, client: str | None) -> int:
    """Return 0 when a link may be asked for ``email`` from ``client`` now,
    else the seconds to wait. The address counts whether or not it has an
    account, so the answer says nothing about that."""
    since = timezone.now() - LINK_REQUEST_WINDOW
    recent = LinkRequest.objects.filter(created_at__gte=since)
    checks = [(recent.filter(email=email), settings.LINK_REQUEST_LIMIT_PER_ADDRESS)]
    if client:
        checks.append(
            (recent.filter(client=client), settings.LINK_REQUEST_LIMIT_PER_CLIENT)
        )
    wait = 0
    for requests, limit in checks:
        times = list(
            requests.order_by("-created_at").values_list("created_at", flat=True)[
                :limit
            ]
        )
        if len(times) >= limit:
            free_at = times[-1] + LINK_REQUEST_WINDOW
            wait = max(wait, int((free_at - timezone.now()).total_seconds()) + 1)
    return wait


@transaction.atomic
def link_request_create(*, purpose: str, email: str, client: str | None) -> LinkRequest:
    """Ask for a link to sign in or to choose a new password, sent to
    ``email`` if it belongs to an active account. The worker makes and sends
    the link, so this answers alike for every address."""
    if purpose not in (AccountLink.Purpose.LOGIN, AccountLink.Purpose.PASSWORD_RESET):
        raise ValueError(purpose)
    # Case-folding may lengthen an address ("ß" → "ss"); the column holds 254.
    email = email_key(email)[:254]
    wait = link_request_allowed(email=email, client=client)
    if wait:
        raise TooManyRequestsError(retry_after=wait)
    request = LinkRequest.objects.create(purpose=purpose, email=email, client=client)
    transaction.on_commit(lambda: tasks.link_request_process_task.enqueue(request.pk))
    return request


@transaction.atomic
def link_request_process(*, request_id: int) -> AccountLink | None:
    """Send the link a request asked for; safe to run twice. Return the link,
    or None when the address has no active account that can get mail."""
    request = LinkRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None or request.processed_at is not None:
        return None
    request.processed_at = timezone.now()
    request.save(update_fields=["processed_at"])
    user = User.objects.filter(email__iexact=request.email, is_active=True).first()
    if user is None:
        return None
    organisation = _home_organisation(user)
    if organisation is None:
        # Mail leaves through an organisation's outbox; an installation
        # administrator without a role uses `mandat changepassword`.
        logger.warning("No organisation sends mail to account %s", user.pk)
        return None
    return _link_send(
        user=user, purpose=request.purpose, organisation=organisation, context={}
    )


def _link_consume(*, token: str, purposes: tuple[str, ...]) -> AccountLink:
    """Mark the link of ``token`` used and return it; raise LinkInvalidError
    unless it is a valid link for one of ``purposes``. One conditional
    update, so two clicks at once cannot both use it."""
    now = timezone.now()
    link = (
        AccountLink.objects.select_related("user")
        .filter(token_hash=link_token_digest(token), purpose__in=purposes)
        .first()
    )
    if link is None or not link.is_valid(now):
        raise LinkInvalidError()
    used = AccountLink.objects.filter(
        pk=link.pk, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if not used:
        raise LinkInvalidError()
    link.used_at = now
    return link


def _sign_in_audit(*, user: User, message: str) -> None:
    audit_record(
        actor=user,
        organisation=None,
        action=AuditEntry.Action.LOGIN,
        instance=user,
        message=message,
    )


@transaction.atomic
def login_link_use(*, token: str) -> User:
    """Use a log-in link: return its account, to be signed in, after which no
    log-in link sent earlier works either."""
    link = _link_consume(token=token, purposes=(AccountLink.Purpose.LOGIN,))
    AccountLink.objects.filter(
        user=link.user, purpose=AccountLink.Purpose.LOGIN, used_at__isnull=True
    ).update(used_at=link.used_at)
    _sign_in_audit(user=link.user, message=_("signed in with a link by e-mail"))
    return link.user


@transaction.atomic
def password_set_with_link(*, token: str, password: str) -> User:
    """Use an invitation or new-password link to set the account's password;
    return the account, to be signed in. The other password links of the
    account stop working."""
    purposes = (AccountLink.Purpose.INVITATION, AccountLink.Purpose.PASSWORD_RESET)
    link = _link_consume(token=token, purposes=purposes)
    user = link.user
    user.set_password(password)
    user.save(update_fields=["password"])
    AccountLink.objects.filter(
        user=user, purpose__in=purposes, used_at__isnull=True
    ).update(used_at=link.used_at)
    audit_updated(
        user,
        user,
        organisation=None,
        message=_("password chosen with a link by e-mail"),
    )
    _sign_in_audit(user=user, message=_("signed in with a link by e-mail"))
    return user


@transaction.atomic
def sign_in_record(*, user: User) -> None:
    """Record in the audit trail that ``user`` signed in with a password."""
    _sign_in_audit(user=user, message=_("signed in with a password"))


@transaction.atomic
def account_links_prune() -> int:
    """Remove link requests older than a day and links used or expired over
    30 days ago; return how many rows went."""
    now = timezone.now()
    requests, _counts = LinkRequest.objects.filter(
        created_at__lt=now - LINK_REQUEST_KEPT
    ).delete()
    links, _counts = AccountLink.objects.filter(
        expires_at__lt=now - ACCOUNT_LINK_KEPT
    ).delete()
    return requests + links
