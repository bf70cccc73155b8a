from django.urls import path

from . import views

app_name = "meetings"

org = "o/<slug:org_slug>/"
group = org + "groups/<int:group_id>/"
meeting = org + "meetings/<int:meeting_id>/"
item = meeting + "items/<int:agenda_item_id>/"

urlpatterns = [
    path("a/<slug:token>/", views.approval_answer, name="approval-answer"),
    path(
        "a/<slug:token>/document/",
        views.approval_answer_document,
        name="approval-answer-document",
    ),
    path(org + "groups/", views.group_list, name="group-list"),
    path(org + "groups/new/", views.group_create, name="group-create"),
    path(group, views.group_detail, name="group-detail"),
    path(group + "settings/", views.group_edit, name="group-edit"),
    path(group + "members/", views.member_add, name="member-add"),
    path(
        group + "members/<int:assignment_id>/end/",
        views.member_end,
        name="member-end",
    ),
    path(group + "participants/", views.participant_add, name="participant-add"),
    path(
        group + "participants/<int:participant_id>/end/",
        views.participant_end,
        name="participant-end",
    ),
    path(group + "hosts/", views.host_turn_set, name="host-turn-set"),
    path(
        group + "member-organisations/",
        views.network_member_add,
        name="network-member-add",
    ),
    path(group + "meetings/new/", views.meeting_create, name="meeting-create"),
    path(group + "meetings/term/", views.meeting_term, name="meeting-term"),
    path(group + "commissions/new/", views.commission_create, name="commission-create"),
    path(group + "approvals/new/", views.approval_create, name="approval-create"),
    path(
        org + "commissions/<int:commission_id>/",
        views.commission_detail,
        name="commission-detail",
    ),
    path(
        org + "approvals/<int:approval_id>/",
        views.approval_detail,
        name="approval-detail",
    ),
    path(
        org + "approvals/<int:approval_id>/document/",
        views.approval_document,
        name="approval-document",
    ),
    path(meeting, views.meeting_detail, name="meeting-detail"),
    path(meeting + "edit/", views.meeting_edit, name="meeting-edit"),
    path(meeting + "cancel/", views.meeting_cancel, name="meeting-cancel"),
    path(meeting + "notice/", views.notice, name="notice"),
    path(meeting + "calendar.ics", views.meeting_calendar, name="meeting-calendar"),
    path(meeting + "attendance/", views.attendance, name="attendance"),
    path(meeting + "items/new/", views.item_create, name="item-create"),
    path(item, views.item_edit, name="item-edit"),
    path(item + "move/", views.item_move, name="item-move"),
    path(item + "delete/", views.item_delete, name="item-delete"),
    path(item + "approve/", views.minutes_approve, name="minutes-approve"),
    path(item + "correct/", views.minutes_correct, name="minutes-correct"),
    path(meeting + "documents/", views.document_add, name="document-add"),
    path(
        meeting + "documents/<int:meeting_document_id>/",
        views.document_download,
        name="document-download",
    ),
    path(
        meeting + "documents/<int:meeting_document_id>/delete/",
        views.document_remove,
        name="document-remove",
    ),
    path(meeting + "actions/new/", views.action_item_create, name="action-create"),
    path(
        org + "actions/<int:action_id>/",
        views.action_item_status,
        name="action-status",
    ),
    path(meeting + "minutes/", views.minutes, name="minutes"),
    path(meeting + "minutes.pdf", views.minutes_pdf, name="minutes-pdf"),
    path(meeting + "minutes.docx", views.minutes_word, name="minutes-word"),
    path(meeting + "minutes.zip", views.minutes_package, name="minutes-package"),
    path(
        meeting + "minutes/finalise/", views.minutes_finalise, name="minutes-finalise"
    ),
    path(
        meeting + "minutes/register/", views.minutes_register, name="minutes-register"
    ),
    path(org + "my/actions/", views.my_actions, name="my-actions"),
]
