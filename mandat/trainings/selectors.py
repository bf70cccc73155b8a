"""Readers for trainings, scoped to the organisation and joined for the page."""

import datetime

from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from mandat.core.access import access_for
from mandat.core.queries import count_of
from mandat.core.search import SearchDocument

from .calendars import registration_entry
from .models import (
    ACTIVE_STATUSES,
    Contributor,
    Invitation,
    Occasion,
    PlanItem,
    Registration,
    Session,
    SessionAttendance,
    Training,
    TrainingPlan,
)


def occasion_registered_count(occasion: Occasion) -> int:
    """Return how many hold a place on ``occasion`` (the waiting excluded)."""
    return occasion.registrations.filter(status=Registration.Status.REGISTERED).count()


def occasion_counts(queryset: QuerySet) -> QuerySet:
    """Annotate occasions with their registered and waiting counts."""
    return queryset.annotate(
        registered_count=count_of(
            Registration, "occasion", status=Registration.Status.REGISTERED
        ),
        waiting_count=count_of(
            Registration, "occasion", status=Registration.Status.WAITING
        ),
    )


def training_counts(queryset: QuerySet) -> QuerySet:
    """Annotate trainings with how many were invited and how many registered."""
    return queryset.annotate(
        invited_count=count_of(Invitation, "training"),
        registered_count=count_of(
            Registration, "training", status=Registration.Status.REGISTERED
        ),
    )


def _trainings_managed(*, organisation, user) -> QuerySet:
    trainings = Training.objects.filter(organisation=organisation)
    access = access_for(user, organisation)
    if not access.manages_organisation:
        trainings = trainings.filter(responsible_body_id__in=access.secretary_body_ids)
    return trainings


def training_list(*, organisation, user) -> QuerySet:
    """Return the trainings ``user`` manages, newest first, with their
    occasions and their invited and registered counts."""
    occasions = Occasion.objects.order_by("starts_at", "id")
    return (
        training_counts(_trainings_managed(organisation=organisation, user=user))
        .select_related("plan_item", "responsible_body")
        .prefetch_related(Prefetch("occasions", queryset=occasions))
        .order_by("-created_at", "-id")
    )


def training_get(*, organisation, user, training_id: int) -> Training | None:
    """Return one training with what its page shows, if ``user`` manages it:
    its counts, and its occasions with theirs and their sessions."""
    occasions = (
        occasion_counts(Occasion.objects.all())
        .prefetch_related("sessions")
        .order_by("starts_at", "id")
    )
    return (
        training_counts(_trainings_managed(organisation=organisation, user=user))
        .select_related(
            "plan_item", "responsible_body", "target_group", "questionnaire"
        )
        .prefetch_related(
            Prefetch("occasions", queryset=occasions),
            "documents",
            "invitation_batches",
        )
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


HISTORY_PAGE_SIZE = 20
ATTENDED = (SessionAttendance.Status.ATTENDED, SessionAttendance.Status.PARTLY)


def trainings_for_person(*, person, history_page=None) -> dict:
    """What a person's own training page shows: open trainings they are
    invited to, their coming occasions, one page of their history (newest
    first) and the hours of all their completed training.

    The history is a page of ``HISTORY_PAGE_SIZE``: an official of many
    terms has hundreds of trainings behind them."""
    now = timezone.now()
    # Open for registration: what the person has not registered for yet.
    registered = Registration.objects.filter(
        training_id=OuterRef("training_id"),
        person=person,
        status__in=ACTIVE_STATUSES,
    )
    invitations = (
        Invitation.objects.filter(person=person, training__status=Training.Status.OPEN)
        .exclude(Exists(registered))
        .select_related("training")
        .prefetch_related(
            Prefetch(
                "training__occasions",
                queryset=Occasion.objects.filter(
                    status=Occasion.Status.PLANNED
                ).order_by("starts_at", "id"),
            )
        )
        .order_by("-invited_at")
    )
    registrations = Registration.objects.filter(person=person).exclude(
        status=Registration.Status.CANCELLED
    )
    upcoming = (
        registrations.filter(occasion__ends_at__gte=now)
        .select_related("occasion__training")
        .prefetch_related("occasion__sessions")
        .order_by("occasion__starts_at", "id")
    )
    past = registrations.filter(
        Q(occasion__ends_at__lt=now) | Q(occasion__status=Occasion.Status.CANCELLED)
    )
    page = Paginator(
        past.select_related("occasion__training")
        .prefetch_related(
            "occasion__sessions",
            Prefetch("attendance", queryset=SessionAttendance.objects.all()),
        )
        .order_by("-occasion__starts_at", "-id"),
        HISTORY_PAGE_SIZE,
    ).get_page(history_page)
    history = []
    for registration in page.object_list:
        completed, hours = registration_completion(registration)
        history.append(
            {"registration": registration, "completed": completed, "hours": hours}
        )
    return {
        "invitations": invitations,
        "upcoming": list(upcoming),
        "history": history,
        "history_page": page,
        "hours_total": completed_hours(past),
    }


def completed_hours(registrations: QuerySet) -> float:
    """Return the hours of the completed trainings among ``registrations``,
    as ``registration_completion`` counts them, without loading the rows."""
    rows = registrations.annotate(
        sessions_count=count_of(Session, "occasion", outer="occasion"),
        attended_count=count_of(SessionAttendance, "registration", status__in=ATTENDED),
    ).values_list(
        "pk", "sessions_count", "attended_count", "occasion__completion_min_sessions"
    )
    completed = set()
    for pk, sessions, attended, minimum in rows:
        needed = minimum or sessions
        if needed > 0 and attended >= needed:
            completed.add(pk)
    if not completed:
        return 0.0
    attended = SessionAttendance.objects.filter(
        registration_id__in=completed, status__in=ATTENDED
    ).values_list("session__starts_at", "session__ends_at")
    hours = sum(
        (ends - starts) / datetime.timedelta(hours=1) for starts, ends in attended
    )
    return round(hours, 1)


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


def feed_events(person) -> list:
    """The person's registered occasions for their calendar feed, from three
    months back: one entry per registration with one event per session, with
    the UIDs of the e-mailed invitations."""
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


def plan_years(*, plan):
    """Return the plan's items by year of the period (1 to 4, with the
    calendar year), and all its items."""
    items = list(plan_items(plan=plan))
    years = []
    for year in range(1, 5):
        in_year = [item for item in items if item.year == year]
        years.append(
            {
                "year": year,
                "calendar_year": plan.period.starts_on.year + year,
                "items": in_year,
            }
        )
    return years, items


def training_search_documents(training) -> list[SearchDocument]:
    """A training is found by search, by those who manage trainings."""
    return [
        SearchDocument(
            key=str(training.pk),
            title=training.title,
            body=training.description,
            url=reverse(
                "trainings:training-detail",
                args=[training.organisation.slug, training.pk],
            ),
            audience="managers",
        )
    ]
