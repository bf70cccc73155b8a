"""Trainings as Excel and CSV files: the list of trainings, the training
plan, and the participants of an occasion."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mandat.core.exports import Column, ListExporter, QuerysetExporter, person_columns

from . import permissions, selectors
from .models import Occasion, TrainingPlan


def _first_occasion(training):
    occasions = list(training.occasions.all())
    return occasions[0].starts_at if occasions else None


class TrainingExporter(QuerysetExporter):
    """The trainings the list page shows (its filtered queryset)."""

    identifier = "trainings.trainings"
    verbose_name = _("Trainings")
    url_name = "trainings:training-list"
    filename = "utbildningar"
    columns = (
        Column(_("Title"), lambda training: training.title),
        Column(_("Status"), lambda training: training.get_status_display()),
        Column(
            _("Plan item"),
            lambda training: (
                training.plan_item.title
                if training.plan_item
                else gettext("Outside the plan")
            ),
        ),
        Column(_("First occasion"), _first_occasion),
        Column(_("Occasions"), lambda training: len(training.occasions.all())),
        Column(_("Invited"), lambda training: training.invited_count),
        Column(_("Registered"), lambda training: training.registered_count),
    )

    def has_permission(self) -> bool:
        return permissions.can_manage_trainings(self.user, self.organisation)


class PlanExporter(ListExporter):
    """The items of a training plan, year by year."""

    identifier = "trainings.plan"
    verbose_name = _("Training plan")
    url_name = "trainings:plan-detail"
    filename = "utbildningsplan"
    columns = (
        Column(_("Year"), lambda item: item.year),
        Column(_("When"), lambda item: item.timing_label),
        Column(_("Title"), lambda item: item.title),
        Column(_("Responsible"), lambda item: item.get_responsible_display()),
        Column(_("Target group"), lambda item: item.target_group),
        Column(_("Topics"), lambda item: item.topics),
        Column(_("Funding"), lambda item: item.funding_note),
        Column(_("Filmed"), lambda item: item.filmed),
        Column(_("Status"), lambda item: item.get_status_display()),
        Column(
            _("Trainings"),
            lambda item: "; ".join(t.title for t in item.trainings.all()),
        ),
    )

    def __init__(self, *, user, organisation, plan: TrainingPlan) -> None:
        super().__init__(user=user, organisation=organisation)
        self.plan = plan

    def has_permission(self) -> bool:
        return self.plan.organisation_id == self.organisation.pk and (
            permissions.can_manage_trainings(self.user, self.organisation)
        )

    def get_title(self) -> str:
        # "Utbildningsplan 2026–2030": a plan's own title rarely fits the
        # 31 characters of a sheet name.
        return gettext("Training plan %(period)s") % {"period": self.plan.period.name}

    def get_filename(self) -> str:
        return f"utbildningsplan-{self.plan.period.name}"

    def get_rows(self):
        return selectors.plan_items(plan=self.plan)


def _person(registration):
    return registration.person


def _session_column(session) -> Column:
    def mark(registration):
        for attendance in registration.attendance.all():
            if attendance.session_id == session.pk:
                return attendance.get_status_display()
        return ""

    return Column(str(session), mark)


class ParticipantExporter(ListExporter):
    """The registered and waiting of an occasion, with their needs and their
    attendance per session."""

    identifier = "trainings.participants"
    verbose_name = _("Participants")
    url_name = "trainings:participants"
    columns = (
        Column(_("Status"), lambda r: r.get_status_display()),
        *person_columns(_person),
        Column(_("Title"), lambda r: r.person.title, person=_person),
        Column(_("Dietary needs"), lambda r: r.dietary_needs),
        Column(_("Accessibility needs"), lambda r: r.accessibility_needs),
        Column(_("Registered"), lambda r: r.created_at),
    )

    def __init__(self, *, user, organisation, occasion: Occasion) -> None:
        super().__init__(user=user, organisation=organisation)
        self.occasion = occasion

    def has_permission(self) -> bool:
        return self.occasion.organisation_id == self.organisation.pk and (
            permissions.can_take_attendance(self.user, self.occasion)
        )

    def get_title(self) -> str:
        return gettext("Participants: %(training)s") % {
            "training": self.occasion.training.title
        }

    def get_filename(self) -> str:
        return f"deltagare-{self.occasion.pk}"

    def get_columns(self):
        sessions = self.occasion.sessions.all()
        return [*self.columns, *(_session_column(session) for session in sessions)]

    def get_rows(self):
        return selectors.participant_list(occasion=self.occasion)
