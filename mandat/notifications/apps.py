from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "mandat.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from mandat.core.scheduler import register_tick

        register_tick("mandat.notifications.services.message_retry_due")
