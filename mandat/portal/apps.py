from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The pages that span the apps: the start page, the overview, the menu,
    and the demo and the national-scale data that seed every app."""

    name = "mandat.portal"
    label = "portal"
    verbose_name = _("Portal")
