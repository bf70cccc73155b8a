from django.shortcuts import redirect, render

from mandat.core.access import organisation_list_for_user

from . import selectors


def home(request):
    """Send the user to their organisation, or let them pick one."""
    organisations = list(organisation_list_for_user(request.user))
    if len(organisations) == 1:
        return redirect("portal:dashboard", organisations[0].slug)
    return render(
        request, "portal/organisation_choose.html", {"organisations": organisations}
    )


def dashboard(request):
    context = selectors.dashboard_figures(
        organisation=request.organisation, user=request.user
    )
    return render(request, "portal/dashboard.html", context)
