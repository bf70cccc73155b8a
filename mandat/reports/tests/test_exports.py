"""The fee basis, the costs and the follow-up as files. The fee basis's
sheet was named "Arvodesunderlag: <body>", and Excel forbids the colon: the
Excel export answered 500 for every body until sheet names were made safe."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mandat.directory.tests.factories import AssignmentFactory, BodyFactory
from mandat.reports.models import CostLine
from mandat.trainings.models import SessionAttendance
from mandat.trainings.tests.factories import OccasionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fee_basis(organisation):
    """Two members of Kulturnämnden who attended a session of 3 h 30 min at
    08:30 on 14 May 2026 (summer time); one has protected personal data."""
    body = BodyFactory(organisation=organisation, name="Kultur- och fritidsnämnden")
    starts = timezone.make_aware(datetime.datetime(2026, 5, 14, 8, 30))
    occasion = OccasionFactory(
        training__organisation=organisation,
        training__title="Arbetsgivaransvaret",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3, minutes=30),
    )
    session = occasion.sessions.get()
    for first, last, register_id, protected in [
        ("Åsa", "Öberg", "1001", False),
        ("Hemlig", "Hemligsson", "1002", True),
    ]:
        person = AssignmentFactory(
            person__organisation=organisation,
            person__first_name=first,
            person__last_name=last,
            person__register_id=register_id,
            person__protected_identity=protected,
            body=body,
        ).person
        registration = RegistrationFactory(occasion=occasion, person=person)
        SessionAttendance.objects.create(
            registration=registration, session=session, status="attended"
        )
    query = {"body": body.pk, "starts_on": "2026-05-01", "ends_on": "2026-05-31"}
    return reverse("reports:fee-basis", args=[organisation.slug]), query


def test_the_fee_basis_exports_to_excel(coordinator_client, fee_basis):
    url, query = fee_basis

    response = coordinator_client.get(url, {**query, "export": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Arvodesunderlag Kultur- och"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Register-id", "Namn")
    # By session, then last name: Hemligsson before Öberg.
    assert rows[2] == (
        "1001",
        "Åsa Öberg",
        "Arbetsgivaransvaret",
        datetime.datetime(2026, 5, 14),
        datetime.time(8, 30),
        datetime.time(12, 0),
        3.5,
        rows[2][7],
        "Närvarande",
    )
    # The protected person is paid through the register id, never named.
    assert rows[1][:2] == ("1002", "Skyddad identitet")
    assert "Hemlig" not in str(rows)
    assert sheet["G3"].number_format == "#,##0.00"
    assert sheet["D2"].number_format == "yyyy-mm-dd"
    filename = response["Content-Disposition"]
    assert filename.startswith('attachment; filename="arvodesunderlag-')
    assert filename.endswith('.xlsx"')


def test_the_fee_basis_as_csv_for_swedish_excel(coordinator_client, fee_basis):
    url, query = fee_basis

    response = coordinator_client.get(url, {**query, "export": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in response.content and b"\n\n" not in response.content
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[2] == [
        "1001",
        "Åsa Öberg",
        "Arbetsgivaransvaret",
        "2026-05-14",
        "08:30",
        "12:00",
        "3,50",
        rows[2][7],
        "Närvarande",
    ]
    assert rows[1][:2] == ["1002", "Skyddad identitet"]


def test_costs_export_amounts_as_numbers_and_formulas_as_text(
    coordinator_client, organisation
):
    occasion = OccasionFactory(training__organisation=organisation)
    CostLine.objects.create(
        organisation=organisation,
        training=occasion.training,
        category="speaker",
        amount=731322,
        incurred_on=datetime.date(2026, 3, 10),
        supplier="+46 8 123 45 67",
        description="=1+1",
    )
    url = reverse("reports:cost-list", args=[organisation.slug])

    xlsx = coordinator_client.get(url, {"year": 2026, "export": "xlsx"})
    text = coordinator_client.get(url, {"year": 2026, "export": "csv"})

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.title == "Kostnader 2026"
    assert sheet["F2"].value == 731322
    assert (sheet["E2"].value, sheet["E2"].data_type) == ("=1+1", "s")
    assert sheet["E2"].quotePrefix
    assert sheet["A2"].value == datetime.datetime(2026, 3, 10)
    rows = list(
        csv.reader(io.StringIO(text.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[1][3:] == ["'+46 8 123 45 67", "'=1+1", "731322"]


def test_the_fee_basis_page_hides_a_protected_name_from_a_committee_secretary(
    coordinator_client, make_user, organisation, fee_basis
):
    from django.test import Client

    from mandat.core.access import Role
    from mandat.directory.models import Body

    url, query = fee_basis
    secretary = make_user(
        Role.COMMITTEE_SECRETARY, organisation, body=Body.objects.get(pk=query["body"])
    )
    secretarys_client = Client()
    secretarys_client.force_login(secretary)

    page = secretarys_client.get(url, query).content.decode()
    coordinators_page = coordinator_client.get(url, query).content.decode()

    assert "Åsa Öberg" in page and "Hemlig" not in page
    assert "Skyddad identitet" in page
    assert "Hemlig Hemligsson" in coordinators_page
