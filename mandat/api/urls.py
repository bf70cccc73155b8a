from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from .views import directory, docs, evaluations, meetings, reports, tokens, trainings

app_name = "api"

router = SimpleRouter()
router.register("bodies", directory.BodyViewSet, basename="body")
router.register("people", directory.PersonViewSet, basename="person")
router.register("assignments", directory.AssignmentViewSet, basename="assignment")
router.register("trainings", trainings.TrainingViewSet, basename="training")
router.register("occasions", trainings.OccasionViewSet, basename="occasion")
router.register("registrations", trainings.RegistrationViewSet, basename="registration")
router.register("attendance", trainings.AttendanceViewSet, basename="attendance")
router.register("plans", trainings.TrainingPlanViewSet, basename="plan")
router.register("plan-items", trainings.PlanItemViewSet, basename="plan-item")
router.register(
    "meeting-groups", meetings.MeetingGroupViewSet, basename="meeting-group"
)
router.register("meetings", meetings.MeetingViewSet, basename="meeting")
router.register("items", meetings.AgendaItemViewSet, basename="agenda-item")
router.register("action-items", meetings.ActionItemViewSet, basename="action-item")
router.register(
    "questionnaires", evaluations.QuestionnaireViewSet, basename="questionnaire"
)
router.register("reports/annual", reports.AnnualReportViewSet, basename="annual-report")

urlpatterns = [
    path(
        "api/v1/organisation/",
        directory.OrganisationViewSet.as_view({"get": "current"}),
        name="organisation",
    ),
    # The minutes' file, named as a file is: no trailing slash.
    path(
        "api/v1/meetings/<int:pk>/minutes.pdf",
        meetings.MeetingViewSet.as_view({"get": "minutes_pdf"}),
        name="meeting-minutes-pdf",
    ),
    path("api/v1/schema/", docs.schema, name="schema"),
    path("api/v1/docs/", docs.api_docs, name="docs"),
    path("api/v1/", include(router.urls)),
    # Anything else under /api/ is a JSON 404, as a client expects of an API.
    re_path(r"^api/(?P<rest>.*)$", docs.not_found, name="not-found"),
    path("o/<slug:org_slug>/api-tokens/", tokens.token_list, name="token-list"),
    path(
        "o/<slug:org_slug>/api-tokens/<int:token_id>/revoke/",
        tokens.token_revoke,
        name="token-revoke",
    ),
]
