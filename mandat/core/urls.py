from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("o/<slug:org_slug>/audit/", views.audit_list, name="audit-list"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
]
