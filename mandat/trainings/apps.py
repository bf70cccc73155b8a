from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "mandat.trainings"
    label = "trainings"
    verbose_name = _("Trainings")

    def ready(self):
        from mandat.core.scheduler import register_tick
        from mandat.core.search import SearchSource, search_source_register
        from mandat.notifications.registry import EventSpec, register

        common = ("person", "training", "occasion", "sessions", "link")
        for key, label, variables in [
            (
                "trainings.invitation",
                _("Invitation"),
                ("person", "training", "occasions", "link"),
            ),
            ("trainings.registration_confirmed", _("Registration confirmed"), common),
            (
                "trainings.registration_waitlisted",
                _("Place on the waiting list"),
                (*common, "position"),
            ),
            (
                "trainings.registration_promoted",
                _("Moved up from the waiting list"),
                common,
            ),
            ("trainings.registration_cancelled", _("Registration cancelled"), common),
            ("trainings.reminder", _("Reminder"), common),
            ("trainings.occasion_changed", _("Occasion changed"), (*common, "reason")),
            (
                "trainings.occasion_cancelled",
                _("Occasion cancelled"),
                (*common, "reason"),
            ),
            (
                "trainings.occasion_filling",
                _("To the coordinator: occasion filling up"),
                ("training", "occasion", "threshold", "count", "link"),
            ),
            (
                "trainings.occasion_under_minimum",
                _("To the coordinator: too few registered"),
                ("training", "occasion", "count", "link"),
            ),
        ]:
            register(EventSpec(key=key, label=label, variables=variables))
        from mandat.notifications.feeds import FEED_SOURCES

        from .selectors import feed_events

        if feed_events not in FEED_SOURCES:
            FEED_SOURCES.append(feed_events)
        register_tick("mandat.trainings.services.reminders_due")
        register_tick("mandat.trainings.services.occasions_under_minimum")
        register_tick("mandat.trainings.services.invitation_batches_requeue")
        from .models import Training
        from .selectors import training_search_documents

        search_source_register(
            Training,
            SearchSource(
                kind="training",
                documents=training_search_documents,
                records=lambda organisation: Training.objects.filter(
                    organisation=organisation
                ),
            ),
        )
