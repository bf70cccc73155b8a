"""Anonymising a person who has left: the personal data goes, the ids stay,
so the annual report's figures are the same; refused while they take part;
audited without the old values."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from mandat.accounts.models import Membership, SignOnIdentity
from mandat.core.access import Role
from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.directory.models import Person
from mandat.notifications.models import CalendarFeed, Message
from mandat.privacy.models import PersonAnonymisation
from mandat.privacy.services import person_anonymise
from mandat.reports.annual.report import annual_report
from mandat.trainings.models import Invitation, Registration
from mandat.trainings.tests.factories import RegistrationFactory, later

from .conftest import LAST_YEAR

pytestmark = pytest.mark.django_db

OLD_VALUES = (
    "Lena",
    "Lämnadsson",
    "lena@example.se",
    "070-111 22 33",
    "R-1001",
    "Glutenfri",
    "Hörslinga",
)


def _figures(organisation) -> dict:
    """The annual report without its list of names (the steering group's
    members), which anonymising changes on purpose."""
    report = annual_report(organisation=organisation, year=LAST_YEAR)
    report.pop("members")
    report.pop("generated_on")
    return report


def test_anonymising_keeps_the_annual_report_figures(administrator, world):
    lena = world["lena"]
    organisation = lena.organisation
    before = _figures(organisation)
    account = lena.account
    invitation_token = world["invitation"].token

    person_anonymise(actor=administrator, person=lena)

    assert _figures(organisation) == before
    assert before["participants_by_category"]  # the report counts her
    lena.refresh_from_db()
    text = json.dumps(
        [lena.full_name, lena.email, lena.phone, lena.register_id]
        + list(Registration.objects.filter(person=lena).values()),
        default=str,
        ensure_ascii=False,
    )
    assert not any(old in text for old in OLD_VALUES)
    assert lena.account is None and account.pk
    assert lena.gender == "woman" and lena.kind == Person.Kind.ELECTED
    assert Registration.objects.filter(person=lena).count() == 1
    assert Invitation.objects.get(person=lena).token != invitation_token
    assert not CalendarFeed.objects.filter(person=lena).exists()
    assert not Message.objects.filter(person=lena).exists()
    assert Message.objects.filter(person=world["olle"]).exists()
    assert PersonAnonymisation.objects.get(person=lena).by_retention is False


def test_the_audit_entry_says_anonymised_without_the_old_values(administrator, world):
    lena = world["lena"]

    person_anonymise(actor=administrator, person=lena)

    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.ANONYMISE, object_type="directory.person"
    )
    assert entry.object_type == "directory.person"
    assert entry.object_id == str(lena.pk)
    assert entry.actor == administrator
    written = json.dumps(
        [entry.object_repr, entry.message, entry.changes], ensure_ascii=False
    )
    assert not any(old in written for old in OLD_VALUES)


def test_refused_while_an_assignment_has_not_ended(administrator, world):
    olle = world["olle"]

    with pytest.raises(ApplicationError, match="Olle Kvarsittare"):
        person_anonymise(actor=administrator, person=olle)

    olle.refresh_from_db()
    assert olle.first_name == "Olle"
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ANONYMISE).exists()


def test_refused_while_registered_for_an_occasion_to_come(administrator, world):
    lena = world["lena"]
    RegistrationFactory(
        person=lena,
        occasion__training__organisation=lena.organisation,
        occasion__starts_at=later(10),
    )

    with pytest.raises(ApplicationError):
        person_anonymise(actor=administrator, person=lena)


def test_refused_twice(administrator, world):
    person_anonymise(actor=administrator, person=world["lena"])

    with pytest.raises(ApplicationError):
        person_anonymise(actor=administrator, person=world["lena"])


def test_the_administrator_anonymises_from_the_extract_page(
    client, administrator, world
):
    lena = world["lena"]
    client.force_login(administrator)
    url = reverse("privacy:person-anonymise", args=[lena.organisation.slug, lena.pk])

    response = client.post(url)

    assert response.status_code == 302
    lena.refresh_from_db()
    assert lena.email == "" and lena.last_name == str(lena.pk)


def test_a_refusal_comes_back_as_a_message(client, administrator, world):
    olle = world["olle"]
    client.force_login(administrator)
    url = reverse("privacy:person-anonymise", args=[olle.organisation.slug, olle.pk])

    response = client.post(url, follow=True)

    assert "Olle Kvarsittare" in response.content.decode()
    olle.refresh_from_db()
    assert olle.email == "olle@example.se"


def test_the_coordinator_may_not_anonymise(client, make_user, organisation, world):
    lena = world["lena"]
    client.force_login(make_user(Role.COORDINATOR, organisation))
    url = reverse("privacy:person-anonymise", args=[organisation.slug, lena.pk])

    assert client.post(url).status_code == 403
    lena.refresh_from_db()
    assert lena.email == "lena@example.se"


def test_an_assignment_ending_today_still_counts_as_active(administrator, world):
    lena = world["lena"]
    lena.assignments.update(ends_on=timezone.localdate())

    with pytest.raises(ApplicationError):
        person_anonymise(actor=administrator, person=lena)
    lena.assignments.update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    person_anonymise(actor=administrator, person=lena)


def test_an_account_of_nothing_else_is_closed_with_its_name_and_address(
    administrator, world, client
):
    lena = world["lena"]
    account = lena.account
    account.full_name = "Lena Lämnadsson"
    account.set_password("lena-lösenord-2023")
    account.save()
    Membership.objects.create(
        user=account, organisation=lena.organisation, role=Role.ELECTED
    )
    SignOnIdentity.objects.create(
        user=account, organisation=lena.organisation, subject="entra-oid-lena"
    )
    last_before = AuditEntry.objects.order_by("pk").last().pk

    person_anonymise(actor=administrator, person=lena)

    account.refresh_from_db()
    assert not account.is_active
    assert "lena" not in account.email.lower() and account.full_name == ""
    assert not account.has_usable_password()
    assert not Membership.objects.filter(user=account).exists()
    assert not SignOnIdentity.objects.filter(user=account).exists()
    answer = client.post(
        "/accounts/login/",
        {"username": "lena.konto@example.se", "password": "lena-lösenord-2023"},
    )
    assert answer.status_code == 200  # the form again: no such account
    # Nothing written while anonymising names her: not the account's entry,
    # not the role's or the link's.
    entries = AuditEntry.objects.filter(pk__gt=last_before)
    written = json.dumps(
        list(entries.values("object_repr", "message", "changes")),
        ensure_ascii=False,
    )
    assert "Lämnadsson" not in written and "lena.konto" not in written
    assert entries.filter(object_type="accounts.membership").exists()


def test_an_account_with_a_role_elsewhere_keeps_it_and_loses_this_organisations(
    administrator, world, other_organisation
):
    lena = world["lena"]
    account = lena.account
    Membership.objects.create(
        user=account, organisation=lena.organisation, role=Role.ELECTED
    )
    Membership.objects.create(
        user=account, organisation=other_organisation, role=Role.OFFICIAL
    )

    person_anonymise(actor=administrator, person=lena)

    account.refresh_from_db()
    assert account.is_active and account.email == "lena.konto@example.se"
    assert [m.organisation for m in Membership.objects.filter(user=account)] == [
        other_organisation
    ]
