"""How a page answers, the one way: a form page that calls one service
(``form_page``), a form posted from another page (``form_post``) and a
record a selector did not find (``found``). The views of every app use
these instead of writing out try/except/else, messages and redirects."""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .exceptions import ApplicationError
from .forms import service_call, service_error

T = TypeVar("T")

# Where to go next: an address, what redirect() takes (a view's name and its
# arguments), or a redirect made already.
Target = str | tuple[Any, ...] | HttpResponse


def found(record: T | None) -> T:
    """``record``, or 404 when the selector did not find it (it is not
    there, or it belongs to an organisation or a body the user may not
    see: the same answer for both, so nothing shows that it exists)."""
    if record is None:
        raise Http404
    return record


def go(target: Target) -> HttpResponse:
    """Redirect to ``target``: an address or a view's name with arguments."""
    if isinstance(target, HttpResponse):
        return target
    if isinstance(target, tuple):
        return redirect(*target)
    return redirect(target)


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    template: str | Callable[[Any], HttpResponse],
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
    *,
    save: Callable[[dict[str, Any]], T],
    done: Callable[[T], Target],
    success: str | Callable[[T], str] = "",
    names: dict[str, str] | None = None,
    default: str | None = None,
) -> HttpResponse:
    """Answer a form page. On a valid POST ``save`` (one service) gets the
    cleaned data; the person goes on to ``done(result)`` with ``success``
    (a message, or a function of the result) shown there. A refusal goes
    next to its field (``service_error`` with ``names`` and ``default``) and
    the page is shown again with what was typed; so is an invalid form, and
    a GET shows ``template`` with ``form`` and ``context`` (a function
    when it costs queries that a saved form would not need). A form posted
    from a page of several forms (a group's page: add a member, add a
    participant) passes, instead of a template, the function that shows
    that page with the bound form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ApplicationError as error:
            service_error(form, error, names=names, default=default)
        else:
            message = success(result) if callable(success) else success
            if message:
                messages.success(request, message)
            return go(done(result))
    if callable(template):
        return template(form)
    if callable(context):
        context = context()
    return render(request, template, {"form": form, **(context or {})})


def form_post(
    request: HttpRequest,
    form: forms.BaseForm,
    call: Callable[[dict[str, Any]], object],
    *,
    success: str = "",
) -> bool:
    """Handle a small form posted from another page (add a member, set a
    budget): a valid form runs ``call`` with the cleaned data through
    ``service_call``; an invalid one puts its errors in error messages, as
    the page it came from shows no form of its own to put them next to.
    Return whether it succeeded; the view redirects back either way."""
    if form.is_valid():
        return service_call(request, lambda: call(form.cleaned_data), success=success)
    for errors in form.errors.values():
        messages.error(request, " ".join(str(error) for error in errors))
    return False
