"""A new account gets an invitation by e-mail with a one-time link to choose
its password; the link works once and expires, and an account without a
password can still ask for a new-password link."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from mandat.accounts.models import AccountLink, Membership, User
from mandat.core.access import Role
from mandat.core.models import AuditEntry
from mandat.notifications.models import Message

from .mail import link_in, received_for, text_of

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ett-eget-valt-losenord-2026"


@pytest.fixture
def invite(client, administrator, organisation, django_capture_on_commit_callbacks):
    """Give a role to a new address on the roles page, as the administrator."""

    def give(email="Ny.Ledamot@example.se", role=Role.ELECTED, full_name=""):
        client.force_login(administrator)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("accounts:membership-list", args=[organisation.slug]),
                {"email": email, "role": role, "full_name": full_name},
            )
        client.logout()
        return response

    return give


def choose_password(client, path, password=NEW_PASSWORD):
    return client.post(path, {"new_password1": password, "new_password2": password})


def test_a_new_account_is_invited_chooses_a_password_and_logs_in_with_it(
    client, invite, smtp_server, settings, organisation
):
    settings.SITE_URL = "https://mandat.exempelby.se"

    assert invite(full_name="Nina Ny").status_code == 302

    [mail] = received_for(smtp_server, "ny.ledamot@example.se")
    assert mail["To"] == "Nina Ny <ny.ledamot@example.se>"
    text = text_of(mail)
    assert "Exempelby kommun" in text
    assert "https://mandat.exempelby.se/accounts/reset/" in text
    path = link_in(mail)
    page = client.get(path)
    assert page.status_code == 200
    assert "ny.ledamot@example.se" in page.content.decode()

    response = choose_password(client, path)

    assert response.status_code == 302
    assert client.get(reverse("portal:home"), follow=True).request["PATH_INFO"] == (
        reverse("portal:dashboard", args=[organisation.slug])
    )
    client.logout()
    login = client.post(
        reverse("accounts:login"),
        {"username": "NY.LEDAMOT@example.se", "password": NEW_PASSWORD},
    )
    assert login.status_code == 302
    user = User.objects.get(email="ny.ledamot@example.se")
    assert (
        AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.LOGIN).count()
        == 2
    )


def test_the_invitation_is_in_the_language_of_the_account(
    invite, smtp_server, organisation
):
    User.objects.create_user(email="eng@example.se", language="en")

    invite(email="eng@example.se")

    [mail] = received_for(smtp_server, "eng@example.se")
    assert mail["Subject"] == "Your account in Mandat, Exempelby kommun"


def test_the_invitation_link_works_once(client, invite, smtp_server):
    invite()
    path = link_in(received_for(smtp_server, "ny.ledamot@example.se")[0])
    choose_password(client, path)
    client.logout()

    again = client.get(path)
    second = choose_password(client, path, "ett-annat-losenord-2027")

    assert again.status_code == 404
    assert second.status_code == 404
    with translation.override("sv"):
        assert gettext("Link not valid") in second.content.decode()
    assert '<html lang="sv">' in second.content.decode()
    assert User.objects.get(email="ny.ledamot@example.se").check_password(NEW_PASSWORD)


def test_the_invitation_link_expires(
    client, invite, smtp_server, settings, monkeypatch
):
    invite()
    path = link_in(received_for(smtp_server, "ny.ledamot@example.se")[0])
    later = timezone.now() + datetime.timedelta(seconds=settings.INVITATION_TIMEOUT)
    monkeypatch.setattr(timezone, "now", lambda: later + datetime.timedelta(1))

    response = choose_password(client, path)

    assert response.status_code == 404
    assert not User.objects.get(email="ny.ledamot@example.se").has_usable_password()
    assert "_auth_user_id" not in client.session


def test_a_second_role_sends_no_second_invitation(invite, smtp_server):
    invite(role=Role.ELECTED)
    invite(role=Role.OFFICIAL)

    assert len(received_for(smtp_server, "ny.ledamot@example.se")) == 1


def test_an_account_that_already_has_a_password_gets_no_invitation(
    invite, smtp_server, make_user
):
    make_user(email="van@example.se")

    invite(email="van@example.se")

    assert received_for(smtp_server, "van@example.se") == []


def test_a_role_refused_leaves_no_account_and_sends_nothing(
    invite, organisation, smtp_server
):
    response = invite(email="sek@example.se", role=Role.COMMITTEE_SECRETARY)

    assert response.status_code == 200
    assert not User.objects.filter(email="sek@example.se").exists()
    assert smtp_server.messages == []


def test_an_account_without_a_password_gets_a_new_password_link(
    client, invite, smtp_server, django_capture_on_commit_callbacks, organisation
):
    invite()
    AccountLink.objects.update(expires_at=timezone.now())  # the invitation is old

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:password-reset"), {"email": " Ny.Ledamot@EXAMPLE.se"}
        )

    invitation, reset = received_for(smtp_server, "ny.ledamot@example.se")
    assert reset["Subject"] == "Välj ett nytt lösenord för Mandat"
    choose_password(client, link_in(reset))
    assert User.objects.get(email="ny.ledamot@example.se").check_password(NEW_PASSWORD)
    # The mail went through the organisation's outbox, like all mail.
    assert Message.objects.filter(
        organisation=organisation, event="accounts.password_reset"
    ).exists()


def test_only_a_hash_of_the_token_is_stored(invite, smtp_server):
    invite()
    token = link_in(received_for(smtp_server, "ny.ledamot@example.se")[0]).split("/")[
        -2
    ]

    [link] = AccountLink.objects.all()
    assert token not in link.token_hash
    assert len(token) >= 43


def test_the_invitation_sent_again_replaces_the_first(
    client,
    invite,
    smtp_server,
    administrator,
    organisation,
    django_capture_on_commit_callbacks,
):
    invite()
    role = Membership.objects.get(user__email="ny.ledamot@example.se")
    url = reverse("accounts:invitation-send", args=[organisation.slug, role.pk])
    client.force_login(administrator)
    roles_page = client.get(
        reverse("accounts:membership-list", args=[organisation.slug])
    ).content.decode()
    assert f'action="{url}"' in roles_page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    client.logout()

    assert response.status_code == 302
    first, second = received_for(smtp_server, "ny.ledamot@example.se")
    assert choose_password(client, link_in(first)).status_code == 404
    assert choose_password(client, link_in(second)).status_code == 302


def test_an_account_in_use_or_of_another_organisation_is_not_invited_again(
    client, administrator, organisation, other_organisation, make_user
):
    used = make_user(Role.ELECTED, organisation, email="anvand@example.se")
    theirs = make_user(Role.ELECTED, other_organisation, email="deras@example.se")
    theirs.set_unusable_password()
    theirs.save()
    client.force_login(administrator)

    in_use = client.post(
        reverse(
            "accounts:invitation-send",
            args=[organisation.slug, used.memberships.get().pk],
        ),
        follow=True,
    )
    elsewhere = client.post(
        reverse(
            "accounts:invitation-send",
            args=[organisation.slug, theirs.memberships.get().pk],
        )
    )

    assert in_use.status_code == 200
    assert not AccountLink.objects.exists()
    assert elsewhere.status_code == 404


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_only_an_administrator_sends_invitations(client, make_user, organisation, role):
    from mandat.directory.tests.factories import BodyFactory

    invited = make_user(Role.ELECTED, organisation, email="ny@example.se")
    body = BodyFactory(organisation=organisation)
    client.force_login(
        make_user(
            role, organisation, body=body if role == Role.COMMITTEE_SECRETARY else None
        )
    )

    response = client.post(
        reverse(
            "accounts:invitation-send",
            args=[organisation.slug, invited.memberships.get().pk],
        )
    )

    assert response.status_code == 403
