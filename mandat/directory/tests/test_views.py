"""The directory pages as a coordinator and a committee secretary use them."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from mandat.core.access import Role
from mandat.directory.models import AssignmentRole, ReportingCategory

from .factories import AssignmentFactory, BodyFactory, PartyFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def social(organisation):
    body = BodyFactory(organisation=organisation, name="Socialnämnden")
    s = PartyFactory(organisation=organisation, abbreviation="S")
    m = PartyFactory(organisation=organisation, abbreviation="M")
    for role, last_name, party in [
        (AssignmentRole.CHAIR, "Ordf", s),
        (AssignmentRole.FIRST_VICE_CHAIR, "Vice", s),
        (AssignmentRole.SECOND_VICE_CHAIR, "Andrevice", m),
        (AssignmentRole.MEMBER, "Ledamotsson", m),
    ]:
        AssignmentFactory(
            person__organisation=organisation,
            person__last_name=last_name,
            body=body,
            role=role,
            party=party,
        )
    return body


def xlsx_rows(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def test_every_presidium_lists_chairs_and_vice_chairs_only(coordinator_client, social):
    url = reverse("directory:assignment-list", args=[social.organisation.slug])

    response = coordinator_client.get(url, {"role": "presidium", "body": social.pk})

    names = [a.person.last_name for a in response.context["object_list"]]
    assert names == ["Ordf", "Vice", "Andrevice"]
    assert "Ledamotsson" not in response.content.decode()


def test_the_body_page_shows_who_sits_on_it_now(coordinator_client, social):
    AssignmentFactory(
        person__organisation=social.organisation,
        person__last_name="Avgick",
        body=social,
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2022, 12, 31),
    )
    url = reverse("directory:body-detail", args=[social.organisation.slug, social.pk])

    now = coordinator_client.get(url).content.decode()
    history = coordinator_client.get(url, {"history": "on"}).content.decode()

    assert "Ordf" in now and "Avgick" not in now
    assert "Avgick" in history


def test_all_substitutes_in_the_district_committees(coordinator_client, organisation):
    district = BodyFactory(
        organisation=organisation,
        name="Stadsdelsnämnden Norr",
        reporting_category=ReportingCategory.DISTRICT_COMMITTEE,
    )
    other = BodyFactory(organisation=organisation, name="Kulturnämnden")
    AssignmentFactory(
        person__organisation=organisation,
        person__last_name="Norrersättare",
        body=district,
        role=AssignmentRole.SUBSTITUTE,
        substitute_order=1,
    )
    AssignmentFactory(
        person__organisation=organisation,
        person__last_name="Kulturersättare",
        body=other,
        role=AssignmentRole.SUBSTITUTE,
        substitute_order=1,
    )
    url = reverse("directory:assignment-list", args=[organisation.slug])

    response = coordinator_client.get(
        url, {"role": "substitutes", "category": "stadsdelsnamnd"}
    )

    names = [a.person.last_name for a in response.context["object_list"]]
    assert names == ["Norrersättare"]


def test_lists_export_what_they_show_to_excel(coordinator_client, social):
    url = reverse("directory:assignment-list", args=[social.organisation.slug])

    rows = xlsx_rows(
        coordinator_client.get(url, {"role": "presidium", "export": "xlsx"})
    )

    assert len(rows) == 1 + 3
    assert [row[0] for row in rows[1:]] == ["Ordf", "Vice", "Andrevice"]
    assert rows[1][7] == "S"


def test_people_search_finds_by_name_and_sorts(coordinator_client, organisation):
    PersonFactory(organisation=organisation, first_name="Signe", last_name="Öhman")
    PersonFactory(organisation=organisation, first_name="Signe", last_name="Ahl")
    PersonFactory(organisation=organisation, first_name="Bert", last_name="Berg")
    url = reverse("directory:person-list", args=[organisation.slug])

    ascending = coordinator_client.get(url, {"q": "signe", "o": "name"})
    descending = coordinator_client.get(url, {"q": "signe", "o": "-name"})

    assert [p.last_name for p in ascending.context["object_list"]] == ["Ahl", "Öhman"]
    assert [p.last_name for p in descending.context["object_list"]] == ["Öhman", "Ahl"]


def test_a_bad_filter_value_gives_a_message_not_an_error(coordinator_client, social):
    url = reverse("directory:assignment-list", args=[social.organisation.slug])

    response = coordinator_client.get(
        url, {"on": "igår", "role": "kung", "body": "abc", "o": "drop table"}
    )

    assert response.status_code == 200
    assert response.context["day_form"].errors["on"]
    assert response.context["filter_form"].errors["role"]


def test_protected_identity_is_hidden_outside_the_coordinators_views(
    make_user, coordinator_client, social
):
    hidden = AssignmentFactory(
        person__organisation=social.organisation,
        person__first_name="Hemlig",
        person__last_name="Persson",
        person__email="hemlig@example.se",
        person__protected_identity=True,
        body=social,
    ).person
    secretary = make_user(Role.COMMITTEE_SECRETARY, social.organisation, body=social)
    client = Client()
    client.force_login(secretary)
    slug = social.organisation.slug
    body_url = reverse("directory:body-detail", args=[slug, social.pk])
    person_url = reverse("directory:person-detail", args=[slug, hidden.pk])

    as_secretary = client.get(body_url).content.decode()
    person_page = client.get(person_url).content.decode()
    as_coordinator = coordinator_client.get(body_url).content.decode()

    assert "Hemlig" not in as_secretary and "Skyddad identitet" in as_secretary
    assert "Hemlig" not in person_page and "hemlig@example.se" not in person_page
    assert "Persson, Hemlig" in as_coordinator
    # Files leave the system, so even the coordinator's export leaves the name out.
    rows = xlsx_rows(coordinator_client.get(body_url, {"export": "xlsx"}))
    assert not any("Hemlig" in str(cell) for row in rows for cell in row)


def test_party_is_shown_beside_the_role_but_is_never_a_filter(
    coordinator_client, social
):
    url = reverse("directory:assignment-list", args=[social.organisation.slug])

    response = coordinator_client.get(url)

    assert "party" not in response.context["filter_form"].fields
    person_url = reverse("directory:person-list", args=[social.organisation.slug])
    assert (
        "party" not in coordinator_client.get(person_url).context["filter_form"].fields
    )


@pytest.mark.parametrize(
    "name",
    ["directory:person-list", "directory:assignment-list", "directory:body-list"],
)
def test_list_pages_run_the_same_number_of_queries_at_any_size(
    coordinator_client, organisation, django_assert_max_num_queries, name
):
    def grow(n):
        body = BodyFactory(organisation=organisation)
        for _ in range(n):
            AssignmentFactory(person__organisation=organisation, body=body)

    url = reverse(name, args=[organisation.slug])
    grow(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert coordinator_client.get(url).status_code == 200
    grow(40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert coordinator_client.get(url).status_code == 200
