"""`mandat generate`: realistic data in proportion, every rule of the
database kept, anonymous answers, and pages that answer on it."""

import dataclasses
import datetime
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from mandat.accounts.models import Membership, User
from mandat.core.access import Role
from mandat.core.demo import DEMO_PASSWORD
from mandat.core.models import Organisation
from mandat.directory.models import Assignment, Person
from mandat.evaluations.models import Recipient, Response
from mandat.knowledge.models import SearchEntry
from mandat.meetings.models import Meeting
from mandat.notifications.models import CalendarFeed, Message
from mandat.portal import generate as generate_module
from mandat.portal.generate import GenerateError, generate
from mandat.trainings.models import (
    Invitation,
    Occasion,
    Registration,
    SessionAttendance,
    Training,
)

SCALE = 0.06  # one municipality of about 60 elected officials, four years


def quiet(_line: str) -> None:
    pass


@pytest.fixture
def generated(db):
    return generate(scale=SCALE, analyze="analyze", out=quiet)


def test_refuses_a_database_that_is_not_postgresql(monkeypatch):
    monkeypatch.setattr(generate_module, "connection", SimpleNamespace(vendor="sqlite"))

    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate", "--scale", "0.01")


@pytest.mark.postgres
@pytest.mark.django_db
def test_refuses_a_database_with_organisations_unless_appending(organisation):
    with pytest.raises(GenerateError, match="--append"):
        generate(scale=0.02, out=quiet)

    generate(scale=0.02, append=True, analyze="none", out=quiet)
    generate(scale=0.02, append=True, analyze="none", out=quiet)

    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert slugs == {"exempelby", "storstad", "storstad-2"}


@pytest.mark.postgres
def test_the_shape_is_in_proportion(generated):
    today = timezone.localdate()
    organisation = Organisation.objects.get()
    seated_now = (
        Assignment.objects.filter(organisation=organisation, person__kind="elected")
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)
        .values("person")
        .distinct()
        .count()
    )
    trainings = Training.objects.count()
    invitations = Invitation.objects.count()
    registrations = Registration.objects.count()

    assert 40 <= seated_now <= 90
    assert generated.rows["trainings.training"] == trainings
    # Per year about one training for every 4 to 12 officials, each invited
    # to several, and a third of the invitations answered by a registration.
    assert 4 * 5 <= trainings <= 4 * 20
    assert 3 <= invitations / trainings <= 80
    assert 0.2 <= registrations / invitations <= 0.6
    statuses = dict(Registration.objects.values_list("status").annotate(n=Count("id")))
    assert statuses.keys() == {"registered", "waiting", "cancelled"}
    # Some members leave during a term, and a successor takes the seat.
    ended = Assignment.objects.exclude(end_reason="")
    assert ended.exists()
    assert Assignment.objects.filter(role="ersattare", substitute_order__gte=1).exists()
    assert Meeting.objects.filter(minutes_status=Meeting.Minutes.APPROVED).exists()
    assert (
        Message.objects.filter(
            created_at__gte=timezone.now() - datetime.timedelta(days=70)
        ).count()
        == Message.objects.count()
    )


@pytest.mark.postgres
def test_every_rule_of_the_database_holds(generated):
    full = Occasion.objects.filter(capacity__isnull=False).annotate(
        placed=Count("registrations", filter=Q(registrations__status="registered"))
    )
    assert not full.filter(placed__gt=F("capacity")).exists()
    doubled = (
        Registration.objects.filter(status__in=["registered", "waiting"])
        .values("training", "person")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not doubled.exists()
    # Attendance is taken for those with a place at held occasions only.
    assert not SessionAttendance.objects.exclude(
        registration__status="registered", registration__occasion__status="held"
    ).exists()
    # Minutes are approved at a later meeting.
    assert not Meeting.objects.filter(
        approved_at_meeting__starts_at__lte=F("starts_at")
    ).exists()
    # Deferred constraints are checked now, inside the test's transaction.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # The id sequences go on after the generated rows.
    organisation = Organisation.objects.get()
    person = Person.objects.create(
        organisation=organisation, first_name="Ny", last_name="Person"
    )
    assert person.pk > generated.rows["directory.person"]
    assert generated.analyze_seconds > 0


@pytest.mark.postgres
def test_answers_are_not_linked_to_people(generated):
    fields = {field.name for field in Response._meta.get_fields()}
    assert fields == {"id", "questionnaire", "submitted_on", "answers"}
    answered = dict(
        Recipient.objects.filter(has_answered=True)
        .values_list("questionnaire")
        .annotate(n=Count("id"))
    )
    responses = dict(
        Response.objects.values_list("questionnaire").annotate(n=Count("id"))
    )
    assert answered == responses
    assert sum(responses.values()) > 20


@pytest.mark.postgres
def test_two_runs_with_one_seed_write_the_same_data(db):
    def fingerprint():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) "
                "FROM trainings_registration t"
            )
            registrations = cursor.fetchone()[0]
            cursor.execute(
                "SELECT md5(string_agg(r::text, '|' ORDER BY r.questionnaire_id, "
                "r.submitted_on, r.id)) FROM evaluations_response r"
            )
            return registrations, cursor.fetchone()[0]

    day = datetime.date(2026, 11, 29)
    with transaction.atomic():
        generate(scale=0.03, today=day, analyze="none", out=quiet)
        first = fingerprint()
        transaction.set_rollback(True)
    generate(scale=0.03, today=day, analyze="none", out=quiet)

    assert fingerprint() == first


