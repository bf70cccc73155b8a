"""The retention classes: for each kind of record, how long Mandat keeps it
and what happens then. The nightly task (``services.retention_apply``) and
the record of processing (``processing.py``) both read this table, so what
the page says and what the task does cannot drift apart."""

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mandat.accounts.services import ACCOUNT_LINK_KEPT, LINK_REQUEST_KEPT


@dataclass(frozen=True)
class RetentionClass:
    """A kind of record and its retention: ``years`` or ``days`` after the
    moment ``counted_from`` names, or for ever when both are zero."""

    key: str
    records: Promise
    counted_from: Promise
    then: Promise
    years: int = 0
    days: int = 0
    # Whose records: every organisation's, or the installation's own
    # (log-in links belong to accounts, which span organisations).
    installation: bool = False

    @property
    def forever(self) -> bool:
        return not self.years and not self.days

    @property
    def period_label(self) -> str:
        """The retention time as people say it: "4 years", "30 days", "for ever"."""
        if self.forever:
            return str(_("for ever"))
        if self.years:
            return ngettext("%(n)d year", "%(n)d years", self.years) % {"n": self.years}
        return ngettext("%(n)d day", "%(n)d days", self.days) % {"n": self.days}

    def cutoff(self, now: datetime.datetime) -> datetime.datetime:
        """The moment before which a record of this class is past its time."""
        assert not self.forever
        return years_before(now, self.years) - datetime.timedelta(days=self.days)


def years_before(moment: datetime.datetime, years: int) -> datetime.datetime:
    """``moment`` ``years`` calendar years earlier (29 February → 28)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


PERSON_LEFT = "person_left"
REGISTRATION_NEEDS = "registration_needs"
OUTBOX = "outbox"
CALENDAR_FEEDS = "calendar_feeds"
IMPORT_FILES = "import_files"
LOGIN_LINKS = "login_links"
LINK_REQUESTS = "link_requests"
AUDIT = "audit"

RETENTION_CLASSES: tuple[RetentionClass, ...] = (
    RetentionClass(
        key=PERSON_LEFT,
        records=_("People who have left (every assignment ended)"),
        counted_from=_("the end of their last assignment"),
        then=_(
            "anonymised: name, contact details, register id and log-in removed; "
            "assignments, registrations and attendance stay for the statistics"
        ),
        years=4,
    ),
    RetentionClass(
        key=REGISTRATION_NEEDS,
        records=_("Dietary and accessibility needs given when registering"),
        counted_from=_("the end of the occasion"),
        then=_("cleared; the registration stays"),
        days=30,
    ),
    RetentionClass(
        key=OUTBOX,
        records=_("Messages in the outbox, sent or failed"),
        counted_from=_("the message was queued"),
        then=_("deleted"),
        years=2,
    ),
    RetentionClass(
        key=CALENDAR_FEEDS,
        records=_("Revoked addresses of personal calendar feeds"),
        counted_from=_("the address was revoked"),
        then=_("deleted"),
        days=90,
    ),
    RetentionClass(
        key=IMPORT_FILES,
        records=_("Imported register files and their check results"),
        counted_from=_("the file was uploaded"),
        then=_("deleted; the people and assignments imported stay"),
        years=1,
    ),
    RetentionClass(
        key=LOGIN_LINKS,
        records=_("Log-in and invitation links by e-mail"),
        counted_from=_("the link stopped working"),
        then=_("deleted"),
        days=ACCOUNT_LINK_KEPT.days,
        installation=True,
    ),
    RetentionClass(
        key=LINK_REQUESTS,
        records=_("Requests for a log-in link (e-mail address and client address)"),
        counted_from=_("the request"),
        then=_("deleted"),
        days=LINK_REQUEST_KEPT.days,
        installation=True,
    ),
    RetentionClass(
        key=AUDIT,
        records=_("The audit trail, with the old and new values of each change"),
        counted_from=_("the change"),
        then=_("deleted"),
        years=10,
    ),
    # Kept for ever: official documents and what the statistics count.
    RetentionClass(
        key="minutes",
        records=_(
            "Finalised minutes, their approvals and meeting documents "
            "(official documents, allmänna handlingar)"
        ),
        counted_from=_("finalising"),
        then=_("kept; archived as PDF/A in the registry"),
    ),
    RetentionClass(
        key="training_plans",
        records=_("Training plans, trainings and their documents"),
        counted_from=_("decision"),
        then=_("kept"),
    ),
    RetentionClass(
        key="participation",
        records=_(
            "Assignments, invitations, registrations, attendance, "
            "evaluation recipients and watched films"
        ),
        counted_from=_("the person leaving"),
        then=_(
            "kept with the person; anonymised with them, so the annual "
            "reports' figures stay the same"
        ),
    ),
    RetentionClass(
        key="evaluation_answers",
        records=_("Evaluation answers (anonymous, not linked to anyone)"),
        counted_from=_("the answer"),
        then=_("kept"),
    ),
)

CLASSES = {retention.key: retention for retention in RETENTION_CLASSES}
# The classes the task applies, in the order it applies them.
DISPOSED = tuple(
    retention.key for retention in RETENTION_CLASSES if not retention.forever
)
