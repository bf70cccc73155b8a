"""Costs against the budget, and the fee basis for the fee system."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from mandat.directory.tests.factories import AssignmentFactory, BodyFactory
from mandat.notifications.models import Message
from mandat.reports import selectors, services
from mandat.reports.models import CostLine
from mandat.trainings.models import SessionAttendance
from mandat.trainings.tests.factories import OccasionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def occasion(organisation):
    return OccasionFactory(training__organisation=organisation)


def test_amounts_as_people_type_them_and_bad_ones_refused(
    coordinator_client, organisation, occasion
):
    url = reverse("reports:cost-list", args=[organisation.slug])
    base = {
        "training": occasion.training_id,
        "category": "speaker",
        "incurred_on": "2026-03-10",
    }
    for typed in ("-500", "12,50", "tolv", "0"):
        response = coordinator_client.post(url, {**base, "amount": typed})
        assert response.status_code == 200
        assert "field--error" in response.content.decode()
    assert not CostLine.objects.exists()
    coordinator_client.post(url, {**base, "amount": "731 322 kr"})
    assert CostLine.objects.get().amount == 731322
    page = coordinator_client.get(url + "?year=2026").content.decode()
    assert "731\xa0322 kr" in page or "731 322 kr" in page


def test_passing_the_budget_alerts_the_coordinators_once(
    organisation, occasion, coordinator, django_capture_on_commit_callbacks
):
    services.budget_set(
        actor=coordinator, organisation=organisation, year=2026, amount=50000
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.cost_add(
            actor=coordinator,
            training=occasion.training,
            category="venue",
            amount=30000,
            incurred_on=datetime.date(2026, 3, 1),
        )
    assert not Message.objects.filter(event="reports.budget_exceeded").exists()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.cost_add(
                actor=coordinator,
                training=occasion.training,
                category="catering",
                amount=15000,
                incurred_on=datetime.date(2026, 4, 1),
            )
    alerts = Message.objects.filter(event="reports.budget_exceeded")
    assert alerts.count() == 1
    assert "60 000 kr" in alerts.get().body_text.replace("\xa0", " ")
    status = selectors.budget_status(organisation=organisation, year=2026)[0]
    assert (status.spent, status.over, status.over_by) == (60000, True, 10000)
    totals = selectors.cost_totals(organisation=organisation, year=2026)
    assert totals["total"] == 60000
    assert dict(totals["by_category"])["Förtäring"] == 30000


def test_fee_basis_lists_the_bodys_members_who_attended_as_csv(
    coordinator_client, organisation, occasion
):
    body = BodyFactory(organisation=organisation, name="Kulturnämnden", short_name="KN")
    member = AssignmentFactory(person__organisation=organisation, body=body).person
    other = AssignmentFactory(person__organisation=organisation).person
    session = occasion.sessions.first()
    for person in (member, other):
        registration = RegistrationFactory(occasion=occasion, person=person)
        SessionAttendance.objects.create(
            registration=registration, session=session, status="attended"
        )
    day = session.starts_at.date()
    query = f"?body={body.pk}&starts_on={day}&ends_on={day}"
    url = reverse("reports:fee-basis", args=[organisation.slug])
    response = coordinator_client.get(url + query + "&export=csv")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][1] == "Namn"
    assert [row[1] for row in rows[1:]] == [member.full_name]
    assert rows[1][6] == "3,00"
    bad = coordinator_client.get(
        url + f"?body={body.pk}&starts_on={day}&ends_on=2000-01-01"
    )
    assert "field--error" in bad.content.decode()


def test_odd_digits_in_addresses_and_amounts_get_messages(
    coordinator_client, organisation, occasion
):
    slug = organisation.slug
    for url in (
        reverse("reports:cost-list", args=[slug]) + "?year=²",
        reverse("reports:annual-report", args=[slug]) + "?year=²",
        reverse("reports:period-follow-up", args=[slug]) + "?body=²",
    ):
        assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        reverse("reports:cost-list", args=[slug]),
        {
            "training": occasion.training_id,
            "category": "venue",
            "amount": "²",
            "incurred_on": "2026-01-01",
        },
    )
    assert "field--error" in response.content.decode()
    assert not CostLine.objects.exists()
