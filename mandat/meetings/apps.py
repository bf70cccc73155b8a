from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "mandat.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from mandat.core.scheduler import register_tick
        from mandat.notifications.registry import EventSpec, register

        meeting = ("person", "group", "meeting", "link")
        for key, label, variables in [
            ("meetings.notice", _("Notice of a meeting"), (*meeting, "items")),
            ("meetings.meeting_changed", _("Meeting changed"), meeting),
            (
                "meetings.meeting_cancelled",
                _("Meeting cancelled"),
                (*meeting, "reason"),
            ),
            (
                "meetings.minutes_missing",
                _("To the secretary: minutes missing"),
                (*meeting, "days"),
            ),
            (
                "meetings.approval_request",
                _("Document for approval"),
                ("person", "group", "approval", "link", "deadline"),
            ),
        ]:
            register(EventSpec(key=key, label=label, variables=variables))
        from mandat.notifications.feeds import FEED_SOURCES

        from .selectors import feed_events

        if feed_events not in FEED_SOURCES:
            FEED_SOURCES.append(feed_events)
        register_tick("mandat.meetings.services.notices_due")
        register_tick("mandat.meetings.services.minutes_reminders_due")
        register_tick("mandat.meetings.services.approvals_closed_due")
