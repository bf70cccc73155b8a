from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "mandat.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from mandat.core.scheduler import register_tick
        from mandat.notifications.registry import EventSpec, register

        from . import checks  # noqa: F401  (registers the system checks)

        link = ("recipient", "link", "valid_until", "valid_minutes", "login_email")
        for key, label, variables in [
            (
                "accounts.invitation",
                _("Invitation to a new account"),
                (*link, "organisation", "roles", "inviter"),
            ),
            ("accounts.login_link", _("Log-in link"), link),
            ("accounts.password_reset", _("Link to choose a new password"), link),
        ]:
            register(
                EventSpec(key=key, label=label, variables=variables, editable=False)
            )
        register_tick("mandat.accounts.services.account_links_prune", every_minutes=60)
        # A SAML provider's metadata read again from its address, once a day.
        register_tick(
            "mandat.accounts.services.saml_metadata_refresh_due",
            every_minutes=24 * 60,
        )
