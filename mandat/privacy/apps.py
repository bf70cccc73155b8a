from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "mandat.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        from mandat.core.scheduler import register_tick
        from mandat.directory.person_page import PERSON_PAGE_LINKS

        from . import permissions

        # Nightly: the tick itself leaves a day alone once it has run.
        register_tick("mandat.privacy.services.retention_nightly", every_minutes=60)
        PERSON_PAGE_LINKS.append(permissions.person_page_link)
