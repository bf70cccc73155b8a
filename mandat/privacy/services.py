"""Writers of the privacy app: a person's register extract handed out (an
audit entry), a person anonymised, and the retention task that disposes
of what is past its time (``retention.py``) and logs what it did."""

import datetime
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mandat.accounts.models import AccountLink, LinkRequest
from mandat.accounts.services import account_leave
from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry, Organisation
from mandat.core.services import (
    Actor,
    audit_entries_dispose,
    audit_record,
    user_email,
)
from mandat.directory.models import ImportJob, Person
from mandat.evaluations.models import Recipient
from mandat.meetings.models import ApprovalAnswer, GroupParticipant
from mandat.notifications.models import CalendarFeed, Message
from mandat.trainings.models import Invitation, Registration
from mandat.trainings.models.registrations import ACTIVE_STATUSES

from . import retention
from .models import PersonAnonymisation, RetentionRun

Action = AuditEntry.Action

# The retention task runs once a night: between midnight and five, and not
# again within this time of its last run.
NIGHT_ENDS_HOUR = 5
RUN_AGAIN_AFTER = datetime.timedelta(hours=20)


@transaction.atomic
def person_extract_record(*, actor: Actor, person: Person, file_format: str) -> None:
    """Record in the audit trail that ``person``'s register extract left
    Mandat as a file (``file_format``: "PDF" or "JSON")."""
    audit_record(
        actor=actor,
        action=Action.EXTRACT,
        instance=person,
        message=_("Register extract as %(format)s") % {"format": file_format},
    )


def person_anonymise_refusal(person: Person, *, now: datetime.datetime) -> str:
    """Return why ``person`` cannot be anonymised now, or "" when they can:
    anonymised already, an assignment or a regular place in a meeting
    group that has not ended, a registration for an occasion to come."""
    today = timezone.localdate(now)
    if PersonAnonymisation.objects.filter(person=person).exists():
        return _("%(name)s is anonymised already.") % {"name": person.full_name}
    if person.assignments.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)):
        return _(
            "%(name)s still has an assignment that has not ended. End it "
            "first; a person is anonymised only once they have left."
        ) % {"name": person.full_name}
    if GroupParticipant.objects.filter(person=person).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    ):
        return _("%(name)s still takes part in a meeting group. End that first.") % {
            "name": person.full_name
        }
    coming = (
        Q(occasion__ends_at__gte=now)
        | Q(occasion__ends_at__isnull=True, occasion__starts_at__gte=now)
        | Q(occasion__starts_at__isnull=True)
    )
    if person.training_registrations.filter(coming, status__in=ACTIVE_STATUSES):
        return _(
            "%(name)s is registered for an occasion still to come. Cancel "
            "the registration first."
        ) % {"name": person.full_name}
    return ""


def _new_tokens(rows: QuerySet[Invitation] | QuerySet[Recipient]) -> int:
    """Give each row a new random token, so the personal links sent by
    e-mail stop working; return how many."""
    count = 0
    for row in rows.only("pk", "token"):
        row.token = secrets.token_urlsafe(24)
        row.save(update_fields=["token"])
        count += 1
    return count


