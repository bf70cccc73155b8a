"""Throttling that holds: log-in failures counted per account (the address as
log-in compares it) and per client, the client found behind the documented
proxy, a lock that holds when the client is unknown, and requests for links
by e-mail limited per address and per client."""

import datetime

import pytest
from django.core import checks
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from mandat.accounts.models import AccountLink, LinkRequest
from mandat.accounts.services import TooManyRequestsError
from mandat.accounts.throttling import client_address
from mandat.core.access import Role

from .factories import PASSWORD
from .mail import link_in, received_for

pytestmark = pytest.mark.django_db

LOCKED = 429


@pytest.fixture
def slask(make_user, organisation):
    return make_user(Role.ELECTED, organisation, email="slaskroll@example.se")


def log_in(client, username, password="fel-losenord", **extra):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        **extra,
    )


def test_five_failures_lock_the_account_whatever_the_case_and_spaces_typed(
    client, slask
):
    variants = [
        "SlaskRoll@example.se",
        "SLASKROLL@example.se",
        " slaskroll@example.se",
        "slaskroll@EXAMPLE.SE ",
        "slaskroll@example.se",
    ]
    for variant in variants:
        log_in(client, variant)

    for variant in variants:
        assert log_in(client, variant, PASSWORD).status_code == LOCKED
    assert "_auth_user_id" not in client.session


def test_without_a_client_address_five_failures_lock_the_account(client, slask):
    codes = [
        log_in(client, "slaskroll@example.se", REMOTE_ADDR="").status_code
        for _attempt in range(5)
    ]

    response = log_in(client, "SlaskRoll@example.se", PASSWORD, REMOTE_ADDR="")

    assert codes == [200, 200, 200, 200, LOCKED]
    assert response.status_code == LOCKED
    assert "För många försök" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_from_one_client_leave_the_account_open_to_another(client, slask):
    for _attempt in range(5):
        log_in(client, "slaskroll@example.se", REMOTE_ADDR="198.51.100.7")

    assert (
        log_in(client, "slaskroll@example.se", REMOTE_ADDR="198.51.100.7").status_code
        == LOCKED
    )
    assert (
        log_in(
            client, "slaskroll@example.se", PASSWORD, REMOTE_ADDR="203.0.113.9"
        ).status_code
        == 302
    )


def test_failures_from_many_clients_lock_the_account(client, slask, settings):
    for number in range(settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT):
        log_in(client, "slaskroll@example.se", REMOTE_ADDR=f"198.51.100.{number + 1}")

    response = log_in(
        client, "slaskroll@example.se", PASSWORD, REMOTE_ADDR="203.0.113.9"
    )

    assert response.status_code == LOCKED


def test_failures_for_many_accounts_from_one_client_lock_the_client(
    client, slask, settings
):
    for number in range(settings.LOGIN_FAILURE_LIMIT_PER_CLIENT):
        log_in(client, f"gissning{number}@example.se", REMOTE_ADDR="198.51.100.7")

    locked = log_in(
        client, "slaskroll@example.se", PASSWORD, REMOTE_ADDR="198.51.100.7"
    )
    other = log_in(client, "slaskroll@example.se", PASSWORD, REMOTE_ADDR="203.0.113.9")

    assert locked.status_code == LOCKED
    assert other.status_code == 302


def test_behind_the_documented_proxy_each_client_is_counted_by_its_own_address(
    client, slask, settings
):
    settings.PROXY_COUNT = 1
    via_nginx = {"REMOTE_ADDR": "127.0.0.1"}
    for attempt in range(5):
        # The client writes its own X-Forwarded-For; nginx appends the
        # address it saw ($proxy_add_x_forwarded_for).
        log_in(
            client,
            "slaskroll@example.se",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}, 198.51.100.7",
            **via_nginx,
        )

    attacker = log_in(
        client,
        "slaskroll@example.se",
        PASSWORD,
        HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7",
        **via_nginx,
    )
    owner = log_in(
        client,
        "slaskroll@example.se",
        PASSWORD,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        **via_nginx,
    )

    assert attacker.status_code == LOCKED
    assert owner.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "198.51.100.7"}, "198.51.100.7"),
        (
            0,
            {"REMOTE_ADDR": "198.51.100.7", "HTTP_X_FORWARDED_FOR": "1.2.3.4"},
            "198.51.100.7",
        ),
        (0, {"REMOTE_ADDR": ""}, None),
        (0, {}, None),
        (0, {"REMOTE_ADDR": "unix:/run/mandat.sock"}, None),
        (
            1,
            {
                "REMOTE_ADDR": "127.0.0.1",
                "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7",
            },
            "198.51.100.7",
        ),
        (
            1,
            {"REMOTE_ADDR": "", "HTTP_X_FORWARDED_FOR": "198.51.100.7"},
            "198.51.100.7",
        ),
        (
            1,
            {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7:51234"},
            "198.51.100.7",
        ),
        (
            2,
            {
                "REMOTE_ADDR": "127.0.0.1",
                "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.7, 10.0.0.2",
            },
            "198.51.100.7",
        ),
        # Fewer addresses than proxies: the set-up is wrong, the client unknown.
        (2, {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}, None),
        (1, {"REMOTE_ADDR": "127.0.0.1"}, None),
        # Not from an allowed proxy: the peer itself is the client.
        (
            1,
            {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "1.2.3.4"},
            "203.0.113.9",
        ),
        (1, {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "nonsense"}, None),
        # One IPv6 client holds a whole /64.
        (0, {"REMOTE_ADDR": "2001:db8:1:2:aaaa::1"}, "2001:db8:1:2::"),
        (
            1,
            {
                "REMOTE_ADDR": "127.0.0.1",
                "HTTP_X_FORWARDED_FOR": "[2001:db8:1:2::9]:443",
            },
            "2001:db8:1:2::",
        ),
        (0, {"REMOTE_ADDR": "::ffff:198.51.100.7"}, "198.51.100.7"),
    ],
)
def test_the_client_address_is_found_as_the_proxy_set_up_says(
    settings, proxies, meta, expected
):
    settings.PROXY_COUNT = proxies
    request = RequestFactory().get("/")
    request.META.pop("REMOTE_ADDR", None)
    request.META.update(meta)

    assert client_address(request) == expected


