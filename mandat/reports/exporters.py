"""Reports as Excel and CSV files: the costs of a year, the fee basis of a
body, and the mandate-period follow-up."""

import datetime
from operator import itemgetter
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mandat.core.exports import Column, ListExporter, person_name_column
from mandat.trainings.models import TrainingPlan

from . import follow_up, history, permissions, selectors


class CostExporter(ListExporter):
    """The cost lines booked in one year."""

    identifier = "reports.costs"
    verbose_name = _("Costs")
    url_name = "reports:cost-list"
    columns = (
        Column(_("Date"), lambda cost: cost.incurred_on),
        Column(_("Training"), lambda cost: cost.training.title),
        Column(_("Category"), lambda cost: cost.get_category_display()),
        Column(_("Supplier"), lambda cost: cost.supplier),
        Column(_("What"), lambda cost: cost.description),
        Column(_("Amount (kr)"), lambda cost: cost.amount),
    )

    def __init__(self, *, user, organisation, year: int) -> None:
        super().__init__(user=user, organisation=organisation)
        self.year = year

    def has_permission(self) -> bool:
        return permissions.can_manage_costs(self.user, self.organisation)

    def get_title(self) -> str:
        return gettext("Costs %(year)s") % {"year": self.year}

    def get_filename(self) -> str:
        return f"kostnader-{self.year}"

    def get_rows(self):
        return selectors.cost_list(organisation=self.organisation, year=self.year)


def _person(attendance):
    return attendance.registration.person


def _local(moment) -> datetime.datetime:
    return timezone.localtime(moment)


def _hours(attendance) -> float:
    session = attendance.session
    return round((session.ends_at - session.starts_at) / datetime.timedelta(hours=1), 2)


class FeeBasisExporter(ListExporter):
    """Who of a body's members attended which session between two days: the
    basis for the body's own fee system (*underlag för arvode*)."""

    identifier = "reports.fee-basis"
    verbose_name = _("Fee basis")
    url_name = "reports:fee-basis"
    columns = (
        Column(_("Register id"), lambda a: _person(a).register_id),
        person_name_column(_("Name"), _person),
        Column(_("Training"), lambda a: a.registration.occasion.training.title),
        Column(_("Date"), lambda a: _local(a.session.starts_at).date()),
        Column(_("Starts"), lambda a: _local(a.session.starts_at).time()),
        Column(_("Ends"), lambda a: _local(a.session.ends_at).time()),
        Column(_("Hours"), _hours, decimals=2),
        Column(
            _("On site or remote"),
            lambda a: a.registration.occasion.get_format_display(),
        ),
        Column(_("Attendance"), lambda a: a.get_status_display()),
    )

    def __init__(
        self,
        *,
        user,
        organisation,
        body,
        starts_on: datetime.date,
        ends_on: datetime.date,
    ) -> None:
        super().__init__(user=user, organisation=organisation)
        self.body = body
        self.starts_on = starts_on
        self.ends_on = ends_on

    def has_permission(self) -> bool:
        return self.body.organisation_id == self.organisation.pk and (
            permissions.can_export_fee_basis(self.user, self.organisation, self.body)
        )

    def get_title(self) -> str:
        return gettext("Fee basis: %(body)s") % {"body": self.body.name}

    def get_filename(self) -> str:
        return f"arvodesunderlag-{self.body.short_name or self.body.pk}"

    def get_rows(self):
        return selectors.fee_basis(
            body=self.body, starts_on=self.starts_on, ends_on=self.ends_on
        )


class FollowUpExporter(ListExporter):
    """Per body: how many of its members and substitutes have taken each
    item of a mandate period's basic programme, in per cent."""

    identifier = "reports.follow-up"
    verbose_name = _("Mandate-period follow-up")
    url_name = "reports:period-follow-up"
    filename = "uppfoljning"

    def __init__(self, *, user, organisation, plan: TrainingPlan) -> None:
        super().__init__(user=user, organisation=organisation)
        self.plan = plan
        self._data: dict[str, Any] | None = None

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            self._data = follow_up.follow_up(plan=self.plan)
        return self._data

    def has_permission(self) -> bool:
        return self.plan.organisation_id == self.organisation.pk and (
            permissions.can_manage_costs(self.user, self.organisation)
        )

    def get_title(self) -> str:
        return gettext("Follow-up %(period)s") % {"period": self.plan.period.name}

    def get_columns(self):
        return [
            Column(_("Body"), lambda row: row.body.name),
            Column(_("Members and substitutes"), lambda row: row.people),
            *(
                Column(f"{item.title} (%)", lambda row, index=index: row.shares[index])
                for index, item in enumerate(self.data["basic"])
            ),
        ]

    def get_rows(self):
        return self.data["bodies"]


HISTORY_EXAMPLES = (
    [
        "Presidieutbildning",
        datetime.date(2025, 3, 12),
        "09:00",
        "16:00",
        "Tillfälle 1",
        "Stadshuset",
        "",
        "Annika Westh",
        "",
        "deltog",
        "besvarad",
    ],
    [
        "Presidieutbildning",
        datetime.date(2025, 3, 12),
        "09:00",
        "16:00",
        "Tillfälle 1",
        "Stadshuset",
        "",
        "",
        "marie.brynolfsson@example.se",
        "delvis",
        "ej besvarad",
    ],
    [
        "Presidieutbildning",
        datetime.date(2025, 4, 2),
        "09:00",
        "16:00",
        "Tillfälle 2",
        "Digitalt",
        "",
        "Westh, Johan",
        "",
        "tackade nej",
        "",
    ],
)


class HistoryTemplateExporter(ListExporter):
    """An empty list of a past year with the columns the history import
    reads and three example rows."""

    identifier = "reports.history-template"
    verbose_name = _("Trainings held")
    url_name = "reports:history-template"
    filename = "mandat-utbildningshistorik-mall"
    dated = False
    formats = ("xlsx",)
    format_parameter = None
    columns = tuple(
        Column(header, itemgetter(index))
        for index, header in enumerate(history.TEMPLATE_HEADERS)
    )

    def has_permission(self) -> bool:
        return permissions.can_record_history(self.user, self.organisation)

    def get_rows(self):
        return HISTORY_EXAMPLES
