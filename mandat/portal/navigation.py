from dataclasses import dataclass
from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from mandat.accounts import permissions as accounts
from mandat.api import permissions as api
from mandat.core import permissions as core
from mandat.core.access import organisation_list_for_user
from mandat.directory import permissions as directory
from mandat.evaluations import permissions as evaluations
from mandat.knowledge import permissions as knowledge
from mandat.meetings import permissions as meetings
from mandat.notifications import permissions as notifications
from mandat.privacy import permissions as privacy
from mandat.reports import permissions as reports
from mandat.trainings import permissions as trainings


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
    """The menu of the organisation's pages that the user may open: each
    page is shown by the rule of the app that owns it, the same rule its
    view checks."""
    organisation = request.organisation
    user = request.user
    slug = organisation.slug
    path = request.path
    prefix = get_script_prefix()

    def url(name: str) -> str:
        return _organisation_url(name, slug, prefix)

    def may(rule) -> bool:
        return rule(user, organisation)

    fee_basis_only = may(reports.can_export_fee_basis) and not may(
        reports.can_manage_costs
    )
    # The menu in groups, so a coordinator's fits one line at 1280 px; a
    # group the viewer sees one page of is a plain link.
    groups = [
        (_("Overview"), [(_("Overview"), url("portal:dashboard"), True)]),
        (
            pgettext("menu", "Mine"),
            [
                (
                    _("My assignments"),
                    url("accounts:my-page"),
                    may(directory.has_own_pages),
                ),
                (
                    _("My trainings"),
                    url("trainings:my-trainings"),
                    may(directory.has_own_pages),
                ),
                (
                    _("Catch up"),
                    url("knowledge:my-catch-up"),
                    may(knowledge.can_catch_up),
                ),
            ],
        ),
        (
            _("Trainings"),
            [
                (
                    _("Trainings"),
                    url("trainings:training-list"),
                    may(trainings.can_manage_trainings),
                ),
                (
                    _("Training plan"),
                    url("trainings:plan-list"),
                    may(trainings.can_manage_trainings),
                ),
                (
                    _("Evaluations"),
                    url("evaluations:questionnaire-list"),
                    may(evaluations.can_manage_questionnaires),
                ),
            ],
        ),
        (
            _("Meetings"),
            [
                (
                    _("Meetings"),
                    url("meetings:group-list"),
                    may(meetings.can_view_meetings),
                )
            ],
        ),
        (
            _("Follow-up"),
            [
                (
                    _("Follow-up"),
                    url("reports:annual-report"),
                    may(reports.can_manage_costs),
                ),
                (_("Fee basis"), url("reports:fee-basis"), fee_basis_only),
            ],
        ),
        (
            pgettext("menu", "Directory"),
            [
                (
                    _("People"),
                    url("directory:person-list"),
                    may(directory.can_view_directory),
                ),
                (
                    _("Bodies"),
                    url("directory:body-list"),
                    may(directory.can_view_directory),
                ),
                (
                    _("Assignments"),
                    url("directory:assignment-list"),
                    may(directory.can_view_directory),
                ),
                (
                    _("Target groups"),
                    url("directory:target-group-list"),
                    may(directory.can_set_up_directory),
                ),
                (
                    _("Import"),
                    url("directory:import-list"),
                    may(directory.can_import_register),
                ),
            ],
        ),
        (
            _("Films and handbook"),
            [
                (
                    _("Films and handbook"),
                    url("knowledge:film-list"),
                    may(knowledge.can_read_knowledge),
                )
            ],
        ),
        (
            _("Administration"),
            [
                (
                    _("Outbox"),
                    url("notifications:outbox"),
                    may(notifications.can_view_outbox),
                ),
                (
                    _("Users"),
                    url("accounts:membership-list"),
                    may(accounts.can_manage_users),
                ),
                (
                    _("Audit trail"),
                    url("core:audit-list"),
                    may(core.can_view_audit_trail),
                ),
                (
                    _("API tokens"),
                    url("api:token-list"),
                    may(api.can_manage_api_tokens),
                ),
                (
                    _("Record of processing"),
                    url("privacy:processing"),
                    may(privacy.can_view_processing),
                ),
                (
                    _("Retention"),
                    url("privacy:retention-list"),
                    may(privacy.can_view_processing),
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