def test_a_proxy_trusted_by_network_is_allowed(settings):
    settings.PROXY_COUNT = 1
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.0/8"]
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )

    assert client_address(request) == "198.51.100.7"


def test_a_tls_proxy_without_a_proxy_count_is_a_deploy_warning(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.PROXY_COUNT = 0

    found = checks.run_checks(include_deployment_checks=True, tags=["security"])

    assert "accounts.W001" in [message.id for message in found]


def test_a_locked_account_still_logs_in_with_a_link_by_e_mail(
    client, slask, smtp_server, django_capture_on_commit_callbacks
):
    for _attempt in range(5):
        log_in(client, "slaskroll@example.se")
    assert log_in(client, "slaskroll@example.se", PASSWORD).status_code == LOCKED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:login-link-request"), {"email": "slaskroll@example.se"}
        )

    client.post(link_in(received_for(smtp_server, "slaskroll@example.se")[0]))

    assert client.session["_auth_user_id"] == str(slask.pk)


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    def ask(name, email, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse(name), {"email": email}, **extra)

    return ask


def too_many_message() -> str:
    with translation.override("sv"):
        return str(TooManyRequestsError(retry_after=1).message)


@pytest.mark.parametrize(
    "name", ["accounts:login-link-request", "accounts:password-reset"]
)
def test_link_requests_for_one_address_are_throttled_alike_with_or_without_account(
    ask, slask, smtp_server, settings, name
):
    limit = settings.LINK_REQUEST_LIMIT_PER_ADDRESS
    for number in range(limit):
        client_ip = f"198.51.100.{number + 1}"
        assert (
            ask(name, "SlaskRoll@example.se", REMOTE_ADDR=client_ip).status_code == 302
        )
        assert ask(name, "okand@example.se", REMOTE_ADDR=client_ip).status_code == 302

    known = ask(name, " slaskroll@example.se", REMOTE_ADDR="203.0.113.9")
    unknown = ask(name, "OKAND@example.se", REMOTE_ADDR="203.0.113.9")

    assert known.status_code == unknown.status_code == 429
    for response in (known, unknown):
        assert too_many_message() in response.content.decode()
        assert int(response["Retry-After"]) > 0
    assert len(received_for(smtp_server, "slaskroll@example.se")) == limit


def test_link_requests_from_one_client_are_throttled(ask, slask, smtp_server, settings):
    for number in range(settings.LINK_REQUEST_LIMIT_PER_CLIENT):
        ask("accounts:login-link-request", f"person{number}@example.se")

    response = ask("accounts:password-reset", "slaskroll@example.se")
    elsewhere = ask(
        "accounts:password-reset", "slaskroll@example.se", REMOTE_ADDR="203.0.113.9"
    )

    assert response.status_code == 429
    assert gettext("Too many links") in str(TooManyRequestsError(retry_after=1))
    assert elsewhere.status_code == 302
    assert len(received_for(smtp_server, "slaskroll@example.se")) == 1


def test_without_a_client_address_link_requests_are_throttled_per_address(
    ask, slask, settings
):
    for _request in range(settings.LINK_REQUEST_LIMIT_PER_ADDRESS):
        ask("accounts:login-link-request", "slaskroll@example.se", REMOTE_ADDR="")

    response = ask(
        "accounts:login-link-request", "slaskroll@example.se", REMOTE_ADDR=""
    )
    other = ask("accounts:login-link-request", "annan@example.se", REMOTE_ADDR="")

    assert response.status_code == 429
    assert other.status_code == 302


def test_link_requests_are_allowed_again_after_an_hour(
    ask, slask, settings, monkeypatch
):
    for _request in range(settings.LINK_REQUEST_LIMIT_PER_ADDRESS):
        ask("accounts:login-link-request", "slaskroll@example.se")
    later = timezone.now() + datetime.timedelta(hours=1, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    response = ask("accounts:login-link-request", "slaskroll@example.se")

    assert response.status_code == 302


def test_old_requests_and_links_are_pruned(ask, slask, monkeypatch):
    from mandat.accounts.services import account_links_prune

    ask("accounts:login-link-request", "slaskroll@example.se")
    later = timezone.now() + datetime.timedelta(days=31)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert account_links_prune() == 2
    assert not LinkRequest.objects.exists()
    assert not AccountLink.objects.exists()
