"""Readers for trainings, scoped to the organisation and joined for the page."""

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from mandat.accounts.models import Role
from mandat.accounts.selectors import access_for

from .models import (
    Contributor,
    Invitation,
    Occasion,
    PlanItem,
    Registration,
    SessionAttendance,
    Training,
    TrainingPlan,
)

REGISTERED = Q(registrations__status=Registration.Status.REGISTERED)
WAITING = Q(registrations__status=Registration.Status.WAITING)


def occasion_registered_count(occasion: Occasion) -> int:
    """Return how many hold a place on ``occasion`` (the waiting excluded)."""
    return occasion.registrations.filter(status=Registration.Status.REGISTERED).count()


def occasion_counts(queryset: QuerySet) -> QuerySet:
    """Annotate occasions with their registered and waiting counts."""
    return queryset.annotate(
        registered_count=Count("registrations", filter=REGISTERED, distinct=True),
        waiting_count=Count("registrations", filter=WAITING, distinct=True),
    )


def training_list(*, organisation, user) -> QuerySet:
    """Return the trainings ``user`` manages, with their occasions and counts."""
    trainings = Training.objects.filter(organisation=organisation)
    access = access_for(user, organisation)
    if not access.manages_organisation:
        trainings = trainings.filter(responsible_body_id__in=access.secretary_body_ids)
    occasions = (
        occasion_counts(Occasion.objects.all())
        .prefetch_related("sessions")
        .order_by("starts_at", "id")
    )
    return (
        trainings.select_related("plan_item", "responsible_body")
        .annotate(
            invited_count=Count("invitations", distinct=True),
            registered_count=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.REGISTERED),
                distinct=True,
            ),
        )
        .prefetch_related(Prefetch("occasions", queryset=occasions))
        .order_by("-created_at", "-id")
    )


def training_get(*, organisation, user, training_id: int) -> Training | None:
    """Return one training with what its page shows, if ``user`` manages it."""
    return (
        training_list(organisation=organisation, user=user)
        .prefetch_related("documents", "invitation_batches")
        .select_related("target_group", "questionnaire")
        .filter(pk=training_id)
        .first()
    )


def occasion_get(*, organisation, occasion_id: int) -> Occasion | None:
    return (
        occasion_counts(Occasion.objects.filter(organisation=organisation))
        .select_related("training", "training__organisation")
        .prefetch_related(
            "sessions",
            Prefetch(
                "contributors", queryset=Contributor.objects.select_related("person")
            ),
        )
        .filter(pk=occasion_id)
        .first()
    )


def participant_list(*, occasion: Occasion) -> QuerySet:
    """Return the registered and waiting of an occasion, waiting list in
    order of arrival, with their attendance per session."""
    return (
        occasion.registrations.filter(
            status__in=[Registration.Status.REGISTERED, Registration.Status.WAITING]
        )
        .select_related("person", "registered_by")
        .prefetch_related(
            Prefetch("attendance", queryset=SessionAttendance.objects.all())
        )
        .order_by("-status", "created_at", "id")
    )


def plan_items(*, plan: TrainingPlan) -> QuerySet:
    """Return the items of a plan with the trainings that carry each out."""
    trainings = Training.objects.prefetch_related(
        Prefetch("occasions", queryset=Occasion.objects.order_by("starts_at"))
    ).order_by("created_at")
    # Items with a season instead of a month sort where that season falls.
    season_month = Case(
        When(season=PlanItem.Season.EARLY_SPRING, then=Value(3)),
        When(season=PlanItem.Season.SPRING, then=Value(4)),
        When(season=PlanItem.Season.SUMMER, then=Value(7)),
        When(season=PlanItem.Season.AUTUMN, then=Value(9)),
        When(season=PlanItem.Season.WINTER, then=Value(12)),
        default=Value(13),
        output_field=IntegerField(),
    )
    return (
        plan.items.select_related("plan__period")
        .prefetch_related(Prefetch("trainings", queryset=trainings))
        .annotate(when_order=Coalesce("month", season_month))
        .order_by("year", "when_order", "position", "id")
    )


def trainings_for_person(*, person) -> dict:
    """What a person's own training page shows: open trainings they are
    invited to, their coming occasions, and their history with hours."""
    now = timezone.now()
    invitations = (
        Invitation.objects.filter(person=person, training__status=Training.Status.OPEN)
        .select_related("training")
        .prefetch_related(
            Prefetch(
                "training__occasions",
                queryset=occasion_counts(
                    Occasion.objects.filter(status=Occasion.Status.PLANNED)
                ).prefetch_related("sessions"),
            )
        )
        .order_by("-invited_at")
    )
    registrations = (
        Registration.objects.filter(person=person)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("occasion__training", "invitation")
        .prefetch_related(
            "occasion__sessions",
            Prefetch("attendance", queryset=SessionAttendance.objects.all()),
        )
        .order_by("occasion__starts_at")
    )
    upcoming = [
        r for r in registrations if r.occasion.ends_at and r.occasion.ends_at >= now
    ]
    past = [
        r
        for r in registrations
        if r.occasion.ends_at
        and (r.occasion.ends_at < now or r.occasion.status == Occasion.Status.CANCELLED)
    ]
    history = []
    for registration in past:
        completed, hours = registration_completion(registration)
        history.append(
            {"registration": registration, "completed": completed, "hours": hours}
        )
    return {
        "invitations": invitations,
        "upcoming": upcoming,
        "history": history,
        "hours_total": round(
            sum(item["hours"] for item in history if item["completed"]), 1
        ),
    }


def registration_completion(registration: Registration) -> tuple[bool, float]:
    """Return whether the registration counts as completed and its hours.

    Attended and partly attended sessions count; the occasion's completion
    rule says how many are needed (all of them unless set). Uses the
    prefetched sessions and attendance."""
    sessions = list(registration.occasion.sessions.all())
    attended = {
        a.session_id
        for a in registration.attendance.all()
        if a.status
        in (SessionAttendance.Status.ATTENDED, SessionAttendance.Status.PARTLY)
    }
    needed = registration.occasion.completion_min_sessions or len(sessions)
    hours = sum(s.hours for s in sessions if s.pk in attended)
    return (len(attended) >= needed and needed > 0), round(hours, 2)


def my_person(*, user, organisation):
    """The person record of ``user`` in ``organisation``, if any."""
    return user.people.filter(organisation=organisation).first()


def sees_coordinator_views(user, organisation) -> bool:
    return access_for(user, organisation).has(Role.ADMINISTRATOR, Role.COORDINATOR)


def feed_events(person) -> list:
    """The person's registered occasions for their calendar feed, from three
    months back: one entry per registration with one event per session, with
    the UIDs of the e-mailed invitations."""
    import datetime

    from .calendars import registration_entry

    since = timezone.now() - datetime.timedelta(days=92)
    registrations = (
        Registration.objects.filter(
            person=person,
            status=Registration.Status.REGISTERED,
            occasion__ends_at__gte=since,
        )
        .exclude(occasion__status=Occasion.Status.CANCELLED)
        .select_related("occasion__training", "organisation", "person")
        .prefetch_related("occasion__sessions")
    )
    return [registration_entry(registration) for registration in registrations]
