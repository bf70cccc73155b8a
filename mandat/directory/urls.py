from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/search/", views.person_search, name="person-search"),
    path("people/<int:person_id>/", views.person_detail, name="person-detail"),
    path("bodies/", views.BodyListView.as_view(), name="body-list"),
    path("bodies/<int:body_id>/", views.body_detail, name="body-detail"),
    path("assignments/", views.AssignmentListView.as_view(), name="assignment-list"),
    path("import/", views.import_list, name="import-list"),
    path("import/template.xlsx", views.import_template, name="import-template"),
    path("import/<int:job_id>/", views.import_detail, name="import-detail"),
    path("import/<int:job_id>/confirm/", views.import_confirm, name="import-confirm"),
]
