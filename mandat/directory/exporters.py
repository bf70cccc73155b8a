"""The directory's lists as Excel and CSV files: people, assignments,
bodies, the members of one body, and the empty register to import."""

import datetime

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mandat.core.exports import Column, ListExporter, QuerysetExporter, person_columns

from . import permissions, selectors
from .imports import COLUMNS


class DirectoryExporter(QuerysetExporter):
    """A directory list as the list page shows it: its filtered queryset."""

    def has_permission(self) -> bool:
        return permissions.can_view_directory(self.user, self.organisation)


def _person(row):
    return row


def _assignment_person(row):
    return row.person


def _assignment_list(person) -> str:
    return "; ".join(
        f"{a.get_role_display()}, {a.body.name}" for a in person.current_assignments
    )


class PersonExporter(DirectoryExporter):
    """People, with their assignments on the day the list shows. The
    queryset has each person's ``current_assignments`` prefetched."""

    identifier = "directory.people"
    verbose_name = _("People")
    url_name = "directory:person-list"
    filename = "personer"
    columns = (
        *person_columns(_person),
        Column(_("Kind"), lambda person: person.get_kind_display()),
        Column(_("Title"), lambda person: person.title, person=_person),
        Column(_("Assignments"), _assignment_list),
    )


class AssignmentExporter(DirectoryExporter):
    """Assignments: who sits on which body, in which role, from when."""

    identifier = "directory.assignments"
    verbose_name = _("Assignments")
    url_name = "directory:assignment-list"
    filename = "uppdrag"
    columns = (
        *person_columns(_assignment_person),
        Column(_("Body"), lambda a: a.body.name),
        Column(
            _("Reporting category"), lambda a: a.body.get_reporting_category_display()
        ),
        Column(_("Role"), lambda a: a.get_role_display()),
        Column(_("Call-in order"), lambda a: a.substitute_order),
        Column(_("Party"), lambda a: a.party_label),
        Column(_("From"), lambda a: a.starts_on),
        Column(_("To"), lambda a: a.ends_on),
    )


class BodyExporter(DirectoryExporter):
    """Bodies with their number of members and substitutes."""

    identifier = "directory.bodies"
    verbose_name = _("Bodies")
    url_name = "directory:body-list"
    filename = "organ"
    columns = (
        Column(_("Name"), lambda body: body.name),
        Column(_("Short name"), lambda body: body.short_name),
        Column(_("Kind"), lambda body: body.get_kind_display()),
        Column(
            _("Reporting category"), lambda body: body.get_reporting_category_display()
        ),
        Column(_("Part of"), lambda body: body.parent.name if body.parent else ""),
        Column(_("Statutory body"), lambda body: body.is_statutory),
        Column(_("Members"), lambda body: body.member_count),
        Column(_("Substitutes"), lambda body: body.substitute_count),
    )


class BodyMemberExporter(ListExporter):
    """The members of one body on a day (or all who ever sat on it)."""

    identifier = "directory.body-members"
    verbose_name = _("Members")
    url_name = "directory:body-detail"
    columns = (
        Column(_("Role"), lambda a: a.get_role_display()),
        Column(_("Call-in order"), lambda a: a.substitute_order),
        *person_columns(_assignment_person),
        Column(_("Party"), lambda a: a.party_label),
        Column(_("From"), lambda a: a.starts_on),
        Column(_("To"), lambda a: a.ends_on),
    )

    def __init__(self, *, user, organisation, body, on) -> None:
        super().__init__(user=user, organisation=organisation)
        self.body = body
        self.on = on

    def has_permission(self) -> bool:
        return self.body.organisation_id == self.organisation.pk and (
            permissions.can_view_body(self.user, self.body)
        )

    def get_title(self) -> str:
        return self.body.short_name or self.body.name

    def get_filename(self) -> str:
        return f"organ-{self.body.pk}"

    def get_rows(self):
        return selectors.body_members(body=self.body, on=self.on)


# Two example rows of the register, as the import reads them.
REGISTER_EXAMPLES = (
    {
        "register_id": "1001",
        "first_name": "Anna",
        "last_name": "Exempel",
        "email": "anna.exempel@example.se",
        "phone": "070-000 00 00",
        "gender": "kvinna",
        "kind": "förtroendevald",
        "protected_identity": "nej",
        "body": "Kommunstyrelsen",
        "role": "ordförande",
        "party": "S",
        "starts_on": datetime.date(2027, 1, 1),
        "ends_on": datetime.date(2030, 12, 31),
    },
    {
        "register_id": "1002",
        "first_name": "Bo",
        "last_name": "Exempel",
        "email": "bo.exempel@example.se",
        "gender": "man",
        "kind": "förtroendevald",
        "protected_identity": "nej",
        "body": "Kommunstyrelsen",
        "role": "ersättare",
        "party": "M",
        "starts_on": datetime.date(2027, 1, 1),
        "ends_on": datetime.date(2030, 12, 31),
        "substitute_order": 1,
    },
)


def _register_column(column) -> Column:
    return Column(column.header, lambda row: row.get(column.key, ""))


class RegisterTemplateExporter(ListExporter):
    """An empty register with the columns the import reads and two example
    rows, offered at its own address rather than as ``?export=``."""

    identifier = "directory.register-template"
    verbose_name = pgettext_lazy("spreadsheet", "Register")
    url_name = "directory:import-template"
    filename = "mandat-register-mall"
    dated = False
    formats = ("xlsx",)
    format_parameter = None
    columns = tuple(_register_column(column) for column in COLUMNS)

    def has_permission(self) -> bool:
        return permissions.can_import_register(self.user, self.organisation)

    def get_rows(self):
        return REGISTER_EXAMPLES
