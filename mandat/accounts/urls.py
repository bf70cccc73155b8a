from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import EmailAuthenticationForm

app_name = "accounts"

urlpatterns = [
    path(
        "accounts/login/",
        views.LoginView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/login/link/",
        views.login_link_request,
        name="login-link-request",
    ),
    path("accounts/login/link/sent/", views.login_link_sent, name="login-link-sent"),
    path("accounts/link/<slug:token>/", views.login_link, name="login-link"),
    path(
        "accounts/password-reset/",
        views.password_reset_request,
        name="password-reset",
    ),
    path(
        "accounts/password-reset/sent/",
        views.password_reset_done,
        name="password-reset-done",
    ),
    path("accounts/reset/<slug:token>/", views.password_set, name="password-set"),
    path(
        "accounts/password/",
        views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password-change-done")
        ),
        name="password-change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password-change-done",
    ),
    path("accounts/settings/", views.settings_view, name="settings"),
    path(
        "organisations/new/",
        views.organisation_create,
        name="organisation-create",
    ),
    path("accounts/sso/", views.sso_find, name="sso-find"),
    path("accounts/sso/<slug:slug>/", views.sso_start, name="sso-start"),
    path(
        "accounts/sso/<slug:slug>/callback/",
        views.sso_callback,
        name="sso-callback",
    ),
    path(
        "accounts/saml/<slug:slug>/metadata/",
        views.saml_metadata,
        name="saml-metadata",
    ),
    path("accounts/saml/<slug:slug>/acs/", views.saml_acs, name="saml-acs"),
    path("o/<slug:org_slug>/me/", views.my_page, name="my-page"),
    path(
        "o/<slug:org_slug>/users/sso/",
        views.single_sign_on_edit,
        name="single-sign-on",
    ),
    path("o/<slug:org_slug>/users/", views.membership_list, name="membership-list"),
    path(
        "o/<slug:org_slug>/users/<int:membership_id>/invite/",
        views.invitation_send,
        name="invitation-send",
    ),
    path(
        "o/<slug:org_slug>/users/<int:membership_id>/delete/",
        views.membership_delete,
        name="membership-delete",
    ),
]
