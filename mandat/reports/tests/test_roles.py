"""What each role sees of the reports (who may open each address is in
``core/tests/permission_rows/reports.py``): a committee secretary's fee
basis, on the page and in its Excel and CSV files, lists their own
committee's people and never another committee's; the coordinator sees every
body; the secretary's and the elected official's menu and overview show them
only the reports they may open."""

import csv
import datetime
import io

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mandat.core.access import Role
from mandat.directory.models import BodyKind
from mandat.directory.tests.factories import AssignmentFactory, BodyFactory
from mandat.trainings.models import SessionAttendance
from mandat.trainings.tests.factories import OccasionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

MAY = {"starts_on": "2026-05-01", "ends_on": "2026-05-31"}


@pytest.fixture
def bodies(organisation):
    """Socialnämnden with its arbetsutskott, and Kulturnämnden; a member of
    each attended the same session in May 2026 (Ulla sits on the
    arbetsutskott only)."""
    social = BodyFactory(organisation=organisation, name="Socialnämnden")
    working = BodyFactory(
        organisation=organisation,
        name="Socialnämndens arbetsutskott",
        kind=BodyKind.SUBCOMMITTEE,
        parent=social,
    )
    culture = BodyFactory(organisation=organisation, name="Kulturnämnden")
    starts = timezone.make_aware(datetime.datetime(2026, 5, 14, 8, 30))
    occasion = OccasionFactory(
        training__organisation=organisation,
        training__title="Arbetsgivaransvaret",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3, minutes=30),
    )
    session = occasion.sessions.get()
    for first, last, body in [
        ("Åsa", "Öberg", social),
        ("Ulla", "Utskott", working),
        ("Karl", "Kultur", culture),
    ]:
        person = AssignmentFactory(
            person__organisation=organisation,
            person__first_name=first,
            person__last_name=last,
            body=body,
        ).person
        registration = RegistrationFactory(occasion=occasion, person=person)
        SessionAttendance.objects.create(
            registration=registration, session=session, status="attended"
        )
    return {"social": social, "working": working, "culture": culture}


@pytest.fixture
def logged_in(make_user, organisation):
    """Return a client logged in with ``role`` (for a secretary, of ``body``)."""

    def log_in(role, body=None):
        # A fixed name: the page's header shows it, and a random one may
        # hold a name the test looks for.
        user = make_user(role, organisation, body=body, full_name="Testa Testsson")
        client = Client()
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def fee_basis_url(organisation):
    return reverse("reports:fee-basis", args=[organisation.slug])


def listed(page) -> list[str]:
    """The names in the fee basis's table, as the page shows them."""
    return lxml.html.fromstring(page.content).xpath("//tbody/tr/td[1]/text()")


def body_choices(page) -> list[str]:
    return lxml.html.fromstring(page.content).xpath(
        "//select[@name='body']/option[@value!='']/text()"
    )


def names_in_xlsx(response) -> list[str]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]


def names_in_csv(response) -> list[str]:
    text = response.content.decode("utf-8-sig")
    return [row[1] for row in list(csv.reader(io.StringIO(text), delimiter=";"))[1:]]


def test_a_secretary_chooses_only_their_own_committee_and_its_subcommittees(
    logged_in, bodies, fee_basis_url
):
    secretary = logged_in(Role.COMMITTEE_SECRETARY, bodies["social"])
    coordinator = logged_in(Role.COORDINATOR)

    assert sorted(body_choices(secretary.get(fee_basis_url))) == [
        "Socialnämnden",
        "Socialnämndens arbetsutskott",
    ]
    assert "Kulturnämnden" in body_choices(coordinator.get(fee_basis_url))


def test_a_secretarys_fee_basis_lists_their_committees_people_only(
    logged_in, bodies, fee_basis_url
):
    secretary = logged_in(Role.COMMITTEE_SECRETARY, bodies["social"])

    page = secretary.get(fee_basis_url, {"body": bodies["social"].pk, **MAY})

    assert listed(page) == ["Åsa Öberg"]
    assert "Karl" not in page.text


def test_a_secretarys_fee_basis_files_list_their_committees_people_only(
    logged_in, bodies, fee_basis_url
):
    secretary = logged_in(Role.COMMITTEE_SECRETARY, bodies["social"])
    query = {"body": bodies["social"].pk, **MAY}

    xlsx = secretary.get(fee_basis_url, {**query, "export": "xlsx"})
    text = secretary.get(fee_basis_url, {**query, "export": "csv"})

    assert names_in_xlsx(xlsx) == ["Åsa Öberg"]
    assert names_in_csv(text) == ["Åsa Öberg"]


@pytest.mark.parametrize("export", [None, "xlsx", "csv"])
def test_another_committees_fee_basis_is_never_shown_to_a_secretary(
    logged_in, bodies, fee_basis_url, export
):
    secretary = logged_in(Role.COMMITTEE_SECRETARY, bodies["social"])
    query = {"body": bodies["culture"].pk, **MAY}
    if export:
        query["export"] = export

    response = secretary.get(fee_basis_url, query)

    # The form refuses the body it does not offer: no table, no file.
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    assert listed(response) == []
    assert "Karl" not in response.text and "Kulturnämnden" not in response.text


def test_the_coordinator_gets_any_committees_fee_basis(
    logged_in, bodies, fee_basis_url
):
    coordinator = logged_in(Role.COORDINATOR)
    query = {"body": bodies["culture"].pk, **MAY}

    page = coordinator.get(fee_basis_url, query)
    text = coordinator.get(fee_basis_url, {**query, "export": "csv"})

    assert listed(page) == ["Karl Kultur"]
    assert names_in_csv(text) == ["Karl Kultur"]


def test_a_secretary_gets_the_fee_basis_of_their_committees_subcommittee(
    logged_in, bodies, fee_basis_url
):
    secretary = logged_in(Role.COMMITTEE_SECRETARY, bodies["social"])

    page = secretary.get(fee_basis_url, {"body": bodies["working"].pk, **MAY})

    assert listed(page) == ["Ulla Utskott"]


def menu(client, organisation) -> dict[str, list[str]]:
    """The menu's headings with their pages, as the overview shows them."""
    page = client.get(reverse("portal:dashboard", args=[organisation.slug]))
    return {
        group.label: [i.label for i in group.items]
        for group in page.context["nav_items"]
    }


def test_a_secretarys_follow_up_is_the_fee_basis_alone(logged_in, bodies, organisation):
    secretary = logged_in(Role.COMMITTEE_SECRETARY, bodies["social"])

    overview = secretary.get(reverse("portal:dashboard", args=[organisation.slug]))

    assert menu(secretary, organisation)["Uppföljning"] == ["Arvodesunderlag"]
    assert "Behöver uppmärksamhet" not in overview.text
    costs = secretary.get(reverse("reports:cost-list", args=[organisation.slug]))
    assert costs.status_code == 403 and "Arbetsgivaransvaret" not in costs.text


def test_an_elected_official_sees_no_reports(logged_in, bodies, organisation):
    elected = logged_in(Role.ELECTED)
    slug = organisation.slug

    assert "Uppföljning" not in menu(elected, organisation)
    overview = elected.get(reverse("portal:dashboard", args=[slug]))
    assert "Behöver uppmärksamhet" not in overview.text
    for name in ("reports:fee-basis", "reports:annual-report", "reports:cost-list"):
        response = elected.get(
            reverse(name, args=[slug]), {"body": bodies["social"].pk, **MAY}
        )
        assert response.status_code == 403
        assert "Åsa" not in response.text and "Arbetsgivaransvaret" not in response.text
