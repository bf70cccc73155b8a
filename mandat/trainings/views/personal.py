"""The elected official's own pages and the personal link of an invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.exceptions import ApplicationError
from mandat.core.services import LinkActor
from mandat.notifications import feeds

from .. import selectors, services
from ..forms import (
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
    person the link belongs to on a personal link."""
    occasions = list(
        selectors.occasion_counts(
            training.occasions.filter(status=Occasion.Status.PLANNED)
        ).prefetch_related("sessions")
    )
    current = (
        Registration.objects.filter(
            training=training, person=person, status__in=["registered", "waiting"]
        )
        .select_related("occasion")
        .first()
    )
    open_occasions = [
        o for o in occasions if not o.has_started and not o.deadline_passed
    ]
    form = RegistrationForm(
        request.POST if request.POST.get("action") == "register" else None,
        occasions=Occasion.objects.filter(pk__in=[o.pk for o in open_occasions])
        .prefetch_related("sessions")
        .annotate(**_counts()),
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "register" and form.is_valid():
                registration = services.registration_create(
                    actor=actor,
                    occasion=form.cleaned_data["occasion"],
                    person=person,
                    invitation=invitation,
                    dietary_needs=form.cleaned_data["dietary_needs"],
                    accessibility_needs=form.cleaned_data["accessibility_needs"],
                )
                if registration.status == Registration.Status.REGISTERED:
                    messages.success(
                        request,
                        _(
                            "You are registered. A confirmation is on its way "
                            "by e-mail."
                        ),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "The occasion is full: you are on the waiting list "
                            "and get an e-mail if a place frees up."
                        ),
                    )
                return redirect(request.get_full_path())
            if action == "cancel" and current is not None:
                services.registration_cancel(
                    actor=actor,
                    registration=current,
                )
                messages.success(request, _("Your registration is cancelled."))
                return redirect(request.get_full_path())
        except ApplicationError as error:
            form.add_error(None, error.message)
    context = {
        "person": person,
        "training": training,
        "occasions": occasions,
        "current": current,
        "form": form,
        "can_register": training.accepts_registrations and bool(open_occasions),
        **(extra or {}),
    }
    return render(request, template, context)


def _counts():
    return {
        "registered_count": Count(
            "registrations", filter=Q(registrations__status="registered")
        )
    }


@login_not_required
def personal(request, token):
    """The personal link in an invitation: register or cancel without logging in.

    The link acts for the invited person only; a forwarded link cannot
    register anyone else."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("training__organisation", "person"),
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
        extra={"invitation": invitation, "page_org": training.organisation},
    )


def my_trainings(request):
    person = selectors.my_person(user=request.user, organisation=request.organisation)
    if person is None:
        return render(request, "trainings/my_trainings.html", {"person": None})
    context = selectors.trainings_for_person(person=person)
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
    person = selectors.my_person(user=request.user, organisation=request.organisation)
    if person is None:
        raise Http404
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
    )


@require_POST
def my_feed(request):
    person = selectors.my_person(user=request.user, organisation=request.organisation)
    if person is None:
        raise Http404
    if request.POST.get("action") == "revoke":
        feeds.feed_revoke(person=person)
        messages.success(
            request,
            _("The calendar address no longer works. Make a new one when you want."),
        )
    else:
        feeds.feed_create(person=person)
        messages.success(
            request,
            _(
                "Your calendar address is ready. Add it to your calendar "
                "as a subscription."
            ),
        )
    return redirect("trainings:my-trainings", request.organisation.slug)
