from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "mandat.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from mandat.core.scheduler import register_tick

        # The register read on a schedule: once a night (every 24 hours).
        register_tick(
            "mandat.directory.services.register_syncs_due", every_minutes=24 * 60
        )
