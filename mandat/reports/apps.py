from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "mandat.reports"
    label = "reports"
    verbose_name = _("Follow-up and reports")

    def ready(self):
        from mandat.notifications.registry import EventSpec, register

        register(
            EventSpec(
                key="reports.budget_exceeded",
                label=_("To the coordinator: costs over budget"),
                variables=("year", "budget", "total", "link"),
            )
        )
