from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.downloads import download_response
from mandat.core.exceptions import ApplicationError
from mandat.core.forms import service_call, service_error
from mandat.core.pages import found
from mandat.core.permissions import allowed
from mandat.core.queries import window_page

from . import permissions, selectors, services
from .feeds import feed_calendar
from .forms import MessageFilterForm, MessageTemplateForm
from .models import CalendarFeed, Message
from .registry import EVENTS

OUTBOX_PAGE_SIZE = 50


@allowed(permissions.can_view_outbox)
def outbox(request):
    form = MessageFilterForm(request.GET or None)
    items = selectors.message_list(
        organisation=request.organisation,
        filters=form.cleaned_data if form.is_valid() else {},
    )
    # A page without the total: counting every message the organisation
    # ever sent would read its whole history.
    page = window_page(items, request.GET.get("page"), OUTBOX_PAGE_SIZE)
    for message in page.object_list:
        # A coordinator's own wording may put the link in the subject.
        message.subject = selectors.text_without_personal_links(message.subject)
    return render(
        request,
        "notifications/outbox.html",
        {
            "form": form,
            "page": page,
            "counts": selectors.message_counts(organisation=request.organisation),
            "sent_days": selectors.SENT_DAYS,
        },
    )


@allowed(permissions.can_view_outbox)
def message_detail(request, message_id):
    message = get_object_or_404(
        Message, pk=message_id, organisation=request.organisation
    )
    return render(
        request,
        "notifications/message_detail.html",
        {
            "message": message,
            # The recipient's personal links act in their name: the page
            # shows that one was sent, never the link.
            "subject": selectors.text_without_personal_links(message.subject)
            or _("(being written by the worker)"),
            "body": selectors.text_without_personal_links(message.body_text),
        },
    )


@allowed(permissions.can_view_outbox)
def message_calendar(request, message_id):
    message = get_object_or_404(
        Message, pk=message_id, organisation=request.organisation
    )
    if not message.calendar:
        raise Http404
    return download_response(
        message.calendar.encode("utf-8"),
        filename=f"mandat-{message.pk}.ics",
        content_type="text/calendar; charset=utf-8",
    )


@require_POST
@allowed(permissions.can_view_outbox)
def message_resend(request, message_id):
    message = get_object_or_404(
        Message, pk=message_id, organisation=request.organisation
    )
    service_call(
        request,
        lambda: services.message_resend(message=message),
        success=_("The message is queued again."),
    )
    return redirect(
        "notifications:message-detail", request.organisation.slug, message.pk
    )


@allowed(permissions.can_edit_templates)
def template_list(request):
    custom = set(
        request.organisation.message_templates.values_list("event", "language")
    )
    events = [
        {"spec": spec, "custom": (key, "sv") in custom}
        for key, spec in sorted(EVENTS.items())
    ]
    return render(request, "notifications/template_list.html", {"events": events})


@allowed(permissions.can_edit_templates)
def template_edit(request, event):
    spec = found(EVENTS.get(event))
    language = request.GET.get("language") or request.POST.get("language") or "sv"
    if language not in ("sv", "en"):
        raise Http404
    current = request.organisation.message_templates.filter(
        event=event, language=language
    ).first()
    initial = {"language": language}
    if current:
        initial.update(subject=current.subject, body=current.body)
    else:
        initial.update(selectors.builtin_template_source(spec))
    form = MessageTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("action") == "reset":
            services.message_template_reset(
                actor=request.user,
                organisation=request.organisation,
                event=event,
                language=language,
            )
            messages.success(request, _("The built-in wording is used again."))
            return redirect("notifications:template-list", request.organisation.slug)
        if form.is_valid():
            try:
                services.message_template_save(
                    actor=request.user,
                    organisation=request.organisation,
                    event=event,
                    language=language,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                )
            except ApplicationError as error:
                service_error(form, error)
            else:
                messages.success(request, _("The wording was saved."))
                return redirect(
                    "notifications:template-list", request.organisation.slug
                )
    example = None
    if not spec.editable:
        example = selectors.message_example(
            organisation=request.organisation, event=event
        )
    return render(
        request,
        "notifications/template_form.html",
        {"form": form, "spec": spec, "custom": current is not None, "example": example},
    )


@login_not_required
def feed(request, token):
    """The calendar subscription; the token is the only key, so it can be revoked."""
    subscription = get_object_or_404(
        CalendarFeed.objects.select_related("person"),
        token=token,
        revoked_at__isnull=True,
    )
    response = HttpResponse(
        feed_calendar(subscription), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    return response
