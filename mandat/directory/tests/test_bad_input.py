"""Bad input to any list, form or upload gives a page with a message, never a
server error, and changes nothing already saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandat.directory import services
from mandat.directory.models import ImportJob, Person

from .factories import BodyFactory, PartyFactory
from .helpers import register_row, xlsx_bytes

pytestmark = pytest.mark.django_db

junk = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    max_size=60,
)
PARAMETERS = ["q", "kind", "body", "role", "category", "on", "history", "o", "page"]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    name=st.sampled_from(
        [
            "directory:person-list",
            "directory:assignment-list",
            "directory:body-list",
            "core:audit-list",
        ]
    ),
    query=st.dictionaries(st.sampled_from(PARAMETERS), junk, max_size=5),
)
def test_any_filter_values_give_a_page_never_a_server_error(
    administrator, organisation, name, query
):
    client = Client()
    client.force_login(administrator)

    response = client.get(reverse(name, args=[organisation.slug]), query)

    assert response.status_code == 200


def test_upload_without_a_file_is_explained_next_to_the_field(
    coordinator_client, organisation
):
    url = reverse("directory:import-list", args=[organisation.slug])

    response = coordinator_client.post(url, {"end_missing": "on"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["file"] == ["Detta fält måste fyllas i."]
    assert form.errors["end_date"]
    assert ImportJob.objects.count() == 0


def test_a_file_larger_than_the_limit_is_refused(
    coordinator_client, organisation, settings
):
    settings.IMPORT_MAX_BYTES = 1024
    url = reverse("directory:import-list", args=[organisation.slug])

    response = coordinator_client.post(
        url, {"file": SimpleUploadedFile("stor.csv", b"x" * 2048)}
    )

    assert response.status_code == 200
    assert "Filen är större än" in str(response.context["form"].errors["file"])


def test_a_running_import_shows_its_progress_and_polls(
    coordinator_client, organisation, coordinator
):
    job = ImportJob.objects.create(
        organisation=organisation,
        created_by=coordinator,
        filename="stor.xlsx",
        content=b"",
        status=ImportJob.Status.CHECKING,
        rows_total=5000,
        rows_done=1250,
    )
    url = reverse("directory:import-detail", args=[organisation.slug, job.pk])

    partial = coordinator_client.get(url, HTTP_HX_REQUEST="true").content.decode()

    assert 'hx-trigger="every 1s"' in partial
    assert 'value="25"' in partial
    assert "1250 av 5000 rader" in partial
    assert "<html" not in partial


def test_confirming_an_import_twice_writes_it_once(
    coordinator_client, organisation, django_capture_on_commit_callbacks
):
    PartyFactory(organisation=organisation, abbreviation="S")
    BodyFactory(organisation=organisation, name="Socialnämnden")
    job = services.import_job_create(
        actor=None,
        organisation=organisation,
        filename="r.xlsx",
        content=xlsx_bytes([register_row(**{"E-post": "ny@example.se"})]),
    )
    services.import_job_check(job_id=job.pk)
    url = reverse("directory:import-confirm", args=[organisation.slug, job.pk])

    with django_capture_on_commit_callbacks(execute=True):
        first = coordinator_client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        second = coordinator_client.post(url, follow=True)

    assert first.status_code == 302
    assert second.status_code == 200
    assert Person.objects.filter(organisation=organisation).count() == 1
    assert "Endast en kontrollerad fil utan fel kan importeras." in (
        second.content.decode()
    )
