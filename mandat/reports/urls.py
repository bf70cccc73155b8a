from django.urls import path

from . import history_views, views

app_name = "reports"

org = "o/<slug:org_slug>/"

urlpatterns = [
    path(org + "costs/", views.cost_list, name="cost-list"),
    path(org + "costs/budget/", views.budget_set, name="budget-set"),
    path(org + "costs/<int:cost_id>/remove/", views.cost_remove, name="cost-remove"),
    path(
        org + "trainings/<int:training_id>/costs/",
        views.training_costs,
        name="training-costs",
    ),
    path(org + "fee-basis/", views.fee_basis, name="fee-basis"),
    path(org + "reports/annual/", views.annual_report, name="annual-report"),
    path(org + "reports/history/", history_views.history, name="history"),
    path(
        org + "reports/history/template.xlsx",
        history_views.history_template,
        name="history-template",
    ),
    path(org + "reports/period/", views.period_follow_up, name="period-follow-up"),
    path(
        org + "reports/annual/approval/",
        views.annual_report_approval,
        name="annual-report-approval",
    ),
]
