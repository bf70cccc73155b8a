from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "mandat.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self):
        from . import schema  # noqa: F401  (describes the token in the schema)
