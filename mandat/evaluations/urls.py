from django.urls import path

from . import views

app_name = "evaluations"

org = "o/<slug:org_slug>/"
one = org + "evaluations/<int:questionnaire_id>/"

urlpatterns = [
    path("e/<slug:token>/", views.answer, name="answer"),
    path(org + "evaluations/", views.questionnaire_list, name="questionnaire-list"),
    path(org + "evaluations/needs/", views.needs, name="need-list"),
    path(
        org + "trainings/<int:training_id>/evaluation/",
        views.evaluation_for_training,
        name="evaluation-for-training",
    ),
    path(one, views.questionnaire_detail, name="questionnaire-detail"),
    path(one + "status/", views.questionnaire_status, name="questionnaire-status"),
    path(one + "send/", views.questionnaire_send, name="questionnaire-send"),
    path(one + "questions/new/", views.question_edit, name="question-create"),
    path(
        one + "questions/<int:question_id>/", views.question_edit, name="question-edit"
    ),
    path(
        one + "questions/<int:question_id>/remove/",
        views.question_remove,
        name="question-remove",
    ),
    path(one + "results/", views.results, name="results"),
    path(one + "paper/", views.paper_answers, name="paper-answers"),
    path(one + "results/<int:question_id>/need/", views.need_add, name="need-add"),
]
