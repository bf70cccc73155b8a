from django.urls import path

from . import views

app_name = "archive"

org = "o/<slug:org_slug>/archive/"

urlpatterns = [
    path(org + "minutes/<int:meeting_id>.zip", views.minutes_package, name="minutes"),
    path(
        org + "annual-report/<int:year>.zip",
        views.annual_report_package,
        name="annual-report",
    ),
    path(org + "plans/<int:plan_id>.zip", views.plan_package, name="plan"),
]
