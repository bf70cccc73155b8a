import datetime
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Count, Min, Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from mandat.accounts.models import Role
from mandat.accounts.selectors import organisation_list_for_user


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


@dataclass(frozen=True)
class NavGroup:
    """A heading of the menu and its pages; one page is shown as a link."""

    label: str
    items: list[NavItem]

    @property
    def active(self) -> bool:
        return any(item.active for item in self.items)

    @property
    def single(self) -> NavItem | None:
        return self.items[0] if len(self.items) == 1 else None


@lru_cache(maxsize=4096)
def _organisation_url(name: str, slug: str, prefix: str) -> str:
    """The address of an organisation's page: the navigation's seventeen
    are the same on every page of the organisation."""
    return reverse(name, args=[slug])


def _nav_groups(request) -> list[NavGroup]:
    organisation = request.organisation
    access = request.access
    slug = organisation.slug
    path = request.path
    prefix = get_script_prefix()

    def url(name: str) -> str:
        return _organisation_url(name, slug, prefix)

    # Whether the user is a person here, and when their first assignment
    # began (a newcomer has the catch-up page), in one query.
    mine = request.user.people.filter(organisation=organisation).aggregate(
        people=Count("id", distinct=True), first=Min("assignments__starts_on")
    )
    has_person = bool(mine["people"])
    directory = access.has(
        Role.ADMINISTRATOR, Role.COORDINATOR, Role.COMMITTEE_SECRETARY
    )
    # The menu in groups, so a coordinator's fits one line at 1280 px; a
    # group the viewer sees one page of is a plain link.
    groups = [
        (_("Overview"), [(_("Overview"), url("core:dashboard"), True)]),
        (
            pgettext("menu", "Mine"),
            [
                (_("My assignments"), url("accounts:my-page"), has_person),
                (_("My trainings"), url("trainings:my-trainings"), has_person),
                (
                    _("Catch up"),
                    url("knowledge:my-catch-up"),
                    has_person and _is_newcomer(mine["first"]),
                ),
            ],
        ),
        (
            _("Trainings"),
            [
                (_("Trainings"), url("trainings:training-list"), directory),
                (_("Training plan"), url("trainings:plan-list"), directory),
                (
                    _("Evaluations"),
                    url("evaluations:questionnaire-list"),
                    access.manages_organisation,
                ),
            ],
        ),
        (
            _("Meetings"),
            [
                (
                    _("Meetings"),
                    url("meetings:group-list"),
                    access.manages_organisation
                    or _in_a_group(request.user, organisation),
                )
            ],
        ),
        (
            _("Follow-up"),
            [
                (
                    _("Follow-up"),
                    url("reports:annual-report"),
                    access.manages_organisation,
                ),
                (
                    _("Fee basis"),
                    url("reports:fee-basis"),
                    access.has(Role.COMMITTEE_SECRETARY)
                    and not access.manages_organisation,
                ),
            ],
        ),
        (
            pgettext("menu", "Directory"),
            [
                (_("People"), url("directory:person-list"), directory),
                (_("Bodies"), url("directory:body-list"), directory),
                (_("Assignments"), url("directory:assignment-list"), directory),
                (
                    _("Target groups"),
                    url("directory:target-group-list"),
                    access.manages_organisation,
                ),
                (
                    _("Import"),
                    url("directory:import-list"),
                    access.manages_organisation,
                ),
            ],
        ),
        (
            _("Films and handbook"),
            [(_("Films and handbook"), url("knowledge:film-list"), True)],
        ),
        (
            _("Administration"),
            [
                (_("Outbox"), url("notifications:outbox"), access.manages_organisation),
                (
                    _("Users"),
                    url("accounts:membership-list"),
                    access.has(Role.ADMINISTRATOR),
                ),
                (
                    _("Audit trail"),
                    url("core:audit-list"),
                    access.has(Role.ADMINISTRATOR),
                ),
            ],
        ),
    ]
    menu = []
    for label, entries in groups:
        items = [
            NavItem(label=name, url=address, active=_active(path, address, slug))
            for name, address, shown in entries
            if shown
        ]
        if items:
            menu.append(NavGroup(label=label, items=items))
    return menu


def _active(path: str, address: str, slug: str) -> bool:
    if address.endswith(f"/{slug}/"):
        return path == address
    return path.startswith(address)


def _is_newcomer(first: datetime.date | None) -> bool:
    """Whether the user's first assignment here began in the last 90 days."""
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
        context["nav_items"] = _nav_groups(request)
    return context
