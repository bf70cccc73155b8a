from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from mandat.core.addresses import absolute_url
from mandat.core.forms import service_call, service_error
from mandat.core.pages import form_page, found
from mandat.core.permissions import allowed, require
from mandat.directory import selectors as directory_selectors

from . import oidc, saml, selectors, services
from .forms import (
    EmailAuthenticationForm,
    EmailLinkRequestForm,
    MembershipForm,
    OrganisationOnboardForm,
    SingleSignOnForm,
    UserSettingsForm,
)
from .models import AccountLink, Membership, SingleSignOn, email_domain
from .permissions import can_manage_users
from .throttling import client_address

# A link signs in through the model backend, as a password does.
LINK_BACKEND = "django.contrib.auth.backends.ModelBackend"
PASSWORD_LINKS = (AccountLink.Purpose.INVITATION, AccountLink.Purpose.PASSWORD_RESET)
# The log-in page lists up to this many organisations' own log-ins; an
# installation with more gives each its own address (/accounts/sso/<org>/).
SSO_LISTED_MAX = 12
# The organisation whose log-in this browser found by its address, shown
# first on the log-in page the next time.
SSO_COOKIE = "mandat_sso"
SSO_COOKIE_SECONDS = 365 * 24 * 60 * 60


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context |= _login_context(self.request)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        services.sign_in_record(user=form.get_user())
        return response


def _login_context(request) -> dict:
    """What the log-in page shows besides its form: the organisations' own
    log-ins, the one this browser used last first."""
    providers = list(selectors.single_sign_on_list_in_use()[: SSO_LISTED_MAX + 1])
    remembered = request.COOKIES.get(SSO_COOKIE, "")
    return {
        "login_link_minutes": settings.LOGIN_LINK_TIMEOUT // 60,
        "sso_providers": providers[:SSO_LISTED_MAX],
        "sso_more": len(providers) > SSO_LISTED_MAX,
        "sso_remembered": selectors.single_sign_on_in_use(slug=remembered)
        if remembered
        else None,
        "sso_by_domain": selectors.single_sign_on_domains_exist(),
    }


@require_POST
@login_not_required
def sso_find(request):
    """The log-in page's "Log in through my organisation": the organisation
    whose e-mail domain the address typed has, and a button to its own
    log-in (a page, not a redirect: the log-in page's form may lead only to
    Mandat, and browsers hold the redirects of a form to that too)."""
    address = request.POST.get("username", "").strip()
    config = selectors.single_sign_on_for_domain(email_domain(address))
    if config is None:
        form = EmailAuthenticationForm(request, data={"username": address})
        form.errors.clear()
        form.add_error(
            "username",
            _(
                "No organisation in Mandat signs in with addresses like this "
                "one. Log in with your password or a link by e-mail."
            ),
        )
        context = {"form": form, "next": request.POST.get("next", "")}
        return render(request, "accounts/login.html", context | _login_context(request))
    response = render(request, "accounts/sso_found.html", {"config": config})
    response.set_cookie(
        SSO_COOKIE,
        config.organisation.slug,
        max_age=SSO_COOKIE_SECONDS,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )
    return response