@pytest.mark.postgres
def test_a_generated_coordinator_gets_every_key_page(generated, client):
    organisation = Organisation.objects.get()
    slug = organisation.slug
    coordinator = User.objects.get(email=f"samordnare@{slug}.example")
    assert coordinator.check_password(DEMO_PASSWORD)
    assert Membership.objects.filter(user=coordinator, role=Role.COORDINATOR).exists()
    training = Training.objects.annotate(n=Count("invitations")).order_by("-n").first()
    occasion = (
        Occasion.objects.filter(status="held")
        .annotate(n=Count("registrations"))
        .order_by("-n")
        .first()
    )
    meeting = Meeting.objects.filter(status="held").order_by("-starts_at").first()
    minutes = Meeting.objects.exclude(minutes_status="draft").latest("starts_at")
    questionnaire = (
        organisation.questionnaires.annotate(n=Count("responses"))
        .order_by("-n")
        .first()
    )
    year = minutes.starts_at.year
    pages = [
        reverse("portal:dashboard", args=[slug]),
        reverse("trainings:training-list", args=[slug]),
        reverse("trainings:training-detail", args=[slug, training.pk]),
        reverse("trainings:participants", args=[slug, occasion.pk]),
        reverse("trainings:checkin", args=[slug, occasion.pk]),
        reverse("directory:person-list", args=[slug]),
        reverse("meetings:meeting-detail", args=[slug, meeting.pk]),
        reverse("meetings:minutes", args=[slug, minutes.pk]),
        reverse("reports:annual-report", args=[slug]) + f"?year={year}",
        reverse("evaluations:results", args=[slug, questionnaire.pk]),
        reverse("knowledge:search", args=[slug]) + "?q=utbildning",
    ]
    client.force_login(coordinator)

    statuses = {page: client.get(page).status_code for page in pages}

    assert statuses == dict.fromkeys(pages, 200)
    search = client.get(pages[-1])
    assert search.context["hits"]
    elected = User.objects.get(email=f"fortroendevald@{slug}.example")
    client.force_login(elected)
    assert client.get(reverse("trainings:my-trainings", args=[slug])).status_code == 200
    feed = CalendarFeed.objects.get(person__account=elected)
    calendar = client.get(reverse("notifications:feed", args=[feed.token]))
    assert calendar.status_code == 200
    assert b"BEGIN:VCALENDAR" in calendar.content
    assert SearchEntry.objects.filter(vector__isnull=True).count() == 0


@pytest.mark.postgres
def test_a_network_is_generated_with_its_meetings(db, monkeypatch):
    """A network's rows are built by code of their own, which the scale of
    the other tests (one small city) does not reach; from scale 1 every run
    has one. Here a small city gets one too."""
    from mandat.portal.generate import shape as shapes

    def small_city_and_a_network(scale, years=None):
        city = shapes.build_shape(scale, years)
        network = shapes._network(1, 0, shapes.region_names()[0])
        return dataclasses.replace(city, organisations=[*city.organisations, network])

    monkeypatch.setattr(generate_module, "build_shape", small_city_and_a_network)

    generate(scale=SCALE, analyze="none", out=quiet)

    network = Organisation.objects.get(kind="natverk")
    assert network.meeting_groups.get().minutes_kind == "notes"
    assert Meeting.objects.filter(organisation=network).exists()
