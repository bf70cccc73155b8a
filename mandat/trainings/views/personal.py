"""The elected official's own pages and the personal link of an invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mandat.core.downloads import download_response
from mandat.core.exceptions import ApplicationError
from mandat.core.forms import service_error
from mandat.core.pages import found
from mandat.core.services import LinkActor
from mandat.notifications import feeds
from mandat.notifications import services as notification_services

from .. import selectors, services
from ..forms import (
    DeclineForm,
    RegistrationForm,
)
from ..models import (
    Invitation,
    Occasion,
    Registration,
    Training,
)

# The elected official's pages ------------------------------------------------------


def _registration_page(
    request, *, person, training, invitation, template, actor, extra=None
):
    """What the personal link and the official's own page share: the training,
    the occasions, this person's registration, register and cancel. ``actor``
    is who the audit trail names: the signed-in user on their own page, the
    person the link belongs to on a personal link.

    A POST that succeeds only registers or cancels and redirects: it reads
    what the service needs and none of what the page shows, which is built
    only when the page is answered (a GET, or a POST with an error)."""
    form, error = None, None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "register":
            form = RegistrationForm(
                request.POST,
                occasions=training.occasions.filter(status=Occasion.Status.PLANNED),
            )
            if form.is_valid():
                try:
                    registration = services.registration_create(
                        actor=actor,
                        occasion=form.cleaned_data["occasion"],
                        person=person,
                        invitation=invitation,
                        dietary_needs=form.cleaned_data["dietary_needs"],
                        accessibility_needs=form.cleaned_data["accessibility_needs"],
                    )
                except ApplicationError as exception:
                    error = exception
                else:
                    messages.success(request, _registered_message(registration))
                    return redirect(request.get_full_path())
        elif action == "decline" and invitation is not None:
            decline = DeclineForm(request.POST)
            if decline.is_valid():
                try:
                    services.invitation_decline(
                        actor=actor,
                        invitation=invitation,
                        reason=decline.cleaned_data["reason"],
                    )
                except ApplicationError as exception:
                    error = exception
                else:
                    messages.success(
                        request,
                        _(
                            "Thank you for your answer: you have declined. You can "
                            "still register here while registration is open."
                        ),
                    )
                    return redirect(request.get_full_path())
        elif action == "cancel":
            current = _current_registration(training=training, person=person)
            if current is not None:
                try:
                    services.registration_cancel(actor=actor, registration=current)
                except ApplicationError as exception:
                    error = exception
                else:
                    messages.success(request, _("Your registration is cancelled."))
                    return redirect(request.get_full_path())
    return _registration_page_render(
        request,
        person=person,
        training=training,
        template=template,
        data=request.POST if form is not None else None,
        error=error,
        extra={"invitation": invitation, **(extra or {})},
    )


def _registered_message(registration) -> str:
    if registration.status == Registration.Status.REGISTERED:
        return _("You are registered. A confirmation is on its way by e-mail.")
    return _(
        "The occasion is full: you are on the waiting list "
        "and get an e-mail if a place frees up."
    )


def _current_registration(*, training, person):
    return (
        Registration.objects.filter(
            training=training,
            person=person,
            status__in=[Registration.Status.REGISTERED, Registration.Status.WAITING],
        )
        .select_related("occasion")
        .first()
    )


def _registration_page_render(
    request, *, person, training, template, data=None, error=None, extra=None
):
    """Answer the page: the occasions with their places left, the person's
    registration, and the form (``data`` bound to it after a failed POST,
    ``error`` from the service beside it)."""
    occasions = list(
        selectors.occasion_counts(
            training.occasions.filter(status=Occasion.Status.PLANNED)
        )
        .prefetch_related("sessions")
        .order_by("starts_at", "id")
    )
    open_occasions = [
        o for o in occasions if not o.has_started and not o.deadline_passed
    ]
    form = RegistrationForm(
        data,
        occasions=selectors.occasion_counts(
            Occasion.objects.filter(pk__in=[o.pk for o in open_occasions])
        )
        .prefetch_related("sessions")
        .order_by("starts_at", "id"),
    )
    if error is not None:
        service_error(form, error)
    current = _current_registration(training=training, person=person)
    invitation = (extra or {}).get("invitation")
    context = {
        "person": person,
        "training": training,
        "occasions": occasions,
        "current": current,
        "form": form,
        "decline_form": DeclineForm(),
        "declined": invitation is not None and invitation.declined_at is not None,
        # A digital or hybrid occasion: its link, once registered.
        "meeting_url": current.occasion.meeting_url
        if current is not None
        and current.status == Registration.Status.REGISTERED
        and current.occasion.format != Occasion.Format.ON_SITE
        else "",
        "can_register": training.accepts_registrations and bool(open_occasions),
        **(extra or {}),
    }
    return render(request, template, context)


@login_not_required
def personal(request, token):
    """The personal link in an invitation: register or cancel without logging in.

    The link acts for the invited person only; a forwarded link cannot
    register anyone else."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("training__organisation", "person__account"),
        token=token,
    )
    training = invitation.training
    if training.status in (Training.Status.DRAFT,):
        raise Http404
    request.organisation_for_page = training.organisation
    return _registration_page(
        request,
        person=invitation.person,
        training=training,
        invitation=invitation,
        template="trainings/personal.html",
        actor=LinkActor(
            person=invitation.person,
            user=request.user if request.user.is_authenticated else None,
        ),
        extra={
            "page_org": training.organisation,
            "calendar_url": reverse("trainings:personal-calendar", args=[token]),
        },
    )