def _link_request(request, *, purpose: str, template: str, done: str):
    data = None
    if request.method == "POST":
        # The log-in page's "Send a log-in link" button posts its form, whose
        # address field is the log-in's; its password is not read.
        address = request.POST.get("email", request.POST.get("username", ""))
        data = {"email": address}
    form = EmailLinkRequestForm(data)
    context = {"form": form, "login_link_minutes": settings.LOGIN_LINK_TIMEOUT // 60}
    if request.method == "POST" and form.is_valid():
        try:
            services.link_request_create(
                purpose=purpose,
                email=form.cleaned_data["email"],
                client=client_address(request),
            )
        except services.TooManyRequestsError as error:
            service_error(form, error)
            response = render(request, template, context, status=429)
            response["Retry-After"] = str(error.extra["retry_after"])
            return response
        return redirect(done)
    return render(request, template, context)


@login_not_required
def login_link_request(request):
    """Ask for a one-time link by e-mail that logs in without a password."""
    return _link_request(
        request,
        purpose=AccountLink.Purpose.LOGIN,
        template="accounts/login_link_request.html",
        done="accounts:login-link-sent",
    )


@login_not_required
def login_link_sent(request):
    return render(
        request,
        "accounts/login_link_sent.html",
        {"login_link_minutes": settings.LOGIN_LINK_TIMEOUT // 60},
    )


@login_not_required
def password_reset_request(request):
    """Ask for a one-time link by e-mail to choose a new password."""
    return _link_request(
        request,
        purpose=AccountLink.Purpose.PASSWORD_RESET,
        template="accounts/password_reset_form.html",
        done="accounts:password-reset-done",
    )


@login_not_required
def password_reset_done(request):
    return render(
        request,
        "accounts/password_reset_done.html",
        {"reset_hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
    )


def _link_invalid(request):
    return render(request, "accounts/link_invalid.html", status=404)


@login_not_required
def login_link(request, token):
    """The link of a log-in e-mail. Opening it shows a button; only the
    button logs in, so a mail filter that opens links does not use it up."""
    link = selectors.account_link_valid(
        token=token, purposes=(AccountLink.Purpose.LOGIN,)
    )
    if link is None:
        return _link_invalid(request)
    if request.method == "POST":
        try:
            user = services.login_link_use(token=token)
        except services.LinkInvalidError:
            return _link_invalid(request)
        auth_login(request, user, backend=LINK_BACKEND)
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/login_link.html", {"link_user": link.user})


@login_not_required
def password_set(request, token):
    """The link of an invitation or a new-password e-mail: choose a password,
    and be logged in."""
    link = selectors.account_link_valid(token=token, purposes=PASSWORD_LINKS)
    if link is None:
        return _link_invalid(request)
    # The form only checks the password; the service saves it and uses the
    # link in one transaction (the form's own save is never called).
    form = SetPasswordForm(link.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.password_set_with_link(
                token=token, password=form.cleaned_data["new_password1"]
            )
        except services.LinkInvalidError:
            return _link_invalid(request)
        auth_login(request, user, backend=LINK_BACKEND)
        messages.success(request, _("Your password is saved and you are logged in."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "accounts/password_set.html",
        {
            "form": form,
            "link_user": link.user,
            "invitation": link.purpose == AccountLink.Purpose.INVITATION,
        },
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change the password; an account that has none (invited, or logging
    in by links) chooses one without giving an old one."""

    template_name = "accounts/password_change_form.html"

    def get_form_class(self):
        if not self.request.user.has_usable_password():
            return SetPasswordForm
        return super().get_form_class()


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


@allowed(can_manage_users)
def membership_list(request):
    organisation = request.organisation
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "body")
        .order_by("user__email", "role")
    )
    return form_page(
        request,
        MembershipForm(request.POST or None, organisation=organisation),
        "accounts/membership_list.html",
        {"memberships": memberships},
        save=lambda data: services.membership_give(
            actor=request.user, organisation=organisation, **data
        ),
        done=lambda _membership: ("accounts:membership-list", organisation.slug),
        success=_membership_given,
    )


def _membership_given(membership) -> str:
    user = membership.user
    if user.last_login is None and not user.has_usable_password():
        return _(
            "The role was given. %(email)s has an invitation by "
            "e-mail with a link to choose a password."
        ) % {"email": user.email}
    return _("The role was given.")


@require_POST
@allowed(can_manage_users)
def invitation_send(request, membership_id):
    """Send a new invitation to the holder of a role who never logged in."""
    organisation = request.organisation
    membership = get_object_or_404(
        Membership.objects.select_related("user"),
        pk=membership_id,
        organisation=organisation,
    )
    user = membership.user
    service_call(
        request,
        lambda: services.invitation_send(
            actor=request.user, organisation=organisation, user=user
        ),
        success=_("A new invitation is on its way to %(email)s.")
        % {"email": user.email},
    )
    return redirect("accounts:membership-list", organisation.slug)


@require_POST
@allowed(can_manage_users)
def membership_delete(request, membership_id):
    organisation = request.organisation
    membership = get_object_or_404(
        Membership, pk=membership_id, organisation=organisation
    )
    service_call(
        request,
        lambda: services.membership_delete(actor=request.user, membership=membership),
        success=_("The role was taken away."),
    )
    return redirect("accounts:membership-list", organisation.slug)


def organisation_create(request):
    """The installation's administrator adds a municipality, a region or a
    network and invites its first coordinator."""
    require(request.user.is_superuser)
    form = OrganisationOnboardForm(request.POST or None)

    def onboarded(result) -> str:
        organisation, link = result
        if link:
            text = _("%(name)s is ready; %(email)s got an invitation by e-mail.")
        else:
            text = _("%(name)s is ready; %(email)s finds it among their organisations.")
        email = form.cleaned_data["coordinator_email"]
        return text % {"name": organisation.name, "email": email}

    return form_page(
        request,
        form,
        "accounts/organisation_form.html",
        save=lambda data: services.organisation_onboard(actor=request.user, **data),
        done=lambda _result: "portal:home",
        success=onboarded,
    )


def _sso_redirect_uri(slug: str) -> str:
    return absolute_url(reverse("accounts:sso-callback", args=[slug]))


def _sso_refused(request, message: str, *, status: int, config=None):
    return render(
        request,
        "accounts/sso_refused.html",
        {"message": message, "config": config},
        status=status,
    )


@login_not_required
def sso_start(request, slug):
    """The organisation's own log-in address: on to its identity provider."""
    config = found(selectors.single_sign_on_in_use(slug=slug))
    try:
        if config.is_saml:
            return saml.authentication_redirect(request, config)
        return oidc.authorization_redirect(
            request, config=config, redirect_uri=_sso_redirect_uri(slug)
        )
    except (oidc.SignOnProtocolError, saml.SignOnProtocolError):
        message = _(
            "%(provider)s does not answer. Try again in a while, or log in "
            "with a link by e-mail."
        ) % {"provider": config.name}
        return _sso_refused(request, message, status=502, config=config)


def _sso_answer_refused(request, config):
    message = _(
        "The sign-in through %(provider)s could not be completed: its "
        "answer was not valid or came too late. Start again."
    ) % {"provider": config.name}
    return _sso_refused(request, message, status=400, config=config)


def _sso_finish(request, config, claims):
    """Find or create the account the checked claims sign in to, and sign in."""
    try:
        user = services.sso_sign_in(organisation=config.organisation, claims=claims)
    except services.SignOnRefusedError as error:
        return _sso_refused(request, str(error), status=403, config=config)
    auth_login(request, user, backend=LINK_BACKEND)
    return redirect(settings.LOGIN_REDIRECT_URL)


@login_not_required
def sso_callback(request, slug):
    """Where an OpenID Connect provider sends the browser back: check its
    answer, find or create the account, and sign in."""
    config = found(selectors.single_sign_on_in_use(slug=slug))
    if config.is_saml:
        return _sso_answer_refused(request, config)
    try:
        claims = oidc.claims_from_callback(request, config=config)
    except oidc.SignOnProtocolError:
        return _sso_answer_refused(request, config)
    return _sso_finish(request, config, claims)


@login_not_required
def saml_metadata(request, slug):
    """Mandat's SAML metadata as the organisation's service provider, for
    its identity provider."""
    config = found(selectors.single_sign_on_saml(slug=slug))
    try:
        metadata = saml.metadata(config)
    except saml.SignOnProtocolError:
        message = _(
            "Mandat's SAML key for %(organisation)s cannot be used; its "
            "administrator saves the single sign-on again to make a new one."
        ) % {"organisation": config.organisation}
        return _sso_refused(request, message, status=503, config=None)
    return HttpResponse(metadata, content_type="application/samlmetadata+xml")


# The provider's answer is a POST from its own site, with no CSRF token of
# Mandat's: its signature, its InResponseTo and the request cookie of this
# browser stand in for one.
@csrf_exempt
@require_POST
@login_not_required
def saml_acs(request, slug):
    """Where a SAML provider posts its answer: check it, find or create the
    account, and sign in."""
    config = found(selectors.single_sign_on_in_use(slug=slug))
    if not config.is_saml:
        return _sso_answer_refused(request, config)
    try:
        claims = saml.claims_from_answer(request, config)
    except saml.SignOnProtocolError:
        return saml.spend(_sso_answer_refused(request, config), slug)
    return saml.spend(_sso_finish(request, config, claims), slug)


@allowed(can_manage_users)
def single_sign_on_edit(request):
    """The organisation's identity provider, set up by its administrator."""
    organisation = request.organisation
    config = SingleSignOn.objects.filter(organisation=organisation).first()
    form = SingleSignOnForm(request.POST or None, instance=config)
    return form_page(
        request,
        form,
        "accounts/single_sign_on_form.html",
        {
            "config": config,
            "redirect_uri": _sso_redirect_uri(organisation.slug),
            "saml": saml.addresses(organisation.slug),
            "saml_key_lost": config is not None and saml.key_lost(config),
            "login_uri": absolute_url(
                reverse("accounts:sso-start", args=[organisation.slug])
            ),
        },
        save=lambda data: services.single_sign_on_save(
            actor=request.user, organisation=organisation, **data
        ),
        done=lambda _config: ("accounts:single-sign-on", organisation.slug),
        success=_("The single sign-on was saved."),
    )
