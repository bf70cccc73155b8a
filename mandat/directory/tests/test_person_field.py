"""Choosing a person by name (``directory.widgets.PersonChoiceField``) instead of
a list of everyone: the search behind the listbox, and the form without
JavaScript, where the server looks up the name that was written."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from mandat.core.access import Role
from mandat.directory.tests.factories import BodyFactory, PersonFactory
from mandat.meetings.tests.factories import steering_group
from mandat.trainings.models import Contributor, Registration
from mandat.trainings.tests.factories import OccasionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation, other_organisation):
    make = PersonFactory
    return {
        "anna_a": make(
            organisation=organisation, first_name="Anna", last_name="Andersson"
        ),
        "anna_b": make(organisation=organisation, first_name="Anna", last_name="Berg"),
        "bo": make(
            organisation=organisation,
            first_name="Bo",
            last_name="Berg",
            title="Förvaltningschef",
        ),
        "hidden": make(
            organisation=organisation,
            first_name="Hemlig",
            last_name="Hemligsson",
            protected_identity=True,
        ),
        "elsewhere": make(
            organisation=other_organisation, first_name="Anna", last_name="Annan"
        ),
    }


@pytest.fixture
def secretary_client(make_user, organisation):
    body = BodyFactory(organisation=organisation)
    client = Client()
    client.force_login(make_user(Role.COMMITTEE_SECRETARY, organisation, body=body))
    return client


def _search(client, organisation, q, **extra):
    return client.get(
        reverse("directory:person-search", args=[organisation.slug]),
        {"q": q, **extra},
    )


def test_the_search_lists_the_organisations_people_whose_name_holds_every_word(
    coordinator_client, organisation, people
):
    anna = _search(coordinator_client, organisation, "anna")
    anna_berg = _search(coordinator_client, organisation, "Berg, Anna")
    chief = _search(coordinator_client, organisation, "förvaltningschef", format="json")

    assert anna.status_code == 200
    assert re.findall(r'data-label="([^"]+)"', anna.content.decode()) == [
        "Andersson, Anna",
        "Berg, Anna",
    ]
    assert 'role="option"' in anna.content.decode()
    assert re.findall(r'data-label="([^"]+)"', anna_berg.content.decode()) == [
        "Berg, Anna"
    ]
    assert chief.json()["results"] == [
        {
            "id": people["bo"].pk,
            "label": "Berg, Bo",
            "detail": f"Förvaltningschef, {people['bo'].email}",
        }
    ]


def test_protected_identities_are_found_only_by_those_who_may_see_them(
    coordinator_client, secretary_client, organisation, people
):
    coordinator = _search(coordinator_client, organisation, "hemlig", format="json")
    secretary = _search(secretary_client, organisation, "hemlig", format="json")

    assert [row["label"] for row in coordinator.json()["results"]] == [
        "Hemligsson, Hemlig"
    ]
    assert secretary.json() == {"results": [], "more": False}


def test_the_search_says_when_more_match_than_it_lists(
    coordinator_client, organisation
):
    for number in range(12):
        PersonFactory(
            organisation=organisation, first_name="Ulla", last_name=f"U{number:02}"
        )

    answer = _search(coordinator_client, organisation, "ulla", format="json")
    page = _search(coordinator_client, organisation, "ulla")

    assert len(answer.json()["results"]) == 10
    assert answer.json()["more"] is True
    assert page.content.decode().count("data-more") == 1


def test_only_those_whose_forms_name_people_may_search(
    client, make_user, organisation, people
):
    elected = make_user(Role.ELECTED, organisation)
    client.force_login(elected)

    assert _search(client, organisation, "anna").status_code == 403


def test_a_groups_secretary_may_search_for_the_action_items_owner(
    client, organisation, people
):
    group = steering_group(organisation)
    secretary = group.participants.get(is_secretary=True).person
    from mandat.accounts.tests.factories import UserFactory

    user = UserFactory()
    secretary.account = user
    secretary.save()
    from mandat.accounts.models import Membership

    Membership.objects.create(user=user, organisation=organisation, role=Role.OFFICIAL)
    client.force_login(user)

    answer = _search(client, organisation, "anna", format="json")

    # The steering group's members have made-up names, an "Anna" among
    # them now and then: the fixture's two are found, in name order.
    labels = [row["label"] for row in answer.json()["results"]]
    assert answer.status_code == 200
    assert [
        label for label in labels if label in ("Andersson, Anna", "Berg, Anna")
    ] == [
        "Andersson, Anna",
        "Berg, Anna",
    ]


# Without JavaScript: the participant list's "Register someone" ---------------


@pytest.fixture
def occasion(organisation):
    return OccasionFactory(training__organisation=organisation)


def _register(client, organisation, occasion, **data):
    return client.post(
        reverse("trainings:register-on-behalf", args=[organisation.slug, occasion.pk]),
        data,
    )


def test_a_written_name_that_matches_one_person_registers_them(
    coordinator_client, organisation, occasion, people
):
    answer = _register(
        coordinator_client, organisation, occasion, **{"person-text": "bo berg"}
    )

    assert answer.status_code == 302
    assert Registration.objects.get(occasion=occasion).person == people["bo"]


def test_a_name_that_matches_several_lists_them_next_to_the_field_to_choose_from(
    coordinator_client, organisation, occasion, people
):
    answer = _register(
        coordinator_client, organisation, occasion, **{"person-text": "Anna"}
    )
    page = answer.content.decode()
    chosen = _register(
        coordinator_client,
        organisation,
        occasion,
        **{"person-text": "Anna", "person-choice": people["anna_b"].pk},
    )

    assert answer.status_code == 200
    assert not Registration.objects.filter(person=people["anna_a"]).exists()
    assert "Flera personer matchar" in page or "Several people match" in page
    assert page.count('name="person-choice"') == 2
    assert chosen.status_code == 302
    assert Registration.objects.get(occasion=occasion).person == people["anna_b"]


def test_a_name_no_one_has_is_an_error_next_to_the_field(
    coordinator_client, organisation, occasion, people
):
    answer = _register(
        coordinator_client, organisation, occasion, **{"person-text": "Zorro"}
    )

    assert answer.status_code == 200
    assert "Zorro" in answer.content.decode()
    assert answer.context["on_behalf_form"].errors["person"]
    assert not Registration.objects.filter(occasion=occasion).exists()


def test_a_person_chosen_from_the_list_is_taken_unless_the_name_was_written_over(
    coordinator_client, organisation, occasion, people
):
    chosen = _register(
        coordinator_client,
        organisation,
        occasion,
        **{"person": people["anna_a"].pk, "person-text": "Andersson, Anna"},
    )
    other = OccasionFactory(training__organisation=organisation)
    written_over = _register(
        coordinator_client,
        organisation,
        other,
        **{"person": people["anna_a"].pk, "person-text": "Bo Berg"},
    )

    assert chosen.status_code == written_over.status_code == 302
    assert Registration.objects.get(occasion=occasion).person == people["anna_a"]
    assert Registration.objects.get(occasion=other).person == people["bo"]


def test_a_secretary_cannot_choose_protected_identities_or_other_organisations(
    make_user, organisation, people
):
    body = BodyFactory(organisation=organisation)
    secretary_client = Client()
    secretary_client.force_login(
        make_user(Role.COMMITTEE_SECRETARY, organisation, body=body)
    )
    occasion = OccasionFactory(
        training__organisation=organisation, training__responsible_body=body
    )

    for data, code in (
        ({"person": people["elsewhere"].pk}, "invalid_choice"),
        ({"person": people["hidden"].pk}, "invalid_choice"),
        ({"person-text": "Hemlig Hemligsson"}, "not_found"),
        ({"person-text": "Annan"}, "not_found"),
    ):
        answer = _register(secretary_client, organisation, occasion, **data)
        errors = answer.context["on_behalf_form"].errors.as_data()["person"]
        # The same answer as for a name no one has: nothing is confirmed.
        assert [error.code for error in errors] == [code], data
        assert "Hemligsson, Hemlig" not in answer.content.decode()
    assert not Registration.objects.filter(occasion=occasion).exists()


def test_the_participant_list_sends_no_list_of_everyone(
    coordinator_client, organisation, occasion
):
    RegistrationFactory(occasion=occasion)
    url = reverse("trainings:participants", args=[organisation.slug, occasion.pk])
    small = coordinator_client.get(url).content.decode()
    PersonFactory.create_batch(300, organisation=organisation)
    large = coordinator_client.get(url).content.decode()

    assert large.count("<option") == small.count("<option")
    assert len(large) == len(small)


def test_a_contributor_is_chosen_by_name_too(
    coordinator_client, organisation, occasion, people
):
    answer = coordinator_client.post(
        reverse("trainings:contributor-add", args=[organisation.slug, occasion.pk]),
        {"contributor-person-text": "Bo Berg", "contributor-role": "speaker"},
    )

    assert answer.status_code == 302
    assert Contributor.objects.get(occasion=occasion).person == people["bo"]


def test_someone_registered_already_is_refused_next_to_the_field_not_in_a_message(
    coordinator_client, organisation, occasion, people
):
    other = OccasionFactory(training=occasion.training)
    _register(coordinator_client, organisation, other, **{"person-text": "bo berg"})

    again = _register(
        coordinator_client, organisation, occasion, **{"person-text": "bo berg"}
    )

    # The participant list again with the form and its refusal, naming the
    # person (not "you"): the coordinator sees why, next to the name typed.
    assert again.status_code == 200
    [error] = again.context["on_behalf_form"].errors["person"]
    assert error.startswith(
        "Bo Berg är redan anmäld till ett annat tillfälle av den här utbildningen"
    )
    assert Registration.objects.get(person=people["bo"]).occasion == other
