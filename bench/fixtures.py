"""The benchmark's objects in a bench database, chosen or made inside Django
and printed as JSON for bench/run.py (which stays outside Django):

    python -m bench.fixtures pick                    realistic objects to load
    python -m bench.fixtures prepare --people 4500   a fresh training to register for
    python -m bench.fixtures verify --occasion 12    the burst's outcome
    python -m bench.fixtures cleanup --training 3 4  remove what prepare made

Run with the environment of the server (bench/server.py). Registrations are
made in an organisation of their own (``BENCH_SLUG``), so the people of the
measured organisation and their pages stay as generated."""

import argparse
import datetime
import json
import re
import sys
from collections import Counter

BENCH_SLUG = "bench-registrering"
PASSWORD = "mandat-demo-2026"


def _setup() -> None:
    import django

    django.setup()


def _user_with_password(users) -> str | None:
    """Return the e-mail of the first of ``users`` that signs in with the
    demo password."""
    for user in users:
        if user.is_active and user.check_password(PASSWORD):
            return user.email
    return None


def people_add(organisation, numbers: range, *, email: str) -> None:
    """Add a person to ``organisation`` for each of ``numbers``, named and
    addressed by the number (``email`` has ``{n}`` where it goes)."""
    from mandat.directory.models import Person

    Person.objects.bulk_create(
        [
            Person(
                organisation=organisation,
                first_name=f"Förnamn{n}",
                last_name=f"Efternamn{n}",
                email=email.format(n=n),
            )
            for n in numbers
        ],
        batch_size=2000,
    )


def training_with_occasion(
    *, organisation, title: str, start, hours: int, capacity: int, location: str
):
    """Create a training with one occasion of one session of ``hours`` from
    ``start``; return both."""
    from mandat.trainings import services

    training = services.training_create(
        actor=None, organisation=organisation, title=title
    )
    occasion = services.occasion_create(
        actor=None,
        training=training,
        sessions=[
            services.SessionInput(start, start + datetime.timedelta(hours=hours))
        ],
        capacity=capacity,
        location=location,
    )
    return training, occasion


def _pick_busiest(picked: dict, key: str, count_key: str, queryset):
    """Put the first of ``queryset`` by its count ``n`` (most first, then
    the oldest) in ``picked`` under ``key``, and the count under
    ``count_key``; return it, or None when there is none."""
    busiest = queryset.order_by("-n", "pk").first()
    if busiest is not None:
        picked[key], picked[count_key] = busiest.pk, busiest.n
    return busiest


