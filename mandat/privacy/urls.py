from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path(
        "o/<slug:org_slug>/directory/people/<int:person_id>/extract/",
        views.person_extract_page,
        name="person-extract",
    ),
    path(
        "o/<slug:org_slug>/directory/people/<int:person_id>/anonymise/",
        views.person_anonymise,
        name="person-anonymise",
    ),
    path(
        "o/<slug:org_slug>/privacy/processing/",
        views.processing,
        name="processing",
    ),
    path(
        "o/<slug:org_slug>/privacy/retention/",
        views.retention_list,
        name="retention-list",
    ),
]
