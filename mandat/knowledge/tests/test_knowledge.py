"""The film library and the handbook: captions required to publish, valid
WebVTT, sanitised Markdown, versions, reviews, watched films."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mandat.core.exceptions import ApplicationError
from mandat.directory.tests.factories import PersonFactory
from mandat.knowledge import services
from mandat.knowledge.models import Film, HandbookSection
from mandat.knowledge.webvtt import webvtt_errors
from mandat.notifications.models import Message

pytestmark = pytest.mark.django_db

VTT = (
    b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n"
    b"V\xc3\xa4lkomna till grundutbildningen.\n"
)


def _film(organisation, **fields):
    return services.film_save(
        actor=None,
        organisation=organisation,
        title="Kommunallagen",
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        **fields,
    )


def test_webvtt_is_checked_line_by_line():
    assert webvtt_errors(VTT) == []
    assert webvtt_errors(b"00:00:01.000 --> 00:00:04.000\nText") != []
    assert webvtt_errors(b"WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nBakl\xc3\xa4nges")
    assert webvtt_errors(b"WEBVTT\n\n1:2 --> 3:4\nFel")
    assert webvtt_errors(b"WEBVTT\n\n")  # no captions at all
    assert webvtt_errors("WEBVTT\n".encode("utf-16")) != []


def test_a_film_without_captions_stays_a_draft(organisation, coordinator):
    film = _film(organisation)
    with pytest.raises(
        ApplicationError,
        match="Filmen saknar undertexter och förblir därför ett utkast:",
    ) as error:
        services.film_publish(actor=coordinator, film=film)
    assert "undertexter" in str(error.value)
    film.refresh_from_db()
    assert film.status == Film.Status.DRAFT
    with pytest.raises(
        ApplicationError, match=r"En WebVTT-fil börjar med raden ”WEBVTT”\."
    ):
        services.film_save(
            actor=None,
            organisation=organisation,
            film=film,
            captions=SimpleUploadedFile("fel.vtt", b"inte webvtt"),
            title=film.title,
            video_url=film.video_url,
        )
    services.film_save(
        actor=None,
        organisation=organisation,
        film=film,
        captions=SimpleUploadedFile("text.vtt", VTT),
        title=film.title,
        video_url=film.video_url,
    )
    services.film_publish(actor=coordinator, film=film)
    assert Film.objects.get().status == Film.Status.PUBLISHED


def test_film_address_must_be_http(coordinator_client, organisation):
    response = coordinator_client.post(
        reverse("knowledge:film-create", args=[organisation.slug]),
        {
            "title": "Film",
            "video_url": "javascript:alert(1)",
            "visibility": "signed_in",
        },
    )
    assert response.status_code == 200
    assert "field--error" in response.content.decode()
    assert not Film.objects.exists()


def test_an_official_marks_a_film_watched_and_drafts_are_hidden(
    client, make_user, organisation
):
    from mandat.core.access import Role

    film = _film(organisation, captions_url="https://video.example/text.vtt")
    draft = _film(organisation)
    services.film_publish(actor=None, film=film)
    user = make_user(Role.ELECTED, organisation)
    person = PersonFactory(organisation=organisation, account=user)
    client.force_login(user)
    slug = organisation.slug
    listing = client.get(reverse("knowledge:film-list", args=[slug])).content.decode()
    assert film.title in listing
    assert (
        client.get(reverse("knowledge:film-detail", args=[slug, draft.pk])).status_code
        == 404
    )
    page = client.get(
        reverse("knowledge:film-detail", args=[slug, film.pk])
    ).content.decode()
    assert "youtube-nocookie.com/embed/abcdefghijk" in page
    client.post(reverse("knowledge:film-watched", args=[slug, film.pk]))
    assert person.film_views.filter(film=film).exists()


def test_handbook_markdown_is_sanitised_and_versions_kept(
    coordinator_client, organisation, coordinator
):
    section = HandbookSection.objects.create(organisation=organisation, title="Möten")
    page = services.page_save(
        actor=coordinator,
        section=section,
        title="Digitala sammanträden",
        body="## Före mötet\n\nTesta **tekniken**.\n\n<script>alert(1)</script>"
        "<iframe src='https://x.example'></iframe>",
    )
    html = coordinator_client.get(
        reverse("knowledge:page-detail", args=[organisation.slug, page.pk])
    ).content.decode()
    assert "<strong>tekniken</strong>" in html
    assert "<script>alert" not in html and "<iframe src='https://x" not in html
    services.page_save(
        actor=coordinator,
        section=section,
        page=page,
        title="Digitala sammanträden",
        body="Ny text.",
        note="Uppdaterad efter nya regler",
    )
    revision = page.revisions.get()
    assert revision.body.startswith("## Före mötet")
    assert revision.note == "Uppdaterad efter nya regler"


def test_the_owner_is_reminded_once_when_the_review_is_due(organisation):
    owner = PersonFactory(organisation=organisation)
    section = HandbookSection.objects.create(organisation=organisation, title="Arvoden")
    page = services.page_save(
        actor=None,
        section=section,
        title="Arvoden och ersättningar",
        body="Text",
        owner=owner,
        reviewed_on=datetime.date.today() - datetime.timedelta(days=400),
        review_months=12,
    )
    assert services.reviews_due() == 1
    services.reviews_due()
    message = Message.objects.get(event="knowledge.review_due")
    assert message.to_email == owner.email and page.title in message.subject


def test_a_public_film_is_watchable_without_logging_in(client, organisation):
    public = _film(
        organisation, captions_url="https://video.example/1.vtt", visibility="public"
    )
    inside = _film(organisation, captions_url="https://video.example/2.vtt")
    for film in (public, inside):
        services.film_publish(actor=None, film=film)
    url = reverse("knowledge:public-film", args=[organisation.slug, public.pk])
    assert client.get(url).status_code == 200
    hidden = reverse("knowledge:public-film", args=[organisation.slug, inside.pk])
    assert client.get(hidden).status_code == 404


def test_film_library_and_handbook_run_the_same_queries_at_two_sizes(
    coordinator_client, organisation, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count, start):
        section = HandbookSection.objects.create(
            organisation=organisation, title=f"Avsnitt {start}"
        )
        for number in range(start, start + count):
            film = _film(
                organisation,
                captions_url="https://video.example/x.vtt",
                topics=[],
            )
            services.film_publish(actor=None, film=film)
            services.page_save(
                actor=None, section=section, title=f"Sida {number}", body="Text"
            )

    urls = [
        reverse("knowledge:film-list", args=[organisation.slug]),
        reverse("knowledge:handbook", args=[organisation.slug]),
    ]
    add(2, 0)
    small = []
    for url in urls:
        coordinator_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            coordinator_client.get(url)
        small.append(len(queries.captured_queries))
    add(6, 10)
    for url, count in zip(urls, small, strict=True):
        with django_assert_num_queries(count):
            coordinator_client.get(url)
