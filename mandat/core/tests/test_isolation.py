"""Organisations never see each other's data.

The test walks every address under /o/<org>/ that the URL configuration has,
so a page added later is covered without anyone remembering to add it; a page
with an object id it does not know how to fill in fails the test until it is
taught here."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from mandat.accounts.models import Membership, Role
from mandat.directory.models import ImportJob
from mandat.directory.tests.factories import AssignmentFactory, BodyFactory

pytestmark = pytest.mark.django_db


def org_routes():
    """Yield (route, kwarg names) of every URL pattern below /o/<org_slug>/."""

    def walk(patterns, prefix):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                names = list(entry.pattern.regex.groupindex)
                if "org_slug" in names or "<slug:org_slug>" in route:
                    yield route, entry

    yield from walk(get_resolver().url_patterns, "")


def build_url(route: str, values: dict) -> str:
    def fill(match):
        name = match.group(2)
        if name not in values:
            raise AssertionError(
                f"The isolation test does not know how to fill <{name}> in {route}; "
                "add an object of that kind to `objects_of` in this test."
            )
        return str(values[name])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def objects_of(organisation, user) -> dict:
    """One object of every kind the organisation's pages address by id."""
    assignment = AssignmentFactory(
        person__organisation=organisation,
        body=BodyFactory(organisation=organisation),
    )
    job = ImportJob.objects.create(
        organisation=organisation, filename="x.csv", content=b"", created_by=user
    )
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    return {
        "org_slug": organisation.slug,
        "person_id": assignment.person_id,
        "body_id": assignment.body_id,
        "job_id": job.pk,
        "membership_id": membership.pk,
    }


def test_every_page_and_object_of_one_organisation_is_hidden_from_another(
    client, make_user, organisation, other_organisation
):
    ours = make_user(Role.ADMINISTRATOR, organisation)
    theirs = make_user(Role.ADMINISTRATOR, other_organisation)
    Membership.objects.create(
        user=theirs, organisation=other_organisation, role=Role.COORDINATOR
    )
    our_objects = objects_of(organisation, ours)
    their_objects = objects_of(other_organisation, theirs)
    routes = list(org_routes())
    assert len(routes) >= 10

    leaks = []
    client.force_login(theirs)
    for route, pattern in routes:
        # Our organisation's address, as a user of the other organisation.
        url = build_url(route, our_objects)
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            if status != 404:
                leaks.append(
                    f"{method.upper()} {url} as the other organisation: {status}"
                )
        # The other organisation's own address with our objects' ids in it.
        if set(pattern.pattern.regex.groupindex) - {"org_slug"}:
            mixed = build_url(
                route, {**our_objects, "org_slug": their_objects["org_slug"]}
            )
            status = client.get(mixed).status_code
            if status not in (404, 405):
                leaks.append(f"GET {mixed} (our ids, their organisation): {status}")
    assert leaks == []

    client.force_login(ours)
    for route, _pattern in routes:
        url = build_url(route, our_objects)
        assert client.get(url).status_code in (200, 405), url
