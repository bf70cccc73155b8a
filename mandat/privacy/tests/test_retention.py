"""The retention task: what is past its time goes, what is not stays, and
each run is logged with its count per class."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mandat.accounts.models import AccountLink, LinkRequest
from mandat.core.models import AuditEntry
from mandat.directory.tests.factories import AssignmentFactory
from mandat.notifications.models import CalendarFeed, Message
from mandat.privacy import retention
from mandat.privacy.models import PersonAnonymisation, RetentionRun
from mandat.privacy.services import retention_apply, retention_nightly
from mandat.trainings.models import Registration

pytestmark = pytest.mark.django_db


def _ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def test_each_class_disposes_exactly_what_is_past_its_time(organisation, world):
    lena, olle = world["lena"], world["olle"]
    today = timezone.localdate()
    # Lena left five years ago: past the four; Karin three: not yet.
    lena.assignments.update(
        starts_on=today.replace(year=today.year - 8),
        ends_on=today.replace(year=today.year - 5),
    )
    karin = AssignmentFactory(
        person__organisation=organisation,
        starts_on=today.replace(year=today.year - 6),
        ends_on=today.replace(year=today.year - 3),
    ).person
    Message.objects.filter(person=olle).update(created_at=_ago(days=2 * 366))
    Message.objects.create(
        organisation=organisation,
        event="x",
        dedupe_key="queued-long-ago",
        to_email="a@example.se",
        subject="Köad",
        body_text="",
        status=Message.Status.QUEUED,
    )
    Message.objects.filter(dedupe_key="queued-long-ago").update(
        created_at=_ago(days=3 * 366)
    )
    Message.objects.create(
        organisation=organisation,
        event="x",
        dedupe_key="recent",
        to_email="b@example.se",
        subject="Ny",
        body_text="",
        status=Message.Status.SENT,
    )
    CalendarFeed.objects.create(person=olle, revoked_at=_ago(days=91))
    CalendarFeed.objects.create(person=olle, revoked_at=_ago(days=89))
    recent = Registration.objects.get(person=olle)
    Registration.objects.filter(pk=recent.pk).update(dietary_needs="Vegetarisk")

    [result, installation] = retention_apply(actor=None)

    assert result.organisation == organisation
    assert result.counts == {
        retention.PERSON_LEFT: 1,
        # Olle's; Lena's went with her anonymisation, the class before.
        retention.REGISTRATION_NEEDS: 1,
        retention.OUTBOX: 1,
        retention.CALENDAR_FEEDS: 1,
        retention.IMPORT_FILES: 0,
        retention.AUDIT: 0,
    }
    assert PersonAnonymisation.objects.get().person == lena
    assert PersonAnonymisation.objects.get().by_retention
    assert not PersonAnonymisation.objects.filter(person=karin).exists()
    assert set(Message.objects.values_list("dedupe_key", flat=True)) == {
        "queued-long-ago",
        "recent",
    }
    assert CalendarFeed.objects.filter(person=olle).count() == 1
    assert not Registration.objects.exclude(dietary_needs="").exists()
    run = RetentionRun.objects.get(organisation=organisation)
    assert run.counts == result.counts and run.started_by == "system"
    assert RetentionRun.objects.get(organisation=None).counts == installation.counts


def test_a_dry_run_counts_and_changes_nothing(organisation, world):
    later = timezone.now() + datetime.timedelta(days=10 * 366 + 2)
    entries = AuditEntry.objects.count()

    [result, installation] = retention_apply(actor=None, now=later, dry_run=True)

    assert result.counts[retention.AUDIT] == entries
    assert result.counts[retention.PERSON_LEFT] == 1
    assert AuditEntry.objects.count() == entries
    assert not RetentionRun.objects.exists()
    assert not PersonAnonymisation.objects.exists()


def test_the_audit_trail_goes_after_ten_years(organisation, world):
    entries = AuditEntry.objects.filter(organisation=organisation).count()
    nine = timezone.now() + datetime.timedelta(days=9 * 366)
    eleven = timezone.now() + datetime.timedelta(days=11 * 366)

    [kept, _installation] = retention_apply(actor=None, now=nine)
    assert kept.counts[retention.AUDIT] == 0
    [gone, _installation] = retention_apply(actor=None, now=eleven)

    # Every entry older than ten years by then went, Lena's anonymisation
    # (made at the first run) among them, and the closing of her account.
    assert gone.counts[retention.AUDIT] == entries + 2
    assert not AuditEntry.objects.filter(
        organisation=organisation, created_at__lt=eleven - datetime.timedelta(days=3653)
    ).exists()


def test_log_in_links_and_requests_go_after_their_time(organisation, world):
    user = world["lena"].account
    AccountLink.objects.create(
        user=user,
        purpose="login",
        token_hash="a" * 64,
        created_at=_ago(days=32),
        expires_at=_ago(days=31),
    )
    AccountLink.objects.create(
        user=user,
        purpose="login",
        token_hash="b" * 64,
        created_at=_ago(days=30),
        expires_at=_ago(days=29),
    )
    LinkRequest.objects.create(purpose="login", email="x@example.se")
    LinkRequest.objects.filter().update(created_at=_ago(days=2))

    [_result, installation] = retention_apply(actor=None)

    assert installation.counts[retention.LOGIN_LINKS] == 1
    assert installation.counts[retention.LINK_REQUESTS] == 1
    assert AccountLink.objects.get().token_hash == "b" * 64


def test_the_nightly_tick_runs_once_a_night(organisation, world, monkeypatch):
    monkeypatch.setattr("mandat.privacy.services.NIGHT_ENDS_HOUR", 24)

    assert retention_nightly().endswith("records")
    assert retention_nightly() == "done already"
    assert RetentionRun.objects.filter(organisation=organisation).count() == 1


def test_every_class_the_task_applies_has_a_disposer():
    from mandat.privacy.services import INSTALLATION_DISPOSERS, ORGANISATION_DISPOSERS

    assert set(retention.DISPOSED) == (
        set(ORGANISATION_DISPOSERS) | set(INSTALLATION_DISPOSERS)
    )


def test_the_administrator_sees_the_runs_and_the_record_of_processing(
    client, administrator, organisation, world
):
    retention_apply(actor=administrator)
    client.force_login(administrator)

    runs = client.get(reverse("privacy:retention-list", args=[organisation.slug]))
    record = client.get(reverse("privacy:processing", args=[organisation.slug]))

    assert runs.status_code == 200 and administrator.email in runs.content.decode()
    page = record.content.decode()
    for retention_class in retention.RETENTION_CLASSES:
        assert str(retention_class.period_label) in page
    dashboard = client.get(reverse("portal:dashboard", args=[organisation.slug]))
    assert reverse("privacy:processing", args=[organisation.slug]) in (
        dashboard.content.decode()
    )


def test_the_coordinator_does_not_see_the_record_of_processing(
    coordinator_client, organisation
):
    url = reverse("privacy:processing", args=[organisation.slug])

    assert coordinator_client.get(url).status_code == 403
    dashboard = coordinator_client.get(
        reverse("portal:dashboard", args=[organisation.slug])
    )
    assert url not in dashboard.content.decode()
