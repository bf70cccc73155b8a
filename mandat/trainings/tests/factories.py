import datetime

import factory
from django.utils import timezone

from mandat.core.tests.factories import OrganisationFactory
from mandat.directory.tests.factories import PersonFactory
from mandat.trainings.models import (
    Invitation,
    Occasion,
    Registration,
    Session,
    Training,
)


def later(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Utbildning {n}")
    status = Training.Status.OPEN


class OccasionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occasion
        skip_postgeneration_save = True

    training = factory.SubFactory(TrainingFactory)
    organisation = factory.SelfAttribute("training.organisation")
    location = "Sessionssalen, Stadshuset"
    capacity = 20
    starts_at = factory.LazyFunction(lambda: later(30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))

    @factory.post_generation
    def sessions(obj, create, extracted, **kwargs):
        if create and not obj.sessions.exists():
            Session.objects.create(
                occasion=obj, starts_at=obj.starts_at, ends_at=obj.ends_at
            )


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    training = factory.SubFactory(TrainingFactory)
    organisation = factory.SelfAttribute("training.organisation")
    person = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..organisation")
    )


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    occasion = factory.SubFactory(OccasionFactory)
    training = factory.SelfAttribute("occasion.training")
    organisation = factory.SelfAttribute("occasion.organisation")
    person = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..organisation")
    )
    status = Registration.Status.REGISTERED
