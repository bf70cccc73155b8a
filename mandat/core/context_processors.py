from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from mandat.accounts.models import Role
from mandat.accounts.selectors import organisation_list_for_user


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


def _nav_items(request) -> list[NavItem]:
    organisation = request.organisation
    access = request.access
    slug = organisation.slug
    path = request.path
    has_person = request.user.people.filter(organisation=organisation).exists()
    directory = access.has(
        Role.ADMINISTRATOR, Role.COORDINATOR, Role.COMMITTEE_SECRETARY
    )
    entries = [
        (_("Overview"), reverse("core:dashboard", args=[slug]), True),
        (_("My assignments"), reverse("accounts:my-page", args=[slug]), has_person),
        (
            _("My trainings"),
            reverse("trainings:my-trainings", args=[slug]),
            has_person,
        ),
        (_("Trainings"), reverse("trainings:training-list", args=[slug]), directory),
        (
            _("Evaluations"),
            reverse("evaluations:questionnaire-list", args=[slug]),
            access.manages_organisation,
        ),
        (
            _("Follow-up"),
            reverse("reports:annual-report", args=[slug]),
            access.manages_organisation,
        ),
        (
            _("Fee basis"),
            reverse("reports:fee-basis", args=[slug]),
            access.has(Role.COMMITTEE_SECRETARY) and not access.manages_organisation,
        ),
        (
            _("Catch up"),
            reverse("knowledge:my-catch-up", args=[slug]),
            has_person and _is_newcomer(request.user, organisation),
        ),
        (
            _("Films and handbook"),
            reverse("knowledge:film-list", args=[slug]),
            True,
        ),
        (
            _("Meetings"),
            reverse("meetings:group-list", args=[slug]),
            access.manages_organisation or _in_a_group(request.user, organisation),
        ),
        (
            _("Training plan"),
            reverse("trainings:plan-list", args=[slug]),
            directory,
        ),
        (
            _("Outbox"),
            reverse("notifications:outbox", args=[slug]),
            access.manages_organisation,
        ),
    ]
    entries += [
        (_("People"), reverse("directory:person-list", args=[slug]), directory),
        (_("Bodies"), reverse("directory:body-list", args=[slug]), directory),
        (
            _("Assignments"),
            reverse("directory:assignment-list", args=[slug]),
            directory,
        ),
        (
            _("Import"),
            reverse("directory:import-list", args=[slug]),
            access.manages_organisation,
        ),
        (
            _("Users"),
            reverse("accounts:membership-list", args=[slug]),
            access.has(Role.ADMINISTRATOR),
        ),
        (
            _("Audit trail"),
            reverse("core:audit-list", args=[slug]),
            access.has(Role.ADMINISTRATOR),
        ),
    ]
    items = []
    for label, url, shown in entries:
        if not shown:
            continue
        active = path == url if url.endswith(f"/{slug}/") else path.startswith(url)
        items.append(NavItem(label=label, url=url, active=active))
    return items


def _is_newcomer(user, organisation) -> bool:
    """Whether the user's first assignment here began in the last 90 days."""
    import datetime

    from django.db.models import Min
    from django.utils import timezone

    first = user.people.filter(organisation=organisation).aggregate(
        first=Min("assignments__starts_on")
    )["first"]
    today = timezone.localdate()
    return first is not None and today - datetime.timedelta(days=90) <= first <= today


def _in_a_group(user, organisation) -> bool:
    """Whether the user is a member or regular participant of a meeting group."""
    from mandat.meetings.models import MeetingGroup

    people = user.people.filter(organisation=organisation)
    return MeetingGroup.objects.filter(
        Q(body__assignments__person__in=people) | Q(participants__person__in=people),
        organisation=organisation,
    ).exists()


def navigation(request):
    """Give every page the current organisation and the navigation for its roles."""
    organisation = getattr(request, "organisation", None)
    context = {"org": organisation, "access": getattr(request, "access", None)}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    context["user_organisations"] = list(organisation_list_for_user(user))
    if organisation is not None:
        context["nav_items"] = _nav_items(request)
    return context
