from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from . import views
from .forms import EmailAuthenticationForm, PasswordResetRequestForm

app_name = "accounts"

urlpatterns = [
    path(
        "accounts/login/",
        views.LoginView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        login_not_required(
            auth_views.PasswordResetView.as_view(
                form_class=PasswordResetRequestForm,
                template_name="accounts/password_reset_form.html",
                email_template_name="accounts/emails/password_reset.txt",
                html_email_template_name="accounts/emails/password_reset.html",
                subject_template_name="accounts/emails/password_reset.subject.txt",
                success_url=reverse_lazy("accounts:password-reset-done"),
            )
        ),
        name="password-reset",
    ),
    path(
        "accounts/password-reset/sent/",
        login_not_required(
            auth_views.PasswordResetDoneView.as_view(
                template_name="accounts/password_reset_done.html"
            )
        ),
        name="password-reset-done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        login_not_required(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="accounts/password_reset_confirm.html",
                success_url=reverse_lazy("accounts:password-reset-complete"),
            )
        ),
        name="password-reset-confirm",
    ),
    path(
        "accounts/reset/done/",
        login_not_required(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="accounts/password_reset_complete.html"
            )
        ),
        name="password-reset-complete",
    ),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change_form.html",
            success_url=reverse_lazy("accounts:password-change-done"),
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
    path("o/<slug:org_slug>/me/", views.my_page, name="my-page"),
    path("o/<slug:org_slug>/users/", views.membership_list, name="membership-list"),
    path(
        "o/<slug:org_slug>/users/<int:membership_id>/delete/",
        views.membership_delete,
        name="membership-delete",
    ),
]
