"""A person's calendar feed: a secret address a calendar program subscribes
to, listing the person's registered occasions. Apps add their events to it
through FEED_SOURCES."""

from django.urls import reverse

from mandat.core.addresses import absolute_url

from .calendar import calendar_build
from .models import CalendarFeed

# Functions (person) -> list[CalendarEntry]; each app registers its own.
FEED_SOURCES: list = []


def feed_for(person) -> CalendarFeed | None:
    """Return the person's active feed, if they have made one."""
    return (
        CalendarFeed.objects.filter(person=person, revoked_at__isnull=True)
        .order_by("-created_at")
        .first()
    )


def feed_url(feed: CalendarFeed) -> str:
    """Return the feed's address to copy into a calendar program."""
    return absolute_url(reverse("notifications:feed", args=[feed.token]))


def feed_subscribe_url(feed: CalendarFeed) -> str:
    """Return the feed's webcal: address, which opens the calendar program
    ready to subscribe (Outlook, Apple Calendar, phones)."""
    address = feed_url(feed)
    return "webcal:" + address.split(":", 1)[1]


def feed_calendar(feed: CalendarFeed) -> str:
    events = []
    for source in FEED_SOURCES:
        events.extend(source(feed.person))
    return calendar_build(
        events, method=None, name=f"Mandat – {feed.person.full_name}", feed=True
    )
