"""The REST API as another system meets it: tokens, scopes, organisations
kept apart, protected identities, ETags, the rate and refusals."""

import json

import pytest
from django.core.cache import cache

from mandat.api.models import ApiToken
from mandat.api.services import api_token_revoke
from mandat.core.models import AuditEntry
from mandat.directory.tests.factories import BodyFactory, PartyFactory, PersonFactory
from mandat.trainings.models import Training
from mandat.trainings.tests.factories import OccasionFactory, TrainingFactory

from .conftest import Api

pytestmark = pytest.mark.django_db


def test_without_a_token_the_api_answers_401_with_a_bearer_challenge(client):
    response = Api(client, None).get("/api/v1/trainings/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="mandat"'


def test_an_unknown_or_revoked_token_is_refused(client, make_api):
    assert Api(client, "mandat_not-a-token").get("/api/v1/bodies/").status_code == 401
    api = make_api("read")
    assert api.get("/api/v1/bodies/").status_code == 200

    api_token_revoke(actor=None, token=ApiToken.objects.get())

    response = api.get("/api/v1/bodies/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Token är okänd eller återkallad."}


def test_a_read_token_reads_and_may_not_write(make_api, organisation):
    api = make_api("read")
    TrainingFactory(organisation=organisation, title="Introduktion")

    assert [t["title"] for t in api.get("/api/v1/trainings/").json()["results"]] == [
        "Introduktion"
    ]
    response = api.post("/api/v1/trainings/", {"title": "Smygväg"})
    assert response.status_code == 403
    assert not Training.objects.filter(title="Smygväg").exists()


def test_a_token_sees_its_own_organisation_only(
    make_api, organisation, other_organisation
):
    ours = TrainingFactory(organisation=organisation)
    occasion = OccasionFactory(training=ours)
    theirs = make_api("write", organisation=other_organisation, name="Grannen")

    assert theirs.get("/api/v1/trainings/").json()["count"] == 0
    assert theirs.get(f"/api/v1/trainings/{ours.pk}/").status_code == 404
    assert theirs.get("/api/v1/organisation/").json()["slug"] == other_organisation.slug
    # Our records are not theirs to refer to, either.
    person = PersonFactory(organisation=other_organisation)
    response = theirs.post(
        "/api/v1/registrations/", {"occasion": occasion.pk, "person": person.pk}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["occasion"]
    assert not occasion.registrations.exists()


def test_a_person_with_protected_identity_is_listed_without_name_or_address(
    make_api, organisation
):
    PersonFactory(
        organisation=organisation,
        first_name="Hemlig",
        last_name="Person",
        email="hemlig@example.se",
        protected_identity=True,
    )

    [person] = make_api("read").get("/api/v1/people/").json()["results"]

    assert person["protected_identity"] is True
    assert (person["first_name"], person["last_name"], person["email"]) == (
        "",
        "",
        None,
    )
    assert "Hemlig" not in str(person)


def test_an_unchanged_answer_is_304_not_modified_to_its_etag(make_api, organisation):
    api = make_api("read")
    body = BodyFactory(organisation=organisation, name="Kommunstyrelsen")
    first = api.get("/api/v1/bodies/")
    etag = first["ETag"]

    again = api.get("/api/v1/bodies/", **{"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""

    body.name = "Kommunstyrelsen (ny)"
    body.save()
    changed = api.get("/api/v1/bodies/", **{"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_token_past_its_rate_is_answered_429_with_retry_after(make_api, settings):
    settings.API_RATE = "3/min"
    cache.clear()
    api = make_api("read")

    answers = [api.get("/api/v1/bodies/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    assert int(api.get("/api/v1/bodies/")["Retry-After"]) > 0
    cache.clear()


def test_a_refusal_is_400_with_a_swedish_message(api, organisation):
    occasion = OccasionFactory(
        training=TrainingFactory(organisation=organisation),
        status="cancelled",
    )
    person = PersonFactory(organisation=organisation)

    response = api.post(
        "/api/v1/registrations/", {"occasion": occasion.pk, "person": person.pk}
    )

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Tillfället är inställt."]}


def test_the_register_sync_of_another_system_adds_changes_and_ends(
    make_api, organisation
):
    """What a register system does through the API: a new person, a changed
    address, an assignment with its party, ended when they leave; each in
    the audit trail under the token's name."""
    api = make_api("write", name="Förtroendemannaregistret")
    body = BodyFactory(organisation=organisation, name="Kulturnämnden")
    party = PartyFactory(organisation=organisation, abbreviation="S")

    made = api.post(
        "/api/v1/people/",
        {
            "first_name": "Ida",
            "last_name": "Ek",
            "email": "IDA@example.se",
            "register_id": "77",
        },
    )
    assert made.status_code == 201, made.json()
    person = made.json()
    assert person["email"] == "ida@example.se"

    changed = api.client.patch(
        f"/api/v1/people/{person['id']}/",
        json.dumps({"phone": "070-123 45 67"}),
        content_type="application/json",
        headers=api.headers,
    )
    assert changed.json()["phone"] == "070-123 45 67"

    seat = api.post(
        "/api/v1/assignments/",
        {
            "person": person["id"],
            "body": body.pk,
            "role": "ledamot",
            "party": "S",
            "starts_on": "2027-01-01",
        },
    )
    assert seat.status_code == 201, seat.json()
    assert seat.json()["party"] == party.abbreviation

    ended = api.post(
        f"/api/v1/assignments/{seat.json()['id']}/end/",
        {"ends_on": "2027-06-30", "reason": "Avgick"},
    )
    assert (ended.json()["ends_on"], ended.json()["end_reason"]) == (
        "2027-06-30",
        "Avgick",
    )
    labels = set(
        AuditEntry.objects.filter(
            object_type__in=["directory.person", "directory.assignment"]
        ).values_list("actor_label", flat=True)
    )
    assert labels == {"API-token Förtroendemannaregistret"}


def test_a_person_twice_is_refused_next_to_the_field(make_api, organisation):
    api = make_api("write")
    data = {"first_name": "Ida", "last_name": "Ek", "email": "ida@example.se"}
    assert api.post("/api/v1/people/", data).status_code == 201

    again = api.post("/api/v1/people/", {**data, "first_name": "Idun"})

    assert again.status_code == 400
    assert list(again.json()) == ["email"]