@transaction.atomic
def person_anonymise(
    *, actor: Actor, person: Person, by_retention: bool = False
) -> Person:
    """Anonymise ``person``, who has left: their name becomes a neutral one,
    their contact details, title, home municipality, register id and log-in
    go (an official's title, a position the annual report counts, stays),
    their calendar feeds, messages and what they wrote about themselves
    (dietary and accessibility needs, reasons for declining) are removed and
    their personal links stop working. The ids stay, so assignments,
    registrations, attendance and the annual reports count as before. The
    audit entry says it was done, never what was there."""
    now = timezone.now()
    person = Person.objects.select_for_update().get(pk=person.pk)
    if refusal := person_anonymise_refusal(person, now=now):
        raise ApplicationError(refusal)
    with translation.override(settings.LANGUAGE_CODE):
        person.first_name = _("Anonymised")
    person.last_name = str(person.pk)
    person.email = ""
    person.phone = ""
    if person.kind != Person.Kind.OFFICIAL:
        # An official's title is a position the annual report counts
        # officials by ("officials by title"); it stays so the figures do.
        person.title = ""
    person.home_municipality = ""
    person.register_id = ""
    person.protected_identity = False
    account = person.account
    person.account = None
    person.save()
    closed = account is not None and account_leave(
        actor=actor, user=account, organisation=person.organisation
    )
    Registration.objects.filter(person=person).update(
        dietary_needs="", accessibility_needs="", status_reason=""
    )
    Invitation.objects.filter(person=person).update(decline_reason="")
    links = _new_tokens(Invitation.objects.filter(person=person))
    links += _new_tokens(Recipient.objects.filter(person=person))
    for answer in ApprovalAnswer.objects.filter(person=person).only("pk", "token"):
        answer.token = secrets.token_urlsafe(24)
        answer.save(update_fields=["token"])
        links += 1
    feeds, _counts = CalendarFeed.objects.filter(person=person).delete()
    messages, _counts = Message.objects.filter(person=person).delete()
    PersonAnonymisation.objects.create(
        organisation=person.organisation, person=person, by_retention=by_retention
    )
    audit_record(
        actor=actor,
        action=Action.ANONYMISE,
        instance=person,
        message=_(
            "Anonymised: name, contact details and log-in removed; %(feeds)s "
            "calendar feeds and %(messages)s messages deleted; %(links)s "
            "personal links closed."
        )
        % {"feeds": feeds, "messages": messages, "links": links}
        + (" " + _("The account was closed.") if closed else ""),
    )
    return person


# The retention task -----------------------------------------------------------


@dataclass
class RetentionResult:
    """What the retention task did (or, on a dry run, would do) for one
    organisation, or for the installation's own records (None)."""

    organisation: Organisation | None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _people_left(
    organisation: Organisation, cutoff: datetime.datetime, actor: Actor, dry: bool
) -> int:
    """Anonymise the people whose every assignment ended before ``cutoff``."""
    now = timezone.now()
    candidates = (
        Person.objects.filter(organisation=organisation, anonymisation__isnull=True)
        .annotate(
            last_end=Max("assignments__ends_on"),
            open=Count("assignments", filter=Q(assignments__ends_on__isnull=True)),
        )
        .filter(last_end__lt=timezone.localdate(cutoff), open=0)
        .order_by("pk")
    )
    count = 0
    for person in candidates:
        if person_anonymise_refusal(person, now=now):
            continue  # still taking part in something: the next night
        if not dry:
            person_anonymise(actor=actor, person=person, by_retention=True)
        count += 1
    return count


def _registration_needs(
    organisation: Organisation, cutoff: datetime.datetime, actor: Actor, dry: bool
) -> int:
    """Clear the needs given for occasions that ended before ``cutoff``."""
    rows = (
        Registration.objects.filter(organisation=organisation)
        .filter(
            Q(occasion__ends_at__lt=cutoff)
            | Q(occasion__ends_at__isnull=True, occasion__starts_at__lt=cutoff)
        )
        .exclude(dietary_needs="", accessibility_needs="")
    )
    if dry:
        return rows.count()
    return rows.update(dietary_needs="", accessibility_needs="")


def _delete(rows: QuerySet[Message] | QuerySet[CalendarFeed], dry: bool) -> int:
    if dry:
        return rows.count()
    count, _counts = rows.delete()
    return count


def _outbox(
    organisation: Organisation, cutoff: datetime.datetime, actor: Actor, dry: bool
) -> int:
    """Delete the messages sent or failed that were queued before ``cutoff``."""
    return _delete(
        Message.objects.filter(
            organisation=organisation,
            status__in=(Message.Status.SENT, Message.Status.FAILED),
            created_at__lt=cutoff,
        ),
        dry,
    )


def _calendar_feeds(
    organisation: Organisation, cutoff: datetime.datetime, actor: Actor, dry: bool
) -> int:
    """Delete the calendar feeds revoked before ``cutoff``."""
    return _delete(
        CalendarFeed.objects.filter(
            person__organisation=organisation, revoked_at__lt=cutoff
        ),
        dry,
    )


def _import_files(
    organisation: Organisation, cutoff: datetime.datetime, actor: Actor, dry: bool
) -> int:
    """Delete the register imports uploaded before ``cutoff`` (not one that
    is being checked or applied)."""
    rows = ImportJob.objects.filter(
        organisation=organisation, created_at__lt=cutoff
    ).exclude(status__in=(ImportJob.Status.CHECKING, ImportJob.Status.APPLYING))
    if dry:
        return rows.count()
    count, _counts = rows.delete()
    return count


