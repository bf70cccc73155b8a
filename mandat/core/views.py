from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import selectors
from .forms import AuditFilterForm
from .http import OrganisationRequest
from .permissions import allowed, can_view_audit_trail
from .queries import window_page


@login_not_required
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    return redirect(static("favicon.svg"), permanent=True)


@login_not_required
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@login_not_required
@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer whether the application and its database are up (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


AUDIT_PAGE_SIZE = 50


@allowed(can_view_audit_trail)
def audit_list(request: OrganisationRequest) -> HttpResponse:
    form = AuditFilterForm(
        request.GET or None,
        object_types=selectors.audit_object_types(organisation=request.organisation),
    )
    entries = selectors.audit_entry_list(
        organisation=request.organisation,
        filters=form.cleaned_data if form.is_valid() else {},
    )
    # A page at a time without the total, which would read the whole trail.
    page = window_page(entries, request.GET.get("page"), AUDIT_PAGE_SIZE)
    return render(request, "core/audit_list.html", {"form": form, "page": page})
