"""The register read on a schedule: a file dropped in a folder, or fetched
from an address over HTTP, imported as an upload is (checked, then all or
nothing), once per new file, with what happened shown on the import page."""

import functools
import http.server
import os
import threading

import pytest
from django.urls import reverse

from mandat.core.models import AuditEntry
from mandat.directory import services
from mandat.directory.models import ImportJob, Person, RegisterSync
from mandat.directory.tests.factories import BodyFactory, PartyFactory

from .helpers import register_row, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(organisation):
    PartyFactory(organisation=organisation, name="Socialdemokraterna", abbreviation="S")
    BodyFactory(organisation=organisation, name="Socialnämnden", short_name="SN")
    return organisation


def rows(*ids):
    return [
        register_row(**{"Register-id": str(n), "E-post": f"p{n}@example.se"})
        for n in ids
    ]


def tick(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.register_syncs_due()


def test_a_file_dropped_in_the_folder_is_imported_each_night_once(
    directory, coordinator, tmp_path, django_capture_on_commit_callbacks
):
    services.register_sync_save(
        actor=coordinator,
        organisation=directory,
        enabled=True,
        source=str(tmp_path),
        end_missing=False,
        apply_automatically=True,
    )
    older = tmp_path / "register-2026-10.xlsx"
    older.write_bytes(xlsx_bytes(rows(1)))
    os.utime(older, (1_700_000_000, 1_700_000_000))
    (tmp_path / "register-2026-11.xlsx").write_bytes(xlsx_bytes(rows(1, 2, 3)))
    (tmp_path / "notes.txt").write_text("not a register")

    assert tick(django_capture_on_commit_callbacks) == 1

    job = ImportJob.objects.get()
    assert (job.filename, job.status, job.automatic) == (
        "register-2026-11.xlsx",
        ImportJob.Status.APPLIED,
        True,
    )
    assert Person.objects.filter(organisation=directory).count() == 3
    sync = RegisterSync.objects.get()
    assert sync.last_job == job
    # The same file the next night: nothing imported again.
    tick(django_capture_on_commit_callbacks)
    sync.refresh_from_db()
    assert ImportJob.objects.count() == 1
    assert sync.last_outcome == "Oförändrad sedan förra filen: inget att importera."


def test_a_file_with_errors_is_checked_and_not_imported(
    directory, coordinator, tmp_path, django_capture_on_commit_callbacks
):
    services.register_sync_save(
        actor=coordinator,
        organisation=directory,
        enabled=True,
        source=str(tmp_path),
        apply_automatically=True,
    )
    bad = rows(1)
    bad[0]["Parti"] = "Inget sådant parti"
    (tmp_path / "register.xlsx").write_bytes(xlsx_bytes(bad))

    tick(django_capture_on_commit_callbacks)

    assert ImportJob.objects.get().status == ImportJob.Status.REJECTED
    assert not Person.objects.filter(organisation=directory).exists()


def test_the_register_is_fetched_from_an_address(
    directory, coordinator, tmp_path, django_capture_on_commit_callbacks
):
    (tmp_path / "register.xlsx").write_bytes(xlsx_bytes(rows(7, 8)))
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(tmp_path)
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        services.register_sync_save(
            actor=coordinator,
            organisation=directory,
            enabled=True,
            source=f"http://127.0.0.1:{server.server_port}/register.xlsx",
            apply_automatically=True,
        )
        tick(django_capture_on_commit_callbacks)
    finally:
        server.shutdown()
        server.server_close()

    assert set(
        Person.objects.filter(organisation=directory).values_list(
            "register_id", flat=True
        )
    ) == {"7", "8"}


def test_the_coordinator_switches_it_on_from_the_import_page(
    coordinator_client, organisation, tmp_path
):
    url = reverse("directory:register-sync", args=[organisation.slug])

    refused = coordinator_client.post(
        url, {"sync-enabled": "on", "sync-source": "relative/folder"}
    )
    assert refused.status_code == 200
    assert refused.context["sync_form"].errors["source"]

    saved = coordinator_client.post(
        url, {"sync-enabled": "on", "sync-source": str(tmp_path)}
    )
    assert saved.status_code == 302
    sync = RegisterSync.objects.get(organisation=organisation)
    assert sync.enabled and sync.source == str(tmp_path)
    assert AuditEntry.objects.filter(object_type="directory.registersync").exists()
    page = coordinator_client.get(
        reverse("directory:import-list", args=[organisation.slug])
    )
    assert "Läs registret varje natt" in page.content.decode()
