import hashlib
import re
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandat.core.access import Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # E-mail addresses are matched without regard to case or the spaces
        # around them, as the log-in throttle counts them (email_key).
        return self.get(email__iexact=(username or "").strip())

    def create_user(
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A log-in account. It belongs to no organisation itself: memberships give it
    roles in organisations, and person records in several organisations can
    point at the same account."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="sv",
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("May log in to the administration site of the installation."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.get_full_name()


class Membership(models.Model):
    """A role that an account holds in one organisation; a committee secretary's
    role is also scoped to one body."""

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    body = models.ForeignKey(
        "directory.Body",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Only for committee secretaries: the body they serve."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(body__isnull=True),
                name="membership_unique_role",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "body"],
                condition=models.Q(body__isnull=False),
                name="membership_unique_role_body",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role="committee_secretary", body__isnull=False)
                    | (
                        ~models.Q(role="committee_secretary")
                        & models.Q(body__isnull=True)
                    )
                ),
                name="membership_body_only_for_secretary",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.organisation})"


def email_key(address: str) -> str:
    """Return the form of an e-mail address that log-in, throttling and links
    compare: without surrounding spaces and case-folded."""
    return (address or "").strip().casefold()


def new_link_token() -> str:
    return secrets.token_urlsafe(32)


def link_token_digest(token: str) -> str:
    """Return what is stored of a link's token: its SHA-256, so the database
    alone never lets anyone sign in."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class AccountLink(models.Model):
    """A one-time link sent by e-mail that signs its holder in: to choose a
    password after an invitation or a request, or to sign in without one.
    Only the SHA-256 of the token is kept; the token itself is in the e-mail."""

    class Purpose(models.TextChoices):
        INVITATION = "invitation", _("Invitation to choose a password")
        PASSWORD_RESET = "password_reset", _("New password")
        LOGIN = "login", _("Log-in link")

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="links",
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("works until"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail link")
        verbose_name_plural = _("e-mail links")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "purpose", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="account_link_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} – {self.user}"

    def is_valid(self, now=None) -> bool:
        """Return whether the link may still be used."""
        now = now or timezone.now()
        return self.used_at is None and self.expires_at > now and self.user.is_active


class LinkRequest(models.Model):
    """Someone asked for a link by e-mail (to sign in or to choose a new
    password). Kept for a day: requests are counted per address and per
    client to throttle them, and the worker sends the link from the row, so
    the answer takes as long whether or not the address has an account."""

    purpose = models.CharField(
        _("purpose"), max_length=20, choices=AccountLink.Purpose.choices
    )
    email = models.CharField(_("e-mail address"), max_length=254)
    client = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    processed_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("link request")
        verbose_name_plural = _("link requests")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["email", "created_at"]),
            models.Index(fields=["client", "created_at"]),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} – {self.email}"


class SingleSignOn(models.Model):
    """An organisation's own identity provider, over OpenID Connect or SAML
    2.0: Entra ID, an e-ID broker, any standard provider. Its administrator
    sets it up; the client secret and Mandat's own SAML key are kept sealed
    (``sealing.py``) and never shown back."""

    class Protocol(models.TextChoices):
        OIDC = "oidc", _("OpenID Connect")
        SAML = "saml", _("SAML 2.0")

    class EmailMatching(models.TextChoices):
        VERIFIED = "verified", _("When the provider says the address is verified")
        TRUSTED = (
            "trusted",
            _("Always: the provider is the organisation's own directory (Entra ID)"),
        )
        NEVER = "never", _("Never: only accounts already linked")

    organisation = models.OneToOneField(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="single_sign_on",
    )
    enabled = models.BooleanField(_("in use"), default=True)
    protocol = models.CharField(
        _("protocol"), max_length=4, choices=Protocol.choices, default=Protocol.OIDC
    )
    name = models.CharField(
        _("name on the log-in button"),
        max_length=100,
        help_text=_("Shown as “Log in with …”, e.g. Exempelby kommuns konto."),
    )
    issuer = models.URLField(
        _("issuer"),
        max_length=500,
        blank=True,
        help_text=_(
            "The provider's address; its settings are read from "
            "/.well-known/openid-configuration under it. For Entra ID: "
            "https://login.microsoftonline.com/<tenant id>/v2.0"
        ),
    )
    client_id = models.CharField(_("client id"), max_length=255, blank=True)
    client_secret_sealed = models.TextField(_("client secret (sealed)"), blank=True)
    scopes = models.CharField(
        _("scopes"), max_length=255, default="openid email profile"
    )
    subject_claim = models.CharField(
        _("claim of the stable subject"),
        max_length=255,
        default="sub",
        help_text=_(
            "OpenID Connect: sub; for Entra ID, oid stays the same for every "
            "application. SAML: NameID (a persistent one), or the name of an "
            "attribute."
        ),
    )
    email_matching = models.CharField(
        _("link existing accounts by e-mail"),
        max_length=10,
        choices=EmailMatching.choices,
        default=EmailMatching.VERIFIED,
    )
    create_users = models.BooleanField(
        _("create accounts for people in the directory"),
        default=False,
        help_text=_(
            "On the first sign-in, someone without an account gets one if a "
            "person with the same e-mail address is in the directory."
        ),
    )
    local_passwords = models.BooleanField(
        _("passwords allowed"),
        default=True,
        help_text=_(
            "Off: the organisation's users sign in here or with a link by "
            "e-mail, never with a password of Mandat's."
        ),
    )
    idp_metadata = models.TextField(
        _("the identity provider's metadata (SAML)"),
        blank=True,
        help_text=_(
            "The XML the provider publishes about itself (for Entra ID: "
            "Federation Metadata XML), pasted in full when there is no "
            "address to read it from."
        ),
    )
    idp_metadata_url = models.URLField(
        _("address of the identity provider's metadata (SAML)"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where the provider publishes its metadata (for Entra ID: App "
            "Federation Metadata Url). Given, Mandat reads the metadata from "
            "there, and again every night, so a new certificate of the "
            "provider is taken in time."
        ),
    )
    idp_entity_id = models.CharField(
        _("the identity provider's entity id"), max_length=500, blank=True
    )
    sp_private_key_sealed = models.TextField(
        _("Mandat's SAML key (sealed)"), blank=True
    )
    sp_certificate = models.TextField(_("Mandat's SAML certificate"), blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("single sign-on")
        verbose_name_plural = _("single sign-on")

    def __str__(self):
        return self.name

    @property
    def is_saml(self) -> bool:
        return self.protocol == self.Protocol.SAML

    @property
    def forbids_passwords(self) -> bool:
        return self.enabled and not self.local_passwords


class SignOnIdentity(models.Model):
    """An account linked to its subject at an organisation's identity
    provider: the next sign-in from there finds the account by it."""

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="sign_on_identities",
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    subject = models.CharField(_("subject at the provider"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")
        ordering = ["organisation", "subject"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "subject"], name="sign_on_subject_unique"
            ),
            models.UniqueConstraint(
                fields=["organisation", "user"], name="sign_on_user_unique"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.subject}"


DOMAIN = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]"
)


def email_domain(address_or_domain: str) -> str:
    """The domain of an e-mail address (or a domain), as it is stored:
    lower case, an international name in its ASCII form (örebro.se as
    xn--rebro-jua.se); "" when it is no domain."""
    domain = address_or_domain.strip().rpartition("@")[2].strip().rstrip(".")
    try:
        domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return ""
    return domain if DOMAIN.fullmatch(domain) else ""


class SignOnDomain(models.Model):
    """An e-mail domain whose people sign in through an organisation's own
    provider: the log-in page finds the provider from the address typed."""

    single_sign_on = models.ForeignKey(
        SingleSignOn,
        verbose_name=_("single sign-on"),
        on_delete=models.CASCADE,
        related_name="domains",
    )
    domain = models.CharField(_("e-mail domain"), max_length=253, unique=True)

    class Meta:
        verbose_name = _("e-mail domain of a single sign-on")
        verbose_name_plural = _("e-mail domains of single sign-ons")
        ordering = ["domain"]

    def __str__(self):
        return self.domain
