"""What Mandat's middleware adds to a request, for the views to annotate with."""

from django.http import HttpRequest

from .access import Access
from .models import Organisation


class MandatRequest(HttpRequest):
    """Any request once the middleware ran: the organisation named in the
    address (None outside ``/o/<org_slug>/``) and the user's roles in it."""

    organisation: Organisation | None
    access: Access
    database_unavailable: bool


class OrganisationRequest(MandatRequest):
    """A request to a page under ``/o/<org_slug>/``, whose organisation the
    user holds a role in (``OrganisationMiddleware`` answered 404 otherwise)."""

    organisation: Organisation
