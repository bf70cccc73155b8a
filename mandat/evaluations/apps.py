from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "mandat.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self):
        from mandat.core.scheduler import register_tick
        from mandat.notifications.registry import EventSpec, register

        for key, label in [
            ("evaluations.request", _("Evaluation or survey")),
            ("evaluations.reminder", _("Reminder to answer")),
        ]:
            register(
                EventSpec(
                    key=key,
                    label=label,
                    variables=("person", "questionnaire", "link", "closes"),
                )
            )
        register_tick("mandat.evaluations.services.evaluations_due")
        register_tick("mandat.evaluations.services.reminders_due")
