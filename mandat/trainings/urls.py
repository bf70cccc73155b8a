from django.urls import path

from . import views

app_name = "trainings"

org = "o/<slug:org_slug>/"

urlpatterns = [
    path("t/<slug:token>/", views.personal, name="personal"),
    path(
        "t/<slug:token>/calendar.ics",
        views.personal_calendar,
        name="personal-calendar",
    ),
    path(org + "my/trainings/", views.my_trainings, name="my-trainings"),
    path(
        org + "my/trainings/<int:training_id>/", views.my_training, name="my-training"
    ),
    path(org + "my/calendar/", views.my_feed, name="my-feed"),
    path(org + "plan/", views.plan_list, name="plan-list"),
    path(org + "plan/<int:plan_id>/", views.plan_detail, name="plan-detail"),
    path(
        org + "plan/<int:plan_id>/items/new/",
        views.plan_item_edit,
        name="plan-item-create",
    ),
    path(
        org + "plan/<int:plan_id>/items/<int:item_id>/",
        views.plan_item_edit,
        name="plan-item-edit",
    ),
    path(org + "trainings/", views.TrainingListView.as_view(), name="training-list"),
    path(org + "trainings/new/", views.training_create, name="training-create"),
    path(
        org + "trainings/<int:training_id>/",
        views.training_detail,
        name="training-detail",
    ),
    path(
        org + "trainings/<int:training_id>/edit/",
        views.training_edit,
        name="training-edit",
    ),
    path(
        org + "trainings/<int:training_id>/status/",
        views.training_status,
        name="training-status",
    ),
    path(
        org + "trainings/<int:training_id>/occasions/new/",
        views.occasion_create,
        name="occasion-create",
    ),
    path(org + "trainings/<int:training_id>/invite/", views.invite, name="invite"),
    path(
        org + "trainings/<int:training_id>/invite/send/",
        views.invite_send,
        name="invite-send",
    ),
    path(
        org + "trainings/<int:training_id>/invite/rules/<int:rule_id>/delete/",
        views.invite_rule_delete,
        name="invite-rule-delete",
    ),
    path(
        org + "trainings/<int:training_id>/documents/",
        views.document_upload,
        name="document-upload",
    ),
    path(
        org + "trainings/documents/<int:document_id>/",
        views.document_download,
        name="document-download",
    ),
    path(
        org + "trainings/occasions/<int:occasion_id>/edit/",
        views.occasion_edit,
        name="occasion-edit",
    ),
    path(
        org + "trainings/occasions/<int:occasion_id>/cancel/",
        views.occasion_cancel,
        name="occasion-cancel",
    ),
    path(
        org + "trainings/occasions/<int:occasion_id>/decide/",
        views.occasion_decide,
        name="occasion-decide",
    ),
    path(
        org + "trainings/occasions/<int:occasion_id>/participants/",
        views.participants,
        name="participants",
    ),
    path(
        org + "trainings/occasions/<int:occasion_id>/participants/add/",
        views.register_on_behalf,
        name="register-on-behalf",
    ),
    path(
        org + "trainings/occasions/<int:occasion_id>/participants/add-many/",
        views.register_many,
        name="register-many",
    ),
    path(
        org + "trainings/occasions/<int:occasion_id>/contributors/",
        views.contributor_add,
        name="contributor-add",
    ),
    path(
        org + "trainings/contributors/<int:contributor_id>/delete/",
        views.contributor_remove,
        name="contributor-remove",
    ),
    path(
        org + "trainings/registrations/<int:registration_id>/change/",
        views.registration_change,
        name="registration-change",
    ),
    path(
        org + "trainings/occasions/<int:occasion_id>/checkin/",
        views.checkin,
        name="checkin",
    ),
    path(
        org + "trainings/occasions/<int:occasion_id>/checkin/mark/",
        views.checkin_mark,
        name="checkin-mark",
    ),
]
