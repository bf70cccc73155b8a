"""What every response carries and what every failure shows: a strict
Content-Security-Policy, nothing of a signed-in page kept in a cache, Swedish
pages for a refused form and for 400/403/404/500, and personal tokens kept
out of the logs."""

import logging
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mandat.core import errors
from mandat.core.access import Role
from mandat.core.security import MASK, AccessLogger, MaskTokensFilter, mask_tokens
from mandat.directory.tests.factories import BodyFactory, PersonFactory
from mandat.knowledge.selectors import embed_url
from mandat.testing.pdfs import needs_pdf
from mandat.testing.responses import read_to_end
from mandat.trainings.models import TrainingDocument
from mandat.trainings.tests.factories import (
    InvitationFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; frame-src https://www.youtube-nocookie.com "
    "https://player.vimeo.com; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'none'; object-src 'none'"
)


def _directives(header: str) -> dict[str, str]:
    return dict(part.strip().partition(" ")[::2] for part in header.split(";"))


def test_pages_public_and_signed_in_carry_the_strict_policy(
    client, coordinator, organisation
):
    public = client.get(reverse("accounts:login"))
    client.force_login(coordinator)
    signed_in = client.get(reverse("portal:dashboard", args=[organisation.slug]))
    missing = client.get("/no-such-page/")

    for response in (public, signed_in, missing):
        assert _directives(response["Content-Security-Policy"]) == _directives(POLICY)


def test_the_policy_lets_exactly_the_film_players_mandat_embeds_be_framed():
    examples = [
        "https://www.youtube.com/watch?v=abcdefghijk",
        "https://youtu.be/abcdefghijk",
        "https://vimeo.com/123456",
    ]
    origins = {
        "{0.scheme}://{0.netloc}".format(urlsplit(embed_url(url))) for url in examples
    }
    allowed = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]
    assert origins == set(allowed)


def test_signed_in_pages_and_personal_links_are_not_stored_but_public_ones_are(
    client, coordinator, organisation
):
    invitation = InvitationFactory(
        training__organisation=organisation,
        training__status="published",
        person__organisation=organisation,
    )
    login = client.get(reverse("accounts:login"))
    statement = client.get(reverse("core:accessibility"))
    static = client.get("/static/css/mandat.css")
    read_to_end(static)
    personal = client.get(reverse("trainings:personal", args=[invitation.token]))
    client.force_login(coordinator)
    pages = [
        client.get(reverse("portal:dashboard", args=[organisation.slug])),
        client.get(reverse("trainings:training-list", args=[organisation.slug])),
        client.get(reverse("accounts:settings")),
        client.get("/no-such-page/"),
    ]

    assert personal.status_code == 200
    assert [page["Cache-Control"] for page in [*pages, personal]] == ["no-store"] * 5
    assert login.status_code == 200  # Django's log-in view is never cached.
    assert "no-store" not in statement.get("Cache-Control", "")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")


def test_a_refused_form_gets_mandats_own_page_not_djangos_english_one(
    coordinator, organisation
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)

    response = client.post(reverse("accounts:settings"), {"full_name": "X"})

    assert response.status_code == 403
    assert "csrf_failure.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "CSRF verification failed" not in page
    assert '<html lang="sv">' in page
    assert response["Content-Security-Policy"]


def test_page_not_found_and_not_allowed_are_swedish_pages_with_the_menu(
    client, make_user, organisation
):
    client.force_login(make_user(Role.ELECTED, organisation))

    missing = client.get("/no-such-page/")
    refused = client.get(reverse("core:audit-list", args=[organisation.slug]))

    assert missing.status_code == 404
    assert "Sidan hittades inte" in missing.content.decode()
    assert refused.status_code == 403
    assert "Åtkomst nekad" in refused.content.decode()


def test_a_bad_request_gets_a_swedish_page_that_stands_alone(client):
    response = client.get("/", headers={"host": "evil.example"})

    assert response.status_code == 400
    assert "Felaktig förfrågan" in response.content.decode()


def test_the_400_and_500_pages_need_neither_the_request_nor_the_database():
    request = RequestFactory().get("/")  # no user, no session, no organisation
    with CaptureQueriesContext(connection) as queries:
        server_error = errors.server_error(request)
        bad_request = errors.bad_request(request, ValueError("x"))

    assert len(queries) == 0
    assert server_error.status_code == 500
    assert "Något gick fel" in server_error.content.decode()
    assert bad_request.status_code == 400
    assert "Felaktig förfrågan" in bad_request.content.decode()


def test_the_urls_name_mandats_error_handlers():
    from config import urls

    assert urls.handler400 == "mandat.core.errors.bad_request"
    assert urls.handler500 == "mandat.core.errors.server_error"
    assert settings.CSRF_FAILURE_VIEW == "mandat.core.errors.csrf_failure"


# Tokens in logs ----------------------------------------------------------------------

SECRET = "Zq8-Xy_secret_Tok3n_abcdefghij"


