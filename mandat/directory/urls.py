from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/new/", views.person_create, name="person-create"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person-edit"),
    path(
        "people/<int:person_id>/assignments/new/",
        views.person_assignment_create,
        name="person-assignment-create",
    ),
    path(
        "assignments/<int:assignment_id>/edit/",
        views.assignment_edit,
        name="assignment-edit",
    ),
    path(
        "assignments/<int:assignment_id>/end/",
        views.assignment_end,
        name="assignment-end",
    ),
    path("bodies/new/", views.body_create, name="body-create"),
    path("bodies/new-several/", views.bodies_create, name="bodies-create"),
    path("bodies/<int:body_id>/edit/", views.body_edit, name="body-edit"),
    path(
        "bodies/<int:body_id>/members/new/",
        views.body_assignment_create,
        name="body-assignment-create",
    ),
    path("target-groups/", views.target_group_list, name="target-group-list"),
    path(
        "target-groups/<int:target_group_id>/",
        views.target_group_detail,
        name="target-group-detail",
    ),
    path(
        "target-groups/<int:target_group_id>/rules/<int:rule_id>/delete/",
        views.target_rule_delete,
        name="target-rule-delete",
    ),
    path("parties/", views.party_list, name="party-list"),
    path("parties/<int:party_id>/", views.party_edit, name="party-edit"),
    path("periods/", views.period_list, name="period-list"),
    path("periods/<int:period_id>/", views.period_edit, name="period-edit"),
    path("people/search/", views.person_search, name="person-search"),
    path("people/<int:person_id>/", views.person_detail, name="person-detail"),
    path("bodies/", views.BodyListView.as_view(), name="body-list"),
    path("bodies/<int:body_id>/", views.body_detail, name="body-detail"),
    path("assignments/", views.AssignmentListView.as_view(), name="assignment-list"),
    path("import/", views.import_list, name="import-list"),
    path("import/sync/", views.register_sync, name="register-sync"),
    path("import/template.xlsx", views.import_template, name="import-template"),
    path("import/<int:job_id>/", views.import_detail, name="import-detail"),
    path("import/<int:job_id>/confirm/", views.import_confirm, name="import-confirm"),
]