def _audit(
    organisation: Organisation | None,
    cutoff: datetime.datetime,
    actor: Actor,
    dry: bool,
) -> int:
    """Delete the audit entries made before ``cutoff``."""
    if dry:
        return AuditEntry.objects.filter(
            organisation=organisation, created_at__lt=cutoff
        ).count()
    return audit_entries_dispose(organisation=organisation, before=cutoff)


def _login_links(cutoff: datetime.datetime, dry: bool) -> int:
    """Delete the log-in links that stopped working before ``cutoff``."""
    rows = AccountLink.objects.filter(expires_at__lt=cutoff)
    if dry:
        return rows.count()
    count, _counts = rows.delete()
    return count


def _link_requests(cutoff: datetime.datetime, dry: bool) -> int:
    """Delete the requests for a log-in link made before ``cutoff``."""
    rows = LinkRequest.objects.filter(created_at__lt=cutoff)
    if dry:
        return rows.count()
    count, _counts = rows.delete()
    return count


ORGANISATION_DISPOSERS = {
    retention.PERSON_LEFT: _people_left,
    retention.REGISTRATION_NEEDS: _registration_needs,
    retention.OUTBOX: _outbox,
    retention.CALENDAR_FEEDS: _calendar_feeds,
    retention.IMPORT_FILES: _import_files,
    retention.AUDIT: _audit,
}
INSTALLATION_DISPOSERS = {
    retention.LOGIN_LINKS: _login_links,
    retention.LINK_REQUESTS: _link_requests,
}


def _retention_organisation(
    organisation: Organisation, now: datetime.datetime, actor: Actor, dry: bool
) -> RetentionResult:
    result = RetentionResult(organisation)
    with transaction.atomic():
        for key, dispose in ORGANISATION_DISPOSERS.items():
            cutoff = retention.CLASSES[key].cutoff(now)
            result.counts[key] = dispose(organisation, cutoff, actor, dry)
    return result


def _retention_installation(
    now: datetime.datetime, actor: Actor, dry: bool
) -> RetentionResult:
    result = RetentionResult(None)
    with transaction.atomic():
        for key, dispose in INSTALLATION_DISPOSERS.items():
            result.counts[key] = dispose(retention.CLASSES[key].cutoff(now), dry)
        audit = retention.CLASSES[retention.AUDIT]
        result.counts[retention.AUDIT] = _audit(None, audit.cutoff(now), actor, dry)
    return result


def retention_apply(
    *, actor: Actor, now: datetime.datetime | None = None, dry_run: bool = False
) -> list[RetentionResult]:
    """Apply every retention class to every organisation's records and to
    the installation's own, one transaction each, and log a
    ``RetentionRun`` per organisation with the count per class; return
    what was done. A dry run counts what would go and changes nothing."""
    now = now or timezone.now()
    results = []
    for organisation in Organisation.objects.order_by("pk"):
        results.append(_retention_organisation(organisation, now, actor, dry_run))
    results.append(_retention_installation(now, actor, dry_run))
    if not dry_run:
        label = _retention_actor_label(actor)
        RetentionRun.objects.bulk_create(
            RetentionRun(
                organisation=result.organisation,
                started_at=now,
                finished_at=timezone.now(),
                started_by=label,
                counts=result.counts,
            )
            for result in results
        )
    return results


def _retention_actor_label(actor: Actor) -> str:
    """Who started the run, as the audit trail names them."""
    if isinstance(actor, AbstractBaseUser) and actor.pk:
        return user_email(actor)
    return "system"


def retention_nightly() -> str:
    """The worker's tick: apply the retention classes once a night (between
    midnight and five, local time, and not again within 20 hours); return
    what was done, or that it was not due."""
    now = timezone.now()
    if timezone.localtime(now).hour >= NIGHT_ENDS_HOUR:
        return "not due"
    if RetentionRun.objects.filter(started_at__gte=now - RUN_AGAIN_AFTER).exists():
        return "done already"
    results = retention_apply(actor=None, now=now)
    return f"{sum(result.total for result in results)} records"
