from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "mandat.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from mandat.core.scheduler import register_tick
        from mandat.core.search import SearchSource, search_source_register
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
        from mandat.directory.permissions import PEOPLE_CHOOSERS

        from .permissions import is_group_secretary

        if is_group_secretary not in PEOPLE_CHOOSERS:
            PEOPLE_CHOOSERS.append(is_group_secretary)
        register_tick("mandat.meetings.services.notices_due")
        register_tick("mandat.meetings.services.minutes_reminders_due")
        register_tick("mandat.meetings.services.approvals_closed_due")
        from .models import Meeting
        from .selectors import minutes_search_documents, minutes_search_records

        search_source_register(
            Meeting,
            SearchSource(
                kind="minutes",
                documents=minutes_search_documents,
                records=minutes_search_records,
            ),
        )
