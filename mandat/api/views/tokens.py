"""The administrator's page of the organisation's API tokens: make one
(shown once), see when each was last used, revoke."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.forms import service_call
from mandat.core.pages import form_page, go
from mandat.core.permissions import allowed

from .. import permissions, selectors, services
from ..forms import TokenForm
from ..models import ApiToken

# The session key under which a new token waits to be shown, once.
NEW_TOKEN = "api_new_token"


def _to_list(request):
    return ("api:token-list", request.organisation.slug)


@allowed(permissions.can_manage_api_tokens)
def token_list(request):
    organisation = request.organisation

    def made(result):
        token, secret = result
        request.session[NEW_TOKEN] = {"id": token.pk, "secret": secret}
        return _("The token %(name)s was made. Copy it now: it is shown only once.") % {
            "name": token.name
        }

    return form_page(
        request,
        TokenForm(request.POST or None),
        "api/token_list.html",
        lambda: {
            "tokens": selectors.api_token_list(organisation=organisation),
            "new_token": request.session.pop(NEW_TOKEN, None),
        },
        save=lambda data: services.api_token_create(
            actor=request.user, organisation=organisation, **data
        ),
        done=lambda _result: _to_list(request),
        success=made,
    )


@require_POST
@allowed(permissions.can_manage_api_tokens)
def token_revoke(request, token_id):
    token = get_object_or_404(ApiToken, pk=token_id, organisation=request.organisation)
    service_call(
        request,
        lambda: services.api_token_revoke(actor=request.user, token=token),
        success=_("The token %(name)s is revoked.") % {"name": token.name},
    )
    return go(_to_list(request))
