"""The directory kept in Mandat's own pages: the coordinator sets up the
bodies (58 at once), parties and mandate periods, and adds, changes and ends
people and assignments; a committee secretary does so on their own body."""

import datetime

import pytest
from django.urls import reverse

from mandat.core.access import Role
from mandat.core.models import AuditEntry
from mandat.directory.models import (
    Assignment,
    Body,
    BodyKind,
    MandatePeriod,
    Party,
    Person,
    ReportingCategory,
)
from mandat.directory.tests.factories import BodyFactory, PartyFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(name, organisation, *args):
    return reverse(f"directory:{name}", args=[organisation.slug, *args])


def test_the_coordinator_adds_a_person_gives_changes_and_ends_an_assignment(
    coordinator_client, organisation
):
    board = BodyFactory(organisation=organisation, name="Kulturnämnden")
    party = PartyFactory(organisation=organisation, abbreviation="MP")

    created = coordinator_client.post(
        url("person-create", organisation),
        {
            "first_name": "Anna",
            "last_name": "Skrapste",
            "kind": "elected",
            "email": "Anna.Skrapste@example.se",
        },
    )
    person = Person.objects.get(last_name="Skrapste")
    assert created.url == url("person-detail", organisation, person.pk)
    assert person.email == "anna.skrapste@example.se"
    coordinator_client.post(
        url("person-assignment-create", organisation, person.pk),
        {
            "body": board.pk,
            "role": "ersattare",
            "party": party.pk,
            "substitute_order": "2",
            "starts_on": "2027-01-01",
        },
    )
    assignment = Assignment.objects.get(person=person)
    assert (assignment.body, assignment.role, assignment.substitute_order) == (
        board,
        "ersattare",
        2,
    )
    coordinator_client.post(
        url("assignment-edit", organisation, assignment.pk),
        {"party": party.pk, "substitute_order": "1", "starts_on": "2027-01-01"},
    )
    ended = coordinator_client.post(
        url("assignment-end", organisation, assignment.pk),
        {"ends_on": "2027-06-30", "reason": "Flyttat"},
    )

    assignment.refresh_from_db()
    assert ended.status_code == 302
    assert assignment.substitute_order == 1
    assert (assignment.ends_on, assignment.end_reason) == (
        datetime.date(2027, 6, 30),
        "Flyttat",
    )
    actions = list(
        AuditEntry.objects.filter(organisation=organisation)
        .order_by("pk")
        .values_list("object_type", "action")
    )
    assert actions == [
        ("directory.person", "create"),
        ("directory.assignment", "create"),
        ("directory.assignment", "update"),
        ("directory.assignment", "end"),
    ]


def test_a_second_person_with_the_same_e_mail_is_refused_next_to_the_field(
    coordinator_client, organisation
):
    PersonFactory(organisation=organisation, email="anna@example.se")

    response = coordinator_client.post(
        url("person-create", organisation),
        {
            "first_name": "Anna",
            "last_name": "B",
            "kind": "elected",
            "email": "ANNA@example.se",
        },
    )

    assert response.status_code == 200
    assert "har redan den här e-postadressen." in response.text
    assert Person.objects.count() == 1


def test_a_pasted_list_of_bodies_adds_them_all_with_their_kinds(
    coordinator_client, organisation
):
    text = (
        "Kommunfullmäktige\nKommunstyrelsen\nKommunstyrelsens arbetsutskott\n"
        "Stadsdelsnämnd Norr\nKulturnämnden\nHamnbolaget AB\n"
        "Krisledningsgrupp\tnämnd\tfacknämnd\n"
    )

    response = coordinator_client.post(
        url("bodies-create", organisation), {"text": text}
    )

    assert response.status_code == 302
    kinds = dict(Body.objects.values_list("name", "kind"))
    assert kinds == {
        "Kommunfullmäktige": BodyKind.COUNCIL,
        "Kommunstyrelsen": BodyKind.EXECUTIVE,
        "Kommunstyrelsens arbetsutskott": BodyKind.SUBCOMMITTEE,
        "Stadsdelsnämnd Norr": BodyKind.COMMITTEE,
        "Kulturnämnden": BodyKind.COMMITTEE,
        "Hamnbolaget AB": BodyKind.COMPANY,
        "Krisledningsgrupp": BodyKind.COMMITTEE,
    }
    district = Body.objects.get(name="Stadsdelsnämnd Norr")
    assert district.reporting_category == ReportingCategory.DISTRICT_COMMITTEE
    assert Body.objects.get(name="Hamnbolaget AB").is_statutory is False


def test_a_list_of_bodies_with_a_bad_line_adds_none(coordinator_client, organisation):
    BodyFactory(organisation=organisation, name="Kulturnämnden")

    response = coordinator_client.post(
        url("bodies-create", organisation),
        {"text": "Miljönämnden\nkulturnämnden\nValnämnden; kommitté"},
    )

    assert response.status_code == 200
    assert "Rad 2: Det finns ett organ med det här namnet." in response.text
    assert "Rad 3: ”kommitté” är inte en typ av organ." in response.text
    assert not Body.objects.filter(name="Miljönämnden").exists()


def test_parties_and_mandate_periods_are_set_up_on_their_pages(
    coordinator_client, organisation
):
    coordinator_client.post(
        url("party-list", organisation),
        {"name": "Miljöpartiet de gröna", "abbreviation": "MP"},
    )
    duplicate = coordinator_client.post(
        url("party-list", organisation), {"name": "Annat parti", "abbreviation": "mp"}
    )
    coordinator_client.post(
        url("period-list", organisation),
        {
            "name": "2026–2030",
            "election_date": "2026-09-13",
            "starts_on": "2026-10-15",
            "ends_on": "2030-10-14",
        },
    )

    assert "Ett annat parti har den här förkortningen." in duplicate.text
    assert list(Party.objects.values_list("abbreviation", flat=True)) == ["MP"]
    assert MandatePeriod.objects.get().starts_on == datetime.date(2026, 10, 15)


def test_a_secretary_adds_members_to_their_own_committee_only(
    client, make_user, organisation
):
    mine = BodyFactory(organisation=organisation, name="Kulturnämnden")
    other = BodyFactory(organisation=organisation, name="Miljönämnden")
    secretary = make_user(Role.COMMITTEE_SECRETARY, organisation, body=mine)
    newcomer = PersonFactory(organisation=organisation)
    client.force_login(secretary)
    data = {
        "person": newcomer.pk,
        "role": "ledamot",
        "starts_on": "2027-01-01",
    }

    added = client.post(url("body-assignment-create", organisation, mine.pk), data)
    refused = client.post(url("body-assignment-create", organisation, other.pk), data)
    setting_up = client.get(url("body-create", organisation))

    assert added.status_code == 302
    assert refused.status_code == 404  # not even visible to them
    assert setting_up.status_code == 403
    assert [a.body for a in Assignment.objects.filter(person=newcomer)] == [mine]
