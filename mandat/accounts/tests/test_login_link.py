"""Log-in with a one-time link sent to the e-mail: asked for on the log-in
page, received, opened, logged in; a link reused, too old or made up gives a
Swedish page, and the answer never shows whether an address has an account."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from mandat.accounts import services
from mandat.accounts.models import AccountLink
from mandat.core.access import Role
from mandat.core.models import AuditEntry

from .factories import UserFactory
from .mail import link_in, received_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def elin(make_user, organisation):
    return make_user(Role.ELECTED, organisation, email="elin@example.se")


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a log-in link on the log-in page's form."""

    def ask(email, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("accounts:login-link-request"), {"email": email}, **extra
            )

    return ask


def is_logged_in(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


def test_the_log_in_page_offers_a_log_in_link(client):
    page = client.get(reverse("accounts:login")).content.decode()

    assert f'formaction="{reverse("accounts:login-link-request")}"' in page
    with translation.override("sv"):
        assert gettext("Send a log-in link") in page


def test_a_log_in_link_is_asked_for_received_opened_and_logs_in(
    client, elin, smtp_server, organisation, django_capture_on_commit_callbacks
):
    # The log-in page's form, sent with its "Send a log-in link" button.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:login-link-request"),
            {"username": "  Elin@Example.SE ", "password": "", "next": ""},
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login-link-sent")
    [mail] = received_for(smtp_server, "elin@example.se")
    path = link_in(mail)
    assert path.startswith("/accounts/link/")
    # Opening the link (or a mail filter opening it) does not log in yet.
    page = client.get(path)
    assert page.status_code == 200
    assert not is_logged_in(client, elin)

    response = client.post(path)

    assert response.status_code == 302
    assert is_logged_in(client, elin)
    assert client.get(reverse("portal:home"), follow=True).request["PATH_INFO"] == (
        reverse("portal:dashboard", args=[organisation.slug])
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN)
    assert entry.actor == elin
    assert entry.object_id == str(elin.pk)


def test_a_log_in_link_works_once(client, ask, elin, smtp_server):
    ask("elin@example.se")
    path = link_in(received_for(smtp_server, "elin@example.se")[0])
    client.post(path)
    client.logout()

    response = client.post(path)

    assert response.status_code == 404
    assert not is_logged_in(client, elin)
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "Länken gäller inte längre" in page


def test_a_log_in_link_stops_working_after_its_time(
    client, ask, elin, smtp_server, settings, monkeypatch
):
    ask("elin@example.se")
    path = link_in(received_for(smtp_server, "elin@example.se")[0])
    after = timezone.now() + datetime.timedelta(seconds=settings.LOGIN_LINK_TIMEOUT + 1)
    monkeypatch.setattr(timezone, "now", lambda: after)

    response = client.post(path)

    assert settings.LOGIN_LINK_TIMEOUT <= 30 * 60
    assert response.status_code == 404
    assert not is_logged_in(client, elin)


def test_using_a_log_in_link_ends_the_earlier_ones(client, ask, elin, smtp_server):
    ask("elin@example.se")
    ask("elin@example.se")
    first, second = (link_in(m) for m in received_for(smtp_server, "elin@example.se"))

    client.post(second)
    client.logout()

    assert client.post(first).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/link/gissad-token-som-inte-finns-alls-0123456789abcdef/",
        "/accounts/link/x/",
        "/accounts/reset/gissad-token-som-inte-finns-alls-0123456789abcdef/",
        "/accounts/link/" + "A" * 2000 + "/",
    ],
)
def test_a_made_up_link_gives_a_swedish_page(client, path):
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 404
        assert '<html lang="sv">' in response.content.decode()
        assert "Länken gäller inte längre" in response.content.decode()


def test_a_log_in_link_cannot_set_a_password_nor_an_invitation_log_in(
    client, ask, elin, smtp_server
):
    ask("elin@example.se")
    token = link_in(received_for(smtp_server, "elin@example.se")[0]).split("/")[-2]

    response = client.get(reverse("accounts:password-set", args=[token]))

    assert response.status_code == 404


def test_a_closed_account_gets_no_link_and_its_links_stop_working(
    client, ask, elin, smtp_server
):
    ask("elin@example.se")
    path = link_in(received_for(smtp_server, "elin@example.se")[0])
    elin.is_active = False
    elin.save()

    ask("elin@example.se")

    assert len(received_for(smtp_server, "elin@example.se")) == 1
    assert client.post(path).status_code == 404


def test_the_answer_is_the_same_for_an_address_without_an_account(
    client, ask, elin, smtp_server
):
    known = ask("elin@example.se")
    unknown = ask("okand@example.se")

    assert (known.status_code, known["Location"]) == (
        unknown.status_code,
        unknown["Location"],
    )
    assert received_for(smtp_server, "okand@example.se") == []
    sent = client.get(known["Location"])
    assert sent.status_code == 200
    assert "elin@example.se" not in sent.content.decode()


def test_an_account_without_an_organisation_gets_no_mail(ask, smtp_server):
    UserFactory(email="ensam@example.se")

    response = ask("ensam@example.se")

    assert response.status_code == 302
    assert smtp_server.messages == []


def test_a_request_handled_twice_sends_one_link(elin, smtp_server, run_on_commit):
    request = services.link_request_create(
        purpose=AccountLink.Purpose.LOGIN, email="elin@example.se", client=None
    )

    run_on_commit(services.link_request_process, request_id=request.pk)
    run_on_commit(services.link_request_process, request_id=request.pk)

    assert AccountLink.objects.count() == 1


def test_the_password_log_in_is_in_the_audit_trail(client, elin):
    from .factories import PASSWORD

    client.post(
        reverse("accounts:login"), {"username": "elin@example.se", "password": PASSWORD}
    )

    assert AuditEntry.objects.filter(
        actor=elin, action=AuditEntry.Action.LOGIN
    ).exists()


def test_an_account_logged_in_by_link_chooses_a_password_without_an_old_one(
    client, make_user, organisation
):
    user = make_user(Role.ELECTED, organisation, email="utan@example.se")
    user.set_unusable_password()
    user.save()
    client.force_login(user)

    client.post(
        reverse("accounts:password-change"),
        {
            "new_password1": "mitt-forsta-losenord",
            "new_password2": "mitt-forsta-losenord",
        },
    )

    user.refresh_from_db()
    assert user.check_password("mitt-forsta-losenord")


def test_the_outbox_shows_a_coordinator_that_a_log_in_link_was_sent_not_the_link(
    client, ask, elin, smtp_server, coordinator, organisation
):
    from mandat.notifications.models import Message

    ask("elin@example.se")
    path = link_in(received_for(smtp_server, "elin@example.se")[0])
    message = Message.objects.get(
        event="accounts.login_link", organisation=organisation
    )
    client.force_login(coordinator)

    page = client.get(
        reverse("notifications:message-detail", args=[organisation.slug, message.pk])
    )

    assert page.status_code == 200
    assert path.split("/")[-2] not in page.content.decode()
