from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("cal/<slug:token>.ics", views.feed, name="feed"),
    path("o/<slug:org_slug>/outbox/", views.outbox, name="outbox"),
    path(
        "o/<slug:org_slug>/outbox/<int:message_id>/",
        views.message_detail,
        name="message-detail",
    ),
    path(
        "o/<slug:org_slug>/outbox/<int:message_id>/calendar.ics",
        views.message_calendar,
        name="message-calendar",
    ),
    path(
        "o/<slug:org_slug>/outbox/<int:message_id>/resend/",
        views.message_resend,
        name="message-resend",
    ),
    path("o/<slug:org_slug>/messages/", views.template_list, name="template-list"),
    path(
        "o/<slug:org_slug>/messages/<str:event>/",
        views.template_edit,
        name="template-edit",
    ),
]
