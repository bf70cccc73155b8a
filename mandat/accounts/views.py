from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.exceptions import ApplicationError
from mandat.directory import selectors as directory_selectors

from . import services
from .forms import MembershipForm, UserSettingsForm
from .models import Membership
from .permissions import can_manage_users


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def settings_view(request):
    form = UserSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_settings(
            user=request.user,
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Your settings were saved."))
        response = redirect("accounts:settings")
        response.set_cookie("django_language", form.cleaned_data["language"])
        return response
    return render(request, "accounts/settings.html", {"form": form})


def my_page(request):
    """Show the signed-in person their own assignments in this organisation."""
    assignments = directory_selectors.assignment_list_for_user(
        user=request.user, organisation=request.organisation, include_ended=True
    )
    return render(request, "accounts/my_page.html", {"assignments": assignments})


def membership_list(request):
    organisation = request.organisation
    if not can_manage_users(request.user, organisation):
        raise PermissionDenied
    form = MembershipForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_get_or_create(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
            )
            services.membership_create(
                actor=request.user,
                organisation=organisation,
                user=user,
                role=form.cleaned_data["role"],
                body=form.cleaned_data["body"],
            )
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The role was given."))
            return redirect("accounts:membership-list", organisation.slug)
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "body")
        .order_by("user__email", "role")
    )
    return render(
        request,
        "accounts/membership_list.html",
        {"form": form, "memberships": memberships},
    )


@require_POST
def membership_delete(request, membership_id):
    organisation = request.organisation
    if not can_manage_users(request.user, organisation):
        raise PermissionDenied
    membership = get_object_or_404(
        Membership, pk=membership_id, organisation=organisation
    )
    try:
        services.membership_delete(actor=request.user, membership=membership)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The role was taken away."))
    return redirect("accounts:membership-list", organisation.slug)
