"""The directory respects the facts of PRODUCT.md: role and party on the
assignment, substitutes in call-in order, terms that differ by body,
statutory and informal bodies, the derived presidium."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.directory import selectors, services
from mandat.directory.models import AssignmentRole, BodyKind, ReportingCategory

from .factories import (
    AssignmentFactory,
    BodyFactory,
    MandatePeriodFactory,
    PartyFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 22)


def test_body_kind_gives_category_statutory_status_and_term_rule(organisation):
    council = services.body_create(
        organisation=organisation, name="Kommunfullmäktige", kind=BodyKind.COUNCIL
    )
    company = services.body_create(
        organisation=organisation, name="Bostads AB", kind=BodyKind.COMPANY
    )
    steering = services.body_create(
        organisation=organisation, name="Styrgruppen", kind=BodyKind.STEERING_GROUP
    )
    social = services.body_create(
        organisation=organisation, name="Socialnämnden", kind=BodyKind.COMMITTEE
    )
    utskott = services.body_create(
        organisation=organisation,
        name="Individutskottet",
        kind=BodyKind.SUBCOMMITTEE,
        parent=social,
    )

    assert council.reporting_category == ReportingCategory.COUNCIL_AND_EXECUTIVE
    assert council.is_statutory and social.is_statutory
    assert not steering.is_statutory and not company.is_statutory
    assert utskott.reporting_category == social.reporting_category
    assert utskott.parent == social


def test_a_subcommittee_must_belong_to_a_committee(organisation):
    with pytest.raises(
        ApplicationError,
        match=r"Ett utskott måste höra till en nämnd eller styrelse\.",
    ) as error:
        services.body_create(
            organisation=organisation, name="Utskott", kind=BodyKind.SUBCOMMITTEE
        )
    assert error.value.field == "parent"


def test_terms_begin_on_different_days_for_different_bodies(organisation):
    period = MandatePeriodFactory(organisation=organisation)
    council = services.body_create(
        organisation=organisation, name="KF", kind=BodyKind.COUNCIL
    )
    committee = services.body_create(
        organisation=organisation, name="SN", kind=BodyKind.COMMITTEE
    )
    company = services.body_create(
        organisation=organisation, name="AB", kind=BodyKind.COMPANY
    )

    assert services.body_term_start(body=council, period=period) == datetime.date(
        2026, 10, 15
    )
    assert services.body_term_start(body=committee, period=period) == datetime.date(
        2027, 1, 1
    )
    assert services.body_term_end(body=committee, period=period) == datetime.date(
        2030, 12, 31
    )
    assert services.body_term_start(body=company, period=period) == datetime.date(
        2027, 5, 1
    )


def test_the_party_belongs_to_the_assignment_not_the_person(organisation):
    person = PersonFactory(organisation=organisation)
    s = PartyFactory(organisation=organisation, abbreviation="S")
    kf = BodyFactory(organisation=organisation, name="KF")
    sn = BodyFactory(organisation=organisation, name="SN")
    services.assignment_create(
        actor=None,
        person=person,
        body=kf,
        role=AssignmentRole.MEMBER,
        party=s,
        starts_on=datetime.date(2026, 10, 15),
    )
    left = services.assignment_create(
        actor=None,
        person=person,
        body=sn,
        role=AssignmentRole.MEMBER,
        party=s,
        starts_on=datetime.date(2023, 1, 1),
        left_party_on=datetime.date(2026, 3, 1),
    )

    assert left.sits_as_independent
    with translation.override("sv"):
        assert left.party_label == "politisk vilde, vald för S"
    assert person.assignments.get(body=kf).party_label == "S"


def test_only_substitutes_have_a_call_in_order(organisation):
    person = PersonFactory(organisation=organisation)
    body = BodyFactory(organisation=organisation)
    with pytest.raises(
        ApplicationError, match=r"Endast ersättare har en ersättarordning\."
    ):
        assignment = AssignmentFactory.build(
            person=person, body=body, role=AssignmentRole.MEMBER, substitute_order=2
        )
        services.validated(assignment)
    # The database refuses it too, whatever code tries.
    with transaction.atomic(), pytest.raises(IntegrityError):
        AssignmentFactory(
            person=person, body=body, role=AssignmentRole.MEMBER, substitute_order=2
        )


def test_an_assignment_cannot_end_before_it_starts(organisation):
    assignment = AssignmentFactory(person__organisation=organisation)
    with pytest.raises(
        ApplicationError, match=r"Slutdatumet ligger före startdatumet\."
    ):
        services.assignment_end(
            actor=None, assignment=assignment, ends_on=datetime.date(2020, 1, 1)
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        AssignmentFactory(
            person__organisation=organisation,
            starts_on=datetime.date(2024, 1, 1),
            ends_on=datetime.date(2023, 1, 1),
        )


def test_body_members_list_the_presidium_first_and_substitutes_in_call_in_order(
    organisation,
):
    body = BodyFactory(organisation=organisation)
    s = PartyFactory(organisation=organisation, name="Socialdemokraterna")
    m = PartyFactory(organisation=organisation, name="Moderaterna")

    def seat(role, name, order=None, party=s, **dates):
        return AssignmentFactory(
            person__organisation=organisation,
            person__last_name=name,
            body=body,
            role=role,
            party=party,
            substitute_order=order,
            **dates,
        )

    seat(AssignmentRole.SUBSTITUTE, "S-ersättare två", 2)
    seat(AssignmentRole.MEMBER, "Ledamot")
    seat(AssignmentRole.SUBSTITUTE, "S-ersättare ett", 1)
    seat(AssignmentRole.SUBSTITUTE, "M-ersättare ett", 1, party=m)
    seat(AssignmentRole.SECOND_VICE_CHAIR, "Andre vice", party=m)
    seat(AssignmentRole.CHAIR, "Ordförande")
    seat(AssignmentRole.FIRST_VICE_CHAIR, "Förste vice")
    seat(
        AssignmentRole.MEMBER,
        "Avgången",
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2025, 5, 31),
    )

    names = [a.person.last_name for a in selectors.body_members(body=body, on=DAY)]

    # Substitutes are called in per party, in each party's own order.
    assert names == [
        "Ordförande",
        "Förste vice",
        "Andre vice",
        "Ledamot",
        "M-ersättare ett",
        "S-ersättare ett",
        "S-ersättare två",
    ]
    everyone = selectors.body_members(body=body, on=None)
    assert "Avgången" in [a.person.last_name for a in everyone]


def test_someone_who_joins_mid_term_sits_from_their_first_day(organisation):
    body = BodyFactory(organisation=organisation)
    leaver = AssignmentFactory(
        person__organisation=organisation,
        body=body,
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2025, 3, 31),
    )
    joiner = AssignmentFactory(
        person__organisation=organisation,
        body=body,
        starts_on=datetime.date(2025, 4, 1),
    )

    on_march = list(selectors.body_members(body=body, on=datetime.date(2025, 3, 31)))
    on_april = list(selectors.body_members(body=body, on=datetime.date(2025, 4, 1)))

    assert on_march == [leaver]
    assert on_april == [joiner]


def test_changes_to_people_and_assignments_are_in_the_audit_trail(
    organisation, coordinator
):
    person = services.person_create(
        actor=coordinator,
        organisation=organisation,
        first_name="Kim",
        last_name="Berg",
        email="Kim.Berg@Example.se",
    )
    services.person_update(actor=coordinator, person=person, last_name="Dal")
    body = BodyFactory(organisation=organisation)
    assignment = services.assignment_create(
        actor=coordinator,
        person=person,
        body=body,
        role=AssignmentRole.MEMBER,
        starts_on=datetime.date(2027, 1, 1),
    )
    services.assignment_end(
        actor=coordinator, assignment=assignment, ends_on=datetime.date(2027, 6, 30)
    )

    entries = list(AuditEntry.objects.order_by("id"))
    assert [e.action for e in entries] == ["create", "update", "create", "end"]
    assert entries[0].changes["email"] == [None, "kim.berg@example.se"]
    assert entries[1].changes == {"last_name": ["Berg", "Dal"]}
    assert entries[3].changes["ends_on"] == [None, "2027-06-30"]
    assert all(e.actor == coordinator for e in entries)


def test_two_people_cannot_share_an_e_mail_address_in_one_organisation(
    organisation, other_organisation
):
    services.person_create(
        actor=None,
        organisation=organisation,
        first_name="A",
        last_name="B",
        email="same@example.se",
    )
    with pytest.raises(
        ApplicationError,
        match=r"Någon annan i registret har redan den här e-postadressen\.",
    ) as error:
        services.person_create(
            actor=None,
            organisation=organisation,
            first_name="C",
            last_name="D",
            email="SAME@example.se",
        )
    assert error.value.field == "email"
    # Another organisation's directory is separate.
    services.person_create(
        actor=None,
        organisation=other_organisation,
        first_name="C",
        last_name="D",
        email="same@example.se",
    )