def my_trainings(request):
    person = selectors.my_person(user=request.user, organisation=request.organisation)
    if person is None:
        return render(request, "trainings/my_trainings.html", {"person": None})
    context = selectors.trainings_for_person(
        person=person, history_page=request.GET.get("page")
    )
    feed = feeds.feed_for(person)
    return render(
        request,
        "trainings/my_trainings.html",
        {
            "person": person,
            **context,
            "feed": feed,
            "feed_url": feeds.feed_url(feed) if feed else "",
            "feed_subscribe_url": feeds.feed_subscribe_url(feed) if feed else "",
        },
    )


def my_training(request, training_id):
    person = found(
        selectors.my_person(user=request.user, organisation=request.organisation)
    )
    invitation = get_object_or_404(
        Invitation.objects.select_related("training"),
        training_id=training_id,
        person=person,
        training__organisation=request.organisation,
    )
    if invitation.training.status == Training.Status.DRAFT:
        raise Http404
    return _registration_page(
        request,
        person=person,
        training=invitation.training,
        invitation=invitation,
        template="trainings/my_training.html",
        actor=request.user,
        extra={
            "calendar_url": reverse(
                "trainings:personal-calendar", args=[invitation.token]
            ),
        },
    )


@login_not_required
@require_GET
def personal_calendar(request, token):
    """The calendar file of the person's registration, to open or import:
    the same entry (UID, times, link) the e-mail's invitation carries."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("training"), token=token
    )
    registration = found(
        Registration.objects.filter(
            training=invitation.training,
            person_id=invitation.person_id,
            status=Registration.Status.REGISTERED,
        )
        .select_related("occasion__training", "person")
        .first()
    )
    content = services.registration_calendar_file(registration)
    return download_response(
        content.encode("utf-8"),
        filename=f"{invitation.training.title}.ics",
        content_type="text/calendar; charset=utf-8",
    )


@require_POST
def my_feed(request):
    person = found(
        selectors.my_person(user=request.user, organisation=request.organisation)
    )
    if request.POST.get("action") == "revoke":
        notification_services.calendar_feed_revoke(actor=request.user, person=person)
        messages.success(
            request,
            _("The calendar address no longer works. Make a new one when you want."),
        )
    else:
        notification_services.calendar_feed_create(actor=request.user, person=person)
        messages.success(
            request,
            _(
                "Your calendar address is ready. Add it to your calendar "
                "as a subscription."
            ),
        )
    return redirect("trainings:my-trainings", request.organisation.slug)
