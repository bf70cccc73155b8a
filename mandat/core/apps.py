from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mandat.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.core.signals import got_request_exception

        from .middleware import database_error_seen

        got_request_exception.connect(database_error_seen, dispatch_uid="mandat-db")
