"""Log-in with e-mail and password, throttling, password reset by e-mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from mandat.core.access import Role

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client, email, password=PASSWORD):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}
    )


def test_log_in_with_e_mail_in_any_case_goes_to_the_organisation(
    client, make_user, organisation
):
    make_user(Role.COORDINATOR, organisation, email="cora@example.se")

    response = log_in(client, "Cora@Example.SE")

    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).request[
        "PATH_INFO"
    ] == reverse("portal:dashboard", args=[organisation.slug])


def test_a_wrong_password_gives_a_swedish_message_next_to_the_form(
    client, make_user, organisation
):
    make_user(Role.COORDINATOR, organisation, email="cora@example.se")

    response = log_in(client, "cora@example.se", "fel")

    assert response.status_code == 200
    assert "E-postadressen eller lösenordet är fel." in response.content.decode()


def test_log_in_is_blocked_after_five_failures(client, make_user, organisation):
    make_user(Role.COORDINATOR, organisation, email="cora@example.se")
    for _ in range(5):
        log_in(client, "cora@example.se", "fel")

    response = log_in(client, "cora@example.se")

    assert response.status_code == 429
    assert "För många försök" in response.content.decode()


def test_password_reset_by_e_mail_sets_a_new_password(
    client, make_user, organisation, django_capture_on_commit_callbacks
):
    make_user(Role.ELECTED, organisation, email="elin@example.se")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": "ELIN@example.se"})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to[0].endswith("<elin@example.se>")
    assert message.subject == "Välj ett nytt lösenord för Mandat"
    link = re.search(r"https?://\S+/accounts/reset/\S+/", message.body).group(0)
    form_page = client.get(link, follow=True)
    new_password = "ett-helt-nytt-losenord-2026"
    client.post(
        form_page.request["PATH_INFO"],
        {"new_password1": new_password, "new_password2": new_password},
    )
    client.logout()
    assert log_in(client, "elin@example.se", new_password).status_code == 302


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:password-reset"),
            {"email": "okand@example.se"},
            follow=True,
        )

    assert mail.outbox == []
    assert response.status_code == 200


def test_the_interface_is_swedish_whatever_the_browser_asks_for(
    client, make_user, organisation
):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US")

    assert '<html lang="sv">' in response.content.decode()
    assert "Logga in" in response.content.decode()


def test_the_language_switch_turns_the_interface_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("accounts:login"))

    assert '<html lang="en">' in response.content.decode()
    assert "Log in to Mandat" in response.content.decode()
