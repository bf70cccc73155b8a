import datetime

import factory

from mandat.core.tests.factories import OrganisationFactory
from mandat.directory.models import (
    Assignment,
    AssignmentRole,
    Body,
    BodyKind,
    MandatePeriod,
    Party,
    Person,
    ReportingCategory,
    TermRule,
)


class MandatePeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MandatePeriod

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"{2026 + 4 * n}–{2030 + 4 * n}")
    election_date = datetime.date(2026, 9, 13)
    starts_on = datetime.date(2026, 10, 15)
    ends_on = datetime.date(2030, 10, 14)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Parti {n}")
    abbreviation = factory.Sequence(lambda n: f"P{n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Nämnd {n}")
    kind = BodyKind.COMMITTEE
    reporting_category = ReportingCategory.SPECIALIST_COMMITTEE
    term_rule = TermRule.CALENDAR_YEAR_AFTER_ELECTION
    is_statutory = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.Sequence(lambda n: f"person{n}@example.se")
    kind = Person.Kind.ELECTED


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    organisation = factory.SelfAttribute("person.organisation")
    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(
        BodyFactory, organisation=factory.SelfAttribute("..organisation")
    )
    role = AssignmentRole.MEMBER
    party = factory.SubFactory(
        PartyFactory, organisation=factory.SelfAttribute("..organisation")
    )
    starts_on = datetime.date(2023, 1, 1)
    ends_on = None