def pick() -> dict:
    """Choose the objects of every key page: the largest organisation, its
    coordinator, its largest training and that training's busiest occasion,
    the official with the longest history, the meeting with most items, ..."""
    from django.db.models import Case, Count, Q, When
    from django.utils import timezone

    from mandat.accounts.models import Membership, User
    from mandat.core.access import Role
    from mandat.core.models import Organisation
    from mandat.directory.models import Person
    from mandat.evaluations.models import Questionnaire
    from mandat.meetings.models import Meeting
    from mandat.notifications import feeds
    from mandat.notifications.services import calendar_feed_create
    from mandat.trainings.filters import TrainingFilter
    from mandat.trainings.models import Invitation, Occasion, Registration, Training

    organisations = Organisation.objects.exclude(slug=BENCH_SLUG)
    registrations = (
        Registration.objects.exclude(organisation__slug=BENCH_SLUG)
        .values("organisation")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    top = registrations.first()
    if top is not None:
        organisation = Organisation.objects.get(pk=top["organisation"])
    else:
        people = (
            Person.objects.exclude(organisation__slug=BENCH_SLUG)
            .values("organisation")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        organisation = (
            Organisation.objects.get(pk=people["organisation"])
            if people
            else organisations.order_by("pk").first()
        )
    if organisation is None:
        raise SystemExit("The database holds no organisation: generate it first.")
    picked: dict = {"org": organisation.slug, "org_name": organisation.name}

    memberships = Membership.objects.filter(organisation=organisation)
    coordinators = User.objects.filter(
        pk__in=memberships.filter(role=Role.COORDINATOR).values("user")
    ).order_by("pk")
    picked["coordinator"] = _user_with_password(coordinators[:5])
    if picked["coordinator"] is None:
        admins = User.objects.filter(
            pk__in=memberships.filter(role=Role.ADMINISTRATOR).values("user")
        ).order_by("pk")
        picked["coordinator"] = _user_with_password(admins[:5])

    # The official with the longest training history who can sign in, among
    # those who also have an occasion to come when there are any: the page
    # then shows all its parts at every scale, so its queries compare.
    now = timezone.now()
    officials = (
        Person.objects.filter(organisation=organisation, account__isnull=False)
        .annotate(
            n=Count("training_registrations"),
            coming=Count(
                "training_registrations",
                filter=Q(
                    training_registrations__occasion__ends_at__gte=now,
                    training_registrations__status__in=["registered", "waiting"],
                ),
            ),
        )
        .annotate(has_coming=Case(When(coming__gt=0, then=1), default=0))
        .order_by("-has_coming", "-n", "pk")
        .select_related("account")
    )
    picked["official"] = None
    official_person = None
    for person in officials[:10]:
        email = _user_with_password([person.account])
        if email:
            picked["official"], official_person = email, person
            picked["official_registrations"] = person.n
            break

    trainings = Training.objects.filter(organisation=organisation).exclude(
        status=Training.Status.DRAFT
    )
    training = _pick_busiest(
        picked,
        "training",
        "training_invitations",
        trainings.annotate(n=Count("invitations")),
    )
    if training is not None:
        # The participant and check-in lists: the busiest occasion already
        # held (with attendance to show), of this training when it has one,
        # else of the organisation, so that every scale shows the same parts.
        held = Occasion.objects.filter(status=Occasion.Status.HELD).annotate(
            n=Count("registrations")
        )
        occasion = (
            held.filter(training=training).order_by("-n", "pk").first()
            or held.filter(organisation=organisation).order_by("-n", "pk").first()
            or Occasion.objects.filter(training=training)
            .annotate(n=Count("registrations"))
            .order_by("-n", "pk")
            .first()
        )
        if occasion is not None:
            picked["occasion"] = occasion.pk
            picked["occasion_registrations"] = occasion.n

    meetings = Meeting.objects.filter(organisation=organisation).annotate(
        n=Count("items")
    )
    meeting = _pick_busiest(picked, "meeting", "meeting_items", meetings)
    minutes = (
        meetings.exclude(minutes_status=Meeting.Minutes.DRAFT)
        .order_by("-n", "pk")
        .first()
    ) or meeting
    if minutes is not None:
        picked["minutes_meeting"] = minutes.pk

    # The annual report of the last year that has ended, or of this year
    # when nothing was held before it.
    this_year = timezone.localdate().year
    years = (
        Occasion.objects.filter(
            organisation=organisation, starts_at__year__lt=this_year
        )
        .dates("starts_at", "year")
        .last()
    )
    picked["year"] = years.year if years else this_year

    _pick_busiest(
        picked,
        "questionnaire",
        "questionnaire_responses",
        Questionnaire.objects.filter(organisation=organisation).annotate(
            n=Count("responses")
        ),
    )

    # A word people search for: the most common long word of the titles.
    words = Counter()
    for title in trainings.values_list("title", flat=True)[:2000]:
        words.update(w for w in re.findall(r"\w{6,}", title.lower()))
    picked["search"] = words.most_common(1)[0][0] if words else "utbildning"

    if official_person is not None:
        feed = feeds.feed_for(official_person) or calendar_feed_create(
            actor=None, person=official_person
        )
        picked["feed_token"] = feed.token

    ordering = TrainingFilter.base_filters["o"]
    picked["training_sorts"] = list(ordering.param_map.keys())

    picked["counts"] = {
        "organisations": organisations.count(),
        "people": Person.objects.exclude(organisation__slug=BENCH_SLUG).count(),
        "trainings": Training.objects.exclude(organisation__slug=BENCH_SLUG).count(),
        "invitations": Invitation.objects.exclude(
            organisation__slug=BENCH_SLUG
        ).count(),
        "registrations": Registration.objects.exclude(
            organisation__slug=BENCH_SLUG
        ).count(),
        "org_people": Person.objects.filter(organisation=organisation).count(),
        "org_trainings": trainings.count(),
        "org_registrations": Registration.objects.filter(
            organisation=organisation
        ).count(),
        "org_meetings": meetings.count(),
    }
    picked["counts"]["org_active_registrations"] = Registration.objects.filter(
        Q(status="registered") | Q(status="waiting"), organisation=organisation
    ).count()
    return picked


def prepare(*, people: int, burst_capacity: int, pgbench_registered: int) -> dict:
    """Make a fresh open training in the bench organisation with an occasion
    for the throughput run (no limit that matters) and one for the burst,
    invite ``people`` people, and a throwaway occasion for pgbench holding
    ``pgbench_registered`` registrations."""
    from django.db import transaction
    from django.utils import timezone

    from mandat.core.models import Organisation
    from mandat.directory.models import Person
    from mandat.trainings import services
    from mandat.trainings.models import Invitation, Registration, Training

    with transaction.atomic():
        organisation, _ = Organisation.objects.get_or_create(
            slug=BENCH_SLUG,
            defaults={"name": "Bänkstads kommun (benchmark)"},
        )
        have = Person.objects.filter(organisation=organisation).count()
        people_add(organisation, range(have, people), email="person{n}@bench.example")
        persons = list(
            Person.objects.filter(organisation=organisation).order_by("pk")[:people]
        )
        stamp = timezone.now().strftime("%Y-%m-%d %H:%M:%S")
        start = timezone.now() + datetime.timedelta(days=60)
        start = start.replace(hour=9, minute=0, second=0, microsecond=0)
        training, throughput = training_with_occasion(
            organisation=organisation,
            title=f"Benchmark {stamp}",
            start=start,
            hours=3,
            capacity=100_000,
            location="Sessionssalen",
        )
        burst = services.occasion_create(
            actor=None,
            training=training,
            sessions=[
                services.SessionInput(
                    start + datetime.timedelta(days=1),
                    start + datetime.timedelta(days=1, hours=3),
                )
            ],
            capacity=burst_capacity,
            location="Sessionssalen",
        )
        Training.objects.filter(pk=training.pk).update(status=Training.Status.OPEN)
        invitations = Invitation.objects.bulk_create(
            [
                Invitation(organisation=organisation, training=training, person=p)
                for p in persons
            ],
            batch_size=2000,
        )

        # pgbench's occasion: the lock, the count and the insert of a
        # registration, on rows that Mandat never reads.
        pg_training, pg_occasion = training_with_occasion(
            organisation=organisation,
            title=f"pgbench {stamp}",
            start=start,
            hours=3,
            capacity=pgbench_registered,
            location="pgbench",
        )
        Registration.objects.bulk_create(
            [
                Registration(
                    organisation=organisation,
                    training=pg_training,
                    occasion=pg_occasion,
                    person=p,
                    status=Registration.Status.REGISTERED,
                )
                for p in persons[:pgbench_registered]
            ]
        )
    return {
        "organisation": organisation.pk,
        "training": training.pk,
        "throughput_occasion": throughput.pk,
        "burst_occasion": burst.pk,
        "burst_capacity": burst_capacity,
        "tokens": [invitation.token for invitation in invitations],
        "pgbench": {
            "organisation": organisation.pk,
            "training": pg_training.pk,
            "occasion": pg_occasion.pk,
            "person": persons[0].pk,
        },
    }


def verify(*, occasion: int) -> dict:
    """Return how the burst ended: how many registered and waiting, and
    whether the waiting list is in the order of arrival (every registered
    row before every waiting one, and times rising with the ids)."""
    from mandat.trainings.models import Registration

    rows = list(
        Registration.objects.filter(occasion_id=occasion)
        .order_by("pk")
        .values_list("pk", "status", "created_at")
    )
    statuses = [status for _, status, _ in rows]
    registered = statuses.count("registered")
    waiting = statuses.count("waiting")
    first_waiting = next(
        (i for i, status in enumerate(statuses) if status == "waiting"), len(rows)
    )
    registered_first = all(
        status == "registered" for status in statuses[:first_waiting]
    ) and all(status == "waiting" for status in statuses[first_waiting:])
    times_rise = all(rows[i][2] <= rows[i + 1][2] for i in range(len(rows) - 1))
    return {
        "rows": len(rows),
        "registered": registered,
        "waiting": waiting,
        "other": len(rows) - registered - waiting,
        "in_order": registered_first and times_rise,
    }


def cleanup(*, trainings: list[int]) -> dict:
    """Remove the trainings prepare made, with their registrations and
    invitations, and their outbox; what the audit trail keeps stays."""
    from django.db import transaction

    from mandat.trainings.models import Training

    try:
        with transaction.atomic():
            deleted, _ = Training.objects.filter(pk__in=trainings).delete()
        return {"deleted": deleted}
    except Exception as error:  # noqa: BLE001 - reported, the run goes on
        Training.objects.filter(pk__in=trainings).update(
            status=Training.Status.CANCELLED
        )
        return {"deleted": 0, "error": str(error)[:300]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.fixtures")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("pick")
    prepare_parser = commands.add_parser("prepare")
    prepare_parser.add_argument("--people", type=int, default=4500)
    prepare_parser.add_argument("--burst-capacity", type=int, default=100)
    prepare_parser.add_argument("--pgbench-registered", type=int, default=100)
    verify_parser = commands.add_parser("verify")
    verify_parser.add_argument("--occasion", type=int, required=True)
    cleanup_parser = commands.add_parser("cleanup")
    cleanup_parser.add_argument("--training", type=int, nargs="+", required=True)
    args = parser.parse_args(argv)
    _setup()
    from django.utils import translation

    with translation.override("sv"):
        if args.command == "pick":
            result = pick()
        elif args.command == "prepare":
            result = prepare(
                people=args.people,
                burst_capacity=args.burst_capacity,
                pgbench_registered=args.pgbench_registered,
            )
        elif args.command == "verify":
            result = verify(occasion=args.occasion)
        else:
            result = cleanup(trainings=args.training)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