@pytest.mark.parametrize(
    "line",
    [
        f"GET /t/{SECRET}/ HTTP/1.1",
        f"POST /a/{SECRET}/document/ HTTP/1.1",
        f"GET /e/{SECRET}/ HTTP/1.1",
        f"GET /cal/{SECRET}.ics HTTP/1.1",
        f"GET /accounts/reset/{SECRET}/ HTTP/1.1",
        f"GET /accounts/link/{SECRET}/ HTTP/1.1",
        f"GET /x/?token={SECRET}&next=/ HTTP/1.1",
        f"Not Found: /t/{SECRET}/",
    ],
)
def test_personal_tokens_are_masked_wherever_a_log_line_has_them(line):
    masked = mask_tokens(line)

    assert SECRET not in masked
    assert MASK in masked


def test_ordinary_addresses_are_logged_as_they_are():
    line = "GET /o/exempelby/trainings/12/?q=budget HTTP/1.1"
    assert mask_tokens(line) == line


def test_gunicorns_access_log_line_masks_the_token_in_path_query_and_referrer():
    class Config:
        access_log_format = '%(h)s "%(r)s" %(s)s "%(f)s" %(U)s %(q)s'

    class Response:
        status = "200 OK"
        sent = 10
        headers = []

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/t/{SECRET}/?token={SECRET}",
        "PATH_INFO": f"/t/{SECRET}/",
        "QUERY_STRING": f"token={SECRET}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://mandat.example.se/e/{SECRET}/",
        "REMOTE_ADDR": "127.0.0.1",
    }
    logger = AccessLogger.__new__(AccessLogger)
    logger.cfg = Config()
    import datetime

    atoms = logger.atoms(Response(), [], environ, datetime.timedelta(seconds=1))

    assert not [key for key, value in atoms.items() if SECRET in str(value)]
    assert atoms["r"] == f"GET /t/{MASK}/?token={MASK} HTTP/1.1"


def test_djangos_own_log_lines_are_masked_by_the_console_handler():
    handler = settings.LOGGING["handlers"]["console"]
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", None, None
    )
    record.args = (f"/t/{SECRET}/",)

    assert "mask_tokens" in handler["filters"]
    assert MaskTokensFilter().filter(record)
    assert SECRET not in record.getMessage()


# Training documents ----------------------------------------------------------------


def test_a_committee_secretary_cannot_download_another_committees_document(
    client, make_user, organisation
):
    social, culture = BodyFactory.create_batch(2, organisation=organisation)
    secretary = make_user(Role.COMMITTEE_SECRETARY, organisation, body=social)
    ours = TrainingFactory(organisation=organisation, responsible_body=social)
    theirs = TrainingFactory(organisation=organisation, responsible_body=culture)
    documents = {
        training: TrainingDocument.objects.create(
            training=training,
            title="Program",
            file=SimpleUploadedFile("program.pdf", b"%PDF-1.7"),
            content_type="application/pdf",
            size=8,
        )
        for training in (ours, theirs)
    }
    invited = PersonFactory(organisation=organisation)
    InvitationFactory(training=theirs, person=invited)
    elected = make_user(Role.ELECTED, organisation)
    invited.account = elected
    invited.save()

    def download(user, training):
        client.force_login(user)
        url = reverse(
            "trainings:document-download",
            args=[organisation.slug, documents[training].pk],
        )
        response = client.get(url)
        read_to_end(response)
        return response.status_code

    assert download(secretary, ours) == 200
    assert download(secretary, theirs) == 404
    assert download(elected, theirs) == 200
    assert download(elected, ours) == 403


# Stored right-to-left overrides ---------------------------------------------------

RTL = "Budget \u202e2027 kr\u202c och \u2066plan\u2069"


@needs_pdf
def test_overrides_stored_before_input_was_cleaned_cannot_reverse_minutes(
    coordinator_client, coordinator, organisation
):
    """Text is cleaned on the way in; what was stored before still must not
    read in another order on the minutes page, in its PDF and its Word file."""
    from mandat.meetings import services as meetings
    from mandat.meetings.models import AgendaItem
    from mandat.meetings.tests.factories import at, steering_group
    from mandat.testing.documents import docx_text, pdf_text

    group = steering_group(organisation)
    meeting = meetings.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=at("2026-12-03", "13:30"),
        ends_at=at("2026-12-03", "14:30"),
    )
    item = meetings.item_create(actor=coordinator, meeting=meeting, title="Budget")
    AgendaItem.objects.filter(pk=item.pk).update(title=RTL, notes=f"<p>{RTL}</p>")

    def get(name):
        url = reverse(f"meetings:{name}", args=[organisation.slug, meeting.pk])
        response = coordinator_client.get(url)
        assert response.status_code == 200
        return response.content

    page = get("minutes").decode()
    pdf = pdf_text(get("minutes-pdf"))
    word = docx_text(get("minutes-word"))

    for text in (page, pdf, word):
        assert not any(mark in text for mark in "\u202a\u202b\u202d\u202e\u2066")
    assert "Budget 2027 kr och plan" in page
