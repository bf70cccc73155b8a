"""A person's calendar address: made and revoked by the person, audited
(the secret itself never enters the trail)."""

from django.db import transaction
from django.utils import timezone

from mandat.core.services import Actor, audit_created, audit_updated
from mandat.directory.models import Person

from ..models import CalendarFeed


@transaction.atomic
def calendar_feed_create(*, actor: Actor, person: Person) -> CalendarFeed:
    """Make a new secret address; an older one stops working."""
    calendar_feed_revoke(actor=actor, person=person)
    feed = CalendarFeed.objects.create(person=person)
    audit_created(actor, feed, organisation=person.organisation)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, actor: Actor, person: Person) -> None:
    """Stop every address the person has made."""
    for feed in CalendarFeed.objects.select_for_update().filter(
        person=person, revoked_at__isnull=True
    ):
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        audit_updated(actor, feed, organisation=person.organisation, message="revoked")
