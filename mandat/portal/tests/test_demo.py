"""The demo organisation Exempelstad: the shape the issue asks for, and
loading it twice changes nothing."""

import datetime

import pytest
from django.contrib.auth import authenticate
from django.db.models import Count

from mandat.accounts.models import Membership, User
from mandat.core.access import Role
from mandat.core.demo import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DEMO_SLUG,
    INSTALLATION_ADMIN_EMAIL,
)
from mandat.core.models import Organisation
from mandat.directory import selectors
from mandat.directory.models import Assignment, Body, BodyKind, Party, Person
from mandat.portal.demo import demo_seed

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_shape_of_a_real_city_and_loads_only_once(rf):
    assert demo_seed() is True
    organisation = Organisation.objects.get(slug=DEMO_SLUG)
    people = Person.objects.filter(organisation=organisation)
    counts = (
        people.count(),
        Assignment.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )

    assert 550 <= people.filter(kind=Person.Kind.ELECTED).count() <= 700
    assert people.filter(kind=Person.Kind.OFFICIAL, title="Förvaltningschef").exists()
    assert people.filter(kind=Person.Kind.OFFICIAL, title="Nämndsekreterare").exists()
    assert people.filter(protected_identity=True).count() == 2
    assert Party.objects.filter(organisation=organisation).count() == 8
    assert Party.objects.filter(organisation=organisation, is_local=True).count() == 1
    kinds = dict(
        Body.objects.filter(organisation=organisation)
        .values_list("kind")
        .annotate(n=Count("id"))
    )
    assert kinds[BodyKind.COUNCIL] == kinds[BodyKind.EXECUTIVE] == 1
    assert kinds[BodyKind.COMMITTEE] >= 12
    assert kinds[BodyKind.COMPANY] == 3 and kinds[BodyKind.FOUNDATION] == 2
    assert Body.objects.filter(name__startswith="Stadsdelsnämnden").count() == 4
    # People left mid-term and others took over their seats.
    assert Assignment.objects.filter(
        ends_on__lt=datetime.date(2026, 10, 14), body__name="Kommunfullmäktige"
    ).exists()
    # Someone left their party and sits as independent.
    assert Assignment.objects.exclude(left_party_on=None).exists()

    social = Body.objects.get(organisation=organisation, name="Socialnämnden")
    presidium = [
        a.role
        for a in selectors.body_members(body=social, on=datetime.date(2026, 11, 22))
        if a.is_presidium
    ]
    assert presidium == ["ordforande", "vice_ordforande", "andre_vice_ordforande"]

    for email, _label in DEMO_LOGINS:
        request = rf.post("/accounts/login/")
        assert authenticate(request, username=email, password=DEMO_PASSWORD), email
    assert {m.role for m in Membership.objects.all()} == set(Role.values)
    # The organisation's administrator cannot open the installation's admin
    # site; its own administrator belongs to no organisation.
    superusers = User.objects.filter(is_superuser=True)
    assert [user.email for user in superusers] == [INSTALLATION_ADMIN_EMAIL]
    assert not User.objects.filter(memberships__isnull=False, is_staff=True).exists()

    assert demo_seed() is False
    assert counts == (
        people.count(),
        Assignment.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )
