"""Search with Swedish stemming on both databases (this file runs in the
SQLite and the PostgreSQL part of make test), limited to what each user may
see, with bad queries handled."""

import pytest
from django.urls import reverse

from mandat.core.access import Role
from mandat.directory.tests.factories import PersonFactory
from mandat.knowledge import services
from mandat.knowledge.models import HandbookSection
from mandat.meetings import services as meeting_services
from mandat.meetings.tests.factories import at, hold, steering_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(organisation):
    section = HandbookSection.objects.create(organisation=organisation, title="Möten")
    services.page_save(
        actor=None,
        section=section,
        title="Digitala sammanträden",
        body="## Digitalt möte eller hybridmöte\n\nTesta tekniken före mötet.",
    )
    services.page_save(
        actor=None, section=section, title="Jäv", body="Anmäl jäv själv."
    )
    group = steering_group(organisation)
    meeting = meeting_services.meeting_create(
        actor=None,
        group=group,
        starts_at=at("2026-01-23", "13:30"),
        ends_at=at("2026-01-23", "15:00"),
    )
    hold(meeting)
    meeting_services.item_create(
        actor=None,
        meeting=meeting,
        title="Politikerhandboken",
        notes="Styrgruppen vill att handboken tar upp hur man håller möten digitalt.",
    )
    meeting_services.minutes_finalise(actor=None, meeting=meeting)
    return group


def test_digitalt_mote_finds_the_handbook_page_and_the_minutes(
    indexed, coordinator_client, organisation
):
    page = coordinator_client.get(
        reverse("knowledge:search", args=[organisation.slug]) + "?q=digitalt+möte"
    ).content.decode()
    assert "Digitala sammanträden" in page
    assert "Politikerhandboken (Styrgruppen för politikerutbildning" in page
    assert "<mark>digitalt</mark>" in page or "<mark>Digitalt</mark>" in page
    assert "Jäv" not in page.split("search-hits", 1)[1]


def test_everyone_finds_finalised_minutes_and_coordinators_alone_trainings(
    indexed, client, make_user, organisation
):
    from mandat.trainings.services import training_create

    training_create(
        actor=None, organisation=organisation, title="Digitalt möte för presidier"
    )
    official = make_user(Role.ELECTED, organisation)
    PersonFactory(organisation=organisation, account=official)
    client.force_login(official)
    url = reverse("knowledge:search", args=[organisation.slug])
    page = client.get(url + "?q=digitalt+möte").content.decode()
    assert "Digitala sammanträden" in page
    # Finalised minutes are official documents: found, and readable.
    assert "Politikerhandboken" in page
    minutes_url = page.split('href="', 1)[1].split('"', 1)[0]
    hits = [
        line.split('"')[0]
        for line in page.split('<a href="')[1:]
        if "/minutes/" in line.split('"')[0]
    ]
    assert hits and client.get(hits[0]).status_code == 200
    assert minutes_url
    assert "Digitalt möte för presidier" not in page


def test_punctuation_and_huge_queries_get_messages(
    indexed, coordinator_client, organisation
):
    url = reverse("knowledge:search", args=[organisation.slug])
    response = coordinator_client.get(url + "?q=%21%3F%2A%22%28%29")
    assert response.status_code == 200
    assert "minst ett ord" in response.content.decode()
    response = coordinator_client.get(url + "?q=" + "digitalt+" * 2000)
    assert response.status_code == 200
    assert "200 tecknen" in response.content.decode()
    response = coordinator_client.get(url + "?q=jäv&kind=film")
    assert "Anmäl" not in response.content.decode()


def test_reindex_writes_what_was_there_before_search(indexed, organisation):
    from io import StringIO

    from django.core.management import call_command

    from mandat.knowledge.models import SearchEntry

    SearchEntry.objects.all().delete()
    out = StringIO()
    call_command("reindex", org=organisation.slug, stdout=out)
    assert SearchEntry.objects.filter(kind="page").count() == 2
    assert SearchEntry.objects.filter(kind="minutes").exists()
    assert "indexed" in out.getvalue()
